"""PDF groundwork shared by every printed document: the bundled CJK font registered with
ReportLab, and the one page frame — the footer with "第 x 页 共 y 页" on every page
(`numbered_canvas`). Files are written through `app.core.common.files`."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

CJK_FONT = "WenQuanYiMicroHei"
_registered = False


def font_file() -> Path:
    return Path(str(resources.files("resources").joinpath("fonts", "wqy-microhei.ttc")))


def register_cjk_font() -> str:
    """Register the bundled font (once) and return its ReportLab name."""
    global _registered
    if not _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(CJK_FONT, str(font_file()), subfontIndex=0))
        _registered = True
    return CJK_FONT


PAGES_ZH = "第 {0} 页 共 {1} 页"
PAGES_EN = "Page {0} of {1}"


@dataclass(frozen=True)
class Footer:
    """The foot of every page of a printed document: `left` (the office, the document), the page
    numbers (`pages`, filled with the page and the count: 第 x 页 共 y 页), and `right` (when it
    was printed) — with a `right`, the page numbers stand in the middle, else at the right.

    Two looks: documents kept on file (minutes, rosters, lists) have a hairline `rule` (mm from
    the bottom) over a 9 pt footer; reports have a lighter 8.5 pt footer and no rule. `side` and
    `baseline` (mm) place the footer on the page's margins."""

    left: str
    right: str = ""
    pages: str = PAGES_ZH
    side: float = 20
    baseline: float = 10
    rule: float | None = None


def numbered_canvas(footer: Footer, font: str, pagesize: tuple[float, float] | None = None) -> Any:
    """The one page frame: a ReportLab canvas class (for `doc.build(…, canvasmaker=…)`) that holds
    each page until the document is saved, then writes `footer` with "page x of y" on every page.
    After saving, the class's `pages_written` is the count."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    width = (pagesize or A4)[0]
    side, baseline = footer.side * mm, footer.baseline * mm

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        pages_written = 0

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            type(self).pages_written = total
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(footer.pages.format(number, total))
                super().showPage()
            super().save()

        def _footer(self, pages: str) -> None:
            self.saveState()
            if footer.rule is None:
                self.setFont(font, 8.5)
                self.setFillGray(0.3)
            else:
                self.setStrokeColor(colors.HexColor("#888888"))
                self.setLineWidth(0.5)
                self.line(side, footer.rule * mm, width - side, footer.rule * mm)
                self.setFont(font, 9)
                self.setFillColor(colors.HexColor("#333333"))
            self.drawString(side, baseline, footer.left)
            if footer.right:
                self.drawCentredString(width / 2, baseline, pages)
                self.drawRightString(width - side, baseline, footer.right)
            else:
                self.drawRightString(width - side, baseline, pages)
            self.restoreState()

    return NumberedCanvas
