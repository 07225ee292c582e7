"""The roles obeyed by the commands as a script runs them: a grid worker sees and asks for their
grids' households only, a viewer gets counts but no one's record and changes nothing, `export
residents` is masked by default and whole only with `--full` by a role that may (audited), and no
full ID number reaches a notice or a door list, whoever prints it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from tests.e2e.conftest import INIT, PASSWORD, USER, Run, connect, griddesk, griddesk_process

GW, GW_PASSWORD = "gw1", "Gw-2026-password!"
VIEWER, VIEWER_PASSWORD = "viewer1", "Vw-2026-password!"


def _as(home: Path, data: Path, user: str, password: str, *args: str) -> Run:
    return griddesk_process(
        home, data, *args, env={"GRIDDESK_USER": user, "GRIDDESK_PASSWORD": password}
    )


@pytest.fixture(scope="module")
def office(home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A community with the small demo, its households shared between G01 and G02, a grid
    worker of G02 and a viewer."""
    from app.core.grids.assignment import assign_households
    from app.core.office.datadir import DataDir
    from app.core.trust.roles import Role
    from app.core.trust.signin import sign_in
    from app.core.trust.users import add_user
    from app.db.models import Household

    data = tmp_path_factory.mktemp("trust") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "300").code == 0
    access = sign_in(DataDir(data), USER, PASSWORD, daily_backup=False)
    try:
        assert access.ring is not None and access.key is not None
        with access.db.session(note="test") as session:
            households = list(session.scalars(select(Household.id).order_by(Household.id)))
            assign_households(session, "G02", households[: len(households) // 2])
            add_user(session, access.ring, access.key, GW, Role.GRID_WORKER, GW_PASSWORD, ["G02"])
            add_user(session, access.ring, access.key, VIEWER, Role.VIEWER, VIEWER_PASSWORD)
        with access.db.reading() as session:
            mine = session.scalar(
                select(Household.address_code).where(Household.id == households[0])
            )
            theirs = session.scalar(
                select(Household.address_code).where(Household.id == households[-1])
            )
    finally:
        access.close()
    return {"data": data, "mine": mine, "other": theirs}


def test_a_grid_worker_is_refused_another_grids_household_and_nothing_is_printed(
    home: Path, office: dict[str, Any]
) -> None:
    data = office["data"]
    own = _as(home, data, GW, GW_PASSWORD, "household", "show", "--household", office["mine"])
    assert own.code == 0 and office["mine"] in own.out
    other = _as(
        home, data, GW, GW_PASSWORD, "household", "show", "--household", office["other"], "--json"
    )
    assert other.code == 1 and other.out == ""
    assert "G02" in other.err and "Traceback" not in other.err


def test_grid_list_and_stats_are_the_grid_workers_own(home: Path, office: dict[str, Any]) -> None:
    data = office["data"]
    grids = _as(home, data, GW, GW_PASSWORD, "grid", "list", "--json").json()
    assert [g["code"] for g in grids["grids"]] == ["G02"]
    assert grids["unassigned_households"] == 0
    theirs = _as(home, data, GW, GW_PASSWORD, "stats", "--json").json()
    everyone = griddesk(home, data, "stats", "--json").json()
    assert 0 < theirs["residents"] < everyone["residents"]
    assert theirs["residents"] == grids["grids"][0]["residents"]


def test_a_viewer_counts_but_reads_no_record_and_changes_nothing(
    home: Path, office: dict[str, Any], tmp_path: Path
) -> None:
    data = office["data"]
    assert _as(home, data, VIEWER, VIEWER_PASSWORD, "stats", "--json").json()["residents"] > 0
    shown = _as(home, data, VIEWER, VIEWER_PASSWORD, "household", "show", "--household", "1-1-101")
    assert shown.code == 1 and shown.out == "" and "无权限" in shown.err
    added = _as(home, data, VIEWER, VIEWER_PASSWORD, "grid", "add", "--code", "G77", "--name", "x")
    assert added.code == 1 and "无权限" in added.err
    grids = griddesk(home, data, "grid", "list", "--json").json()
    assert "G77" not in [g["code"] for g in grids["grids"]]
    out = tmp_path / "v.xlsx"
    exported = _as(home, data, VIEWER, VIEWER_PASSWORD, "export", "residents", str(out))
    assert exported.code == 1 and not out.exists()


def _ids(data: Path) -> list[str]:
    conn = connect(data)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id_number FROM resident WHERE deleted_at IS NULL AND length(id_number) = 18"
            )
        ]
    finally:
        conn.close()


def _exports(data: Path) -> list[str]:
    conn = connect(data)
    try:
        return [r[0] for r in conn.execute("SELECT note FROM audit_log WHERE action = 'export'")]
    finally:
        conn.close()


def _cells(path: Path) -> tuple[str, set[str]]:
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()
    return book.sheet_names[0], {str(c) for row in rows for c in row if c}


def test_export_is_masked_by_default_and_full_only_for_the_right_roles_audited(
    home: Path, office: dict[str, Any], tmp_path: Path
) -> None:
    data = office["data"]
    ids = _ids(data)
    before = len(_exports(data))
    masked = tmp_path / "masked.xlsx"
    assert griddesk(home, data, "export", "residents", str(masked)).code == 0
    title, cells = _cells(masked)
    assert "脱敏" in title and not cells & set(ids)
    assert griddesk(home, data, "export", "residents", "--mask", str(masked)).code == 0
    full = tmp_path / "full.xlsx"
    assert griddesk(home, data, "export", "residents", "--full", str(full)).code == 0
    title, cells = _cells(full)
    assert "完整证件号" in title and len(cells & set(ids)) > 100
    entries = _exports(data)
    assert len(entries) == before + 3 and "含完整证件号" in entries[-1]
    assert not [i for i in ids if any(i in e for e in entries)]
    for user, password in ((GW, GW_PASSWORD), (VIEWER, VIEWER_PASSWORD)):
        out = tmp_path / f"{user}.xlsx"
        run = _as(home, data, user, password, "export", "residents", "--full", str(out))
        assert run.code == 1 and not out.exists() and "无权限" in run.err
    mine = tmp_path / "gw.xlsx"
    assert _as(home, data, GW, GW_PASSWORD, "export", "residents", str(mine)).code == 0
    _title, cells = _cells(mine)
    assert not cells & set(ids)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def test_no_full_id_number_on_a_notice_or_door_list_printed_by_the_administrator(
    home: Path, office: dict[str, Any], tmp_path: Path
) -> None:
    data = office["data"]
    ids = _ids(data)
    notice = tmp_path / "n.pdf"
    run = griddesk(
        home, data, "print", "notices", "--template", "testing", "--all", "--out", str(notice)
    )
    assert run.code == 0, run.err
    doors = tmp_path / "d.pdf"
    run = griddesk(home, data, "print", "grid-households", "--grid", "G02", "--out", str(doors))
    assert run.code == 0, run.err
    for pdf in (notice, doors):
        text = _pdf_text(pdf)
        assert text and not [i for i in ids if i in text]
    refused = _as(
        home, data, GW, GW_PASSWORD, "print", "grid-households", "--grid", "G01", "--out", "x.pdf"
    )
    assert refused.code == 1 and "G02" in refused.err


def test_the_users_list_names_the_grid_worker_with_their_grid(
    home: Path, office: dict[str, Any]
) -> None:
    users = json.loads(griddesk(home, office["data"], "users", "list", "--json").out)["users"]
    assert {u["name"]: u["grids"] for u in users}[GW] == ["G02"]
