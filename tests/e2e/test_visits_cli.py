"""`main.py visits …` as CLI.md ("Requests and visits") describes it: a plan made from a tag prints
its id last, the day's visits as JSON, a visit recorded once (a second record exits 3), needs help
logging a request, missed visits, a stopped plan, the checklist PDF, a grid worker held to their
grid — and every refusal one clear line, never a traceback."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import INIT, PASSWORD, USER, griddesk, refused

GW = "gw-visits"


@pytest.fixture(scope="module")
def template(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,500-resident demo community with a grid worker of G01 (the administrator's password,
    so that `--user` alone switches to them)."""
    from app.core.office.datadir import DataDir
    from app.core.trust.roles import Role
    from app.core.trust.signin import sign_in
    from app.core.trust.users import add_user

    data = tmp_path_factory.mktemp("visits") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "1500").code == 0
    access = sign_in(DataDir(data), USER, PASSWORD, daily_backup=False)
    try:
        assert access.ring is not None and access.key is not None
        with access.db.session(note="test") as session:
            add_user(session, access.ring, access.key, GW, Role.GRID_WORKER, PASSWORD, ["G01"])
    finally:
        access.close()
    return data


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(template, copy)
    return copy


def _due(home: Path, data: Path, *more: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = griddesk(home, data, "visits", "due", "--json", *more).json()[
        "visits"
    ]
    return found


def _requests(home: Path, data: Path) -> int:
    return len(griddesk(home, data, "requests", "list", "--json").json()["requests"])


def test_a_plan_its_visits_and_their_records(home: Path, data: Path) -> None:
    made = griddesk(home, data, "visits", "plan", "--kind", "living-alone", "--tag", "独居老人")
    assert made.code == 0, made.err
    plan = made.last_word
    assert plan.isdigit()
    visits = _due(home, data)
    assert visits and {v["plan"] for v in visits} == {int(plan)}
    assert {"id", "resident", "household", "due_at", "plan"} <= set(visits[0])
    assert visits == _due(home, data)  # asked again: the same visits
    first, second = visits[0]["id"], visits[1]["id"]
    before = _requests(home, data)
    helped = griddesk(
        home,
        data,
        "visits",
        "record",
        "--visit",
        str(first),
        "--outcome",
        "needs-help",
        "--note",
        "老人说药吃完了",
    )
    assert helped.code == 0, helped.err
    assert _requests(home, data) == before + 1
    request = helped.last_word
    listed = griddesk(home, data, "requests", "list", "--json").json()["requests"]
    logged = next(r for r in listed if str(r["id"]) == request)
    assert logged["category"] == "care"
    again = griddesk(home, data, "visits", "record", "--visit", str(first), "--outcome", "reached")
    refused(again, 3)
    assert _requests(home, data) == before + 1
    ok = griddesk(home, data, "visits", "record", "--visit", str(second), "--outcome", "reached")
    assert ok.code == 0, ok.err
    recorded = {v["id"]: v["outcome"] for v in _due(home, data)}
    assert recorded[first] == "needs-help" and recorded[second] == "reached"
    # the text form and English
    text = griddesk(home, data, "visits", "due", lang="en")
    assert text.code == 0 and "visits due" in text.out
    plans = griddesk(home, data, "visits", "plans", "--json").json()["plans"]
    assert [p["id"] for p in plans] == [int(plan)] and plans[0]["active"]


def test_a_plan_starting_tomorrow_missed_and_stop(home: Path, data: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    made = griddesk(
        home, data, "visits", "plan", "--kind", "chronic", "--tag", "慢性病", "--start", tomorrow
    )
    assert made.code == 0, made.err
    plan = made.last_word
    assert _due(home, data) == []  # it starts tomorrow
    ahead = _due(home, data, "--date", tomorrow)
    assert ahead
    early = griddesk(
        home, data, "visits", "record", "--visit", str(ahead[0]["id"]), "--outcome", "reached"
    )
    refused(early)  # not before its day
    # yesterday's visits: none planned, so none missed
    missed = griddesk(home, data, "visits", "missed", "--json").json()
    assert missed["visits"] == []
    stopped = griddesk(home, data, "visits", "stop", "--plan", plan)
    assert stopped.code == 0, stopped.err
    assert _due(home, data, "--date", tomorrow) == []
    refused(griddesk(home, data, "visits", "stop", "--plan", plan), 3)
    # a plan needs a tag someone carries
    refused(
        griddesk(home, data, "visits", "plan", "--kind", "home-quarantine", "--tag", "无此标签")
    )


def test_bad_input_is_refused_in_one_line(home: Path, data: Path) -> None:
    refused(griddesk(home, data, "visits", "plan", "--kind", "weekly", "--tag", "独居老人"))
    refused(
        griddesk(
            home, data, "visits", "plan", "--kind", "chronic", "--tag", "慢性病", "--days", "0"
        )
    )
    refused(
        griddesk(
            home,
            data,
            "visits",
            "plan",
            "--kind",
            "chronic",
            "--tag",
            "慢性病",
            "--start",
            "2020-01-01",
        )
    )
    refused(griddesk(home, data, "visits", "due", "--date", "yesterday-ish"))
    refused(griddesk(home, data, "visits", "record", "--visit", "99999", "--outcome", "reached"))
    assert (
        griddesk(home, data, "visits", "plan", "--kind", "living-alone", "--tag", "独居老人").code
        == 0
    )
    v = _due(home, data)[0]["id"]
    refused(
        griddesk(
            home,
            data,
            "visits",
            "record",
            "--visit",
            str(v),
            "--outcome",
            "reached",
            "--temperature",
            "48",
        )
    )
    refused(griddesk(home, data, "visits", "due", "--grid", "NOPE"))


def test_the_checklist_and_a_grid_workers_own_visits(home: Path, data: Path) -> None:
    assert griddesk(home, data, "visits", "plan", "--kind", "chronic", "--tag", "慢性病").code == 0
    everyone = _due(home, data)
    assert {"G01"} < {v["grid"] for v in everyone}
    own = griddesk(home, data, "--user", GW, "visits", "due", "--json").json()["visits"]
    assert own and {v["grid"] for v in own} == {"G01"}
    assert len(own) == sum(1 for v in everyone if v["grid"] == "G01")
    other = next(v for v in everyone if v["grid"] != "G01")
    out = griddesk(
        home,
        data,
        "--user",
        GW,
        "visits",
        "record",
        "--visit",
        str(other["id"]),
        "--outcome",
        "reached",
    )
    assert "G01" in refused(out)
    refused(
        griddesk(home, data, "--user", GW, "visits", "plan", "--kind", "chronic", "--tag", "慢性病")
    )
    pdf = data.parent / "visits.pdf"
    printed = griddesk(home, data, "visits", "checklist", "--out", str(pdf), "--grid", "G01")
    assert printed.code == 0, printed.err
    assert printed.last_word == str(pdf) and pdf.read_bytes().startswith(b"%PDF")
