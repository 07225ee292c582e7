"""`main.py print notices`, `print templates` and `report daily` as CLI.md ("Notices
and reports") describes them; the PDFs read back with pdftotext and pdfinfo."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.e2e.conftest import INIT, griddesk, griddesk_process, refused

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils",
)


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found
    return int(found.group(1))


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """(home, data folder, stats) of a small demo community."""
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("printing") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "600").code == 0
    stats = griddesk(home, data, "stats", "--json")
    return home, data, json.loads(stats.out)


def test_notices_for_every_household_and_for_one_building(office, tmp_path):
    home, data, stats = office
    everyone = tmp_path / "全部.pdf"
    run = griddesk(
        home,
        data,
        "print",
        "notices",
        "--template",
        "supply-pickup",
        "--all",
        "--out",
        str(everyone),
        "--set",
        "时间=12月1日 8:00–11:30",
        "--set",
        "地点=社区服务中心东门",
        "--set",
        "物资=蔬菜礼包",
    )
    assert run.code == 0, run.err
    assert Path(run.last_word) == everyone.absolute()
    assert f"已生成 {stats['households']:,} 份“物资领取通知”" in run.out
    assert "网格员名册尚未建立" in run.out  # said, not invented
    assert pages(everyone) == stats["households"]
    text = text_of(everyone)
    assert "社区定于12月1日8:00–11:30在社区服务中心东门发放蔬菜礼包" in text
    assert text.count("物资领取通知") == stats["households"]

    building = tmp_path / "b1.pdf"
    run = griddesk(
        home, data, "print", "notices", "--template", "home-quarantine", "--building", "1",
        "--per-sheet", "2", "--paper", "A5", "--out", str(building), "--json",
    )  # fmt: skip
    assert run.code == 0, run.err
    result = json.loads(run.out[run.out.index("{") :])
    assert (result["template"], result["paper"], result["per_sheet"]) == (
        "home-quarantine",
        "A5",
        2,
    )
    assert result["pages"] == -(-result["notices"] // 2) == pages(building)
    assert 0 < result["notices"] < stats["households"]


def test_board_copies_with_content_from_a_file(office, tmp_path):
    home, data, _stats = office
    content = tmp_path / "价格.txt"
    content.write_text(
        "套餐|内容|价格\nA 蔬菜套餐|白菜、土豆、萝卜约 5 公斤|30 元/份\n", encoding="utf-8"
    )
    out = tmp_path / "price.pdf"
    run = griddesk(
        home, data, "print", "notices", "--template", "price", "--copies", "2",
        "--content-file", str(content), "--set", "供应商=中百仓储", "--out", str(out),
    )  # fmt: skip
    assert run.code == 0, run.err
    assert pages(out) == 2
    text = text_of(out)
    assert "社区联合中百仓储开展生活物资团购" in text
    assert "A蔬菜套餐" in text and "30元/份" in text
    assert "户号" not in text  # a board notice has no household's barcode


def test_templates_are_listed(office):
    home, data, _stats = office
    run = griddesk(home, data, "print", "templates", "--json")
    assert run.code == 0, run.err
    listed = json.loads(run.out)
    keys = [t["key"] for t in listed["templates"]]
    for key in ("home-quarantine", "supply-pickup", "testing", "announcement", "price"):
        assert key in keys
    assert {k: v for k, v in listed["placeholders"][2].items() if k in ("name", "key")} == {
        "name": "户主",
        "key": "head",
    }


def test_daily_report_as_pdf_and_xlsx(office, tmp_path):
    home, data, stats = office
    pdf, xlsx = tmp_path / "daily.pdf", tmp_path / "daily.xlsx"
    run = griddesk(home, data, "report", "daily", "--out", str(pdf))
    assert run.code == 0, run.err
    assert Path(run.last_word) == pdf.absolute()
    text = text_of(pdf)
    assert "幸福里社区工作日报" in text and f"在册住户{stats['households']:,}户" in text
    assert "尚无物资记录" in text  # the supplies section, with nothing received yet
    today = date.today().isoformat()
    run = griddesk(home, data, "report", "daily", "--date", today, "--out", str(xlsx))
    assert run.code == 0, run.err
    cells = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    assert cells[0][0] == "幸福里社区工作日报"
    assert sum(1 for row in cells for c in row if str(c).strip()) > 40


def test_mistakes_get_one_clear_line(office, tmp_path):
    home, data, _stats = office
    out = str(tmp_path / "n.pdf")
    base = ["print", "notices", "--out", out]
    assert "没有这个通知模板" in refused(griddesk(home, data, *base, "--template", "nope", "--all"))
    assert "没有这栋楼" in refused(
        griddesk(home, data, *base, "--template", "testing", "--building", "999")
    )
    assert "No such grid" in refused(
        griddesk(home, data, *base, "--template", "testing", "--grid", "G99", lang="en")
    )
    assert "不能设置" in refused(
        griddesk(home, data, *base, "--template", "testing", "--all", "--set", "户主=张三")
    )
    assert ".pdf" in refused(
        griddesk(
            home, data, "print", "notices", "--template", "testing", "--all", "--out", "n.docx"
        )
    )
    assert "不能生成未来日期的日报" in refused(
        griddesk(home, data, "report", "daily", "--date", "2999-01-01", "--out", out)
    )
    assert not Path(out).exists()
    # a target is required, and only one
    assert griddesk(home, data, *base, "--template", "testing").code == 2
    both = griddesk_process(home, data, *base, "--template", "testing", "--all", "--tag", "低保")
    assert both.code == 2


def test_a_folder_never_set_up_is_refused(tmp_path):
    out = str(tmp_path / "d.pdf")
    run = griddesk_process(tmp_path, tmp_path / "none", "report", "daily", "--out", out)
    assert "init" in refused(run)
