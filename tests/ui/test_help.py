"""帮助 as a user meets it on the real main window: F1 anywhere opens the guide in the window's
language, the 帮助 menu offers 用户手册 and 快捷键一览 before what it had, the print button previews
the guide's PDF, and every key the window binds is in the guide's shortcut table."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.core.office import user_guide
from app.ui.application import install_translators
from app.ui.help import HelpMenu, HelpWindow, install_help
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def make_window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx)
    # the pages' first counts may still be on the worker: closing would ask to wait for them
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


@pytest.fixture
def window(qtbot, demo_ctx):
    return make_window(qtbot, demo_ctx)


def press_f1(qtbot, widget) -> HelpWindow:
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    main = widget.window()
    qtbot.wait_until(lambda: main.findChild(HelpWindow) is not None, timeout=5_000)
    help_window = main.findChild(HelpWindow)
    qtbot.wait_until(help_window.isActiveWindow, timeout=5_000)
    return help_window


def headings(lang: str, levels: tuple[int, ...] = (2, 3)) -> list[str]:
    blocks = user_guide.parse_guide(user_guide.guide_text(lang))
    return [
        user_guide.plain_text(b.text) for b in blocks if b.kind == "heading" and b.level in levels
    ]


def test_f1_opens_the_guide(qtbot, window):
    install_help(window, "zh")
    assert window.findChild(HelpWindow) is None  # made on first use only
    help_window = press_f1(qtbot, window)
    assert help_window.isWindow() and help_window.parent() is window
    text = help_window.browser.toPlainText()
    assert text.startswith("GridDesk 社区应急工作台 用户手册")
    for title in ("认识窗口", "社区：一天的工作", "街道办：晚上的工作", "出了问题怎么办", "快捷键"):
        assert title in text
    assert "Keyboard shortcuts" not in text
    assert help_window.section_titles() == headings("zh")
    assert help_window.visible_section() == ""  # opened at the top, above the first section


def test_f1_works_where_the_focus_is_in_a_page(qtbot, window):
    install_help(window, "zh")
    page = window.open_area("registry")
    page.search.setFocus()
    qtbot.wait_until(page.search.hasFocus)
    help_window = press_f1(qtbot, page.search)
    assert "导入花名册" in help_window.browser.toPlainText()
    # a second F1 brings the same window forward, where the reader left it
    help_window.show_section("快捷键")
    qtbot.keyClick(page.search, Qt.Key.Key_F1)
    assert window.findChildren(HelpWindow) == [help_window]
    assert help_window.visible_section() == "快捷键"


def test_help_menu_offers_the_guide_and_the_shortcuts_before_about(window):
    install_help(window, "zh")
    menus = [a for a in window.menuBar().actions() if a.menu() is not None]
    assert [a.text() for a in menus] == ["文件(&F)", "帮助(&H)"]
    entries = [a.text() for a in menus[1].menu().actions()]
    assert entries == ["用户手册", "快捷键一览", "", "关于 GridDesk"]
    guide = menus[1].menu().actions()[0]
    assert guide.shortcut() == QKeySequence(Qt.Key.Key_F1)


def test_installing_twice_adds_nothing(window):
    install_help(window, "zh")
    install_help(window, "zh")
    assert len(window.findChildren(HelpMenu)) == 1
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助(&H)")
    assert [a.text() for a in help_menu.actions()].count("用户手册") == 1


def test_shortcuts_entry_opens_the_guide_at_the_shortcut_table(qtbot, window):
    install_help(window, "zh")
    helper = window.findChild(HelpMenu)
    helper.shortcuts_action.trigger()
    help_window = window.findChild(HelpWindow)
    assert help_window.isVisible()
    assert help_window.visible_section() == "快捷键"
    assert help_window.browser.verticalScrollBar().value() > 0
    assert help_window.contents.currentItem().text() == "快捷键"


def test_contents_jump_to_their_section(qtbot, window):
    install_help(window, "zh")
    help_window = press_f1(qtbot, window)
    titles = help_window.section_titles()
    row = titles.index("数据包被拒收")
    help_window.contents.setCurrentRow(row)
    assert help_window.visible_section() == "数据包被拒收"
    help_window.contents.setCurrentRow(0)
    assert help_window.visible_section() == titles[0]


def test_the_guide_window_fits_the_screen_and_esc_closes_it(qtbot, window):
    install_help(window, "zh")
    help_window = press_f1(qtbot, window)
    area = help_window.screen().availableGeometry()
    assert area.contains(help_window.frameGeometry())
    assert help_window.width() >= min(800, area.width() - 40)
    qtbot.keyClick(help_window.browser, Qt.Key.Key_Escape)
    assert not help_window.isVisible()


def test_the_guide_in_english(qtbot, make_ctx, demo_db, datadir):
    app = QApplication.instance()
    translators = install_translators(app, "en")
    try:
        win = make_window(qtbot, make_ctx(datadir, "en"))  # the window installs the help
        help_window = press_f1(qtbot, win)
        text = help_window.browser.toPlainText()
        assert text.startswith("GridDesk user guide")
        for title in ("Community office: a day's work", "When something goes wrong"):
            assert title in text
        assert "认识窗口" not in text
        assert help_window.section_titles() == headings("en")
        # the window's own Help menu was found in English: no second one
        menus = [a.text() for a in win.menuBar().actions() if a.menu() is not None]
        assert menus == ["&File", "&Help"]
        entries = [a.text() for a in win.menuBar().actions()[1].menu().actions()]
        assert entries[-1] == "About GridDesk" and len(entries) == 4
        win.findChild(HelpMenu).shortcuts_action.trigger()
        assert help_window.visible_section() == "Keyboard shortcuts"
    finally:
        for tr in translators:
            app.removeTranslator(tr)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_print_button_previews_the_guide_as_pdf(qtbot, window, demo_ctx):
    install_help(window, "zh")
    help_window = press_f1(qtbot, window)
    with qtbot.wait_signal(help_window.pdf_ready, timeout=30_000) as blocker:
        qtbot.mouseClick(help_window.print_button, Qt.MouseButton.LeftButton)
    dialog = blocker.args[0]
    assert dialog.isVisible() and dialog.document.pageCount() >= 3
    assert dialog.settings is demo_ctx.settings  # 另存为 starts in the folder last used
    text = subprocess.run(
        ["pdftotext", "-raw", str(dialog.pdf_path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    flat = "".join(text.split())
    for title in headings("zh"):
        assert "".join(title.split()) in flat
    # 另存为 PDF… keeps a copy where the user chooses; the temporary one goes with the preview
    saved = dialog.save_to(demo_ctx.datadir.exports / "手册.pdf")
    assert saved is not None and saved.read_bytes() == dialog.pdf_path.read_bytes()
    temporary = dialog.pdf_path
    dialog.reject()
    qtbot.wait_until(lambda: not temporary.exists(), timeout=5_000)


# --- the shortcut table against the code ----------------------------------------------------

STANDARD_KEY = re.compile(r"StandardKey\.(\w+)")
KEY_LITERAL = re.compile(r"""["']((?:Ctrl|Alt|Shift|Meta)\+[A-Za-z0-9+\-]+|F\d{1,2})["']""")


def keys_bound_in(source: str) -> set[str]:
    """The keys a module binds: literal key sequences and standard keys, as this platform spells
    them ("Del" as the guide writes it). Alt+letter mnemonics are left out: the button shows its
    own, underlined."""
    found = set(KEY_LITERAL.findall(source))
    for name in STANDARD_KEY.findall(source):
        bindings = QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, name))
        if bindings:
            found.add(bindings[0].toString())
    return {re.sub(r"\bDel$", "Delete", key) for key in found}


