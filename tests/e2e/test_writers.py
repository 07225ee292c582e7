"""Two writers at once: imports started together as processes both end with exit 0 (or a plain
"busy" line), never an internal error, and the residents are exactly those of both files. An
import plans while only reading; the ids it numbers with and the matches it found are checked
again under the write lock, and the plan is worked out again when another writer came first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
ROUNDS = 20


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDDESK_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "d"), XDG_STATE_HOME=str(home / "s"))
    return env


def _roster(path: Path, building: int, people: int) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "住址", "与户主关系"])
    for i in range(people):
        room = f"{building}栋1单元{101 + i // 2}"
        sheet.write_row(i + 1, 0, [f"居民{building}-{i}", room, "户主" if i % 2 == 0 else "配偶"])
    book.close()


@pytest.mark.slow
def test_two_imports_at_once_never_clash(tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "office"
    env = _env(home)
    init = ["init", "--role", "community", "--code", "420106001001", "--name", "幸福里社区",
            "--parent-code", "420106001"]  # fmt: skip
    cmd = [sys.executable, str(MAIN), "--data-dir", str(data)]
    assert subprocess.run(cmd + init, env=env, capture_output=True).returncode == 0
    expected = 0
    for r in range(ROUNDS):
        files = []
        for side in (0, 1):
            f = tmp_path / f"r{r}-{side}.xlsx"
            _roster(f, 2 * r + side + 1, 6 + side)
            files.append(f)
        procs = [
            subprocess.Popen(
                [*cmd, "import", "residents", str(f)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for f in files
        ]
        for p, f in zip(procs, files, strict=True):
            _out, err = p.communicate(timeout=120)
            assert "内部错误" not in err and "Traceback" not in err, (f.name, err)
            assert p.returncode == 0, (f.name, p.returncode, err)
        expected += 6 + 7
    stats = subprocess.run([*cmd, "stats", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(stats.stdout)["residents"] == expected
    check = subprocess.run([*cmd, "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
