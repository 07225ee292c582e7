"""`main.py street late-after [HOURS]` run as a command: the street office's late threshold (逾期阈值)
shown, set, used by `report street`; refused with one line when the hours are not believable or
at a community."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import COMMUNITY, STREET, griddesk, refused


def test_the_late_threshold_from_the_command_line(tmp_path: Path) -> None:
    home, s, c = tmp_path / "home", tmp_path / "S", tmp_path / "C"
    assert griddesk(home, s, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, c, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip

    shown = griddesk(home, s, "street", "late-after")
    assert shown.code == 0, shown.err
    assert "逾期阈值 24 小时" in shown.out
    run = griddesk(home, s, "street", "late-after", "36", lang="en")
    assert run.code == 0, run.err
    assert "Late after 36 hours" in run.out
    run = griddesk(home, s, "street", "late-after", "--json")
    assert run.code == 0 and json.loads(run.out) == {"late_after_hours": 36}
    report = griddesk(home, s, "report", "street", "--out", str(tmp_path / "r.xlsx"), "--json")
    assert report.code == 0, report.err
    assert json.loads(report.out)["late_after_hours"] == 36

    for bad in ("0", "721", "1.5", "一天"):
        line = refused(griddesk(home, s, "street", "late-after", bad))
        assert "逾期阈值" in line
    assert "街道办" in refused(griddesk(home, c, "street", "late-after", "12"))
    usage = griddesk(home, s, "street", "late-after", "12", "13")
    assert usage.code == 2
    run = griddesk(home, s, "street", "late-after", "--json")
    assert json.loads(run.out) == {"late_after_hours": 36}  # nothing changed
