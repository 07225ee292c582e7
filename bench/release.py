"""The frozen program an office installs (dist/GridDesk, made by installer/build.py) against the
same program run from the source tree: start-up to the window shown and to the 首页 counts on a
180,000-resident encrypted database (signing in from GRIDDESK_USER/GRIDDESK_PASSWORD), and
`--version`. A bundle unpacks nothing at start (one folder, not one file), so it should start no
slower than the source tree does with its .pyc files."""

from __future__ import annotations

import sys

from bench.common import ROOT, Workload
from bench.startup import _until_line

BUNDLE = ROOT / "dist" / "GridDesk"


def workloads() -> list[Workload]:
    exe = BUNDLE / ("griddesk-cli.exe" if sys.platform == "win32" else "griddesk-cli")
    window = BUNDLE / ("GridDesk.exe" if sys.platform == "win32" else "GridDesk")
    if not window.is_file():
        print(
            "bench.release: no dist/GridDesk; build it first with "
            "`uv run --locked --group release python installer/build.py`",
            file=sys.stderr,
        )
        return []
    from bench.trust import PASSWORD, USER, encrypted_community

    folder = str(encrypted_community())
    signed = {"GRIDDESK_USER": USER, "GRIDDESK_PASSWORD": PASSWORD}
    source = [sys.executable, str(ROOT / "main.py")]

    def start(cmd: list[str], stage: str) -> float:
        return _until_line([*cmd, "--data-dir", folder, "--exit-after", stage], stage, signed)

    return [
        Workload(
            "frozen: start-up to main window shown, 180,000, encrypted",
            lambda: start([str(window)], "shown"),
            "python main.py (source tree)",
            lambda: start(source, "shown"),
            target_seconds=1.5,
            target_ratio=1.2,
        ),
        Workload(
            "frozen: start-up to 首页 counts on screen, 180,000, encrypted",
            lambda: start([str(window)], "ready"),
            "python main.py (source tree)",
            lambda: start(source, "ready"),
            target_ratio=1.2,
        ),
        Workload(
            "frozen: --version (data folder and office shown)",
            lambda: _until_line([str(exe), "--data-dir", folder, "--version"], "GridDesk"),
            "python main.py --version",
            lambda: _until_line([*source, "--data-dir", folder, "--version"], "GridDesk"),
            # the bootloader loads libpython and the archive first: about 50 ms more than an
            # interpreter already on disk, whatever the program does; only the time is a target
            target_seconds=0.35,
        ),
    ]
