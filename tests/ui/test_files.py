"""File dialogs open where the clerk was last (the USB stick, the roster's folder), never in the
program's folder, and at first in the documents folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from app.ui import files


def test_each_dialog_starts_where_the_last_one_ended(qtbot, tmp_path: Path, monkeypatch) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    stick = tmp_path / "U盘"
    stick.mkdir()
    asked: list[str] = []

    def save(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(stick / "日报"), ""

    def folder(_parent, _title, start):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(stick)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    first = files.save_file(None, settings, "导出", "日报.xlsx", "Excel (*.xlsx)", suffix=".xlsx")
    assert first == stick / "日报.xlsx"  # the suffix added when left off
    assert Path(asked[0]).parent == files.start_folder(None)  # documents, not the program's
    assert Path(asked[0]).parent != Path.cwd()
    assert files.choose_folder(None, settings, "U 盘") == stick
    assert asked[1] == str(stick)  # remembered
    # a folder that has gone (the stick pulled out) is not offered again
    stick.rename(tmp_path / "gone")
    assert files.start_folder(settings) == files.start_folder(None)
