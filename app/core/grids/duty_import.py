"""Importing the roster of people on duty (网格员、志愿者、下沉干部名册) from Excel, WPS or CSV, with the
same care as the residents import — and with its reader and cell normalisation
(`app.core.spreadsheet.read_table`, `app.core.registry.roster_reading.clean_*`, `read_id`, `read_date`):

    plan = analyse_roster(db, path, sheet, default_role=None)   # every problem; nothing written
    apply_roster(db, plan)                                      # one transaction: all or nothing

* The header row is the row among the first 30 that names most known columns; title rows above it
  are skipped. Columns are found by their usual names (姓名, 角色/类别, 联系电话, 网格, 派出单位,
  开始日期, 结束日期, 技能, 可服务时间, 健康状况, 责任区, 编号, 身份证号, 住址, 备注).
* An ID number is read as typed (one stored as a number has lost digits and is rejected) and used
  only to link the person to their resident record; it is not stored on the roster. Without one,
  a name and an address (3-2-502, 3栋2单元502) find the resident.
* A person already on the roster (same code; else the same resident; else the same name and
  phone) is updated, not added again: importing the same file twice changes nothing.
* Totals, counts and signature lines under the roster (合计 | 14 人, 制表人：李四) are not people:
  they are skipped with a warning naming the row (`not_a_person`), told from people as the
  residents import tells them (`roster_rows.footer_reason`).
* Rejected rows never block good ones; row numbers are the spreadsheet's (1-based).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common.masking import mask_phone
from app.core.common.progress import Progress, no_progress
from app.core.grids import duty
from app.core.grids.duty import PersonInput, role_from_text
from app.core.registry import address
from app.core.registry.roster_reading import (
    HEADER_SCAN_ROWS,
    Problem,
    _header_key,
    clean_name,
    clean_phone,
    clean_text,
    read_date,
    read_id,
)
from app.core.registry.roster_rows import footer_reason
from app.core.spreadsheet import Table, read_table
from app.core.trust import scope
from app.db.engine import Database
from app.db.models import Grid, Household, Resident
from app.db.models_grids import DutyPerson
from app.errors import InvalidInput

FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "人员姓名", "名字", "联系人"),
    "role": ("角色", "人员类别", "类别", "身份", "岗位", "职务", "人员类型", "队伍", "分类"),
    "phone": ("联系电话", "手机", "手机号", "手机号码", "电话", "联系方式", "电话号码"),
    "id_number": ("身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码"),
    "address": ("住址", "现住址", "居住地址", "家庭住址", "现居住地址", "门牌"),
    "grid": ("网格", "所属网格", "负责网格", "网格编号", "网格名称", "服务网格"),
    "organisation": (
        "派出单位",
        "工作单位",
        "单位",
        "原单位",
        "所在单位",
        "组织",
        "机构名称",
        "单位名称",
    ),
    "posting_start": ("开始日期", "下沉开始", "下沉日期", "报到日期", "到岗日期", "起始日期"),
    "posting_end": ("结束日期", "下沉结束", "离岗日期", "截止日期", "撤离日期"),
    "skills": ("技能", "特长", "专长", "技能特长"),
    "availability": ("可服务时间", "空闲时间", "服务时间", "可值班时间", "可服务时段"),
    "health": ("健康状况", "身体状况", "健康"),
    "zone": ("责任区", "负责楼栋", "包保楼栋", "责任楼栋", "负责范围", "包保范围"),
    "code": ("编号", "人员编号", "工号", "签到编号"),
    "notes": ("备注", "说明"),
}
LABELS = {f: names[0] for f, names in FIELDS.items()}
# what the second cell of a two-cell row must hold for the row to be a person's (see
# roster_rows.footer_reason): at least so many digits in a cell of these fields
PERSON_DIGITS = {
    "id_number": 10,
    "phone": 7,
    "address": 1,
    "posting_start": 1,
    "posting_end": 1,
    "zone": 1,
}
FREE_TEXT = frozenset({"notes", "skills", "availability", "health", "organisation"})


def match_field(header: Any) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    for fld, names in FIELDS.items():
        if key in names:
            return fld
    for fld, names in FIELDS.items():
        if any(len(n) >= 2 and n in key for n in names):
            return fld
    return None


@dataclass
class Layout:
    header_row: int  # 0-based
    headers: list[str]
    columns: dict[str, int]

    def describe(self) -> dict[str, str]:
        return {f: self.headers[i] for f, i in self.columns.items()}


def find_layout(table: Table) -> Layout:
    best: tuple[int, int] | None = None
    for i, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        fields = {match_field(c) for c in row if clean_text(c)}
        fields.discard(None)
        if "name" in fields and len(fields) >= 2 and (best is None or len(fields) > best[1]):
            best = (i, len(fields))
    if best is None:
        raise InvalidInput(
            f"在前 {HEADER_SCAN_ROWS} 行中找不到表头（至少要有“姓名”一列和另一列已知的列名，"
            f"如“角色”“联系电话”）：{table.path.name}，工作表“{table.sheet}”",
            f"No header row in the first {HEADER_SCAN_ROWS} rows (a 姓名 column and one more "
            f"known column, e.g. 角色 or 联系电话): {table.path.name}, sheet '{table.sheet}'",
        )
    headers = [clean_text(c) for c in table.rows[best[0]]]
    columns: dict[str, int] = {}
    for i, h in enumerate(headers):
        fld = match_field(h)
        if fld is not None and fld not in columns:
            columns[fld] = i
    return Layout(best[0], headers, columns)


@dataclass
class Entry:
    """One good row: the person to add (person_id None) or update."""

    row: int
    data: PersonInput
    person_id: int | None
    changes: list[str] = field(default_factory=list)


@dataclass
class RosterPlan:
    path: Path
    sheet: str
    layout: Layout
    rows_read: int
    entries: list[Entry]
    rejected: list[Problem]
    warnings: list[Problem]

    @property
    def people_added(self) -> int:
        return sum(1 for e in self.entries if e.person_id is None)

    @property
    def people_updated(self) -> int:
        return sum(1 for e in self.entries if e.person_id is not None and e.changes)

    @property
    def changes_anything(self) -> bool:
        return bool(self.people_added or self.people_updated)

    def report(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": str(self.path),
            "sheet": self.sheet,
            "header_row": self.layout.header_row + 1,
            "columns": self.layout.describe(),
            "rows_read": self.rows_read,
            "people_added": self.people_added,
            "people_updated": self.people_updated,
            "people_unchanged": sum(
                1 for e in self.entries if e.person_id is not None and not e.changes
            ),
            "rejected": [p.as_json(lang) for p in self.rejected],
            "warnings": [p.as_json(lang) for p in self.warnings],
        }


def _cell(row: list[Any], layout: Layout, fld: str) -> Any:
    i = layout.columns.get(fld)
    return row[i] if i is not None and i < len(row) else ""


def _grid_lookup(session: Session) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in session.execute(
        select(Grid.code, Grid.name).where(Grid.deleted_at.is_(None))
    ).tuples():
        found[code.upper()] = code
        found[clean_text(name)] = code
        digits = "".join(ch for ch in name if ch.isdigit())
        if digits and name.startswith("第"):
            found.setdefault(f"{int(digits)}", code)
    return found


@dataclass
class _Known:
    """The people on the roster, as an import row may name them."""

    by_code: dict[str, DutyPerson] = field(default_factory=dict)
    by_resident: dict[int, DutyPerson] = field(default_factory=dict)
    by_phone: dict[tuple[str, str], DutyPerson] = field(default_factory=dict)
    by_name_role: dict[tuple[str, str], list[DutyPerson]] = field(default_factory=dict)

    def find(
        self, code: str | None, resident_id: int | None, name: str, phone: str | None, role: str
    ) -> DutyPerson | None:
        """Same code; else the same resident; else the same name and phone; else the one person
        with this name in this role."""
        if code:
            return self.by_code.get(code)
        if resident_id is not None and resident_id in self.by_resident:
            return self.by_resident[resident_id]
        if phone and (name, phone) in self.by_phone:
            return self.by_phone[(name, phone)]
        same = self.by_name_role.get((name, role), [])
        return same[0] if len(same) == 1 else None


def _existing(session: Session) -> _Known:
    known = _Known()
    for p in session.scalars(select(DutyPerson).where(DutyPerson.deleted_at.is_(None))):
        known.by_code[p.code] = p
        if p.resident_id is not None:
            known.by_resident[p.resident_id] = p
        if p.phone:
            known.by_phone[(p.name, p.phone)] = p
        known.by_name_role.setdefault((p.name, p.role), []).append(p)
    return known


def _compare(person_id: int, data: PersonInput, session: Session) -> list[str]:
    """The fields a row would change; an empty cell never erases what is known."""
    old = duty.get_person(session, person_id).to_input()
    if data.zone:
        with suppress(InvalidInput):  # refused with its reason by validate_person
            data.zone = duty.zone_text(duty.parse_zone(session, data.zone))
    changed = []
    for key in (
        "name",
        "role",
        "phone",
        "grid",
        "resident_id",
        "organisation",
        "posting_start",
        "posting_end",
        "availability",
        "health",
        "notes",
        "zone",
    ):
        new = getattr(data, key)
        if new in (None, "") or new == getattr(old, key):
            setattr(data, key, getattr(old, key))
        else:
            changed.append(key)
    skills = duty.split_skills(data.skills)
    if skills and set(skills) - set(old.skills):
        data.skills = sorted(set(skills) | set(old.skills))
        changed.append("skills")
    else:
        data.skills = list(old.skills)
    data.code = old.code
    data.status = old.status
    return changed


def analyse_roster(
    db: Database,
    path: Path,
    sheet: str | None = None,
    *,
    default_role: str | None = None,
    progress: Progress = no_progress,
) -> RosterPlan:
    """Read every row and find every problem; nothing is written."""
    progress(0, 1, "读取文件")
    table = read_table(path, sheet)
    layout = find_layout(table)
    if default_role is not None and default_role not in duty.ROLE_NAMES:
        raise InvalidInput(f"未知的人员类别：{default_role}", f"Unknown role: {default_role}")
    if "role" not in layout.columns and default_role is None:
        raise InvalidInput(
            "名册中没有“角色/类别”列；请加上这一列，或指定整份名册的人员类别（如 --role volunteer）。",
            "The roster has no 角色/类别 column; add one, or give the role of everyone in it "
            "(e.g. --role volunteer).",
        )
    rejected: list[Problem] = []
    warnings: list[Problem] = []
    entries: list[Entry] = []
    rows_read = 0
    with db.reading() as session:
        grids = _grid_lookup(session)
        known = _existing(session)
        seen: dict[str, int] = {}
        total = max(len(table.rows) - layout.header_row - 1, 1)
        for index in range(layout.header_row + 1, len(table.rows)):
            row = table.rows[index]
            if not any(c not in ("", None) and str(c).strip() for c in row):
                continue
            rownum = index + 1
            why = footer_reason(
                row,
                clean_name(_cell(row, layout, "name")),
                layout.columns,
                labels=LABELS,
                digits=PERSON_DIGITS,
                free_text=FREE_TEXT,
            )
            if why is not None:
                warnings.append(
                    Problem(
                        rownum,
                        "not_a_person",
                        f"第 {rownum} 行不是人员记录，已跳过：{why[0]}",
                        f"Row {rownum} is not a person and was skipped: {why[1]}",
                    )
                )
                continue
            rows_read += 1
            if rownum % 200 == 0:
                progress(rownum, total, "检查数据")
            problem = _read_row(
                session,
                row,
                rownum,
                layout,
                grids,
                default_role,
                warnings,
                known,
                seen,
                entries,
            )
            if problem is not None:
                rejected.append(problem)
    rejected.sort(key=lambda p: p.row)
    warnings.sort(key=lambda p: p.row)
    progress(total, total, "检查数据")
    return RosterPlan(path, table.sheet, layout, rows_read, entries, rejected, warnings)


def _reject(row: int, code: str, zh: str, en: str) -> Problem:
    return Problem(row, code, zh, en)


class _Rejected(Exception):
    """A row refused, carrying its problem out of the helper that found it (see `_read_row`)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _refuse(rownum: int, code: str, zh: str, en: str) -> _Rejected:
    return _Rejected(_reject(rownum, code, zh, en))


