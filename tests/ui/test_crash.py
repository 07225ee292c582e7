"""The crash dialog speaks the window's language: its words go through the translation file the
window installed, and the log's path and the traceback are shown as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app.ui.application import install_translators
from app.ui.crash import CrashDialog


def _texts(dialog: CrashDialog) -> str:
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    buttons = [button.text() for button in dialog.findChildren(QPushButton)]
    return "\n".join([dialog.windowTitle(), *labels, *buttons])


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        ("zh", ["程序错误", "错误详情已写入日志", "复制详情"], "program error"),
        ("en", ["Program error", "The details were written to the log", "Copy details"], "程序"),
    ],
)
def test_the_crash_dialog_follows_the_chosen_language(
    qtbot, tmp_path: Path, lang: str, expected: list[str], absent: str
) -> None:
    app = QApplication.instance()
    translators = install_translators(app, lang)
    try:
        log = tmp_path / "griddesk.log"
        dialog = CrashDialog("Traceback (most recent call last): KeyError", log)
        qtbot.addWidget(dialog)
        shown = _texts(dialog)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    for words in expected:
        assert words in shown
    assert absent not in shown
    assert str(log) in shown


def test_without_a_log_the_dialog_says_so_in_english_too(qtbot) -> None:
    app = QApplication.instance()
    translators = install_translators(app, "en")
    try:
        dialog = CrashDialog("details", None)
        qtbot.addWidget(dialog)
        shown = _texts(dialog)
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert "(log unavailable)" in shown
