"""`audit list` and `audit export` (administrator only), and `check` naming the first audit record
that was changed behind the program's back."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, PASSWORD, USER, connect, griddesk
from tests.e2e.conftest import refused as assert_one_clear_line


@pytest.fixture(scope="module")
def office(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("audit") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "120").code == 0
    out = data.parent / "residents.xlsx"
    assert griddesk(home, data, "export", "residents", str(out)).code == 0
    return data


def _entries(home: Path, data: Path, *args: str) -> list[dict[str, str]]:
    return list(griddesk(home, data, "audit", "list", *args, "--json").json()["entries"])


def test_audit_list_filters(home: Path, office: Path) -> None:
    every = _entries(home, office)
    assert every and set(every[0]) == {"at", "user", "kind", "entity", "record", "summary"}
    assert [e["at"] for e in every] == sorted(e["at"] for e in every)  # oldest first
    exports = _entries(home, office, "--kind", "export")
    assert exports and all(e["kind"] == "export" for e in exports)
    assert "已脱敏" in exports[-1]["summary"]
    changes = _entries(home, office, "--kind", "change", "--entity", "household")
    assert changes and {e["entity"] for e in changes} == {"household"}
    one = changes[0]["record"]
    assert {e["record"] for e in _entries(home, office, "--record", one)} == {one}
    assert _entries(home, office, "--by", "someone-else") == []
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert _entries(home, office, "--since", tomorrow) == []
    text = griddesk(home, office, "audit", "list", "--kind", "export")
    assert text.code == 0 and "export" in text.out and "共" in text.out


def test_audit_export_holds_no_full_id_number(home: Path, office: Path, tmp_path: Path) -> None:
    conn = connect(office)
    try:
        numbers = [r[0] for r in conn.execute("SELECT id_number FROM resident LIMIT 50")]
    finally:
        conn.close()
    out = tmp_path / "audit.xlsx"
    assert griddesk(home, office, "audit", "export", str(out)).code == 0
    with zipfile.ZipFile(out) as z:
        inside = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    assert "审计记录" in inside and "export" in inside
    assert not any(n and n in inside for n in numbers)
    assert _entries(home, office, "--kind", "export")[-1]["entity"] == "audit_log"


def _add_user(data: Path, name: str, role: str) -> None:
    """A user added as `users add` adds one (its password the administrator's, for the test)."""
    from app.core.office.datadir import DataDir
    from app.core.trust.roles import Role
    from app.core.trust.signin import sign_in
    from app.core.trust.users import add_user

    access = sign_in(DataDir(data), USER, PASSWORD, daily_backup=False, record_now=False)
    try:
        with access.db.session(note="users") as session:
            assert access.ring is not None and access.key is not None
            add_user(session, access.ring, access.key, name, Role(role), PASSWORD, [])
    finally:
        access.close()


def test_only_the_administrator_reads_the_trail(home: Path, office: Path) -> None:
    _add_user(office, "viewer1", "viewer")
    run = griddesk(home, office, "--user", "viewer1", "audit", "list", "--json")
    assert "viewer1" in assert_one_clear_line(run)
    assert "entries" not in run.out
    run = griddesk(home, office, "--user", "viewer1", "audit", "export", str(office / "a.xlsx"))
    assert_one_clear_line(run)
    assert not (office / "a.xlsx").exists()


def test_check_names_the_first_changed_audit_record(home: Path, office: Path) -> None:
    assert griddesk(home, office, "check").code == 0
    conn = connect(office)
    try:
        row_id, at = conn.execute(
            "SELECT id, at FROM audit_log ORDER BY id LIMIT 1 OFFSET 10"
        ).fetchone()
        conn.execute("UPDATE audit_log SET actor = 'nobody' WHERE id = ?", (row_id,))
        conn.commit()
    finally:
        conn.close()
    run = griddesk(home, office, "check", lang="en")
    assert run.code == 1
    assert f"Audit record {row_id} ({at[:19]})" in run.err
