"""文件 → 备份与恢复…'s table model: the backups listed with date, reason, counts and check result;
and the texts the dialog shares with it (when a backup was made, a count or —).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.ui.models.rows import ALIGN_RIGHT, RowsModel

if TYPE_CHECKING:
    from app.db.backup import Backup

REASONS = {
    "manual": QT_TRANSLATE_NOOP("BackupDialog", "手动"),
    "daily": QT_TRANSLATE_NOOP("BackupDialog", "每日自动"),
    "before-import": QT_TRANSLATE_NOOP("BackupDialog", "导入前"),
    "before-upgrade": QT_TRANSLATE_NOOP("BackupDialog", "升级前"),
    "before-restore": QT_TRANSLATE_NOOP("BackupDialog", "恢复前（原数据库）"),
    "unknown": QT_TRANSLATE_NOOP("BackupDialog", "其他"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupDialog", text)


def made_at_text(backup: Backup) -> str:
    return backup.created_at.strftime("%Y-%m-%d %H:%M")


def count_text(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


class BackupModel(RowsModel["Backup"]):
    COL_TIME, COL_REASON, COL_RESIDENTS, COL_HOUSEHOLDS, COL_CHECK = range(5)

    def __init__(self, lang: str = "zh", parent: Any = None) -> None:
        self.lang = lang
        super().__init__(parent)

    def header_texts(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("原因"),
            self.tr("居民"),
            self.tr("户数"),
            self.tr("检查结果"),
        ]

    def text(self, row: Backup, column: int) -> str:
        if column == self.COL_TIME:
            return made_at_text(row)
        if column == self.COL_REASON:
            return _tr(REASONS.get(row.reason, REASONS["unknown"]))
        if column == self.COL_RESIDENTS:
            return count_text(row.residents)
        if column == self.COL_HOUSEHOLDS:
            return count_text(row.households)
        if row.ok is True:
            return self.tr("正常")
        if row.ok is False:
            return self.tr("未通过（已损坏）")
        return self.tr("未检查")

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column in (self.COL_RESIDENTS, self.COL_HOUSEHOLDS) else None

    def emphasis(self, row: Backup, column: int) -> bool:
        return row.ok is False and column == self.COL_CHECK

    def tooltip(self, row: Backup, column: int) -> str | None:
        size = self.tr("{0:.1f} MB").format(row.size / 1_000_000) if row.size else ""
        problems = "\n".join(en if self.lang == "en" else zh for zh, en in row.problems)
        return "\n".join(part for part in (str(row.path), size, problems) if part)
