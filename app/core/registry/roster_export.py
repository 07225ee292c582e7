"""Exporting residents to .xlsx in exactly the layout `roster_import` reads, so a round trip adds
nothing: one header row, one row per resident, heads first in each household, households in
address order.

Written with XlsxWriter in constant-memory mode (rows stream to disk; 180,000 residents need a few MB
of memory), into a temporary file beside the target that replaces it only when complete. Every text
cell is written as text, never as a formula; a cell starting with = + - @ tab or CR is prefixed with
an apostrophe so no spreadsheet program evaluates it (the import removes the apostrophe again).
With `mask`, ID numbers and phones are masked (420106********1234, 138****5678) and the 出生日期
column carries the age (61岁) instead of the date, which beside a masked ID number would give the
number back (`app.core.common.masking`); the column stays where import looks for it. A masked file says
so where a reader of it looks: the sheet is named 居民（已脱敏）, the 身份证号 and 出生日期 headers carry
a note, and the document properties repeat it.

Who exports what (app.core.trust): once the office has users, the file is masked unless the full
values are asked for, which needs `Permission.FULL_VALUES` (staff, administrators); such a file
says so as plainly (the sheet 居民（完整证件号）, its title and properties). A grid worker exports the
households of their grids; a viewer nothing. Every export is written to the audit trail, masked or
not, with how many residents and whether the values were whole, never a value. An office without
users exports as it did before users existed: whole unless masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import BindParameter, bindparam, text

from app.core.common.files import atomic_path
from app.core.common.masking import MASKED_NOTE, mask_id_number, mask_phone, masked_birth
from app.core.common.progress import Progress, no_progress
from app.core.registry.roster_reading import DOC_TYPE_NAMES, NEUTRALISED
from app.core.registry.vocabulary import gender_name, residency_name, status_name
from app.core.trust import audit, scope
from app.core.trust.roles import Permission, require
from app.db.engine import Database
from app.db.models import split_tags
from app.errors import InvalidInput

SHEET = "居民"
MASKED_SHEET = "居民（已脱敏）"
FULL_SHEET = "居民（完整证件号）"  # whole ID numbers and phones, exported by a signed-in user
FULL_NOTE = "本文件含完整身份证号和电话，导出已记入审计记录，请妥善保管，用后删除。"

# (header, width); the headers are the first of each field's usual names in roster_reading.FIELDS
COLUMNS: tuple[tuple[str, int], ...] = (
    ("户号", 10),
    ("姓名", 10),
    ("性别", 5),
    ("身份证号", 21),
    ("出生日期", 11),
    ("联系电话", 14),
    ("楼栋", 6),
    ("单元", 5),
    ("门牌号", 8),
    ("与户主关系", 10),
    ("户籍类型", 8),
    ("人员类别", 16),
    ("状态", 6),
    ("证件类型", 10),
    ("其他证件号", 14),
    ("备注", 24),
)

_QUERY = """
    SELECT h.code, r.name, r.gender, r.id_number, r.birth_date, r.phone, b.number, h.unit, h.room,
           r.relation, r.residency, r.tags, r.status, r.doc_type, r.doc_number, r.notes
    FROM resident r
    JOIN household h ON h.id = r.household_id
    JOIN building b ON b.id = h.building_id
    WHERE r.deleted_at IS NULL AND h.deleted_at IS NULL {scoped}
    ORDER BY h.building_id, h.unit, CAST(h.room AS INTEGER), h.room, h.id, r.is_head DESC, r.id
    """
_COUNT = (
    "SELECT count(*) FROM resident r JOIN household h ON h.id = r.household_id "
    "WHERE r.deleted_at IS NULL {scoped}"
)
_SCOPED = "AND h.grid_id IN :own"  # a grid worker's grids (app.core.trust.scope)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    residents: int
    households: int
    masked: bool
    full_marked: bool = False  # whole values by a signed-in user: named so in the file


def neutralise(value: str) -> str:
    """Text a spreadsheet will never take for a formula."""
    return "'" + value if value.startswith(NEUTRALISED) else value


def _date(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def _as_date(value: Any) -> date | None:
    """A birth date as the database driver hands it over (a date, or ISO text from raw SQL)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def export_residents(
    db: Database,
    out: Path,
    *,
    mask: bool | None = None,
    progress: Progress = no_progress,
    today: date | None = None,
) -> ExportResult:
    """Every live resident (a grid worker: of their grids) into `out`; masked, ages are counted
    on `today` (default: today). `mask` None: masked once the office has users, whole in one
    without; whole values with a signed-in user need the right to them (NotPermitted)."""
    with db.reading() as session:
        principal = require(session, Permission.PERSONAL)
        if mask is None:
            mask = principal is not None
        if not mask:
            require(session, Permission.FULL_VALUES)
        own = scope.grid_ids(session)
    full_marked = not mask and principal is not None
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"导出文件应以 .xlsx 结尾：{out}", f"The export file must end in .xlsx: {out}"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    # made in the data folder's private scratch folder (with the writer's own temporary files),
    # never beside the target: a killed export leaves no full ID numbers on a USB stick
    work = db.scratch or folder
    residents = 0
    households: set[str] = set()
    on = today or date.today()
    try:
        with atomic_path(out, work=work, mode=0o644) as tmp:
            residents = _write_workbook(
                db,
                tmp,
                work,
                mask=mask,
                on=on,
                households=households,
                progress=progress,
                own=own,
                full_marked=full_marked,
            )
    except OSError as exc:
        raise InvalidInput(
            f"无法写入导出文件：{out}（{exc.strerror or exc}）",
            f"Cannot write the export file {out}: {exc}",
        ) from exc
    progress(residents, residents, "导出")
    how = "已脱敏" if mask else "含完整证件号和电话"
    audit.record_in(
        db,
        audit.EXPORT,
        f"导出居民 {residents} 人、{len(households)} 户（{how}）：{out.name}",
        entity="resident",
    )
    return ExportResult(
        path=out,
        residents=residents,
        households=len(households),
        masked=mask,
        full_marked=full_marked,
    )


