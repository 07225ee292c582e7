"""`main.py keys …` and `main.py exchange …` run as commands, as CLI.md ("Exchange with the street
office") describes them: two offices set up from scratch exchange a package and a receipt through
files alone; an import killed with SIGKILL leaves the street office whole, the package wholly in or
wholly out."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    COMMUNITY,
    STREET,
    CommandServer,
    connect,
    count,
    enroll,
    griddesk,
    refused,
)


@pytest.fixture(scope="module")
def two_offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A street office and a community (1,500 residents), enrolled both ways via their key files."""
    tmp = tmp_path_factory.mktemp("exchange")
    home, street, community = tmp / "home", tmp / "S", tmp / "C"
    assert griddesk(home, street, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, community, "demo", "--residents", "1500").code == 0
    s_pub = griddesk(home, street, "keys", "export-public", str(tmp / "S.pub"), lang="en")
    assert s_pub.code == 0 and s_pub.last_word == str(tmp / "S.pub")
    c_pub = griddesk(home, community, "keys", "export-public", str(tmp / "C.pub"))
    assert c_pub.code == 0
    # the fingerprint the street office's screen showed, typed back at the community
    fingerprint = s_pub.out.split("in person: ")[1].splitlines()[0]
    enrolled = griddesk(home, community, "keys", "enroll", str(tmp / "S.pub"),
                        "--fingerprint", fingerprint, lang="en")  # fmt: skip
    assert enrolled.code == 0 and enrolled.last_word == STREET
    assert fingerprint in enrolled.out
    assert enroll(home, street, tmp / "C.pub").code == 0
    again = enroll(home, street, tmp / "C.pub")
    refused(again, 3)
    return {"home": home, "S": street, "C": community, "tmp": tmp}


def test_package_and_receipt_through_files_alone(two_offices: dict[str, Path]) -> None:
    home, street, community, tmp = (two_offices[k] for k in ("home", "S", "C", "tmp"))
    work = tmp / "round"
    export = griddesk(home, community, "exchange", "export", "--out", str(work / "usb"))
    assert export.code == 0, export.err
    package = Path(export.last_word)
    assert package.is_file() and package.parent == work / "usb"

    unenrolled = griddesk(home, tmp / "S2", "init", "--role", "street-office", "--code",
                          "420106002", "--name", "中南路街道")  # fmt: skip
    assert unenrolled.code == 0
    line = refused(griddesk(home, tmp / "S2", "exchange", "import", str(package), lang="en"))
    assert "not enrolled" in line and "keys enroll" in line

    imported = griddesk(home, street, "exchange", "import", str(package), lang="en")
    assert imported.code == 0, imported.err
    assert "Imported package 1" in imported.out
    s_db, c_db = street / "griddesk.sqlite3", community / "griddesk.sqlite3"
    live = f"SELECT count(*) FROM resident WHERE origin = '{COMMUNITY}' AND deleted_at IS NULL"
    assert count(s_db, live) == count(c_db, live) == 1500
    stats = griddesk(home, street, "stats", "--json")
    assert stats.code == 0, stats.err
    side_by_side = json.loads(stats.out)["communities"][COMMUNITY]
    assert side_by_side["residents"] == 1500 and side_by_side["last_package"] == 1
    line = refused(griddesk(home, street, "exchange", "import", str(package), lang="en"), 3)
    assert "already imported" in line

    receipt = griddesk(home, street, "exchange", "receipt", "--out", str(work / "back"))
    assert receipt.code == 0, receipt.err
    receipt_file = Path(receipt.last_word)
    assert receipt_file.is_file()
    marked = griddesk(home, community, "exchange", "import-receipt", str(receipt_file), lang="en")
    assert marked.code == 0, marked.err
    assert "acknowledged packages: 1" in marked.out
    refused(griddesk(home, community, "exchange", "import-receipt", str(receipt_file)), 3)
    assert griddesk(home, street, "check").code == 0


def test_import_killed_at_random_moments(two_offices: dict[str, Path], tmp_path: Path) -> None:
    """SIGKILL during `exchange import`, several times: integrity ok, the package all or nothing."""
    home, community = two_offices["home"], two_offices["C"]
    fresh = tmp_path / "S"
    # a street office that has not imported anything yet, enrolled with the community
    pristine = tmp_path / "pristine"
    assert griddesk(home, pristine, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, pristine, "keys", "export-public", str(tmp_path / "P.pub")).code == 0
    assert enroll(home, pristine, two_offices["tmp"] / "C.pub").code == 0
    # the community now trusts this street office instead (same code, a new key: --replace)
    trusted = enroll(home, community, tmp_path / "P.pub", "--replace")
    assert trusted.code == 0, trusted.err
    export = griddesk(
        home, community, "exchange", "export", "--out", str(tmp_path / "usb"), "--full"
    )
    assert export.code == 0, export.err
    package = export.last_word
    records = count(community / "griddesk.sqlite3", "SELECT count(*) FROM resident")

    # the import runs in a process whose modules are imported already, so that the kills are
    # spread over the import itself, not over Python's start-up: how long it takes whole
    shutil.copytree(pristine, tmp_path / "whole")
    server = CommandServer(home, tmp_path / "whole")
    started = time.perf_counter()
    server.send("exchange", "import", package)
    assert server.answer().code == 0
    took = time.perf_counter() - started
    server.close()
    rng = random.Random(8)
    outcomes = set()
    for _attempt in range(5):
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(pristine, fresh)
        server = CommandServer(home, fresh)
        server.send("exchange", "import", package)
        time.sleep(rng.uniform(0.1, 0.9) * took)
        server.kill()
        conn = connect(fresh)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            residents = conn.execute(
                "SELECT count(*) FROM resident WHERE origin = ?", (COMMUNITY,)
            ).fetchone()[0]
            logged = conn.execute(
                "SELECT count(*) FROM exchange_package WHERE direction = 'in'"
            ).fetchone()[0]
        finally:
            conn.close()
        assert (residents, logged) in ((0, 0), (records, 1)), (residents, logged)
        outcomes.add(logged)
        # whatever happened, importing again finishes the job or says it is done
        again = griddesk(home, fresh, "exchange", "import", package)
        assert again.code == (3 if logged else 0), again.err
        assert count(fresh / "griddesk.sqlite3", "SELECT count(*) FROM resident") == records
    assert 0 in outcomes  # at least one kill landed before the commit
