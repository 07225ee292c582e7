"""帮助 → 关于 GridDesk as a clerk reads it out on the telephone: version, schema revision, data
folder, office and who is signed in; 第三方许可 with the notices the program carries."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from app import __version__
from app.db.revision import SCHEMA_HEAD
from app.ui.about import AboutDialog, LicensesDialog, license_files
from app.ui.application import install_translators
from app.ui.main_window import MainWindow
from app.ui.resources import resource_path
from tests.conftest import COMMUNITY_CODE, COMMUNITY_NAME
from tests.ui.signed_in import (  # noqa: F401
    ADMIN,
    VIEWER,
    VIEWER_PASSWORD,
    office,
    signed_ctx,
)


def open_about(qtbot, ctx) -> AboutDialog:
    """The window, then 帮助 → 关于 GridDesk as a user clicks it."""
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    win.show()
    help_menu = next(
        a.menu() for a in win.menuBar().actions() if a.menu() and a.text() in ("帮助(&H)", "&Help")
    )
    about = next(a for a in help_menu.actions() if a.text() in ("关于 GridDesk", "About GridDesk"))
    about.trigger()
    qtbot.wait_until(lambda: win.findChild(AboutDialog) is not None, timeout=5_000)
    dialog = win.findChild(AboutDialog)
    qtbot.wait_until(dialog.isVisible, timeout=5_000)
    return dialog


def test_about_shows_what_a_clerk_reads_out(qtbot, signed_ctx, monkeypatch):  # noqa: F811
    ctx = signed_ctx()
    dialog = open_about(qtbot, ctx)
    assert dialog.windowTitle() == "关于 GridDesk"
    assert dialog.version.text() == __version__
    assert dialog.revision.text() == SCHEMA_HEAD  # the database is at the program's revision
    assert dialog.folder.text() == str(ctx.datadir.root)
    assert dialog.office.text() == f"{COMMUNITY_NAME}（社区，代码 {COMMUNITY_CODE}）"
    assert dialog.user.text() == f"{ADMIN}（管理员）"
    # the folder is there to copy, and to open as 文件 → 打开数据文件夹 opens it
    assert dialog.folder.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert dialog.open_folder.isVisible()
    dialog.open_folder.click()
    assert opened == [QUrl.fromLocalFile(str(ctx.datadir.root))]


def test_third_party_licences_list_sqlcipher_and_openssl(qtbot, signed_ctx):  # noqa: F811
    dialog = open_about(qtbot, signed_ctx())
    dialog.licenses_button.click()
    licences = dialog.findChild(LicensesDialog)
    qtbot.wait_until(licences.isVisible, timeout=5_000)
    assert licences.text.isReadOnly()
    index = licences.text.toPlainText()  # the index is shown first
    assert "SQLCipher" in index and "OpenSSL" in index and "LGPL-3.0" in index
    names = [licences.list.item(i).text() for i in range(licences.list.count())]
    assert names[0] == "README.txt"
    licences.list.setCurrentRow(names.index("OpenSSL.txt"))
    assert "Apache License" in licences.text.toPlainText()
    licences.list.setCurrentRow(names.index("SQLCipher.txt"))
    assert "ZETETIC LLC" in licences.text.toPlainText()
    licences.list.setCurrentRow(names.index("Qt-PySide6.txt"))
    assert "How to replace the Qt libraries" in licences.text.toPlainText()


def test_a_viewer_sees_the_folder_but_is_not_offered_to_open_it(qtbot, signed_ctx):  # noqa: F811
    dialog = open_about(qtbot, signed_ctx(VIEWER, VIEWER_PASSWORD))
    assert dialog.user.text() == f"{VIEWER}（查看）"
    assert dialog.folder.text()
    assert not dialog.open_folder.isVisible()  # as 文件 → 打开数据文件夹 is not shown to it


def test_an_office_without_users_says_so(qtbot, demo_ctx):
    dialog = open_about(qtbot, demo_ctx)
    assert dialog.user.text() == "（本机构未设用户）"
    assert dialog.office.text() == f"{COMMUNITY_NAME}（社区，代码 {COMMUNITY_CODE}）"


def test_a_database_at_another_revision_is_named_beside_the_programs(qtbot, demo_ctx, monkeypatch):
    monkeypatch.setattr("app.ui.about.database_revision", lambda _ctx: "0015")
    dialog = open_about(qtbot, demo_ctx)
    assert dialog.revision.text() == f"{SCHEMA_HEAD}（本机构数据库：0015）"


def test_in_english(qtbot, signed_ctx):  # noqa: F811
    app = QApplication.instance()
    translators = install_translators(app, "en")
    try:
        dialog = open_about(qtbot, signed_ctx(lang="en"))
        assert dialog.windowTitle() == "About GridDesk"
        assert dialog.office.text() == f"{COMMUNITY_NAME} (community, code {COMMUNITY_CODE})"
        assert dialog.user.text() == f"{ADMIN} (Administrator)"
        assert dialog.open_folder.text() == "Open data folder"
        assert dialog.licenses_button.text() == "Third-party licences…"
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def test_the_index_names_every_notice_and_every_notice_is_there():
    folder = resource_path("licenses")
    index = (folder / "README.txt").read_text(encoding="utf-8")
    named = set(re.findall(r"(?<![\w/.-])((?:\.\./fonts/)?[\w.-]+\.txt)\b", index))
    named.discard("README.txt")
    named.discard("Python-as-built.txt")  # added by the build (installer/griddesk.spec)
    for name in named:
        assert (folder / name).is_file(), name
    shipped = {p.name for p in folder.glob("*.txt")} - {"README.txt"}
    assert shipped <= named, shipped - named
    assert [p.name for p in license_files()][-1] == "wqy-microhei-LICENSE.txt"


@pytest.mark.parametrize("name", ["SQLCipher", "OpenSSL", "Qt / PySide6", "Python", "ReportLab"])
def test_the_index_lists_what_the_build_carries(name):
    index = (resource_path("licenses") / "README.txt").read_text(encoding="utf-8")
    assert re.search(rf"^{re.escape(name)}\b", index, re.MULTILINE), name
