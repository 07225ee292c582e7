"""PDF groundwork shared by every printed document: the bundled CJK font registered with
ReportLab (files are written through `app.core.common.files`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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
