"""The rows a roster import refused, saved as a spreadsheet to be corrected and imported again.

    plan = roster_import.analyse(...)            # or import_roster(...)
    write_rejected(plan, Path("未导入的行.xlsx"))

The problem list of an import vanishes with the window or the terminal that showed it, and staff
fix rows in Excel, not from a list of row numbers. So the refused rows are written in the file's
own columns, under its own header row, as they were typed (an ID number too: it is what has to be
corrected), with two columns in front: 行号, the row's number in the original file, and 原因, why
it was refused. Importing the corrected file finds its header and columns as it found the
original's; 行号 and 原因 are columns it does not read.

The reasons quote cells masked (a phone or an ID number in a message is masked as every list of
residents masks it); the row's own cells are not, since they are what has to be fixed. The file is
written whole into a temporary file beside the target and renamed over it, so a full disk or a
pulled USB stick never leaves a half-written file that looks complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from app.core.common.files import write_atomically
from app.core.registry.roster_export import neutralise
from app.core.registry.roster_plan import Plan
from app.core.registry.roster_reading import Problem, mask_numbers
from app.core.spreadsheet import cell_text
from app.errors import InvalidInput

SHEET = "未导入的行"
# the two columns in front, in each language the reasons can be written in
LEADING = {"zh": ("行号", "原因"), "en": ("Row", "Reason")}
# fields whose cells are kept as text when retyped (the column is formatted as text), so that a
# corrected ID number does not become a number and lose its last digits again
TEXT_FIELDS = ("id_number", "phone", "doc_number", "household_code", "room")


@dataclass(frozen=True)
class RejectedFile:
    path: Path
    rows: int


def reasons(problems: list[Problem], lang: str = "zh") -> dict[int, str]:
    """Each refused row's reasons, in one cell: masked, in `lang`, several joined by "；"."""
    joined: dict[int, list[str]] = {}
    for p in problems:
        text = mask_numbers(p.message_en if lang == "en" else p.message)
        joined.setdefault(p.row, []).append(text)
    separator = "; " if lang == "en" else "；"
    return {row: separator.join(texts) for row, texts in joined.items()}


def check_target(out: Path) -> Path:
    """`out` as a place a rejected-rows file can go: an .xlsx in a folder that exists."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"未导入的行要保存为 .xlsx 文件：{out}",
            f"The rejected rows are saved as an .xlsx file: {out}",
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    return out


def write_rejected(plan: Plan, out: Path, lang: str = "zh") -> RejectedFile:
    """Write the rows `plan` refused to `out` (an .xlsx), atomically; with none, just the header,
    so a script that asked for the file always finds one."""
    out = check_target(out)
    why = reasons(plan.rejected, lang)
    header = [cell_text(h) for h in plan.source_header]
    width = max([len(header), *map(len, plan.source_rows.values())])
    text_columns = {plan.layout.columns[f] for f in TEXT_FIELDS if f in plan.layout.columns}

    def produce(fh: BinaryIO) -> None:
        import xlsxwriter  # type: ignore[import-untyped]

        wb = xlsxwriter.Workbook(
            fh,
            {
                "in_memory": True,  # no temporary file anywhere else with the rows in it
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        ws = wb.add_worksheet(SHEET)
        head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
        as_text = wb.add_format({"num_format": "@"})
        day = wb.add_format({"num_format": "yyyy-mm-dd"})
        moment = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        clock = wb.add_format({"num_format": "hh:mm:ss"})
        wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        row_title, reason_title = LEADING.get(lang, LEADING["zh"])
        ws.set_column(0, 0, 7)
        ws.set_column(1, 1, 40, wrap)
        for c in range(width):
            ws.set_column(c + 2, c + 2, 12, as_text if c in text_columns else None)
        ws.write_string(0, 0, row_title, head)
        ws.write_string(0, 1, reason_title, head)
        for c, title in enumerate(header):
            if title:
                ws.write_string(0, c + 2, neutralise(title), head)
        ws.freeze_panes(1, 2)
        for r, (rownum, cells) in enumerate(sorted(plan.source_rows.items()), start=1):
            ws.write_number(r, 0, rownum)
            ws.write_string(r, 1, why.get(rownum, ""), wrap)
            for c, value in enumerate(cells):
                fmt = as_text if c in text_columns else None
                _write_cell(ws, r, c + 2, value, fmt, day, moment, clock)
        wb.close()

    try:
        write_atomically(out, produce)
    except OSError as exc:
        raise InvalidInput(
            f"无法保存未导入的行：{out}（{exc.strerror or exc}）",
            f"Cannot save the rejected rows to {out}: {exc}",
        ) from exc
    return RejectedFile(path=out, rows=len(plan.source_rows))


def _write_cell(
    ws: Any, r: int, c: int, value: Any, fmt: Any, day: Any, moment: Any, clock: Any
) -> None:
    """One cell with the type it had: a number stays a number (an ID number stored as one too, so
    that importing it uncorrected still says its digits are lost), a date a date. `fmt` is the
    column's text format where it has one: what is typed over the cell then stays text."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, datetime):
        ws.write_datetime(r, c, value, moment if value.time() else day)
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime.combine(value, time()), day)
    elif isinstance(value, time):
        ws.write_datetime(r, c, value, clock)
    else:
        ws.write_string(r, c, neutralise(str(value)), fmt)
