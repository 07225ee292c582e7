"""Sizes that follow the screen the window is on, so that a 1366×768 office laptop with a taskbar
shows every page and every dialog whole.

- The main window opens at a comfortable size on a large screen and maximised on a small one.
- A dialog asks for the size it would like; `fit_to_screen` caps it (and its minimum size) at 90 %
  of the screen's free area and keeps it on the screen.
- Every page may ask for at most `PAGE_MIN_HEIGHT` pixels; taller content scrolls inside its page.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SCREEN_SHARE = 0.9  # the most of the screen's free area a dialog takes
PAGE_MIN_HEIGHT = (
    680  # a page never asks for more: 768 − a taskbar (a maximised window scrolls the rest)
)
COMFORTABLE = QSize(1400, 900)  # the main window on a large screen


def available(widget: QWidget | None = None) -> QRect:
    """The free area (without taskbars) of the screen the widget is on, or of the primary one."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(widget: QWidget, width: int | None = None, height: int | None = None) -> None:
    """Resize `widget` to width × height (default: its current size) capped at 90 % of the free
    area, lower its minimum size to fit too, and centre it there if it would stick out."""
    area = available(widget)
    most = QSize(int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE))
    widget.setMinimumSize(
        min(widget.minimumWidth(), most.width()), min(widget.minimumHeight(), most.height())
    )
    wanted = QSize(width or widget.width(), height or widget.height())
    widget.resize(wanted.boundedTo(most))
    frame = QRect(widget.pos(), widget.size())
    if widget.isWindow() and not area.contains(frame):
        frame.moveCenter(area.center())
        widget.move(frame.topLeft())


def place_main_window(window: QWidget) -> bool:
    """Size the main window to the screen: comfortable on a large one, maximised on one that is
    smaller than that (a 1366×768 laptop). Returns True when it should be shown maximised."""
    area = available(window)
    if area.width() < COMFORTABLE.width() + 40 or area.height() < COMFORTABLE.height() + 40:
        window.resize(area.size())
        return True
    frame = QRect(0, 0, COMFORTABLE.width(), COMFORTABLE.height())
    frame.moveCenter(area.center())
    window.setGeometry(frame)
    return False
