"""`main.py report street` run as a command: a street office and a community set up, enrolled and
exchanging through the CLI alone; the aggregated report made as PDF and .xlsx at the street office,
refused at the community (CLI.md, "Notices and reports")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.e2e.conftest import COMMUNITY, STREET, enroll, griddesk, refused


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("street")
    home, s, c = tmp / "home", tmp / "S", tmp / "C"
    assert griddesk(home, s, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, c, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, c, "demo", "--residents", "400").code == 0
    assert griddesk(home, s, "keys", "export-public", str(tmp / "S.pub")).code == 0
    assert griddesk(home, c, "keys", "export-public", str(tmp / "C.pub")).code == 0
    assert enroll(home, c, tmp / "S.pub").code == 0
    assert enroll(home, s, tmp / "C.pub").code == 0
    export = griddesk(home, c, "exchange", "export", "--out", str(tmp / "usb"))
    assert export.code == 0, export.err
    imported = griddesk(home, s, "exchange", "import", export.last_word)
    assert imported.code == 0, imported.err
    return {"home": home, "S": s, "C": c, "tmp": tmp}


def test_report_street_as_pdf_and_xlsx(street: dict[str, Path]) -> None:
    home, s, tmp = street["home"], street["S"], street["tmp"]
    pdf = tmp / "汇总.pdf"
    run = griddesk(home, s, "report", "street", "--out", str(pdf), lang="en")
    assert run.code == 0, run.err
    assert run.last_word == str(pdf) and "1 communities, 0 late" in run.out
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "水果湖街道各社区汇总报表" in text and "幸福里社区" in text
        totals = [line.split() for line in text.splitlines() if line.strip().startswith("合计")]
        assert any(words[2] == "400" for words in totals if len(words) == 4), totals

    xlsx = tmp / "汇总.xlsx"
    run = griddesk(home, s, "report", "street", "--out", str(xlsx), "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["path"] == str(xlsx) and data["requests"]["received"] == 0
    (row,) = data["communities"]
    assert (row["code"], row["residents"], row["last_package"], row["late"]) == (
        COMMUNITY,
        400,
        1,
        False,
    )
    assert data["totals"]["residents"] == 400
    no_visits = {"plans": 0, "due_today": 0, "recorded_today": 0, "missed": 0, "needs_help": 0}
    assert row["visits"] == data["visits"] == {**no_visits, "week_days": 7}  # no plan made
    sheet = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("各社区汇总").to_python()
    assert [r[0] for r in sheet[5:]] == ["幸福里社区", "合计"]
    assert sheet[5][7] == 400  # 在住居民


def test_report_street_refused_at_a_community_and_for_other_files(street: dict[str, Path]) -> None:
    home, c, s, tmp = street["home"], street["C"], street["S"], street["tmp"]
    line = refused(griddesk(home, c, "report", "street", "--out", str(tmp / "x.pdf"), lang="en"))
    assert "street office" in line and "report daily" in line
    assert not (tmp / "x.pdf").exists()
    line = refused(griddesk(home, s, "report", "street", "--out", str(tmp / "x.docx"), lang="en"))
    assert ".pdf or .xlsx" in line
    line = refused(
        griddesk(home, s, "report", "street", "--out", str(tmp / "no" / "x.pdf"), lang="en")
    )
    assert "does not exist" in line