def _read_row(
    session: Session,
    row: list[Any],
    rownum: int,
    layout: Layout,
    grids: dict[str, str],
    default_role: str | None,
    warnings: list[Problem],
    roster: _Known,
    seen: dict[str, int],
    entries: list[Entry],
) -> Problem | None:
    """One row of the roster checked cell by cell, in the order a clerk fixing the file reads it:
    the first problem refuses the row (returned); warnings are added and the row is kept in
    `entries`, matched to the person it already is on the roster, if any."""
    try:
        data = _read_person(session, row, rownum, layout, grids, default_role, warnings)
        known = roster.find(data.code, data.resident_id, data.name, data.phone, data.role)
        _check_same_person(rownum, data, known, seen)
    except _Rejected as rejected:
        return rejected.problem
    changes = _compare(known.id, data, session) if known is not None else []
    try:
        duty.validate_person(session, data, known.id if known is not None else None)
    except InvalidInput as exc:
        code = "bad_zone" if data.zone and ("责任区" in exc.zh or "楼栋" in exc.zh) else "invalid"
        return _reject(rownum, code, exc.zh, exc.en)
    entries.append(Entry(rownum, data, known.id if known is not None else None, changes))
    return None


def _read_person(
    session: Session,
    row: list[Any],
    rownum: int,
    layout: Layout,
    grids: dict[str, str],
    default_role: str | None,
    warnings: list[Problem],
) -> PersonInput:
    """The row's cells as the person to add or update; `_Rejected` at the first cell that
    cannot be taken."""
    name = clean_name(_cell(row, layout, "name"))
    if not name:
        raise _refuse(rownum, "missing_name", "缺少姓名", "The name is missing")
    if len(name) > duty.MAX_NAME:
        raise _refuse(rownum, "name_too_long", f"姓名过长（{len(name)} 字）", "Name too long")
    role = _read_role(row, rownum, layout, default_role)
    resident_id = _find_resident(session, row, rownum, layout, name, warnings)
    if role in duty.RESIDENT_ROLES and resident_id is None:
        raise _refuse(
            rownum,
            "not_a_resident",
            f"{duty.role_name(role)}要从本社区居民中选定，但找不到此人的居民记录（请填身份证号或住址）",
            f"A {duty.role_name(role, 'en')} must be a resident, and none was found (give the ID "
            "number or the address)",
        )
    grid = _read_grid(row, rownum, layout, grids)
    posting_start, posting_end = _read_posting(row, rownum, layout)
    phone = _read_phone(row, rownum, layout, warnings)
    skills = clean_text(_cell(row, layout, "skills"))
    return PersonInput(
        name=name,
        role=role,
        phone=phone,
        grid=grid,
        resident_id=resident_id,
        organisation=clean_text(_cell(row, layout, "organisation")) or None,
        posting_start=posting_start,
        posting_end=posting_end,
        skills=[skills] if skills else [],
        availability=clean_text(_cell(row, layout, "availability")) or None,
        health=clean_text(_cell(row, layout, "health")) or None,
        zone=clean_text(_cell(row, layout, "zone")) or None,
        code=duty.normalise_code(clean_text(_cell(row, layout, "code"))) or None,
        notes=clean_text(_cell(row, layout, "notes")) or None,
    )


