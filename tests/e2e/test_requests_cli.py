"""`main.py requests …` and `report requests` as CLI.md ("Requests and visits") describes them: a
request logged with its number printed last, assigned, done, called back, reopened and counted;
each step out of order refused with one clear line (exit 1), a second close or callback exit 3,
never a traceback; a grid worker held to their grid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, PASSWORD, USER, griddesk, refused

GW = "gw-requests"


@pytest.fixture(scope="module")
def template(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 600-resident demo community with a grid worker of G02 (the administrator's password)."""
    from app.core.office.datadir import DataDir
    from app.core.trust.roles import Role
    from app.core.trust.signin import sign_in
    from app.core.trust.users import add_user

    data = tmp_path_factory.mktemp("requests") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "600").code == 0
    access = sign_in(DataDir(data), USER, PASSWORD, daily_backup=False)
    try:
        assert access.ring is not None and access.key is not None
        with access.db.session(note="test") as session:
            add_user(session, access.ring, access.key, GW, Role.GRID_WORKER, PASSWORD, ["G02"])
    finally:
        access.close()
    return data


@pytest.fixture
def data(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(template, copy)
    return copy


def _add(home: Path, data: Path, *args: str) -> int:
    run = griddesk(home, data, "requests", "add", *args)
    assert run.code == 0, run.err
    return int(run.out.strip().splitlines()[-1].split()[-1])


def test_a_request_from_the_call_to_the_figures(home: Path, data: Path) -> None:
    rid = _add(
        home,
        data,
        "--category",
        "medical",
        "--text",
        "需要胰岛素",
        "--household",
        "1-1-101",
        "--priority",
        "urgent",
        "--channel",
        "phone",
    )
    listed = griddesk(home, data, "requests", "list", "--json").json()["requests"]
    row = next(r for r in listed if r["id"] == rid)
    assert (row["status"], row["household"], row["overdue"]) == ("registered", "1-1-101", False)
    assert row["category"] == "medical" and row["due_at"]
    line = refused(
        griddesk(home, data, "requests", "callback", "--request", str(rid), "--satisfied", "yes")
    )
    assert "尚未办结" in line
    assert (
        griddesk(home, data, "requests", "assign", "--request", str(rid), "--grid", "G01").code == 0
    )
    assert griddesk(home, data, "requests", "start", "--request", str(rid)).code == 0
    assert "办理结果" in refused(
        griddesk(home, data, "requests", "done", "--request", str(rid), "--outcome", "")
    )
    assert (
        griddesk(
            home, data, "requests", "done", "--request", str(rid), "--outcome", "已送药上门"
        ).code
        == 0
    )
    refused(griddesk(home, data, "requests", "done", "--request", str(rid), "--outcome", "x"), 3)
    assert (
        griddesk(
            home, data, "requests", "callback", "--request", str(rid), "--satisfied", "yes"
        ).code
        == 0
    )
    refused(
        griddesk(home, data, "requests", "callback", "--request", str(rid), "--satisfied", "no"), 3
    )
    report = griddesk(home, data, "report", "requests", "--json").json()
    assert (report["received"], report["done"], report["satisfied"]) == (1, 1, 1)
    assert report["by_grid"]["G01"]["done"] == 1 and report["by_category"]["medical"]["done"] == 1
    shown = griddesk(home, data, "requests", "show", "--request", str(rid), "--json").json()
    assert shown["status"] == "confirmed" and len(shown["history"]) >= 4
    assert (
        griddesk(home, data, "requests", "reopen", "--request", str(rid), "--reason", "药不对").code
        == 0
    )
    listed = griddesk(home, data, "requests", "list", "--status", "assigned", "--json").json()
    assert [r["id"] for r in listed["requests"]] == [rid]


def test_bad_input_is_refused_in_one_line(home: Path, data: Path) -> None:
    assert "找不到住户" in refused(
        griddesk(
            home,
            data,
            "requests",
            "add",
            "--category",
            "other",
            "--text",
            "x",
            "--household",
            "99-9-999",
        )
    )
    assert "找不到诉求" in refused(
        griddesk(home, data, "requests", "done", "--request", "4242", "--outcome", "x")
    )
    assert "办理期限已过" in refused(
        griddesk(
            home,
            data,
            "requests",
            "add",
            "--category",
            "other",
            "--text",
            "x",
            "--due",
            "2020-01-01 08:00",
        )
    )
    run = griddesk(
        home, data, "requests", "add", "--category", "sanitation", "--text", "垃圾没人清"
    )
    assert run.code == 0 and "匿名" in run.out


def test_a_grid_worker_sees_only_their_grid(home: Path, data: Path) -> None:
    mine = _add(home, data, "--category", "repair", "--text", "漏水", "--grid", "G02")
    other = _add(home, data, "--category", "repair", "--text", "停电", "--grid", "G01")
    run = griddesk(home, data, "--user", GW, "requests", "list", "--json")
    assert [r["id"] for r in run.json()["requests"]] == [mine]
    refused(
        griddesk(
            home, data, "--user", GW, "requests", "done", "--request", str(other), "--outcome", "x"
        )
    )
    assert (
        griddesk(
            home,
            data,
            "--user",
            GW,
            "requests",
            "done",
            "--request",
            str(mine),
            "--outcome",
            "已修",
        ).code
        == 0
    )


def test_needs_slips_and_a_scan(home: Path, data: Path, tmp_path: Path) -> None:
    rid = _add(home, data, "--category", "supplies", "--text", "缺米", "--household", "1-1-102")
    needs = griddesk(home, data, "requests", "needs", "--json").json()["needs"]
    assert needs and needs[0]["category"] == "supplies" and needs[0]["open"] == 1
    assert griddesk(home, data, "requests", "needs", "--out", str(tmp_path / "n.xlsx")).code == 0
    assert griddesk(home, data, "requests", "slips", "--out", str(tmp_path / "s.pdf")).code == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert (
        griddesk(home, data, "requests", "scan", "--code", f"R{rid}", "--outcome", "已送米").code
        == 0
    )
    refused(griddesk(home, data, "requests", "scan", "--code", f"R{rid}", "--outcome", "x"), 3)
