"""Notice templates and the fields they name: the placeholders (`FIELDS`, `{户主}` or `{head}`),
the built-in templates (`BUILTIN_TEMPLATES`) and those a user keeps in the database
(`list_templates`, `get_template`, `save_template`, `delete_template`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.registry.idnumber import mask as mask_id_number
from app.db.base import utcnow
from app.db.models_printing import NoticeTemplateRecord
from app.errors import InvalidInput

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


def fields_in(text: str) -> frozenset[str]:
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


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """A text with its placeholders filled from `values` (by key); an unknown value prints as the
    field's blank line, an unknown placeholder as written, and any ID number in it masked."""

    def one(m: re.Match[str]) -> str:
        f = FIELD_BY_NAME.get(m.group(1).strip())
        if f is None:
            return m.group(0)
        return values.get(f.key) or (CONTENT_BLANK if f.key == "content" else f.blank)

    return scrub(_PLACEHOLDER.sub(one, text))


def template_fields(template: NoticeTemplate) -> frozenset[str]:
    """The keys of the fields a template uses."""
    return frozenset().union(
        fields_in(template.title.strip()),
        *(fields_in(line) for line in template.body.replace("\r", "").split("\n")),
    )


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


__all__ = ["BUILTIN_TEMPLATES", "FIELDS", "NoticeTemplate", "get_template", "list_templates"]
