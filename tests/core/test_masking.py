"""Masking for screens and paper (PIPL; GB/T 35273): what a passer-by may see of a person, and that
nothing printed beside a masked ID number gives it back (the masked export, the 住户名单, the
duplicates view), tried with `tests.core.id_rebuild` as a holder of the list would try it."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from app.core.common.masking import (
    MASKED_NOTE,
    age_on,
    mask_id_number,
    mask_name,
    mask_phone,
    masked_birth,
)
from app.core.registry import duplicates, idnumber, lookup
from app.core.registry.duplicates import find_duplicates
from app.core.registry.lookup import ResidentInput
from app.core.registry.roster_export import export_residents
from app.core.registry.roster_print import print_residents
from app.db.engine import Database
from app.db.models import Household, Resident
from tests.core.id_rebuild import candidates, check_masked_rows, read_row, rebuild


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        (" 13812345678 ", "138****5678"),
        ("02787654321", "027****4321"),  # a Wuhan landline: area code and the last four
        ("027-87654321", "027-****4321"),  # as written, dash kept
        ("87654321", "****4321"),
        ("1234", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张小三", "张*三"),
        ("欧阳小明", "欧**明"),
        ("李", "李"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize("phone", ["13812345678", "02787654321", "87654321"])
def test_masked_phone_hides_the_middle_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    assert masked.endswith(phone[-4:])
    assert phone[-8:-4] not in masked  # the digits that identify the line are gone


def test_id_number_masking_is_the_one_in_idnumber() -> None:
    assert mask_id_number("420106199001011231") == "420106********1231"


# --- a masked ID number and what stands beside it -----------------------------------------------
# The mask hides exactly the birth date; the check character it keeps leaves about one birthday in
# eleven. `tests.core.id_rebuild` tries every date a row allows, as a holder of the list would.

BORN = date(1965, 3, 12)
NUMBER = idnumber.make("420106", BORN, 117, "M")
TODAY = date(2026, 11, 29)
realistic_births = st.dates(min_value=date(1900, 1, 1), max_value=date.today())


def test_the_helper_rebuilds_a_number_from_the_old_form() -> None:
    """The row as it was printed (masked number beside the birth date) gives the number back:
    the helper finds what it is there to find."""
    masked = mask_id_number(NUMBER)
    assert masked == NUMBER[:6] + "********" + NUMBER[-4:]
    numbers, shown = read_row(["张*三", "男", masked, BORN.isoformat()])
    assert numbers == [masked] and shown.dates == {BORN}
    assert rebuild(masked, shown, [TODAY]) == NUMBER
    # written the other ways a birth date is written, too
    for written in ("1965年3月12日", "1965/03/12", "19650312"):
        assert rebuild(masked, read_row([masked, written])[1], [TODAY]) == NUMBER


def test_an_age_leaves_some_thirty_numbers() -> None:
    masked = mask_id_number(NUMBER)
    shown = read_row([masked, masked_birth(BORN, TODAY), "男"])[1]
    assert shown.ages == {61}
    assert rebuild(masked, shown, [TODAY]) is None
    assert NUMBER in candidates(masked, on=[TODAY], age=61)
    assert len(candidates(masked, on=[TODAY], age=61)) >= 20
    # but an age with the birthday (month and day) is as good as the date: neither may be shown
    assert rebuild(masked, read_row([masked, "61岁", "3月12日"])[1], [TODAY]) == NUMBER


@given(born=realistic_births, sequence=st.integers(0, 499), gender=st.sampled_from("MF"))
def test_no_number_is_rebuilt_from_its_masked_form_and_age(
    born: date, sequence: int, gender: str
) -> None:
    today = date.today()
    number = idnumber.make("110105", born, sequence, gender)
    masked = mask_id_number(number)
    row = [masked, masked_birth(born, today), "男" if gender == "M" else "女"]
    assert rebuild(masked, read_row(row)[1], [today]) is None
    assert number in candidates(masked, on=[today], age=age_on(born, today))
    assert rebuild(masked, read_row([masked, born.isoformat()])[1], [today]) == number


@pytest.mark.parametrize(
    ("born", "today", "shown"),
    [
        (date(1965, 3, 12), date(2026, 3, 11), "60岁"),
        (date(1965, 3, 12), date(2026, 3, 12), "61岁"),  # the birthday itself counts
        (date(2000, 2, 29), date(2026, 2, 28), "25岁"),
        (date(2000, 2, 29), date(2026, 3, 1), "26岁"),
        (date(2026, 11, 1), date(2026, 11, 29), "0岁"),
        (None, date(2026, 11, 29), ""),
    ],
)
def test_masked_birth_is_the_age(born: date | None, today: date, shown: str) -> None:
    assert masked_birth(born, today) == shown


def _numbers(db: Database, *where: Any) -> list[str]:
    with db.reading() as session:
        return [
            n
            for n in session.scalars(
                select(Resident.id_number).where(Resident.deleted_at.is_(None), *where)
            )
            if n
        ]


def test_the_masked_export_rebuilds_no_number(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "masked.xlsx"
    today = date.today()
    export_residents(demo_db, out, mask=True, today=today)
    book = CalamineWorkbook.from_path(str(out))
    header, *rows = book.get_sheet_by_index(0).to_python()
    numbers = _numbers(demo_db)
    cells = [[str(c) for c in row] for row in rows]
    assert check_masked_rows(cells, numbers, [today], header) == len(numbers) > 250
    assert book.sheet_names == ["居民（已脱敏）"]  # the file says what it is
    # the layout import reads: the 出生日期 column is still there, with the age in it
    born = header.index("出生日期")
    assert {re.sub(r"\d+", "N", row[born]) for row in cells} <= {"N岁", ""}
    with zipfile.ZipFile(out) as zf:
        notes = "".join(
            zf.read(name).decode() for name in zf.namelist() if "comments" in name or "core" in name
        )
    assert MASKED_NOTE in notes


def test_the_plain_export_keeps_the_birth_date(demo_db: Database, tmp_path: Path) -> None:
    """Unmasked, the file is what the office keeps and imports again: full numbers, full dates."""
    out = tmp_path / "full.xlsx"
    export_residents(demo_db, out)
    book = CalamineWorkbook.from_path(str(out))
    header, *rows = book.get_sheet_by_index(0).to_python()
    assert book.sheet_names == ["居民"]
    born = {str(row[header.index("出生日期")]) for row in rows} - {""}
    assert born and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", b) for b in born)


def _pdf_lines(path: Path) -> list[str]:
    """The text of a PDF, one line of the page a line here: a row of a table is one line."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.splitlines()


