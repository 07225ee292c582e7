"""The newest audit rows deleted with the database key in hand are found against the signed head
in the newest backup; backups and restores are themselves in the trail, and a restore does not make
the older backups' heads look like a cut."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import INIT, USER, connect, griddesk


def _audit(home: Path, data: Path) -> list[dict[str, str]]:
    run = griddesk(home, data, "audit", "list", "--json")
    assert run.code == 0, run.err
    return list(json.loads(run.out)["entries"])


def test_rows_deleted_from_the_end_are_found_against_the_backup(home: Path, tmp_path) -> None:
    data = tmp_path / "c"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "80").code == 0
    made = griddesk(home, data, "backup")
    assert made.code == 0, made.err
    kinds = [(e["kind"], e["user"]) for e in _audit(home, data)]
    assert ("backup", USER) in kinds
    assert griddesk(home, data, "check").code == 0
    # someone with the key deletes the newest rows, the backup's own among them
    conn = connect(data)
    conn.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    conn.commit()
    conn.close()
    check = griddesk(home, data, "check")
    assert check.code == 1
    assert "备份" in check.err and "删除" in check.err, check.err
    # a restore puts the backup's trail back, records itself, and check holds again
    assert griddesk(home, data, "restore", "latest").code == 0
    assert griddesk(home, data, "check").code == 0, griddesk(home, data, "check").err
    assert "restore" in [e["kind"] for e in _audit(home, data)]