def _read_role(row: list[Any], rownum: int, layout: Layout, default_role: str | None) -> str:
    """The role as written (角色/类别, in the words offices use), or the whole roster's role."""
    role_text = clean_text(_cell(row, layout, "role"))
    role = role_from_text(role_text) if role_text else default_role
    if role is None:
        raise _refuse(
            rownum,
            "unknown_role",
            f"人员类别“{role_text}”无法识别（可写：{'、'.join(zh for zh, _ in duty.ROLE_NAMES.values())}）",
            f"Unknown role '{role_text}' (one of: {', '.join(en for _, en in duty.ROLE_NAMES.values())})",
        )
    return role


def _find_resident(
    session: Session,
    row: list[Any],
    rownum: int,
    layout: Layout,
    name: str,
    warnings: list[Problem],
) -> int | None:
    """The resident this person is, if they live here: by ID number (which the roster does not
    keep), else by name at the address. Not finding one is only a warning here; the roles that
    must be residents are refused by the caller."""
    id_cell = read_id(_cell(row, layout, "id_number"))
    if id_cell.problem is not None:
        raise _refuse(rownum, *id_cell.problem)
    addr_text = clean_text(_cell(row, layout, "address"))
    if id_cell.number is not None:
        resident_id = session.scalar(
            select(Resident.id).where(
                Resident.id_number == id_cell.number, Resident.deleted_at.is_(None)
            )
        )
        if resident_id is None:
            warnings.append(
                Problem(
                    rownum,
                    "not_a_resident",
                    "身份证号不在本社区居民中，未关联居民记录（身份证号不保存在名册里）",
                    "The ID number is not a resident's here; not linked (ID numbers are not kept "
                    "on the roster)",
                )
            )
        return resident_id
    if not addr_text:
        return None
    parsed = address.parse(addr_text)
    if parsed is None:
        raise _refuse(
            rownum,
            "bad_address",
            f"住址无法识别（应为“3栋2单元502”或“3-2-502”）：{addr_text}",
            f"Address not understood (3栋2单元502 or 3-2-502 expected): {addr_text}",
        )
    ids = list(
        session.scalars(
            select(Resident.id)
            .join(Household, Household.id == Resident.household_id)
            .where(
                Household.address_code == parsed.code,
                Household.deleted_at.is_(None),
                Resident.name == name,
                Resident.deleted_at.is_(None),
            )
        )
    )
    if len(ids) == 1:
        return ids[0]
    warnings.append(
        Problem(
            rownum,
            "not_a_resident",
            f"{parsed.code} 没有名为 {name} 的居民，未关联居民记录",
            f"No resident named {name} at {parsed.code}; not linked",
        )
    )
    return None


