"""帮助: the user guide in a window of its own, opened by F1 anywhere in the main window and from the
帮助 menu (用户手册, 快捷键一览), printed or saved through the same preview as every other PDF.

    install_help(window, lang)     adds F1 and the 帮助 menu's entries to a main window

The guide is resources/guide/guide.<lang>.md (app.core.office.user_guide), shown with Qt's own Markdown
reader: no links are followed and nothing is loaded from anywhere. The PDF comes from the same
Markdown through app.core.office.user_guide.write_guide_pdf, as `help --out FILE.pdf` makes it.

The guide window is a separate top-level window (a clerk reads it beside the page they work in,
not instead of it) owned by the main window, so it closes with it. It is made on first use and
kept, so it opens again where the reader left it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCursor,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.office import user_guide

# the largest the window opens at; smaller screens (1366×768 in many offices) get what fits
WINDOW_SIZE = (1040, 760)


class HelpWindow(QWidget):
    """The guide: its sections on the left, the text on the right, and a print button."""

    pdf_ready = Signal(object)  # the preview dialog showing the guide's PDF

    def __init__(self, lang: str, owner: QMainWindow) -> None:
        super().__init__(owner, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.lang = user_guide.guide_lang(lang)
        self.owner = owner
        self.preview_dialog: Any = None
        self.setWindowTitle(self.tr("GridDesk 用户手册"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.print_button = QPushButton(self.tr("打印/另存为 PDF…"))
        self.print_button.setToolTip(self.tr("生成手册的 PDF，预览后打印或保存（Ctrl+P）"))
        self.print_button.clicked.connect(self.print_guide)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.close)
        bar.addWidget(self.print_button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout.addLayout(bar)

        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setWordWrap(True)
        self.contents.setSpacing(2)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)  # the guide is the whole document: nowhere to go
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.browser.setMarkdown(user_guide.guide_text(self.lang))
        _lay_out(self.browser)
        self._sections = self._fill_contents()
        self.contents.currentRowChanged.connect(self._go_to_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 780])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_guide)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self._fit_to_screen()

    # --- contents ---------------------------------------------------------------------------

    def _fill_contents(self) -> list[QTextBlock]:
        """One row per section (## and ###), indented by level; returns their blocks."""
        blocks: list[QTextBlock] = []
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):
                indent = "    " if level == 3 else ""  # about one character, in any script
                item = QListWidgetItem(indent + block.text().strip())
                self.contents.addItem(item)
                blocks.append(block)
            block = block.next()
        return blocks

    def section_titles(self) -> list[str]:
        return [block.text().strip() for block in self._sections]

    def _go_to_row(self, row: int) -> None:
        if 0 <= row < len(self._sections):
            self.scroll_to(self._sections[row])

    def scroll_to(self, block: QTextBlock) -> None:
        """Put a section's heading at the top of the text."""
        layout = self.browser.document().documentLayout()
        top = layout.blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))

    def show_section(self, title: str) -> bool:
        """Scroll to the section named `title`; False if the guide has none."""
        for row, block in enumerate(self._sections):
            if block.text().strip() == title:
                self.contents.setCurrentRow(row)
                self.scroll_to(block)
                return True
        return False

    def visible_section(self) -> str:
        """The section the reader is at: the last heading at or above the top of the text, or,
        scrolled to the very end (where the last sections cannot reach the top), the last heading
        on screen."""
        layout = self.browser.document().documentLayout()
        bar = self.browser.verticalScrollBar()
        line = bar.value() + 1
        if bar.value() >= bar.maximum():
            line = bar.value() + self.browser.viewport().height() - 1
        current = ""
        for block in self._sections:
            if layout.blockBoundingRect(block).top() <= line:
                current = block.text().strip()
        return current

    # --- window ------------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        screen = self.owner.screen() if self.owner is not None else self.screen()
        area = screen.availableGeometry()
        width = min(WINDOW_SIZE[0], area.width() - 40)
        height = min(WINDOW_SIZE[1], area.height() - 40)
        self.resize(width, height)
        centre = self.owner.frameGeometry().center() if self.owner.isVisible() else area.center()
        x = max(area.left(), min(centre.x() - width // 2, area.right() - width))
        y = max(area.top(), min(centre.y() - height // 2, area.bottom() - height))
        self.move(x, y)

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()

    # --- printing ----------------------------------------------------------------------------

    def print_guide(self) -> None:
        """Make the guide's PDF (off the GUI thread where the window has a worker) and open the
        print preview, whose 打印… and 另存为 PDF… do the rest."""
        folder = Path(tempfile.mkdtemp(prefix="griddesk-guide-"))
        name = self.tr("GridDesk用户手册.pdf")
        target, lang = folder / name, self.lang

        def work(_progress: Any) -> Path:
            return user_guide.write_guide_pdf(target, lang)

        ctx = getattr(self.owner, "ctx", None)
        if ctx is not None and hasattr(ctx, "run"):
            ctx.run(
                self,
                work,
                title=self.tr("正在生成用户手册"),
                on_success=lambda path: self._preview(path, folder),
            )
        else:
            self._preview(work(None), folder)

    def _preview(self, path: Path, folder: Path) -> None:
        from app.ui.print_preview import PdfPreviewDialog

        ctx = getattr(self.owner, "ctx", None)
        settings = ctx.settings if ctx is not None else None
        dialog = PdfPreviewDialog(path, self.tr("用户手册"), path.name, settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: shutil.rmtree(folder, ignore_errors=True))
        self.preview_dialog = dialog
        dialog.open()
        self.pdf_ready.emit(dialog)


def _lay_out(browser: QTextBrowser) -> None:
    """Room above the headings, and tables with rules and columns as wide as their text (Qt's
    Markdown reader sets headings tight and tables without lines, in equal columns)."""
    margins = {1: (0, 10), 2: (20, 6), 3: (14, 4)}
    cursor = QTextCursor(browser.document())
    block = browser.document().begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in margins:
            fmt = block.blockFormat()
            fmt.setTopMargin(margins[level][0])
            fmt.setBottomMargin(margins[level][1])
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    for frame in browser.document().rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            _frame_table(frame)


def _frame_table(table: QTextTable) -> None:
    rows = [
        [table.cellAt(r, c).firstCursorPosition().block().text() for c in range(table.columns())]
        for r in range(table.rows())
    ]
    fmt: QTextTableFormat = table.format()
    fmt.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, share * 100)
            for share in user_guide.column_shares(rows)
        ]
    )
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(Qt.GlobalColor.gray)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    table.setFormat(fmt)


class HelpMenu(QObject):
    """F1 and the 帮助 menu's entries of one main window, and its guide window once opened."""

    def __init__(self, window: QMainWindow, lang: str) -> None:
        super().__init__(window)
        self.setObjectName("helpMenu")
        self.window = window
        self.lang = user_guide.guide_lang(lang)
        self.help_window: HelpWindow | None = None

        menu = self._help_menu()
        first = menu.actions()[0] if menu.actions() else None
        self.guide_action = QAction(self.tr("用户手册"), window)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.triggered.connect(lambda: self.open_guide())
        self.shortcuts_action = QAction(self.tr("快捷键一览"), window)
        self.shortcuts_action.triggered.connect(lambda: self.open_shortcuts())
        menu.insertAction(first, self.guide_action)
        menu.insertAction(first, self.shortcuts_action)
        if first is not None:
            menu.insertSeparator(first)
        # F1 works wherever the focus is in the window, menu bar shown or not
        window.addAction(self.guide_action)

    def _help_menu(self) -> QMenu:
        """The window's 帮助 menu (as MainWindow names it, in either language), or a new one."""
        titles = {QCoreApplication.translate("MainWindow", "帮助(&H)"), "帮助(&H)"}
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() in titles:
                return menu
        return self.window.menuBar().addMenu(self.tr("帮助(&H)"))

    def open_guide(self) -> HelpWindow:
        if self.help_window is None:
            self.help_window = HelpWindow(self.lang, self.window)
        self.help_window.present()
        return self.help_window

    def open_shortcuts(self) -> HelpWindow:
        window = self.open_guide()
        window.show_section(user_guide.SHORTCUTS_HEADING[self.lang])
        return window


def install_help(window: QMainWindow, lang: str) -> None:
    """Add F1 (用户手册) and the 帮助 menu's 用户手册 and 快捷键一览 to `window`, in front of what
    the menu already has. `lang` picks the guide (zh, en). A second call changes nothing."""
    if window.findChild(HelpMenu, "helpMenu", Qt.FindChildOption.FindDirectChildrenOnly):
        return
    HelpMenu(window, lang)
