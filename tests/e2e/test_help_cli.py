"""`main.py help --out FILE.pdf [--lang en]` as a script runs it: the guide's PDF, read back with
pdftotext, carries the guide's headings in the language asked for; wrong paths are refused in one
line; no office is needed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.office import user_guide
from tests.e2e.conftest import Run, griddesk_process, refused
from tests.e2e.conftest import griddesk as run_in_process

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def griddesk(tmp: Path, *args: str, process: bool = False) -> Run:
    """`main.py help …` with a data folder that was never set up: the guide needs no office."""
    run = griddesk_process if process else run_in_process
    return run(tmp / "home", tmp / "never-set-up", *args)


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


def headings(lang: str) -> list[str]:
    blocks = user_guide.parse_guide(user_guide.guide_text(lang))
    return ["".join(user_guide.plain_text(b.text).split()) for b in blocks if b.kind == "heading"]


def test_help_writes_the_chinese_guide(tmp_path):
    out = tmp_path / "用户手册.pdf"
    run = griddesk(tmp_path, "help", "--out", str(out), process=True)
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


def test_help_refuses_a_missing_folder_and_a_wrong_suffix_in_one_line(tmp_path):
    missing = tmp_path / "no-such-folder" / "guide.pdf"
    assert "输出文件夹不存在" in refused(griddesk(tmp_path, "help", "--out", str(missing)))
    assert not missing.parent.exists()
    line = refused(
        griddesk(tmp_path, "help", "--out", str(tmp_path / "guide.docx"), "--lang", "en")
    )
    assert "must end in .pdf" in line
    assert not (tmp_path / "guide.docx").exists()