def _read_grid(row: list[Any], rownum: int, layout: Layout, grids: dict[str, str]) -> str | None:
    """The grid's code, from its code or its name as written; None when the cell is empty."""
    grid_text = clean_text(_cell(row, layout, "grid"))
    if not grid_text:
        return None
    grid = grids.get(grid_text.upper()) or grids.get(grid_text)
    if grid is None:
        raise _refuse(
            rownum, "unknown_grid", f"没有这个网格：{grid_text}", f"No such grid: {grid_text}"
        )
    return grid


def _read_posting(row: list[Any], rownum: int, layout: Layout) -> tuple[date | None, date | None]:
    """The posting's start and end dates (a sent-down cadre's 下沉 period), either may be empty,
    the end not before the start."""
    dates: dict[str, date | None] = {}
    for fld, zh in (("posting_start", "开始日期"), ("posting_end", "结束日期")):
        raw = _cell(row, layout, fld)
        value = read_date(raw)
        if value is None and clean_text(raw):
            raise _refuse(
                rownum,
                "bad_date",
                f"{zh}无法识别（应为 2026-11-29 这样的日期）：{clean_text(raw)}",
                f"Date not understood (2026-11-29 expected): {clean_text(raw)}",
            )
        dates[fld] = value
    start, end = dates["posting_start"], dates["posting_end"]
    if start and end and end < start:
        raise _refuse(
            rownum,
            "posting_dates",
            f"结束日期 {end} 早于开始日期 {start}",
            f"The end date {end} is before the start {start}",
        )
    return start, end


