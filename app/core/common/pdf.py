"""PDF groundwork shared by every printed document: the bundled CJK font registered with
ReportLab, and atomic writing so a half-written file never looks complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import BinaryIO

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


def write_atomically(target: Path, produce: Callable[[BinaryIO], None]) -> Path:
    """Write through a temporary file in the same folder, fsync, then rename over `target`."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