def test_the_roster_pdf_rebuilds_no_number(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    printed_at = datetime.now()
    print_residents(demo_db, out, printed_at=printed_at)
    lines = _pdf_lines(out)
    numbers = _numbers(demo_db, Resident.status == "active")  # the roster lists those living here
    assert (
        check_masked_rows([[line] for line in lines], numbers, [printed_at.date()])
        == len(numbers)
        > 250
    )
    text = "\n".join(lines)
    assert "出生日期以年龄代替" in text and "出生日期" not in text.replace(MASKED_NOTE, "")
    assert re.search(r"\d+岁", text)


def test_the_duplicates_view_rebuilds_no_number(demo_db: Database) -> None:
    """The same man twice, once with his number: the group's title and the records side by side
    (as the window and `duplicates list` show them) leave his number masked."""
    with demo_db.reading() as session:
        home, other = session.scalars(
            select(Household.id).where(Household.deleted_at.is_(None)).limit(2)
        ).all()
    with demo_db.session(note="registry") as session:
        lookup.add_resident(session, home, ResidentInput(name="钱多多", id_number=NUMBER))
    with demo_db.session(note="registry") as session:
        lookup.add_resident(session, other, ResidentInput(name="钱多多", birth_date=BORN))
    today = date.today()
    with demo_db.reading() as session:
        report = find_duplicates(session)
    [group] = [g for g in report.groups if g.kind == "same_person" and "钱多多" in g.shared]
    rows = [[group.shared, *(m.value(f) for f in duplicates.FIELDS)] for m in group.members]
    assert check_masked_rows(rows, [NUMBER], [today]) == 1
    assert group.shared == f"钱多多 {masked_birth(BORN, today)}"
    every = [
        [g.shared, *(m.value(f) for f in duplicates.FIELDS)]
        for g in report.groups
        for m in g.members
    ]
    check_masked_rows(every, _numbers(demo_db), [today])
