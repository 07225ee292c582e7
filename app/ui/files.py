"""The file dialogs of the window, with one memory: each opens in the folder last used for a file
(the USB stick the packages came from, the folder the roster is in) — never in the program's own
folder — and starts, the first time, in the user's documents.

    path = save_file(self, self.ctx.settings, self.tr("导出居民"), "居民.xlsx", self.tr("Excel …"))
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER = "files/last_folder"


def start_folder(settings: QSettings | None) -> Path:
    """The folder last used if it still exists, else the user's documents (or home)."""
    if settings is not None:
        last = settings.value(LAST_FOLDER, "", type=str)
        if last and Path(last).is_dir():
            return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(settings: QSettings | None, chosen: Path) -> None:
    if settings is not None:
        folder = chosen if chosen.is_dir() else chosen.parent
        settings.setValue(LAST_FOLDER, str(folder))


def open_file(parent: QWidget, settings: QSettings | None, title: str, filters: str) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(settings)), filters)
    return _chosen(settings, name)


def open_files(
    parent: QWidget, settings: QSettings | None, title: str, filters: str = ""
) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(
        parent, title, str(start_folder(settings)), filters
    )
    paths = [Path(n) for n in names if n]
    if paths:
        remember(settings, paths[0])
    return paths


def save_file(
    parent: QWidget,
    settings: QSettings | None,
    title: str,
    file_name: str,
    filters: str,
    suffix: str = "",
) -> Path | None:
    """A path to write `file_name` (suggested) to; `suffix` (".pdf") is added when left off."""
    start = start_folder(settings) / file_name
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    path = _chosen(settings, name)
    if path is not None and suffix and path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    return path


def choose_folder(parent: QWidget, settings: QSettings | None, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(settings)))
    return _chosen(settings, folder)


def _chosen(settings: QSettings | None, name: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    remember(settings, path)
    return path
