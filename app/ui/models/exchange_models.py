"""数据交换's table models: the packages this office sent (those not yet acknowledged marked), and the
outcome of each package file imported.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.core.exchange import history
from app.core.street.communities import local_time
from app.ui.labels import with_note
from app.ui.models.rows import ALIGN_RIGHT, RowsModel


def _utc_text(value: datetime | None) -> str:
    return local_time(value)


class SentModel(RowsModel[history.SentPackage]):
    COL_SEQ, COL_KIND, COL_RECORDS, COL_MADE, COL_TO, COL_STATE, COL_FILE = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}  # office code -> name

    def header_texts(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("类型"),
            self.tr("记录数"),
            self.tr("生成时间"),
            self.tr("收件方"),
            self.tr("状态"),
            self.tr("文件"),
        ]

    def text(self, row: history.SentPackage, column: int) -> str:
        if column == self.COL_SEQ:
            return f"{row.package_seq}"
        if column == self.COL_KIND:
            return self.tr("全量") if row.kind == "full" else self.tr("增量")
        if column == self.COL_RECORDS:
            return f"{row.records:,}"
        if column == self.COL_MADE:
            return _utc_text(row.created_at)
        if column == self.COL_TO:
            return self.names.get(row.office_code, row.office_code)
        if column == self.COL_STATE:
            if row.acknowledged_at is None:
                return self.tr("未确认收到")
            return self.tr("已收到（{0}）").format(_utc_text(row.acknowledged_at))
        return row.file_name

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column in (self.COL_SEQ, self.COL_RECORDS) else None

    def emphasis(self, row: history.SentPackage, column: int) -> bool:
        return row.acknowledged_at is None and column in (self.COL_SEQ, self.COL_STATE)


class OutcomeModel(RowsModel[history.Outcome]):
    COL_FILE, COL_SENDER, COL_STATE, COL_MESSAGE = range(4)

    def __init__(self, lang: str, parent: Any = None) -> None:
        self.lang = lang
        super().__init__(parent)

    def header_texts(self) -> list[str]:
        return [self.tr("文件"), self.tr("发送方"), self.tr("结果"), self.tr("说明")]

    def text(self, row: history.Outcome, column: int) -> str:
        if column == self.COL_FILE:
            return row.path.name
        if column == self.COL_SENDER:
            if not row.sender:
                return "—"
            return with_note(row.sender_name, row.sender) if row.sender_name else row.sender
        if column == self.COL_STATE:
            return {
                "imported": self.tr("已导入"),
                "already": self.tr("此前已导入"),
            }.get(row.state, self.tr("拒收"))
        return row.message(self.lang)

    def emphasis(self, row: history.Outcome, column: int) -> bool:
        return row.state == "refused" and column == self.COL_STATE

    def tooltip(self, row: history.Outcome, column: int) -> str | None:
        return row.message(self.lang) if column == self.COL_MESSAGE else str(row.path)
