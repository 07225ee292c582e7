"""One look: Fusion, one light palette with high contrast, one spacing scale, body text ≥ 10.5 pt."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.resources import FONT_FAMILY, font_path

BODY_PT = 11
LARGE_BODY_PT = 13
SPACING = 8  # the one spacing unit; layouts use multiples of it

ACCENT = "#1f5fa8"
DANGER = "#b3261e"
MUTED = "#5b6270"
OK_COLOUR = "#1e7b34"  # a scan or delivery that went through
WARN_COLOUR = "#9a5b00"  # went through, with something to note


def register_fonts() -> list[str]:
    """Register the bundled CJK font so Chinese shows on a machine with none installed."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def apply_style(app: QApplication, *, large: bool = False, lang: str = "zh") -> None:
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#f4f5f7"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#111418"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#eef1f5"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#111418"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#e9ecf0"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor("#111418"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#111418"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    # disabled controls must look disabled (setColor above set every colour group alike)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a919c"))
    app.setPalette(pal)
    font = QFont()
    font.setFamilies(ui_families(lang))
    app.setFont(font)
    set_font_size(app, LARGE_BODY_PT if large else BODY_PT)
    app.setStyleSheet(STYLE_SHEET)


def ui_families(lang: str) -> list[str]:
    """A system CJK font where there is one (Windows: Microsoft YaHei), else the bundled one. In
    another language Windows' own UI font comes first: YaHei draws … and quotes full-width, as
    Chinese sets them ("Browse⋯"), and its Latin letters are Segoe UI's, so nothing grows wider;
    Chinese in names and data still comes from the CJK fonts. (Not a wider Latin font such as
    DejaVu Sans: the pages are laid out for these widths.)"""
    cjk = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", FONT_FAMILY]
    return cjk if lang == "zh" else ["Segoe UI", *cjk]


def set_font_size(app: QApplication, points: int) -> None:
    """The body text size; the families chosen by apply_style stay."""
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)


STYLE_SHEET = f"""
QListWidget#navigation {{
    background: #1d2633; color: #e8ecf2; border: none; outline: none; padding-top: {SPACING}px;
}}
QListWidget#navigation::item {{ padding: {SPACING + 2}px {SPACING * 2}px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navigation::item:hover:!selected {{ background: #2b3647; }}
QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#error {{ color: {DANGER}; }}
QFrame#card {{ background: white; border: 1px solid #d5dae1; border-radius: 6px; }}
QLabel#cardValue {{ font-size: 22pt; font-weight: 600; color: #111418; }}
QLabel#cardLabel {{ color: {MUTED}; }}
QStatusBar QLabel {{ padding: 0 {SPACING * 2}px; border-left: 1px solid #c9ced6; }}
QLabel#notBuiltTitle {{ font-size: 16pt; font-weight: 600; }}
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"] {{ background: #f4f5f7; }}
QLabel#sectionTitle {{ font-size: 13pt; font-weight: 600; }}
QToolBar#pageToolbar {{
    background: white; border: 1px solid #d5dae1; border-radius: 4px; padding: 2px; spacing: 2px;
}}
QToolBar#pageToolbar QToolButton {{ padding: 4px {SPACING * 2}px; }}
QToolBar#pageToolbar QToolButton:disabled {{ color: #9aa1ab; }}
QTableView#dataTable QHeaderView::section {{ padding: 4px {SPACING}px; }}
QTableView#dataTable::item {{ padding: 0 {SPACING // 2}px; }}
QLabel#banner {{
    background: #fff4d6; border: 1px solid #d9b54a; border-radius: 4px; padding: {SPACING}px;
}}
"""
