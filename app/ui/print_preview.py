"""Print preview for any PDF GridDesk makes: the pages rendered inside the app by QtPdf, printed
through the platform's print dialog, or saved where the user wants them.

    PdfPreviewDialog(pdf_path, title, suggested_name, settings, parent).exec()

The PDF is the document: what the preview shows is exactly what is printed and what is saved.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.files import write_atomically
from app.ui.files import save_file
from app.ui.screen import fit_to_screen

PRINT_DPI = 300  # pages are rendered at this resolution for the printer


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        pdf_path: Path,
        title: str,
        suggested_name: str,
        settings: QSettings | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.suggested_name = suggested_name
        self.settings = settings  # where 另存为 remembers the folder last used
        self.setWindowTitle(self.tr("打印预览 — {0}").format(title))
        fit_to_screen(self, 900, 1000)  # on a 1366×768 laptop: 90 % of its free height

        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_as)
        self.zoom = QComboBox()
        self.zoom.addItem(self.tr("适合宽度"), QPdfView.ZoomMode.FitToWidth)
        self.zoom.addItem(self.tr("整页"), QPdfView.ZoomMode.FitInView)
        self.zoom.addItem("100%", QPdfView.ZoomMode.Custom)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.pages = QLabel(self.tr("共 {0} 页").format(self.document.pageCount()))
        self.pages.setObjectName("muted")
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("显示：")))
        bar.addWidget(self.zoom)
        bar.addSpacing(16)
        bar.addWidget(self.pages)
        bar.addStretch(1)
        bar.addWidget(close)
        layout.addLayout(bar)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fitting to the width with a scroll bar that comes and goes can loop for ever: the bar
        # narrows the page, which then fits, which hides the bar… A bar that is always there
        # keeps the width fixed (the preview froze the window this way).
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self._step_zoom(1.2))
        QShortcut(
            QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self._step_zoom(1 / 1.2)
        )
        self.view.setFocus()

    def _zoom_changed(self) -> None:
        mode = self.zoom.currentData()
        self.view.setZoomMode(mode)
        if mode == QPdfView.ZoomMode.Custom:
            self.view.setZoomFactor(1.0)

    def _step_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                self.page_size(),
                QPageLayout.Orientation.Portrait,
                printer.pageLayout().margins(),
            )
        )
        printer.setFullPage(True)
        printer.setDocName(self.suggested_name)
        count = self.document.pageCount()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, max(count, 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def page_size(self) -> QPageSize:
        """The paper of the document's first page (A4, or A5 for notices printed on A5)."""
        if self.document.pageCount() == 0:
            return QPageSize(QPageSize.PageSizeId.A4)
        points = self.document.pagePointSize(0)
        size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        return size if size.isValid() else QPageSize(QPageSize.PageSizeId.A4)

    def render_to(self, printer: QPrinter) -> int:
        """Draw the chosen pages on the printer; returns how many were drawn."""
        count = self.document.pageCount()
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), count) if printer.toPage() else count
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("打印"), self.tr("无法开始打印，请检查打印机。"))
            return 0
        drawn = 0
        try:
            for index in range(first - 1, last):
                if drawn:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                pixels = QSize(
                    round(points.width() * PRINT_DPI / 72), round(points.height() * PRINT_DPI / 72)
                )
                image = self.document.render(index, pixels)
                area = painter.viewport()
                scale = min(area.width() / pixels.width(), area.height() / pixels.height())
                width, height = round(pixels.width() * scale), round(pixels.height() * scale)
                target = QRect(
                    area.x() + (area.width() - width) // 2,
                    area.y() + (area.height() - height) // 2,
                    width,
                    height,
                )
                painter.drawImage(target, image)
                drawn += 1
        finally:
            painter.end()
        return drawn

    def save_as(self) -> None:
        target = save_file(
            self,
            self.settings,
            self.tr("另存为 PDF"),
            self.suggested_name,
            self.tr("PDF 文件 (*.pdf)"),
            suffix=".pdf",
        )
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> Path | None:
        source = self.pdf_path

        def copy(fh: BinaryIO) -> None:
            with open(source, "rb") as src:
                shutil.copyfileobj(src, fh)

        try:
            write_atomically(target, copy)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("另存为 PDF"),
                self.tr("无法保存到 {0}：{1}").format(target, exc.strerror or exc),
            )
            return None
        self.pages.setText(self.tr("已保存到 {0}").format(target))
        return target


def preview_pdf(
    owner: QWidget,
    ctx: Any,
    *,
    prefix: str,
    name: str,
    title: str,
    make: Callable[[Path, Any], object],
    busy: str | None = None,
) -> None:
    """Write a PDF on the database worker (`make(target, progress)`) into a new private preview
    folder, then open it in the print preview, from which it is printed or saved; the folder goes
    when the preview closes. `owner` keeps the dialog (`owner.preview_dialog`)."""
    from app.ui.context import preview_folder

    folder = preview_folder(ctx, prefix)
    target = folder / name

    def show(_result: Any) -> None:
        dialog = PdfPreviewDialog(target, title, name, ctx.settings, owner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: shutil.rmtree(folder, ignore_errors=True))
        owner.preview_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    ctx.run(owner, lambda progress: make(target, progress), title=busy or title, on_success=show)
