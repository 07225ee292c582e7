"""通知打印 → 预览（第一张）: the first sheet of the batch as it will print, and under it what the
notice leaves blank or cannot fit, in words.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.operations import delete_later


class NoticePreview(QWidget):
    """A PDF's first page fitted to the pane, with the warnings about it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("预览（第一张）"))
        label.setObjectName("sectionTitle")
        col.addWidget(label)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        # the whole first page fits the view: no scroll bar that could come and go while the
        # warnings below grow and shrink (which made the layout loop)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMinimumWidth(300)
        col.addWidget(self.view, 1)
        self.warnings_label = QLabel("")
        self.warnings_label.setObjectName("banner")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setVisible(False)
        col.addWidget(self.warnings_label)

    def show_pdf(self, data: bytes) -> None:
        """Show the PDF in `data`; the buffer of the one shown before is let go."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.close()
            delete_later(self._buffer)
        self._buffer = buffer

    def show_warnings(self, lines: list[str]) -> None:
        self.warnings_label.setText("\n".join(lines))
        self.warnings_label.setVisible(bool(lines))
