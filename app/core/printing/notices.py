"""Door notices (门贴), notification letters (告知书) and announcements (公告), printed in batch.

    template = get_template(session, "home-quarantine")       # built in, or a user template
    households = find_households(session, Target("building", "3"))
    result = print_notices(session, "supply-pickup", Target("all"), NoticeLayout(), values, out)

A template is a title and a body. The body is plain text, one paragraph a line, with placeholders
in braces — `{户主}`, `{地址}`, `{网格员电话}` … (or their English keys, `{head}`, `{address}`);
`FIELDS` lists them all. Household fields come from the records (the head's name masked as 张*三),
grid fields from the grid and its worker, and the others are given for the print job (dates, time,
place, the community's phone). A value that is not known prints as a blank line to be filled in by
hand — nothing is invented. ID numbers are never printed: any that a user typed into a template or
a value are masked before they reach paper.

Paper: A4 or A5, 1, 2 or 4 notices to a sheet with cut marks; a notice is laid out once on an A4
design page and scaled (2 to a sheet: turned a quarter and scaled by 1/√2, as A-series paper
halves), so every arrangement shows the same lines. An optional Code128 barcode of the household's
code (what a USB scanner at a pickup point reads) sits at the foot.

Speed: notices are drawn straight on a ReportLab canvas, not through platypus. What is the same on
many notices is drawn once per document as a PDF form XObject and placed again on each page: the
frame (header, title, signature, seal place), and each run of paragraphs whose text does not depend
on the household (cached by its final text, so a paragraph naming the grid worker is drawn once per
grid). Text widths are cached per character and wrapped lines per text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.masking import mask_name
from app.core.common.pdf import register_cjk_font
from app.core.common.progress import Progress, no_progress
from app.core.registry.address import building_number
from app.core.registry.address import parse as parse_address
from app.core.registry.idnumber import mask as mask_id_number
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Office, Resident, Tag
from app.db.models_grids import DutyPerson
from app.db.models_printing import NoticeTemplateRecord
from app.errors import InvalidInput

_T = TypeVar("_T")

# --- placeholders --------------------------------------------------------------------------------

HOUSEHOLD, GRID, JOB = "household", "grid", "job"


@dataclass(frozen=True)
class Field:
    """A placeholder: `{zh}` or `{key}` in a template."""

    key: str
    zh: str
    scope: str  # household / grid / job
    en: str
    blank: str = "________"  # printed when the value is not known, to be filled in by hand


DATE_BLANK = "______年____月____日"
FIELDS: tuple[Field, ...] = (
    Field("address", "地址", HOUSEHOLD, "the household's address, e.g. 3栋2单元502室"),
    Field("household_code", "户号", HOUSEHOLD, "the household's code (as on its barcode)"),
    Field("head", "户主", HOUSEHOLD, "the head of the household, masked (张*三)"),
    Field("members", "人数", HOUSEHOLD, "how many residents live there", "____"),
    Field("grid", "网格", GRID, "the household's grid"),
    Field("grid_worker", "网格员", GRID, "the grid's worker (from the roster)"),
    Field("grid_worker_phone", "网格员电话", GRID, "the grid worker's phone", "____________"),
    Field("community", "社区名称", JOB, "this community's name"),
    Field("community_phone", "社区电话", JOB, "this community's phone", "____________"),
    Field("date", "日期", JOB, "the notice's date (default: today)", DATE_BLANK),
    Field("start_date", "开始日期", JOB, "start date (e.g. of home monitoring)", DATE_BLANK),
    Field("end_date", "结束日期", JOB, "end date", DATE_BLANK),
    Field("time", "时间", JOB, "time, e.g. 12月1日 8:00–11:30", "________________"),
    Field("place", "地点", JOB, "place, e.g. 社区服务中心东门", "________________"),
    Field("items", "物资", JOB, "what is handed out", "________________"),
    Field("supplier", "供应商", JOB, "group-purchase supplier", "________________"),
    Field("content", "内容", JOB, "free text (several lines; a | between columns makes a table)"),
)
FIELD_BY_NAME: dict[str, Field] = {f.zh: f for f in FIELDS} | {f.key: f for f in FIELDS}
_PLACEHOLDER = re.compile(r"\{([^{}\n]{1,20})\}")
CONTENT_BLANK = "\n".join(["_" * 44] * 3)


def placeholders(text: str) -> list[str]:
    """The placeholder names used in `text`, in order (known or not)."""
    return [m.group(1).strip() for m in _PLACEHOLDER.finditer(text)]


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in placeholders(text) if name not in FIELD_BY_NAME]


def _fields_in(text: str) -> frozenset[str]:
    return frozenset(FIELD_BY_NAME[n].key for n in placeholders(text) if n in FIELD_BY_NAME)


# an 18-character (or old 15-digit) ID number standing alone in a text
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def scrub(text: str) -> str:
    """Text as it may go on a door notice: ID numbers masked."""
    return _ID_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- templates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeTemplate:
    """A notice's title and body. Built-in ones have `builtin=True` and no `id`."""

    key: str
    name: str
    title: str
    body: str
    builtin: bool = False
    id: int | None = None
    based_on: str | None = None
    updated_at: datetime | None = None

    def unknown(self) -> list[str]:
        return unknown_placeholders(self.title + "\n" + self.body)


_CONTACT = "网格员：{网格员}（{网格}），联系电话：{网格员电话}；社区电话：{社区电话}。"

BUILTIN_TEMPLATES: dict[str, NoticeTemplate] = {
    t.key: t
    for t in (
        NoticeTemplate(
            "home-quarantine",
            "居家健康监测告知书",
            "居家健康监测告知书",
            "{户主}（{地址}）住户：\n"
            "根据疫情防控工作要求，您户自{开始日期}起至{结束日期}止实行居家健康监测。"
            "监测期间请遵守以下事项：\n"
            "1. 每日早晚各测量一次体温，如实向网格员报告本户人员的健康状况；\n"
            "2. 非必要不外出、不聚集，确需外出就医的，请提前告知网格员，途中全程规范佩戴口罩；\n"
            "3. 如出现发热、干咳、乏力、咽痛、嗅（味）觉减退等症状，请立即联系网格员或社区，"
            "不要自行前往药店购药；\n"
            "4. 生活物资、药品和就医需求由社区和网格员协助解决，有困难请及时提出。\n"
            "感谢您的理解、支持与配合！\n" + _CONTACT,
            builtin=True,
        ),
        NoticeTemplate(
            "supply-pickup",
            "物资领取通知",
            "物资领取通知",
            "{户主}（{地址}）住户：\n"
            "社区定于{时间}在{地点}发放{物资}，请您户凭本通知到指定地点领取。\n"
            "1. 每户限领一份，请由一名家庭成员领取，领取时出示本通知（条形码）并签收；\n"
            "2. 请按时段错峰领取，排队时保持一米以上距离，全程佩戴口罩；\n"
            "3. 独居老人、残疾人等行动不便的家庭，请联系网格员，由志愿者送货上门。\n" + _CONTACT,
            builtin=True,
        ),
        NoticeTemplate(
            "testing",
            "检测通知",
            "检测通知",
            "{户主}（{地址}）住户：\n"
            "根据疫情防控工作安排，社区定于{时间}在{地点}组织核酸检测，"
            "请您户 {人数} 名居民按时参加，做到应检尽检、不漏一人。\n"
            "1. 请携带身份证件，全程佩戴口罩，排队时保持一米以上距离；\n"
            "2. 卧床、行动不便等不能到场的居民，请提前联系网格员，由医护人员上门采样；\n"
            "3. 采样前半小时内请勿进食、饮水、吸烟。\n"
            "检测结果如有异常，社区将第一时间与您联系。\n" + _CONTACT,
            builtin=True,
        ),
        NoticeTemplate(
            "announcement",
            "公告",
            "公　告",
            "各位居民：\n{内容}\n特此公告。",
            builtin=True,
        ),
        NoticeTemplate(
            "price",
            "团购价格公示",
            "团购价格公示",
            "各位居民：\n"
            "为保障居民基本生活需要，社区联合{供应商}开展生活物资团购。"
            "现将团购套餐的内容及价格公示如下，接受居民监督：\n"
            "{内容}\n"
            "以上价格含配送到小区的全部费用，不另收取任何费用。如发现质量问题、缺斤少两或"
            "收费与公示不符，请向社区反映，社区将及时核实处理。\n"
            "监督电话：{社区电话}",
            builtin=True,
        ),
    )
}


