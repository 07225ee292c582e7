"""`main.py help --out FILE.pdf [--lang en]` run as a process: the guide's PDF, read back with
pdftotext, carries the guide's headings in the language asked for; wrong paths are refused in one
line; no office is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.core.office import user_guide

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


@dataclass
class Run:
    code: int
    out: str
    err: str


def griddesk(tmp: Path, *args: str) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "GRIDDESK_DATA_DIR"}
    env.update(HOME=str(tmp / "home"), XDG_DATA_HOME=str(tmp / "xdg"), PYTHONIOENCODING="ascii")
    # a data folder that was never set up: the guide needs no office
    cmd = [sys.executable, str(MAIN), "--data-dir", str(tmp / "never-set-up"), *args]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=120)
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def headings(lang: str) -> list[str]:
    blocks = user_guide.parse_guide(user_guide.guide_text(lang))
    return ["".join(user_guide.plain_text(b.text).split()) for b in blocks if b.kind == "heading"]


def test_help_writes_the_chinese_guide(tmp_path):
    out = tmp_path / "用户手册.pdf"
    run = griddesk(tmp_path, "help", "--out", str(out))
    assert run.code == 0, run.err
    assert run.out.strip().splitlines()[-1].split()[-1] == str(out)
    assert "用户手册" in run.out
    text = text_of(out)
    for heading in headings("zh"):
        assert heading in text, heading
    assert "社区：一天的工作" in text and "快捷键" in text
    assert "Keyboardshortcuts" not in text
    assert not (tmp_path / "never-set-up" / "griddesk.sqlite3").exists()


@pytest.mark.parametrize("where", ["after", "before"])
def test_help_writes_the_english_guide_with_lang_en(tmp_path, where):
    out = tmp_path / "guide.pdf"
    args = ["help", "--out", str(out), "--lang", "en"]
    if where == "before":
        args = ["--lang", "en", "help", "--out", str(out)]
    run = griddesk(tmp_path, *args)
    assert run.code == 0, run.err
    assert run.out.strip().splitlines()[-1] == f"Wrote the user guide to {out}"
    text = text_of(out)
    for heading in headings("en"):
        assert heading in text, heading
    assert "Communityoffice:aday'swork" in text and "Keyboardshortcuts" in text
    assert "认识窗口" not in text


def refused(run: Run) -> str:
    assert run.code == 1, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1, run.err
    return lines[0]


def test_help_refuses_a_missing_folder_and_a_wrong_suffix_in_one_line(tmp_path):
    missing = tmp_path / "no-such-folder" / "guide.pdf"
    assert "输出文件夹不存在" in refused(griddesk(tmp_path, "help", "--out", str(missing)))
    assert not missing.parent.exists()
    line = refused(
        griddesk(tmp_path, "help", "--out", str(tmp_path / "guide.docx"), "--lang", "en")
    )
    assert "must end in .pdf" in line
    assert not (tmp_path / "guide.docx").exists()