def _write_workbook(
    db: Database,
    tmp: Path,
    work: Path,
    *,
    mask: bool,
    on: date,
    households: set[str],
    progress: Progress,
    own: frozenset[int] | None = None,
    full_marked: bool = False,
) -> int:
    """The residents into the workbook at `tmp` (the writer's own temporary files in `work`);
    returns how many were written, `households` filled with their households' codes."""
    import xlsxwriter  # type: ignore[import-untyped]

    residents = 0
    wb = xlsxwriter.Workbook(
        str(tmp),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "tmpdir": str(work),
        },
    )
    ws = wb.add_worksheet(MASKED_SHEET if mask else FULL_SHEET if full_marked else SHEET)
    if mask:
        wb.set_properties({"title": "居民花名册（已脱敏）", "comments": MASKED_NOTE})
    elif full_marked:
        wb.set_properties({"title": "居民花名册（完整证件号）", "comments": FULL_NOTE})
    head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
    as_text = wb.add_format({"num_format": "@"})
    for col, (title, width) in enumerate(COLUMNS):
        fmt = as_text if title in ("身份证号", "联系电话", "门牌号", "其他证件号", "楼栋") else None
        ws.set_column(col, col, width, fmt)
        ws.write_string(0, col, title, head)
        if mask and title in ("身份证号", "出生日期"):
            ws.write_comment(0, col, MASKED_NOTE)
        elif full_marked and title in ("身份证号", "联系电话"):
            ws.write_comment(0, col, FULL_NOTE)
    ws.freeze_panes(1, 0)
    scoped = "" if own is None else _SCOPED
    params: dict[str, Any] = {} if own is None else {"own": sorted(own) or [-1]}
    binds: list[BindParameter[Any]] = [] if own is None else [bindparam("own", expanding=True)]
    with db.reading() as session:
        total = session.execute(
            text(_COUNT.format(scoped=scoped)).bindparams(*binds), params
        ).scalar_one()
        progress(0, total, "导出")
        result = session.execute(text(_QUERY.format(scoped=scoped)).bindparams(*binds), params)
        for row_index, row in enumerate(result, start=1):
            (
                hcode,
                name,
                gender,
                id_number,
                born,
                phone,
                building,
                unit,
                room,
                relation,
                residency,
                tags,
                status,
                doc_type,
                doc_number,
                notes,
            ) = row
            born_text = _date(born)
            if mask:
                id_number = mask_id_number(id_number)
                phone = mask_phone(phone)
                doc_number = mask_id_number(doc_number) if doc_number else doc_number
                born_text = masked_birth(_as_date(born), on)
            values: tuple[Any, ...] = (
                hcode,
                name,
                gender_name(gender),
                id_number or "",
                born_text,
                phone or "",
                building,
                unit,
                room,
                relation or "",
                residency_name(residency),
                "、".join(split_tags(tags)),
                status_name(status),
                DOC_TYPE_NAMES.get(doc_type or "", doc_type or ""),
                doc_number or "",
                notes or "",
            )
            for col, value in enumerate(values):
                if isinstance(value, int):
                    ws.write_number(row_index, col, value)
                elif value:
                    ws.write_string(row_index, col, neutralise(str(value)))
            households.add(hcode)
            residents += 1
            if residents % 20000 == 0:
                progress(residents, total, "导出")
    wb.close()
    return residents