# --- what is printed on -------------------------------------------------------------------------

TARGET_KINDS = ("all", "grid", "building", "tag", "households", "copies")


@dataclass(frozen=True)
class Target:
    """Which notices: one per household for `all`, a `grid` (code or name), a `building`
    (its number), a `tag` (households with a resident so tagged), `households` (codes or
    addresses such as 3-2-502), or `copies` (that many notices for no household, for a board)."""

    kind: str = "all"
    value: str = ""
    households: tuple[str, ...] = ()
    copies: int = 0

    def describe(self) -> str:
        if self.kind == "all":
            return "全部住户"
        if self.kind == "grid":
            return f"网格 {self.value}"
        if self.kind == "building":
            return f"{self.value}栋"
        if self.kind == "tag":
            return f"标签“{self.value}”"
        if self.kind == "households":
            return f"选定的 {len(self.households)} 户"
        return f"张贴用 {self.copies} 份"


@dataclass(frozen=True)
class HouseholdInfo:
    """What a notice may say about a household (the head's name already masked)."""

    id: int
    code: str
    address_code: str
    address: str
    head: str
    members: int
    grid_id: int | None
    grid_code: str | None
    grid_name: str | None


@dataclass(frozen=True)
class GridWorker:
    name: str
    phone: str | None


@dataclass(frozen=True)
class Households:
    """The households of a target, in address order, with their grids' workers."""

    rows: list[HouseholdInfo]
    workers: dict[int, GridWorker]
    roster_exists: bool


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text) if p)


def _resolve_grid(session: Session, ref: str) -> Grid:
    ref = ref.strip()
    alive = Grid.deleted_at.is_(None)
    grid = session.scalars(select(Grid).where(alive, Grid.code == ref)).first()
    grid = grid or session.scalars(select(Grid).where(alive, Grid.name == ref)).first()
    if grid is None:
        known = "、".join(session.scalars(select(Grid.code).where(alive).order_by(Grid.code)))
        raise InvalidInput(
            f"没有这个网格：{ref}（已有：{known or '无'}）",
            f"No such grid: {ref} (known: {known or 'none'})",
        )
    return grid


def _resolve_building(session: Session, ref: str) -> Building:
    number = building_number(ref) or ref.strip()
    found = session.scalars(
        select(Building).where(Building.deleted_at.is_(None), Building.number == number)
    ).first()
    if found is None:
        raise InvalidInput(f"没有这栋楼：{ref}", f"No such building: {ref}")
    return found


def _resolve_tag(session: Session, ref: str) -> str:
    tag = ref.strip()
    if session.get(Tag, tag) is None:
        known = "、".join(session.scalars(select(Tag.name).order_by(Tag.position)))
        raise InvalidInput(
            f"没有这个标签：{tag}（已有：{known}）", f"No such tag: {tag} (known: {known})"
        )
    return tag


def _household_ids(session: Session, refs: Sequence[str]) -> list[int]:
    """Household ids for codes (H000123) or addresses (3-2-502, 3栋2单元502室), in the order
    given, each once."""
    wanted = [r.strip() for r in refs if r.strip()]
    alive = Household.deleted_at.is_(None)
    by_code: dict[str, int] = {}
    for chunk in _chunks(wanted, 900):
        for code, hid in session.execute(
            select(Household.code, Household.id).where(alive, Household.code.in_(chunk))
        ):
            by_code[code] = hid
    codes: dict[str, str] = {}
    for ref in wanted:
        if ref not in by_code:
            parsed = parse_address(ref)
            if parsed is not None:
                codes[ref] = parsed.code
    by_address: dict[str, int] = {}
    for chunk in _chunks(sorted(set(codes.values())), 900):
        for code, hid in session.execute(
            select(Household.address_code, Household.id).where(
                alive, Household.address_code.in_(chunk)
            )
        ):
            by_address[code] = hid
    ids: list[int] = []
    seen: set[int] = set()
    missing: list[str] = []
    for ref in wanted:
        hid = by_code.get(ref)
        if hid is None and ref in codes:
            hid = by_address.get(codes[ref])
        if hid is None:
            missing.append(ref)
        elif hid not in seen:
            seen.add(hid)
            ids.append(hid)
    if missing:
        shown = "、".join(missing[:5]) + ("…" if len(missing) > 5 else "")
        raise InvalidInput(
            f"找不到这些住户：{shown}", f"No such households: {', '.join(missing[:5])}"
        )
    return ids


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def find_households(session: Session, target: Target) -> Households:
    """The households `target` names, in address order (building, unit, room)."""
    if target.kind not in TARGET_KINDS:
        raise InvalidInput(f"未知的打印范围：{target.kind}", f"Unknown target: {target.kind}")
    workers, roster = grid_workers(session)
    if target.kind == "copies":
        return Households([], workers, roster)
    stmt = (
        select(
            Household.id,
            Household.code,
            Household.address_code,
            Household.unit,
            Household.room,
            Building.number,
            Household.grid_id,
            Grid.code,
            Grid.name,
        )
        .join(Building, Household.building_id == Building.id)
        .outerjoin(Grid, Household.grid_id == Grid.id)
        .where(Household.deleted_at.is_(None))
    )
    if target.kind == "grid":
        stmt = stmt.where(Household.grid_id == _resolve_grid(session, target.value).id)
    elif target.kind == "building":
        stmt = stmt.where(Household.building_id == _resolve_building(session, target.value).id)
    elif target.kind == "tag":
        tag = _resolve_tag(session, target.value)
        stmt = stmt.where(
            Household.id.in_(
                select(Resident.household_id).where(
                    Resident.deleted_at.is_(None),
                    Resident.status == "active",
                    Resident.tags.like(f"%,{tag},%"),
                )
            )
        )
    conn = session.connection()
    if target.kind == "households":
        ids = _household_ids(session, target.households)
        if not ids:
            raise InvalidInput("没有选定住户。", "No households were chosen.")
        rows: list[Any] = []
        for chunk in _chunks(ids, 900):
            rows.extend(conn.execute(stmt.where(Household.id.in_(chunk))).all())
    else:
        rows = list(conn.execute(stmt).all())
    if not rows:
        raise InvalidInput(
            f"{target.describe()}没有住户，未生成通知。",
            f"No households in the target ({target.kind} {target.value}); nothing was printed.",
        )
    wanted = {r[0] for r in rows}
    heads: dict[int, str] = {}
    counts: dict[int, int] = {}
    few = len(wanted) <= 500
    head_stmt = select(Resident.household_id, Resident.name).where(
        Resident.deleted_at.is_(None), Resident.is_head
    )
    count_stmt = (
        select(Resident.household_id, func.count())
        .where(Resident.deleted_at.is_(None), Resident.status == "active")
        .group_by(Resident.household_id)
    )
    if few:
        head_stmt = head_stmt.where(Resident.household_id.in_(wanted))
        count_stmt = count_stmt.where(Resident.household_id.in_(wanted))
    for hid, name in conn.execute(head_stmt):
        if hid in wanted:
            heads[hid] = name
    for hid, n in conn.execute(count_stmt):
        if hid in wanted:
            counts[hid] = n
    buildings: dict[str, tuple[Any, ...]] = {}
    keyed = []
    for r in rows:
        b = buildings.get(r[5])
        if b is None:
            b = buildings[r[5]] = _natural(r[5])
        room = r[4]
        keyed.append(((b, r[3], (int(room),) if room.isdigit() else _natural(room)), r))
    keyed.sort(key=lambda pair: pair[0])
    out = [
        HouseholdInfo(
            id=r[0],
            code=r[1],
            address_code=r[2],
            address=f"{r[5]}栋{r[3]}单元{r[4]}室",
            head=mask_name(heads.get(r[0])),
            members=counts.get(r[0], 0),
            grid_id=r[6],
            grid_code=r[7],
            grid_name=r[8],
        )
        for _key, r in keyed
    ]
    return Households(out, workers, roster)


