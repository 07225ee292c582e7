"""The coverage chart: one horizontal bar per grid, residents per person on duty, against the limit
drawn as a dashed line. Grids over the limit (or with no one on duty) are drawn hatched in the
warning colour and say so in words beside the bar — never by colour alone.

Drawn with QPainter in a small widget (QtCharts would bring all of PySide6-Addons, a 59 MB wheel).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.grids.structure import GridCoverage
from app.ui.labels import clauses
from app.ui.style import ACCENT, DANGER, MUTED

ROW = 30  # pixels per grid
BAR = 18
TOP = 34  # room for the scale and the limit's label
BOTTOM = 10


class CoverageChart(QWidget):
    """Bars of residents per person on duty; `set_data` redraws."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grids: list[GridCoverage] = []
        self.limit = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)
        self.setAccessibleName(self.tr("各网格每名在岗人员服务的居民数"))

    def set_data(self, grids: Sequence[GridCoverage], limit: int) -> None:
        self.grids = list(grids)
        self.limit = limit
        self.setFixedHeight(self.sizeHint().height())
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """What the chart shows, in words (for a screen reader and the tooltip)."""
        parts = []
        for g in self.grids:
            per = g.residents_per_worker
            value = (
                self.tr("无人在岗") if per is None else self.tr("每人 {0} 人").format(f"{per:,.0f}")
            )
            parts.append(f"{g.code} {value}" + (self.tr("（人手不足）") if g.flagged else ""))
        return clauses(parts)

    def value_text(self, g: GridCoverage) -> str:
        per = g.residents_per_worker
        value = self.tr("无人在岗") if per is None else self.tr("{0} 人/人").format(f"{per:,.0f}")
        return value + (self.tr(" · 人手不足") if g.flagged else "")

    @staticmethod
    def _bold(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def sizeHint(self) -> QSize:
        return QSize(640, TOP + BOTTOM + ROW * max(len(self.grids), 1))

    def _scale_max(self) -> float:
        values = [g.residents_per_worker or 0.0 for g in self.grids]
        return max([*values, self.limit * 1.25, 1.0])

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        painter.setFont(font)
        label_w = max([metrics.horizontalAdvance(f"{g.code} {g.name}") for g in self.grids] + [60])
        label_w = min(label_w + 12, self.width() // 3)
        bold_metrics = QFontMetrics(self._bold(font))
        value_w = (
            max(bold_metrics.horizontalAdvance(self.value_text(g)) for g in self.grids) + 16
            if self.grids
            else 0
        )
        left = label_w
        width = max(self.width() - left - value_w, 40)
        top_max = self._scale_max()
        ink = self.palette().color(self.foregroundRole())

        if not self.grids:
            painter.setPen(QColor(MUTED))
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("还没有网格：在“网格划分”中新增网格。"),
            )
            painter.end()
            return

        # the limit: a dashed line across all bars, labelled at the top
        if self.limit:
            x = left + width * self.limit / top_max
            pen = QPen(QColor(DANGER), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, TOP - 6), QPointF(x, self.height() - BOTTOM / 2))
            painter.setPen(QColor(DANGER))
            text = self.tr("上限 {0} 人/人").format(f"{self.limit:,}")
            tw = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(min(x - tw / 2, self.width() - tw - 4), 4, tw + 4, metrics.height()), text
            )

        for i, g in enumerate(self.grids):
            y = TOP + i * ROW
            painter.setPen(ink)
            painter.drawText(
                QRectF(0, y, label_w - 8, ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(f"{g.code} {g.name}", Qt.TextElideMode.ElideRight, label_w - 8),
            )
            per = g.residents_per_worker
            bar_top = y + (ROW - BAR) / 2
            if per is None:
                length = width if g.residents else 0.0
            else:
                length = max(width * per / top_max, 2.0)
            color = QColor(DANGER if g.flagged else ACCENT)
            rect = QRectF(left, bar_top, length, BAR)
            painter.setPen(Qt.PenStyle.NoPen)
            if g.flagged:
                painter.setBrush(QBrush(color.lighter(170)))
                painter.drawRect(rect)
                painter.setBrush(QBrush(color, Qt.BrushStyle.BDiagPattern))
            else:
                painter.setBrush(QBrush(color))
            painter.drawRect(rect)
            value = (
                self.tr("无人在岗") if per is None else self.tr("{0} 人/人").format(f"{per:,.0f}")
            )
            if g.flagged:
                value += self.tr(" · 人手不足")
            painter.setPen(QColor(DANGER) if g.flagged else ink)
            value_font = QFont(font)
            value_font.setBold(g.flagged)
            painter.setFont(value_font)
            painter.drawText(
                QRectF(left + length + 6, y, value_w + width, ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                value,
            )
            painter.setFont(font)
        painter.end()
