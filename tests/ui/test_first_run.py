"""The first-run dialog sets up a community or street office with its first administrator and
shows the recovery key once, or asks for the demo."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer

from app.core.office.datadir import DataDir
from app.core.trust.signin import sign_in
from app.ui.first_run import FirstRunDialog
from tests.ui.conftest import type_chinese

ADMIN, PASSWORD = "zhangsan", "First-run-2026"


def give_admin(dialog: FirstRunDialog, seen: dict | None = None) -> None:
    """The first administrator typed in; the recovery key dialog that follows is ticked and
    closed (what it showed kept in `seen`)."""
    dialog.admin_name.setText(ADMIN)
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_again.setText(PASSWORD)
    found = seen if seen is not None else {}

    def keep() -> None:
        shown = getattr(dialog, "recovery_dialog", None)
        if shown is None or not shown.isVisible():
            QTimer.singleShot(20, keep)
            return
        found["key"] = "-".join(shown.key.text().split())
        found["go on before the tick"] = shown.go_on.isEnabled()
        shown.reject()  # Escape does not close it before the tick
        found["closed by escape"] = not shown.isVisible()
        shown.kept.setChecked(True)
        shown.go_on.click()

    QTimer.singleShot(0, keep)


def open_office(folder: DataDir):
    access = sign_in(folder, ADMIN, PASSWORD, daily_backup=False)
    return access, access.info


def test_sets_up_a_community_typed_in(qtbot, tmp_path):
    folder = DataDir(tmp_path / "new")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "420106002003")
    type_chinese(dialog.name, "和平社区")
    qtbot.keyClicks(dialog.parent_code, "420106002")
    seen: dict = {}
    give_admin(dialog, seen)
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.admin == (ADMIN, PASSWORD)
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){12}", seen["key"])
    assert seen["go on before the tick"] is False and seen["closed by escape"] is False
    access, office = open_office(folder)
    assert access.principal.name == ADMIN and str(access.principal.role) == "admin"
    access.close()
    assert (office.code, office.name, office.role, office.parent_code) == (
        "420106002003",
        "和平社区",
        "community",
        "420106002",
    )


def test_the_administrators_password_must_be_typed_twice_alike(qtbot, tmp_path):
    folder = DataDir(tmp_path / "new")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "420106002003")
    type_chinese(dialog.name, "和平社区")
    qtbot.keyClicks(dialog.parent_code, "420106002")
    dialog.admin_name.setText(ADMIN)
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_again.setText(PASSWORD + "x")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "两次输入的密码不一样。"
    dialog.admin_again.setText("short")
    dialog.admin_password.setText("short")
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    assert "至少 8 位" in dialog.error.text()
    assert not folder.is_set_up() and dialog.result() != dialog.DialogCode.Accepted


def test_street_office_hides_the_parent_code(qtbot, tmp_path):
    folder = DataDir(tmp_path / "street")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.street.setChecked(True)
    assert not dialog.parent_code.isVisible()
    qtbot.keyClicks(dialog.code, "420106002")
    type_chinese(dialog.name, "徐家棚街道")
    give_admin(dialog)
    qtbot.mouseClick(dialog.create, Qt.MouseButton.LeftButton)
    access, office = open_office(folder)
    access.close()
    assert office.role == "street-office" and office.parent_code is None


def test_a_bad_code_is_explained_next_to_the_form_and_nothing_is_created(qtbot, tmp_path):
    folder = DataDir(tmp_path / "bad")
    dialog = FirstRunDialog(folder)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "42A")
    type_chinese(dialog.name, "和平社区")
    dialog.admin_name.setText(ADMIN)
    dialog.admin_password.setText(PASSWORD)
    dialog.admin_again.setText(PASSWORD)
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