MAX_WORKERS_SHOWN = 2


def grid_workers(session: Session) -> tuple[dict[int, GridWorker], bool]:
    """Each grid's workers from the roster of people on duty (网格员; a grid with none shows its
    网格长), and whether the roster holds any grid worker at all. Up to two names are shown, with
    the phones recorded for them; a grid with none recorded is left blank on the notices."""
    rows = session.execute(
        select(DutyPerson.grid_id, DutyPerson.role, DutyPerson.name, DutyPerson.phone)
        .where(
            DutyPerson.deleted_at.is_(None),
            DutyPerson.status == "active",
            DutyPerson.grid_id.is_not(None),
            DutyPerson.role.in_(("grid_worker", "grid_leader")),
        )
        .order_by(DutyPerson.id)
    ).all()
    per: dict[int, dict[str, list[tuple[str, str | None]]]] = {}
    for grid_id, role, name, phone in rows:
        per.setdefault(grid_id, {}).setdefault(role, []).append((name, phone))
    out: dict[int, GridWorker] = {}
    for grid_id, roles in per.items():
        people = (roles.get("grid_worker") or roles.get("grid_leader") or [])[:MAX_WORKERS_SHOWN]
        phones = [p for _n, p in people if p]
        out[grid_id] = GridWorker("、".join(n for n, _p in people), "、".join(phones) or None)
    return out, bool(rows)


@dataclass(frozen=True)
class TargetChoices:
    """What the window offers to print for, and the office's name and phone."""

    grids: list[tuple[str, str]]  # (code, name)
    buildings: list[str]
    tags: list[str]
    community: str
    community_phone: str | None


