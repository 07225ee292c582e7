"""审计's table model: the audit trail's rows (app.core.trust.audit.Entry, values already masked)
with time, user, kind, table, record, field, old and new value and summary; and the kinds' names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.ui.models.rows import RowsModel

if TYPE_CHECKING:
    from app.core.trust.audit import Entry

# the kinds of app.core.trust.audit.KINDS, as the page names them
KIND_NAMES = {
    "change": QT_TRANSLATE_NOOP("AuditModel", "修改"),
    "sign-in": QT_TRANSLATE_NOOP("AuditModel", "登录"),
    "sign-in-failed": QT_TRANSLATE_NOOP("AuditModel", "登录失败"),
    "view-full": QT_TRANSLATE_NOOP("AuditModel", "查看完整信息"),
    "export": QT_TRANSLATE_NOOP("AuditModel", "导出"),
    "print": QT_TRANSLATE_NOOP("AuditModel", "打印"),
    "package-export": QT_TRANSLATE_NOOP("AuditModel", "导出数据包"),
    "package-import": QT_TRANSLATE_NOOP("AuditModel", "导入数据包"),
    "backup": QT_TRANSLATE_NOOP("AuditModel", "备份"),
    "restore": QT_TRANSLATE_NOOP("AuditModel", "恢复"),
    "user": QT_TRANSLATE_NOOP("AuditModel", "用户管理"),
}


def kind_name(kind: str) -> str:
    known = KIND_NAMES.get(kind)
    return QCoreApplication.translate("AuditModel", known) if known else kind


class AuditModel(RowsModel["Entry"]):
    (
        COL_TIME,
        COL_USER,
        COL_KIND,
        COL_ENTITY,
        COL_RECORD,
        COL_FIELD,
        COL_OLD,
        COL_NEW,
        COL_SUMMARY,
    ) = range(9)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def header_texts(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("用户"),
            self.tr("类别"),
            self.tr("对象"),
            self.tr("记录"),
            self.tr("字段"),
            self.tr("原值"),
            self.tr("新值"),
            self.tr("说明"),
        ]

    def text(self, row: Entry, column: int) -> str:
        values = {
            self.COL_TIME: row.at.strftime("%Y-%m-%d %H:%M:%S"),
            self.COL_USER: row.user,
            self.COL_KIND: kind_name(row.kind),
            self.COL_ENTITY: row.entity,
            self.COL_RECORD: row.record,
            self.COL_FIELD: row.field or "",
            self.COL_OLD: row.old or "",
            self.COL_NEW: row.new or "",
            self.COL_SUMMARY: row.summary,
        }
        return values.get(column, "")

    def tooltip(self, row: Entry, column: int) -> str | None:
        if column in (self.COL_RECORD, self.COL_SUMMARY):
            return self.text(row, column) or None
        return None