def table_keys(lang: str) -> set[str]:
    blocks = user_guide.parse_guide(user_guide.guide_text(lang))
    start = blocks.index(user_guide.Block("heading", user_guide.SHORTCUTS_HEADING[lang], level=2))
    table = next(b for b in blocks[start:] if b.kind == "table")
    keys: set[str] = set()
    for row in table.rows[1:]:
        cell = row[0].replace("Ctrl+加号", "Ctrl++").replace("Ctrl+减号", "Ctrl+-")
        cell = cell.replace("回车", "Enter")
        for part in re.split(r"\s*(?:/|、|,(?!\S))\s*", cell):
            keys.add(part.strip())
        if "…" in cell:  # Ctrl+1 … Ctrl+9, Ctrl+0
            keys |= {f"Ctrl+{n}" for n in range(10)}
    return keys


def test_every_key_the_window_binds_is_in_the_guide(qapp):
    bound: dict[str, set[str]] = {}
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for key in keys_bound_in(path.read_text(encoding="utf-8")):
            bound.setdefault(key, set()).add(path.name)
    assert {"Ctrl+F", "Ctrl+N", "Ctrl+P", "Ctrl+S", "Ctrl+G", "Delete", "F1", "F5"} <= set(bound)
    for lang in ("zh", "en"):
        listed = table_keys(lang)
        missing = {key: sorted(files) for key, files in bound.items() if key not in listed}
        assert not missing, f"keys bound in app/ui but not in the {lang} guide: {missing}"