def _read_phone(row: list[Any], rownum: int, layout: Layout, warnings: list[Problem]) -> str | None:
    """The phone number, kept as written even when its form looks wrong (a warning then, with the
    number masked: warnings are shown and logged)."""
    phone = clean_phone(_cell(row, layout, "phone")) or None
    if phone is not None and not duty.phone_looks_valid(phone):
        warnings.append(
            Problem(
                rownum,
                "phone_format",
                f"电话号码格式不对，已照原样保存：{mask_phone(phone)}",
                f"Phone number in an unexpected format, kept as written: {mask_phone(phone)}",
            )
        )
    return phone


def _check_same_person(
    rownum: int, data: PersonInput, known: DutyPerson | None, seen: dict[str, int]
) -> None:
    """Refuse a code that names someone else on the roster, and a second row for the person an
    earlier row already named (by code, roster entry, resident, name and phone, or name and
    role, whichever is known first); remember this row's person in `seen`."""
    code, name, phone = data.code, data.name, data.phone
    if known is not None and code and known.name != name:
        raise _refuse(
            rownum,
            "code_taken",
            f"编号 {code} 已属于 {known.name}",
            f"The code {code} belongs to {known.name}",
        )
    key = (
        f"code:{code}"
        if code
        else f"person:{known.id}"
        if known is not None
        else f"resident:{data.resident_id}"
        if data.resident_id is not None
        else f"phone:{name}:{phone}"
        if phone
        else f"name:{name}:{data.role}"
    )
    if key in seen:
        raise _refuse(
            rownum,
            "duplicate_in_file",
            f"与第 {seen[key]} 行是同一个人：{name}",
            f"Same person as row {seen[key]}: {name}",
        )
    seen[key] = rownum


@dataclass(frozen=True)
class RosterImportResult:
    added: int
    updated: int
    codes: list[str]


def apply_roster(
    db: Database, plan: RosterPlan, progress: Progress = no_progress
) -> RosterImportResult:
    """Write the plan in one transaction: every good row, or (on any error) nothing."""
    codes: list[str] = []
    added = updated = 0
    todo = [e for e in plan.entries if e.person_id is None or e.changes]
    with db.session(note=f"roster import {plan.path.name}") as session:
        scope.whole_register(session, duty.ROSTER)
        for i, entry in enumerate(todo):
            if i % 50 == 0:
                progress(i, len(todo), "写入")
            if entry.person_id is None:
                person = duty.add_person(session, entry.data)
                added += 1
            else:
                person = duty.edit_person(session, entry.person_id, entry.data)
                updated += 1
            codes.append(person.code)
        progress(len(todo), len(todo), "写入")
    return RosterImportResult(added, updated, codes)


def import_duty_roster(
    db: Database,
    path: Path,
    sheet: str | None = None,
    *,
    default_role: str | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> RosterPlan:
    plan = analyse_roster(db, path, sheet, default_role=default_role, progress=progress)
    if not dry_run and plan.changes_anything:
        apply_roster(db, plan, progress)
    return plan