def target_choices(session: Session) -> TargetChoices:
    grids = [
        (c, n)
        for c, n in session.execute(
            select(Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        )
    ]
    buildings = sorted(
        session.scalars(select(Building.number).where(Building.deleted_at.is_(None))),
        key=_natural,
    )
    tags = list(session.scalars(select(Tag.name).order_by(Tag.position, Tag.name)))
    office = session.get(Office, 1)
    return TargetChoices(
        grids,
        buildings,
        tags,
        office.name if office else "",
        office.phone if office else None,
    )


# --- values of a print job -----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeValues:
    """What a print job fills in that the records do not hold. `community_phone` defaults to the
    office's phone as recorded; a value left empty prints as a blank line."""

    issued: date | None = None  # the notice's date ({日期}); None: today
    start_date: date | None = None
    end_date: date | None = None
    time: str = ""
    place: str = ""
    items: str = ""
    supplier: str = ""
    content: str = ""
    community_phone: str = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> NoticeValues:
        """From `{name: text}` where a name is a placeholder's Chinese name or key (the CLI's
        `--set 地点=社区服务中心`). Dates as 2026-12-01."""
        from app.core.meetings.minutes import parse_date

        kwargs: dict[str, Any] = {}
        for name, raw in values.items():
            f = FIELD_BY_NAME.get(name.strip())
            if f is None or f.scope != JOB or f.key == "community":
                settable = "、".join(
                    x.zh for x in FIELDS if x.scope == JOB and x.key != "community"
                )
                raise InvalidInput(
                    f"不能设置“{name}”；可设置：{settable}",
                    f"Cannot set '{name}'; settable: "
                    + ", ".join(x.key for x in FIELDS if x.scope == JOB and x.key != "community"),
                )
            if f.key in ("date", "start_date", "end_date"):
                attribute = "issued" if f.key == "date" else f.key
                kwargs[attribute] = parse_date(raw, f.zh, f.en) if raw.strip() else None
            else:
                kwargs[f.key] = raw
        return cls(**kwargs)


@dataclass(frozen=True)
class NoticeLayout:
    paper: str = "A4"  # A4 / A5
    per_sheet: int = 1  # 1 / 2 / 4
    barcode: bool | None = None  # None: when the template names the household
    cut_marks: bool = True

    def validate(self) -> None:
        if self.paper not in PAPER:
            raise InvalidInput(
                f"纸张应为 A4 或 A5：{self.paper}", f"Paper must be A4 or A5: {self.paper}"
            )
        if self.per_sheet not in (1, 2, 4):
            raise InvalidInput(
                f"每张纸应印 1、2 或 4 份：{self.per_sheet}",
                f"Notices per sheet must be 1, 2 or 4: {self.per_sheet}",
            )

    @property
    def scale(self) -> float:
        """How large a notice prints relative to the A4 design."""
        half = math.sqrt(0.5)  # A5 is A4 scaled by 1/√2
        base = 1.0 if self.paper == "A4" else half
        return base * {1: 1.0, 2: half, 4: 0.5}[self.per_sheet]

    @property
    def body_points(self) -> float:
        """The body text's size on paper, in points."""
        return BODY_SIZES[0] * self.scale


@dataclass(frozen=True)
class NoticeResult:
    path: Path | None
    notices: int
    pages: int
    template: str
    warnings: list[tuple[str, str]] = field(default_factory=list)


# --- measuring and wrapping ----------------------------------------------------------------------

_NO_LINE_START = set("，。、；：！？）】》」』〕〉”’…—·％,.;:!?)]}%")
_NO_LINE_END = set("（【《「『〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9@#&_+\-./:%*]+|\s|.", re.S)


class Typesetter:
    """Character widths of the font (cached per character) and wrapping (cached per text).

    Lines break between CJK characters; runs of Latin letters and digits stay whole; a closing
    punctuation mark never starts a line (it hangs past the edge) and an opening one never ends
    one."""

    def __init__(self, font: str) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.font = font
        face = pdfmetrics.getFont(font).face
        self._face_widths: dict[int, float] = face.charWidths
        self._default = float(face.defaultWidth)
        self._widths: dict[str, float] = {}
        self._wraps: dict[tuple[str, float, float, float], tuple[str, ...]] = {}

    def width(self, text: str, size: float) -> float:
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get(ch)
            if w is None:
                w = self._face_widths.get(ord(ch), self._default) / 1000.0
                widths[ch] = w
            total += w
        return total * size

    def wrap(self, text: str, size: float, width: float, indent: float = 0.0) -> tuple[str, ...]:
        key = (text, size, width, indent)
        got = self._wraps.get(key)
        if got is None:
            got = tuple(self._wrap(text, size, width, indent))
            if len(self._wraps) > 20_000:
                self._wraps.clear()
            self._wraps[key] = got
        return got

    def _wrap(self, text: str, size: float, width: float, indent: float) -> Iterator[str]:
        line: list[str] = []
        used = indent
        for token in _TOKEN.findall(text):
            w = self.width(token, size)
            if not line and token.isspace():
                continue
            if used + w <= width + 0.01 or not line:
                if w > width and len(token) > 1:  # a long Latin run: split it anywhere
                    for ch in token:
                        cw = self.width(ch, size)
                        if used + cw > width + 0.01 and line:
                            yield "".join(line)
                            line, used = [], 0.0
                        line.append(ch)
                        used += cw
                    continue
                line.append(token)
                used += w
                continue
            if token[0] in _NO_LINE_START:
                line.append(token)  # hangs past the edge rather than starting a line
                used += w
                continue
            carried: list[str] = []
            while line and line[-1] and line[-1][-1] in _NO_LINE_END and len(line) > 1:
                carried.insert(0, line.pop())
            yield "".join(line).rstrip()
            line = [*carried, token] if not token.isspace() else carried
            used = self.width("".join(line), size)
        if line:
            yield "".join(line).rstrip()


# --- the design of a notice (an A4 page, in points) ---------------------------------------------

MM = 72 / 25.4
DESIGN_W, DESIGN_H = 210 * MM, 297 * MM
PAPER = {"A4": (210 * MM, 297 * MM), "A5": (148 * MM, 210 * MM)}
MARGIN_X = 20 * MM
TOP = 15 * MM
BOTTOM = 13 * MM
BODY_W = DESIGN_W - 2 * MARGIN_X
HEADER_SIZE = 17.0
TITLE_SIZE = 32.0
HEADER_Y = DESIGN_H - TOP - HEADER_SIZE  # baseline of the community's name
RULE_Y = HEADER_Y - 11
TITLE_Y = RULE_Y - 20 - TITLE_SIZE
BODY_TOP = TITLE_Y - 18
SEAL_X = DESIGN_W - MARGIN_X - 92  # centre of the signature and of the seal's place
NAME_Y = BOTTOM + 92
DATE_Y = NAME_Y - 27
BARCODE_X, BARCODE_Y = MARGIN_X, BOTTOM + 22
SEAL_LABEL = "（盖章处）"
SEAL_R = 54.0  # the seal's circle, where the community's name and the date are written
SEAL_MIN_SIZE = 8.0
FOOTER_H = 150.0  # signature, seal place, barcode
BODY_BOTTOM = BOTTOM + FOOTER_H
BODY_SIZES = (16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0)
LEADING = 1.72
PARA_GAP = 0.35  # extra space after a paragraph, in lines of the body size
RED = (0.70, 0.15, 0.12)
BARCODE_MODULE = 1.4  # narrowest bar, in points at A4 size (0.49 mm)
BARCODE_HEIGHT = 38.0
_TABLE_SPLIT = re.compile(r"\s*[|｜\t]\s*")


def _is_table_row(line: str) -> bool:
    return "|" in line or "｜" in line or "\t" in line


@dataclass(frozen=True)
class Line:
    """A line of text as drawn: x and baseline y in design points, size, text."""

    x: float
    y: float
    size: float
    text: str


@dataclass
class _Block:
    """Paragraphs laid out at a body size, relative to the block's top-left corner."""

    lines: list[Line]
    rules: list[tuple[float, float, float, float]]  # table grid lines (x1, y1, x2, y2)
    height: float
    dynamic: bool  # depends on the household: drawn on every notice
    key: tuple[str, ...]  # the texts it shows (the cache key of a static block)


class _Compiled:
    """A template prepared for a job: paragraphs with the fields they use."""

    def __init__(self, template: NoticeTemplate) -> None:
        self.template = template
        self.title_source = template.title.strip()
        self.paragraphs = [
            (line, _fields_in(line)) for line in template.body.replace("\r", "").split("\n")
        ]
        self.uses: frozenset[str] = frozenset().union(
            _fields_in(self.title_source), *(f for _l, f in self.paragraphs)
        )
        self.names_household = any(FIELD_BY_NAME[k].scope == HOUSEHOLD for k in self.uses)


def _fill(text: str, values: Mapping[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        f = FIELD_BY_NAME.get(m.group(1).strip())
        if f is None:
            return m.group(0)
        return values.get(f.key) or (CONTENT_BLANK if f.key == "content" else f.blank)

    return scrub(_PLACEHOLDER.sub(one, text))


class _Layouter:
    """Lays out the body of a notice: per household only what depends on the household."""

    def __init__(self, setter: Typesetter, compiled: _Compiled) -> None:
        self.setter = setter
        self.compiled = compiled
        self._static: dict[tuple[tuple[str, ...], float], _Block] = {}

    def body(self, values: Mapping[str, str]) -> tuple[float, list[_Block]]:
        """The blocks of the body and the size that fits (the largest of BODY_SIZES)."""
        texts = self._texts(values)
        room = BODY_TOP - BODY_BOTTOM
        blocks: list[_Block] = []
        for size in BODY_SIZES:
            blocks = self._blocks(texts, size)
            if sum(b.height for b in blocks) <= room:
                return size, blocks
        return BODY_SIZES[-1], blocks  # the smallest size; the rest is cut at the footer

    def _texts(self, values: Mapping[str, str]) -> list[tuple[str, bool, bool]]:
        """(paragraph text, depends on the household, is the salutation)"""
        out: list[tuple[str, bool, bool]] = []
        for i, (line, used) in enumerate(self.compiled.paragraphs):
            dynamic = any(FIELD_BY_NAME[k].scope == HOUSEHOLD for k in used)
            filled = _fill(line, values) if used or "{" in line else scrub(line)
            parts = filled.split("\n")
            for j, part in enumerate(parts):
                salutation = i == 0 and j == 0 and part.rstrip().endswith(("：", ":"))
                out.append((part, dynamic, salutation))
        return out

    def _blocks(self, texts: list[tuple[str, bool, bool]], size: float) -> list[_Block]:
        """Consecutive paragraphs of the same kind (household or not) make one block."""
        blocks: list[_Block] = []
        run: list[tuple[str, bool]] = []
        run_dynamic: bool | None = None
        for text, dynamic, salutation in texts:
            if run and dynamic != run_dynamic:
                blocks.append(self._block(run, size, bool(run_dynamic)))
                run = []
            run.append((text, salutation))
            run_dynamic = dynamic
        if run:
            blocks.append(self._block(run, size, bool(run_dynamic)))
        return blocks

    def _block(self, run: list[tuple[str, bool]], size: float, dynamic: bool) -> _Block:
        key = tuple(("§" if s else "") + t for t, s in run)
        if not dynamic:
            got = self._static.get((key, size))
            if got is not None:
                return got
        block = self._lay(run, size, dynamic, key)
        if not dynamic:
            if len(self._static) > 5000:
                self._static.clear()
            self._static[(key, size)] = block
        return block

    def _lay(
        self, run: list[tuple[str, bool]], size: float, dynamic: bool, key: tuple[str, ...]
    ) -> _Block:
        leading = size * LEADING
        lines: list[Line] = []
        rules: list[tuple[float, float, float, float]] = []
        y = 0.0  # top of the next line, downwards from the block's top (negative)
        i = 0
        while i < len(run):
            text, salutation = run[i]
            if _is_table_row(text):
                rows = []
                while i < len(run) and _is_table_row(run[i][0]):
                    rows.append([c for c in _TABLE_SPLIT.split(run[i][0].strip(" |｜"))])
                    i += 1
                y = self._table(rows, size, y, lines, rules)
                continue
            i += 1
            if not text.strip():
                y -= leading * 0.5
                continue
            indent = 0.0 if salutation else 2 * size
            wrapped = self.setter.wrap(text.strip(), size, BODY_W, indent)
            for n, part in enumerate(wrapped):
                baseline = y - (leading + size * 0.72) / 2
                lines.append(Line(indent if n == 0 else 0.0, baseline, size, part))
                y -= leading
            y -= size * PARA_GAP
        return _Block(lines, rules, -y, dynamic, key)

    def _table(
        self,
        rows: list[list[str]],
        size: float,
        y: float,
        lines: list[Line],
        rules: list[tuple[float, float, float, float]],
    ) -> float:
        """A ruled table across the body's width; the first row is its header."""
        cols = max(len(r) for r in rows)
        rows = [r + [""] * (cols - len(r)) for r in rows]
        pad = size * 0.4
        natural = [max(self.setter.width(r[c], size) for r in rows) + 2 * pad for c in range(cols)]
        total = sum(natural)
        widths = (
            natural
            if total <= BODY_W
            else [max(w * BODY_W / total, 2 * size + 2 * pad) for w in natural]
        )
        scale = BODY_W / sum(widths)
        widths = [w * scale for w in widths]
        leading = size * 1.45
        y -= size * 0.3
        top = y
        rules.append((0.0, y, BODY_W, y))
        for r, row in enumerate(rows):
            cells = [
                self.setter.wrap(text, size, widths[c] - 2 * pad) for c, text in enumerate(row)
            ]
            height = max(1, *(len(c) for c in cells)) * leading + pad
            x = 0.0
            for c, wrapped in enumerate(cells):
                for n, part in enumerate(wrapped):
                    baseline = y - pad / 2 - n * leading - (leading + size * 0.72) / 2
                    lines.append(Line(x + pad, baseline, size, part))
                x += widths[c]
            y -= height
            rules.append((0.0, y, BODY_W, y))
            if r == 0:
                rules.append((0.0, y + 1.0, BODY_W, y + 1.0))  # a double rule under the header
        x = 0.0
        for w in [0.0, *widths]:
            x += w
            rules.append((x, top, x, y))
        return y - size * PARA_GAP * 2


# --- drawing -------------------------------------------------------------------------------------


class NoticeRenderer:
    """Draws notices of one template onto one canvas (one document)."""

    def __init__(
        self,
        canvas: Any,
        template: NoticeTemplate,
        layout: NoticeLayout,
        job: Mapping[str, str],
        setter: Typesetter | None = None,
    ) -> None:
        self.font = register_cjk_font()
        self.canvas = canvas
        self.layout = layout
        self.job = dict(job)
        self.setter = setter or Typesetter(self.font)
        self.compiled = _Compiled(template)
        self.title = _fill(self.compiled.title_source, self.job)  # job fields only (checked)
        self.layouter = _Layouter(self.setter, self.compiled)
        self.overflowed = 0  # notices whose body did not fit even at the smallest size
        self.show_barcode = (
            layout.barcode if layout.barcode is not None else self.compiled.names_household
        )
        self._forms: dict[tuple[tuple[str, ...], float], str] = {}
        self._frame: str | None = None
        self._cuts: str | None = None
        self.sheet_w, self.sheet_h = PAPER[layout.paper]
        self.cells = _cells(layout, self.sheet_w, self.sheet_h)
        self.slot = 0
        self.pages = 0

    # --- sheets and cells ---
    def add(self, values: Mapping[str, str], barcode: str | None) -> None:
        """One notice in the next cell (a new sheet when the last is full)."""
        canvas = self.canvas
        if self.slot == 0:
            self.pages += 1
            if self.layout.per_sheet > 1 and self.layout.cut_marks:
                canvas.doForm(self._cut_form())
        x, y, rotate, scale = self.cells[self.slot]
        canvas.saveState()
        canvas.translate(x, y)
        if rotate:
            canvas.rotate(90)
        if scale != 1.0:
            canvas.scale(scale, scale)
        self.draw(values, barcode)
        canvas.restoreState()
        self.slot += 1
        if self.slot == len(self.cells):
            canvas.showPage()
            self.slot = 0

    def finish(self) -> None:
        if self.slot:
            self.canvas.showPage()
            self.slot = 0

    # --- one notice, in design coordinates ---
    def draw(self, values: Mapping[str, str], barcode: str | None) -> None:
        canvas = self.canvas
        canvas.doForm(self._frame_form())
        merged = {**self.job, **values}
        size, blocks = self.layouter.body(merged)
        top = BODY_TOP
        for block in blocks:
            if top - block.height < BODY_BOTTOM - 1:
                # even the smallest size did not fit: the lines that fit, never over the footer
                self.overflowed += 1
                self._draw_block(block, MARGIN_X, top, floor=BODY_BOTTOM)
                break
            if block.dynamic:
                self._draw_block(block, MARGIN_X, top)
            else:
                name = self._form_for(block, size)
                canvas.saveState()
                canvas.translate(MARGIN_X, top)
                canvas.doForm(name)
                canvas.restoreState()
            top -= block.height
        if barcode and self.show_barcode:
            self._barcode(barcode, values.get("address", ""))

    def _draw_block(self, block: _Block, x: float, top: float, floor: float | None = None) -> None:
        """Draw a block at (x, top); with `floor`, only what lies above it."""
        canvas = self.canvas
        font = self.font
        current = 0.0
        for line in _above(block.lines, top, floor):
            if line.size != current:
                canvas.setFont(font, line.size)
                current = line.size
            canvas.drawString(x + line.x, top + line.y, line.text)
        if block.rules:
            canvas.setLineWidth(0.7)
            for x1, y1, x2, y2 in block.rules:
                if floor is None or min(top + y1, top + y2) >= floor:
                    canvas.line(x + x1, top + y1, x + x2, top + y2)

    def _form_for(self, block: _Block, size: float) -> str:
        key = (block.key, size)
        name = self._forms.get(key)
        if name is None:
            name = f"nb{len(self._forms)}"
            canvas = self.canvas
            canvas.beginForm(name, -2, -block.height - 2, BODY_W + 40, 2)
            self._draw_block(block, 0.0, 0.0)
            canvas.endForm()
            self._forms[key] = name
        return name

    def _frame_form(self) -> str:
        if self._frame is None:
            self._frame = "nframe"
            canvas = self.canvas
            canvas.beginForm(self._frame, 0, 0, DESIGN_W, DESIGN_H)
            self._draw_frame()
            canvas.endForm()
        return self._frame

    def _draw_frame(self) -> None:
        """What every notice of the job shares: header, title, signature and seal place."""
        canvas = self.canvas
        font = self.font
        community = self.job.get("community", "")
        # header: the community's name in red over a double red rule
        canvas.setFillColorRGB(*RED)
        canvas.setStrokeColorRGB(*RED)
        canvas.setFont(font, HEADER_SIZE)
        canvas.drawCentredString(DESIGN_W / 2, HEADER_Y, community)
        y = RULE_Y
        canvas.setLineWidth(2.2)
        canvas.line(MARGIN_X, y, DESIGN_W - MARGIN_X, y)
        canvas.setLineWidth(0.7)
        canvas.line(MARGIN_X, y - 3.5, DESIGN_W - MARGIN_X, y - 3.5)
        # the title, a little heavier (the font has no bold face: filled and stroked)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        title = self.title
        size = TITLE_SIZE
        while size > 16 and self.setter.width(title, size) > BODY_W:
            size -= 2
        text = canvas.beginText()
        text.setFont(font, size)
        text.setTextRenderMode(2)
        canvas.setLineWidth(size / 40)
        text.setTextOrigin(DESIGN_W / 2 - self.setter.width(title, size) / 2, TITLE_Y)
        text.textOut(title)
        text.setTextRenderMode(0)  # the mode outlives the text object in PDF's graphics state
        canvas.drawText(text)
        # signature: the community's name and the date, with the place for its seal behind
        cx, name_y, date_y = SEAL_X, NAME_Y, DATE_Y
        canvas.saveState()
        canvas.setStrokeColorRGB(0.62, 0.62, 0.62)
        canvas.setFillColorRGB(0.55, 0.55, 0.55)
        canvas.setLineWidth(0.8)
        canvas.setDash(4, 3)
        canvas.circle(cx, name_y - 4, SEAL_R, stroke=1, fill=0)
        canvas.setFont(font, 9)
        canvas.drawCentredString(cx, name_y - 50, SEAL_LABEL)
        canvas.restoreState()
        # the name and the date inside the seal's circle: smaller type where the circle is
        # narrower than the line at its height, and a long name on two lines
        date_text = self.job.get("date", DATE_BLANK)
        lines = [(community, name_y), (date_text, date_y)]
        if self._seal_size(community, name_y) is None:
            half = (len(community) + 1) // 2
            lines = [(community[:half], name_y + 8), (community[half:], name_y - 8)]
            lines.append((date_text, date_y - 4))
        for line, baseline in lines:
            size = self._seal_size(line, baseline) or SEAL_MIN_SIZE
            canvas.setFont(font, size)
            canvas.drawCentredString(cx, baseline, line)

    def _seal_size(self, line: str, baseline: float) -> float | None:
        """The largest type (15 pt down to SEAL_MIN_SIZE) in which `line`, set on `baseline`, lies
        inside the seal's circle; None when even the smallest does not fit."""
        centre = NAME_Y - 4
        size = 15.0
        while size >= SEAL_MIN_SIZE:
            # the farther of the line's top and bottom from the circle's centre
            reach = max(abs(baseline + 0.9 * size - centre), abs(baseline - 0.25 * size - centre))
            chord = 2 * math.sqrt(max(SEAL_R**2 - reach**2, 0.0)) - 4
            if self.setter.width(line, size) <= chord:
                return size
            size -= 0.5
        return None

    def _barcode(self, code: str, address: str) -> None:
        canvas = self.canvas
        x, y = BARCODE_X, BARCODE_Y
        # one path of rectangles in units of the narrowest bar (ReportLab's Code128 encodes;
        # drawing each bar through canvas.rect costs more than all the rest of a notice)
        bars = " ".join(f"{left} 0 {w} 1 re" for left, w in code128_bars(code))
        canvas.addLiteral(
            f"q 0 g {BARCODE_MODULE} 0 0 {BARCODE_HEIGHT} {x:.2f} {y:.2f} cm {bars} f Q"
        )
        canvas.setFont(self.font, 10)
        canvas.drawString(x, y - 14, f"户号 {code}")
        if address:
            canvas.setFont(self.font, 9)
            canvas.drawString(x, y - 26, address)

    def _cut_form(self) -> str:
        if self._cuts is None:
            self._cuts = "ncuts"
            canvas = self.canvas
            w, h = self.sheet_w, self.sheet_h
            canvas.beginForm(self._cuts, 0, 0, w, h)
            canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
            canvas.setLineWidth(0.5)
            canvas.setDash(3, 3)
            canvas.line(0, h / 2, w, h / 2)
            if self.layout.per_sheet == 4:
                canvas.line(w / 2, 0, w / 2, h)
            canvas.setDash()
            canvas.setLineWidth(0.8)
            tick = 6 * MM
            canvas.line(0, h / 2, tick, h / 2)
            canvas.line(w - tick, h / 2, w, h / 2)
            if self.layout.per_sheet == 4:
                canvas.line(w / 2, 0, w / 2, tick)
                canvas.line(w / 2, h - tick, w / 2, h)
            canvas.endForm()
        return self._cuts

    # --- for the benchmark and the tests: the text one notice shows ---
    def lines_of(self, values: Mapping[str, str]) -> list[Line]:
        """Every line of text of one notice, in design coordinates, as drawn: the frame's, the
        body's and the household code under the barcode."""
        merged = {**self.job, **values}
        _size, blocks = self.layouter.body(merged)
        community = self.job.get("community", "")
        title = self.title
        center = DESIGN_W / 2
        width = self.setter.width
        out = [
            Line(center - width(community, HEADER_SIZE) / 2, HEADER_Y, HEADER_SIZE, community),
            Line(center - width(title, TITLE_SIZE) / 2, TITLE_Y, TITLE_SIZE, title),
        ]
        top = BODY_TOP
        for block in blocks:
            fits = top - block.height >= BODY_BOTTOM - 1
            shown = block.lines if fits else _above(block.lines, top, BODY_BOTTOM)
            out.extend(Line(MARGIN_X + ln.x, top + ln.y, ln.size, ln.text) for ln in shown)
            if not fits:
                break
            top -= block.height
        day = self.job.get("date", DATE_BLANK)
        out.append(Line(SEAL_X - width(community, 15) / 2, NAME_Y, 15, community))
        out.append(Line(SEAL_X - width(day, 15) / 2, DATE_Y, 15, day))
        out.append(Line(SEAL_X - width(SEAL_LABEL, 9) / 2, NAME_Y - 50, 9, SEAL_LABEL))
        code = values.get("household_code", "")
        if code and self.show_barcode:
            out.append(Line(BARCODE_X, BARCODE_Y - 14, 10, f"户号 {code}"))
            out.append(Line(BARCODE_X, BARCODE_Y - 26, 9, values.get("address", "")))
        return out


def _above(lines: list[Line], top: float, floor: float | None) -> list[Line]:
    """The lines of a block placed at `top` whose descenders stay above `floor`."""
    if floor is None:
        return lines
    return [ln for ln in lines if top + ln.y - ln.size * 0.25 >= floor]


def code128_bars(code: str) -> list[tuple[int, int]]:
    """The bars of `code` in Code128 (ReportLab's encoder, with its choice of code sets), as
    (left, width) in units of the narrowest bar."""
    from reportlab.graphics.barcode.code128 import Code128

    symbol = Code128(code, humanReadable=False, quiet=False)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    bars: list[tuple[int, int]] = []
    left = 0
    for c in symbol.decomposed:
        if "a" <= c <= "z":
            left += ord(c) - 96
        elif "A" <= c <= "Z":
            w = ord(c) - 64
            bars.append((left, w))
            left += w
    return bars


def _cells(layout: NoticeLayout, w: float, h: float) -> list[tuple[float, float, bool, float]]:
    """Where each notice of a sheet goes: (x, y, turned a quarter, scale), in reading order."""
    if layout.per_sheet == 1:
        return [(0.0, 0.0, False, w / DESIGN_W)]
    if layout.per_sheet == 2:
        scale = (h / 2) / DESIGN_W
        # turned: the design's x runs up the sheet, its y to the left; origin at a cell's
        # bottom-right corner
        return [(w, h / 2, True, scale), (w, 0.0, True, scale)]
    scale = (w / 2) / DESIGN_W
    return [
        (0.0, h / 2, False, scale),
        (w / 2, h / 2, False, scale),
        (0.0, 0.0, False, scale),
        (w / 2, 0.0, False, scale),
    ]


# --- the job -------------------------------------------------------------------------------------


def job_values(session: Session, values: NoticeValues, today: date | None = None) -> dict[str, str]:
    """The job-wide placeholder values (empty where unknown), with the office as recorded."""
    office = session.get(Office, 1)
    return office_job_values(
        office.name if office else "", office.phone if office else None, values, today
    )


def office_job_values(
    community: str, phone: str | None, values: NoticeValues, today: date | None = None
) -> dict[str, str]:
    return {
        "community": community,
        "community_phone": values.community_phone.strip() or (phone or ""),
        "date": chinese_date(values.issued or today or date.today()),
        "start_date": chinese_date(values.start_date) if values.start_date else "",
        "end_date": chinese_date(values.end_date) if values.end_date else "",
        "time": values.time.strip(),
        "place": values.place.strip(),
        "items": values.items.strip(),
        "supplier": values.supplier.strip(),
        "content": values.content.strip("\n"),
    }


def household_values(h: HouseholdInfo, worker: GridWorker | None) -> dict[str, str]:
    return {
        "address": h.address,
        "household_code": h.code,
        "head": h.head,
        "members": str(h.members) if h.members else "",
        "grid": h.grid_name or "",
        "grid_worker": worker.name if worker else "",
        "grid_worker_phone": (worker.phone or "") if worker else "",
    }


def _barcode_value(code: str) -> str | None:
    return code if code and all(32 <= ord(c) < 127 for c in code) else None


def notice_warnings(
    compiled_uses: Iterable[str],
    job: Mapping[str, str],
    found: Households,
    layout: NoticeLayout,
) -> list[tuple[str, str]]:
    """What the user should know before the stack goes to the doors (zh, en)."""
    uses = set(compiled_uses)
    out: list[tuple[str, str]] = []
    if uses & {"grid_worker", "grid_worker_phone"}:
        if not found.roster_exists:
            out.append(
                (
                    "网格员名册尚未建立：通知上的网格员姓名和电话留空，请手写填写。",
                    "No roster of grid workers yet: the worker's name and phone are left blank "
                    "to be written in by hand.",
                )
            )
        else:
            grids = {h.grid_id for h in found.rows if h.grid_id is not None}
            without = sorted(g for g in grids if g not in found.workers)
            if without:
                out.append(
                    (
                        f"{len(without)} 个网格未登记网格员，这些通知上的网格员留空。",
                        f"{len(without)} grids have no worker recorded; left blank there.",
                    )
                )
    if "grid" in uses and any(h.grid_id is None for h in found.rows):
        n = sum(1 for h in found.rows if h.grid_id is None)
        out.append((f"{n} 户未划入网格，网格一栏留空。", f"{n} households have no grid."))
    missing = [
        FIELD_BY_NAME[k].zh
        for k in sorted(uses)
        if FIELD_BY_NAME[k].scope == JOB and not job.get(k)
    ]
    if missing:
        out.append(
            (
                "未填写：" + "、".join(missing) + "（印为空白横线，可手写）。",
                "Not filled in: "
                + ", ".join(FIELD_BY_NAME[FIELD_BY_NAME[m].key].key for m in missing)
                + " (printed as blank lines).",
            )
        )
    if layout.body_points < 7:
        out.append(
            (
                f"正文印出约 {layout.body_points:.1f} 磅，可能难以阅读；建议每张少印几份或用 A4 纸。",
                f"Body text prints at about {layout.body_points:.1f} pt and may be hard to read.",
            )
        )
    return out


def render_notices(
    fh: BinaryIO,
    template: NoticeTemplate,
    found: Households,
    layout: NoticeLayout,
    job: Mapping[str, str],
    *,
    copies: int = 0,
    progress: Progress = no_progress,
) -> Rendered:
    """Draw one notice per household of `found` (or `copies` notices for no household) into
    `fh` as a PDF; returns the number of pages (and of notices cut short)."""
    from reportlab.pdfgen.canvas import Canvas

    layout.validate()
    canvas = Canvas(
        fh,
        pagesize=PAPER[layout.paper],
        pageCompression=1,
        invariant=0,
    )
    canvas.setTitle(template.title)
    canvas.setAuthor(job.get("community", ""))
    canvas.setSubject(template.name)
    canvas.setCreator("GridDesk")
    renderer = NoticeRenderer(canvas, template, layout, job)
    total = len(found.rows) if found.rows else copies
    label = f"{template.name}"
    progress(0, total, label)
    if found.rows:
        workers = found.workers
        for i, h in enumerate(found.rows, 1):
            worker = workers.get(h.grid_id) if h.grid_id is not None else None
            renderer.add(household_values(h, worker), _barcode_value(h.code))
            if i % 200 == 0:
                progress(i, total, label)
    else:
        for i in range(1, copies + 1):
            renderer.add({}, None)
            if i % 200 == 0:
                progress(i, total, label)
    renderer.finish()
    progress(total, total, label)
    with binary_streams():
        canvas.save()
    return Rendered(renderer.pages, renderer.overflowed)


@dataclass(frozen=True)
class Rendered:
    pages: int
    overflowed: int  # notices cut short: the body is too long for the page


def overflow_warning(n: int) -> tuple[str, str]:
    return (
        f"{n} 份通知的正文太长，缩到最小字号仍印不下，超出部分未印出；请精简正文或内容。",
        f"{n} notice(s) have a body too long for the page even at the smallest size; the rest "
        "was left off. Shorten the text.",
    )


@contextmanager
def binary_streams() -> Iterator[None]:
    """Save PDF streams compressed but without ReportLab's ASCII-85 layer (`rl_config.useA85`,
    read when a document is written): the file is 20 % smaller and, with ReportLab's pure-Python
    encoder, written in half the time. Every PDF reader since PDF 1.2 reads binary streams."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def print_notices(
    session: Session,
    template_ref: str | NoticeTemplate,
    target: Target,
    layout: NoticeLayout,
    values: NoticeValues,
    out: Path,
    *,
    progress: Progress = no_progress,
    today: date | None = None,
) -> NoticeResult:
    """Notices for `target` into the PDF `out` (written atomically: whole or not at all)."""
    layout.validate()
    template = (
        template_ref
        if isinstance(template_ref, NoticeTemplate)
        else get_template(session, template_ref)
    )
    if target.kind == "copies" and not 1 <= target.copies <= 1000:
        raise InvalidInput("张贴份数应为 1 到 1000。", "Copies must be 1 to 1000.")
    found = find_households(session, target)
    if template.key == "price" and not values.content.strip():
        values = group_buy_prices(session, values)
    job = job_values(session, values, today)
    warnings = notice_warnings(template_fields(template), job, found, layout)
    rendered = Rendered(0, 0)

    def produce(fh: BinaryIO) -> None:
        nonlocal rendered
        rendered = render_notices(
            fh, template, found, layout, job, copies=target.copies, progress=progress
        )

    path = write_atomically(Path(out), produce)
    if rendered.overflowed:
        warnings.append(overflow_warning(rendered.overflowed))
    notices = len(found.rows) if found.rows else target.copies
    return NoticeResult(path, notices, rendered.pages, template.key, warnings)


def group_buy_prices(session: Session, values: NoticeValues) -> NoticeValues:
    """The `price` notice without a 内容 of its own lists the packages of the current
    group-purchase round, their prices and the reasons for flagged rises (app.core.supplies.group_buy)."""
    from dataclasses import replace

    from app.core.supplies.group_buy import price_notice_content

    filled = price_notice_content(session)
    if filled is None:
        return values
    content, suppliers = filled
    return replace(values, content=content, supplier=values.supplier.strip() or suppliers)


def write_price_notice(
    session: Session, out: Path, round_ref: str | None = None, copies: int = 1
) -> Path:
    """The 团购价格公示 of the (current) group-purchase round as a PDF for the notice board (the
    `price` template, filled from the round's packages)."""
    from app.core.supplies.group_buy import get_round, price_notice_content

    rnd = get_round(session, round_ref)
    filled = price_notice_content(session, rnd.code)
    if filled is None:
        raise InvalidInput(
            f"批次“{rnd.name}”还没有套餐，无可公示", f"The round '{rnd.name}' has no packages yet"
        )
    content, suppliers = filled
    result = print_notices(
        session,
        "price",
        Target("copies", copies=copies),
        NoticeLayout(),
        NoticeValues(content=content, supplier=suppliers),
        Path(out),
    )
    assert result.path is not None
    return result.path


def preview_pdf(
    template: NoticeTemplate, found: Households, layout: NoticeLayout, job: Mapping[str, str]
) -> tuple[bytes, Rendered]:
    """One sheet: the first households of `found` (or notices for no household), as PDF bytes."""
    layout.validate()
    sample = Households(found.rows[: layout.per_sheet], found.workers, found.roster_exists)
    buf = BytesIO()
    rendered = render_notices(buf, template, sample, layout, job, copies=layout.per_sheet)
    return buf.getvalue(), rendered


def template_fields(template: NoticeTemplate) -> frozenset[str]:
    """The keys of the fields a template uses."""
    return _Compiled(template).uses


# --- templates kept in the database --------------------------------------------------------------


def list_templates(session: Session) -> list[NoticeTemplate]:
    """Built-in templates first, then the user's, by name."""
    return [*BUILTIN_TEMPLATES.values(), *_user_templates(session)]


def _user_templates(session: Session) -> list[NoticeTemplate]:
    rows = session.scalars(
        select(NoticeTemplateRecord)
        .where(NoticeTemplateRecord.deleted_at.is_(None))
        .order_by(NoticeTemplateRecord.name)
    )
    return [_from_record(r) for r in rows]


def _from_record(r: NoticeTemplateRecord) -> NoticeTemplate:
    return NoticeTemplate(
        r.code,
        r.name,
        r.title,
        r.body,
        builtin=False,
        id=r.id,
        based_on=r.based_on,
        updated_at=r.updated_at,
    )


MAX_TEMPLATE_NAME = 60
MAX_TEMPLATE_TITLE = 100
MAX_TEMPLATE_BODY = 6000


def _check_template(session: Session, name: str, title: str, body: str, own_id: int | None) -> None:
    if not name or len(name) > MAX_TEMPLATE_NAME:
        raise InvalidInput(
            f"模板名称不能为空，且不超过 {MAX_TEMPLATE_NAME} 字。",
            f"A template's name must be 1-{MAX_TEMPLATE_NAME} characters.",
        )
    if not title or len(title) > MAX_TEMPLATE_TITLE:
        raise InvalidInput(
            f"通知标题不能为空，且不超过 {MAX_TEMPLATE_TITLE} 字。",
            f"The title must be 1-{MAX_TEMPLATE_TITLE} characters.",
        )
    if len(body) > MAX_TEMPLATE_BODY:
        raise InvalidInput(
            f"正文不能超过 {MAX_TEMPLATE_BODY} 字。",
            f"The body must be at most {MAX_TEMPLATE_BODY} characters.",
        )
    per_household = [
        n for n in placeholders(title) if n in FIELD_BY_NAME and FIELD_BY_NAME[n].scope != JOB
    ]
    if per_household:
        raise InvalidInput(
            "标题中不能使用住户或网格的占位符：" + "、".join("{" + n + "}" for n in per_household),
            "The title cannot name the household or the grid: "
            + ", ".join("{" + n + "}" for n in per_household),
        )
    unknown = unknown_placeholders(title + "\n" + body)
    if unknown:
        names = "、".join(x.zh for x in FIELDS)
        raise InvalidInput(
            "模板中有不认识的占位符："
            + "、".join("{" + u + "}" for u in unknown)
            + f"（可用：{names}）",
            "Unknown placeholders: " + ", ".join("{" + u + "}" for u in unknown),
        )
    taken = name in {t.name for t in BUILTIN_TEMPLATES.values()} or session.scalar(
        select(NoticeTemplateRecord.id).where(
            NoticeTemplateRecord.deleted_at.is_(None),
            NoticeTemplateRecord.name == name,
            *([NoticeTemplateRecord.id != own_id] if own_id is not None else []),
        )
    )
    if taken:
        raise InvalidInput(
            f"已有同名模板“{name}”，请换一个名称。", f"A template named '{name}' exists already."
        )


def save_template(
    session: Session,
    name: str,
    title: str,
    body: str,
    *,
    template_id: int | None = None,
    based_on: str | None = None,
) -> NoticeTemplate:
    """Add a user template (`template_id` None) or change one; returns it as saved."""
    name, title = name.strip(), title.strip()
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    _check_template(session, name, title, body, template_id)
    if template_id is None:
        codes = session.scalars(select(NoticeTemplateRecord.code))
        numbers = [int(c[7:]) for c in codes if c.startswith("custom-") and c[7:].isdigit()]
        record = NoticeTemplateRecord(
            code=f"custom-{max(numbers, default=0) + 1}",
            name=name,
            title=title,
            body=body,
            based_on=based_on if based_on in BUILTIN_TEMPLATES else None,
        )
        session.add(record)
    else:
        found = session.get(NoticeTemplateRecord, template_id)
        if found is None or found.deleted_at is not None:
            raise InvalidInput("这个模板已被删除。", "That template has been deleted.")
        record = found
        record.name, record.title, record.body = name, title, body
    session.flush()
    return _from_record(record)


def delete_template(session: Session, template_id: int) -> None:
    """Tombstone a user template (built-in ones cannot be deleted)."""
    record = session.get(NoticeTemplateRecord, template_id)
    if record is None or record.deleted_at is not None:
        raise InvalidInput("这个模板已被删除。", "That template has been deleted.")
    record.deleted_at = utcnow()
    record.delete_reason = "deleted by the user"
    session.flush()


def get_template(session: Session, ref: str) -> NoticeTemplate:
    """A template by its key (home-quarantine, custom-3) or its name (物资领取通知)."""
    ref = ref.strip()
    if ref in BUILTIN_TEMPLATES:
        return BUILTIN_TEMPLATES[ref]
    for t in list_templates(session):
        if ref in (t.key, t.name):
            return t
    keys = "、".join(t.key for t in list_templates(session))
    raise InvalidInput(
        f"没有这个通知模板：{ref}（可用：{keys}）",
        f"No such notice template: {ref} (known: {keys})",
    )


__all__ = [
    "BUILTIN_TEMPLATES",
    "FIELDS",
    "HouseholdInfo",
    "NoticeLayout",
    "NoticeResult",
    "NoticeTemplate",
    "NoticeValues",
    "Target",
    "find_households",
    "get_template",
    "list_templates",
    "print_notices",
]
