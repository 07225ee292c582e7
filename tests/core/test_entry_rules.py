"""What nobody types on purpose never gets in: control characters, terminal escapes and the bidi
marks that reorder a name on screen are removed at every entry (the form, the import); text longer
than its field holds is refused with the field named, so an export never has to cut it."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from app.core.common.text import has_invisible, strip_invisible
from app.core.registry import lookup
from app.core.registry.lookup import NOTES_MAX, ResidentInput
from app.core.registry.roster_import import import_roster

HOSTILE = "张\u202e三\x1b[2J\x00\u2066"


def test_the_form_removes_controls_and_bidi_marks() -> None:
    data = ResidentInput(name=HOSTILE, relation="配\x07偶", notes="备\u200b注")
    assert data.check() == {}
    assert (data.name, data.relation, data.notes) == ("张三[2J", "配偶", "备注")
    assert not has_invisible(data.name)


def test_text_longer_than_its_field_is_refused_by_name() -> None:
    data = ResidentInput(name="王芳", notes="很" * (NOTES_MAX + 1))
    errors = data.check()
    assert set(errors) == {"notes"} and str(NOTES_MAX) in errors["notes"]
    assert ResidentInput(name="王" * 61).check().keys() == {"name"}


def test_an_import_stores_names_without_them(db, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "住址", "与户主关系"])
    sheet.write_row(1, 0, [HOSTILE, "3栋2单元502", "户主"])
    sheet.write_row(2, 0, ["李\u202e四", "3栋2单元502", "配\x1b偶"])
    book.close()
    import_roster(db, path)
    with db.reading() as session:
        view = lookup.household_view(session, 1)
    names = sorted(m.name for m in view.members)
    assert names == ["张三[2J", "李四"]
    assert all(not has_invisible(m.name + (m.relation or "")) for m in view.members)


def test_strip_keeps_ordinary_text() -> None:
    text = "Zhang San · 张三（3-2-502）\t备注"
    assert strip_invisible(text) == text


def test_a_head_moving_to_another_flat_leaves_a_head_behind(db, tmp_path: Path) -> None:
    """The head of 3-2-502 appears in a roster at 5-1-101: the spouse who stays heads 3-2-502, a
    warning says so, and `check` passes (it failed: 1 户没有户主)."""
    from datetime import date

    from app.core.office.health import check_database
    from app.core.registry import idnumber
    from app.core.registry.households import add_household

    head_id = idnumber.make("420106", date(1950, 3, 7), 15, "M")
    with db.session(note="registry: new household") as session:
        made = add_household(
            session, "3-2-502", ResidentInput(name="张建国", id_number=head_id), ""
        )
    with db.session(note="registry") as session:
        lookup.add_resident(session, made.id, ResidentInput(name="李秀英", relation="配偶"))
    with db.session(note="registry") as session:
        lookup.add_resident(session, made.id, ResidentInput(name="张小明", relation="子"))
    path = tmp_path / "moved.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "身份证号", "住址", "与户主关系"])
    sheet.write_row(1, 0, ["张建国", head_id, "5栋1单元101", "户主"])
    book.close()
    plan = import_roster(db, path)
    assert [w.code for w in plan.warnings] == ["head_moved"]
    assert "李秀英" in plan.warnings[0].message
    with db.reading() as session:
        old = lookup.household_view(session, made.id)
        assert old.head is not None and old.head.name == "李秀英"
        assert old.head.relation == "户主"
    report = check_database(db)
    assert not report.problems, report.problems
