"""Translations: `python installer/translations.py` refreshes resources/translations/*.ts from the
source (pyside6-lupdate keeps what is already translated) and builds the .qm files the app loads
(pyside6-lrelease). Translate new strings in the .ts with Qt Linguist (pyside6-linguist)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        ts = TS_DIR / f"griddesk_{lang}.ts"
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-source-language",
                "zh_CN",
                "-target-language",
                lang,
                "-no-obsolete",
                *sources,
                "-ts",
                str(ts),
            ],
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(TS_DIR / f"griddesk_{lang}.qm")],
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
