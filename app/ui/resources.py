"""Bundled resources (font, translations) found through importlib.resources, so a frozen build
finds them too."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


def resource_path(*parts: str) -> Path:
    return Path(str(resources.files("resources").joinpath(*parts)))


def font_path() -> Path:
    return resource_path("fonts", FONT_FILE)


def translation_path(lang: str) -> Path:
    return resource_path("translations", f"griddesk_{lang}.qm")
