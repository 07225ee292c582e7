"""The first-run dialog sets up a community or street office, or asks for the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.ui.first_run import FirstRunDialog
from tests.ui.conftest import type_chinese


def test_sets_up_a_community_typed_in(qtbot, tmp_path):
    folder = DataDir(tmp_path / "new")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "420106002003")
    type_chinese(dialog.name, "和平社区")
    qtbot.keyClicks(dialog.parent_code, "420106002")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    db, office = open_office(folder)
    db.dispose()
    assert (office.code, office.name, office.role, office.parent_code) == (
        "420106002003",
        "和平社区",
        "community",
        "420106002",
    )


def test_street_office_hides_the_parent_code(qtbot, tmp_path):
    folder = DataDir(tmp_path / "street")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.street.setChecked(True)
    assert not dialog.parent_code.isVisible()
    qtbot.keyClicks(dialog.code, "420106002")
    type_chinese(dialog.name, "徐家棚街道")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    db, office = open_office(folder)
    db.dispose()
    assert office.role == "street-office" and office.parent_code is None


def test_a_bad_code_is_explained_next_to_the_form_and_nothing_is_created(qtbot, tmp_path):
    folder = DataDir(tmp_path / "bad")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "42A")
    type_chinese(dialog.name, "和平社区")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert "机构代码" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not folder.is_set_up()


def test_demo_button_asks_for_the_demo(qtbot, tmp_path):
    dialog = FirstRunDialog(DataDir(tmp_path / "x"))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.demo, Qt.MouseButton.LeftButton)
    assert dialog.wants_demo and dialog.result() == dialog.DialogCode.Accepted


def test_a_community_code_not_under_the_street_office_is_explained_beside_the_field(
    qtbot, tmp_path
):
    folder = DataDir(tmp_path / "wrong")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.parent_hint.isVisible() and dialog.parent_hint.objectName() == "muted"
    qtbot.keyClicks(dialog.code, "420106001001")
    type_chinese(dialog.name, "幸福里社区")
    qtbot.keyClicks(dialog.parent_code, "420106002")
    # said as soon as both codes are typed in full, before anything is created
    hint = dialog.parent_hint.text()
    assert dialog.parent_hint.objectName() == "error"
    assert "420106001001" in hint and "420106002" in hint and "开头" in hint
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "开头" in dialog.error.text()
    assert not folder.is_set_up() and not folder.root.exists()
    dialog.parent_code.clear()
    qtbot.keyClicks(dialog.parent_code, "420106001")
    assert dialog.parent_hint.objectName() == "muted"


def test_the_name_example_follows_the_role(qtbot, tmp_path):
    dialog = FirstRunDialog(DataDir(tmp_path / "x"))
    qtbot.addWidget(dialog)
    assert "社区" in dialog.name.placeholderText()
    dialog.street.setChecked(True)
    assert dialog.name.placeholderText() == "如 百步亭街道办事处"
    dialog.community.setChecked(True)
    assert dialog.name.placeholderText() == "如 幸福里社区"
