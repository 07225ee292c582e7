"""Screenshot of the street office's 各社区 tab with the 缺口 column, and the 物资 page of the
aggregated report: the set-up of exchange_screenshots.py, where each community also runs a rice
distribution it has too little rice for (200 袋 for all its households).

    uv run python docs/street_needs_screenshot.py

Writes docs/street-overview.png and docs/street-needs-report.png (page 2 of the PDF, `pdftoppm -r 80`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import exchange_screenshots as base

from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.core.supplies import campaigns, ledger

DOCS = base.DOCS
_fill = base.fill_community
_write = base.write_street_report


def fill_community(folder: DataDir, residents: int, today: date) -> None:
    _fill(folder, residents, today)
    db, _info = open_office(folder)
    try:
        with db.session() as s:
            ledger.receive(s, "大米", 200, unit="袋", source="区民政局", source_kind="allocation")
            campaigns.create_campaign(
                s, campaigns.CampaignSpec(name="大米发放", item="大米", qty=1)
            )
    finally:
        db.dispose()


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        shots = Path(out)
        kept: list[Path] = []

        def write(overview, path):  # type: ignore[no-untyped-def]
            made = _write(overview, path)
            kept.append(shutil.copy(made, shots / "report.pdf"))
            return made

        base.DOCS = shots
        base.fill_community = fill_community
        base.write_street_report = write
        base.main()
        shutil.copy(shots / "street-overview.png", DOCS / "street-overview.png")
        if kept and shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile",
                 str(kept[-1]), str(DOCS / "street-needs-report")],
                check=True,
            )  # fmt: skip
    print("wrote", DOCS / "street-overview.png", DOCS / "street-needs-report.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
