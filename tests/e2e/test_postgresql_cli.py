"""A street office on PostgreSQL, driven through `main.py`'s commands: `init --database-url`
remembers the server in the data folder, a community's package (the community on SQLite) is
imported with `exchange import`, later commands find the database without the flag, a password in
the URL never reaches a log or a message, and an import killed with SIGKILL leaves the package
wholly in or wholly out. Needs GRIDDESK_TEST_PG (tests/conftest.py)."""

from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.core.office.database_url import URL_FILE
from tests.conftest import PgServer
from tests.e2e.conftest import COMMUNITY, STREET, CommandServer, enroll, griddesk, refused

PASSWORD = "not-in-any-log-7f3"  # peer authentication on the socket ignores it; it must not leak


def _with_password(url: str) -> str:
    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


def _counts(url: str) -> tuple[int, int]:
    """Residents of the community, and packages logged as imported, in the database at `url`."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            residents = conn.execute(
                text("SELECT count(*) FROM resident WHERE origin = :o"), {"o": COMMUNITY}
            ).scalar_one()
            logged = conn.execute(
                text("SELECT count(*) FROM exchange_package WHERE direction = 'in'")
            ).scalar_one()
            return int(residents), int(logged)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def offices(
    pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, object]]:
    """A street office on PostgreSQL (not yet importing) and a community of 800 on SQLite,
    enrolled both ways, and the community's full package."""
    tmp = tmp_path_factory.mktemp("pg-cli")
    home, street, community = tmp / "home", tmp / "S", tmp / "C"
    url = pg_server.create()
    init = griddesk(home, street, "--database-url", _with_password(url), "init", "--role",
                    "street-office", "--code", STREET, "--name", "水果湖街道")  # fmt: skip
    assert init.code == 0, init.err
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, community, "demo", "--residents", "800").code == 0
    for who, pub in ((street, "S.pub"), (community, "C.pub")):
        assert griddesk(home, who, "keys", "export-public", str(tmp / pub)).code == 0
    assert enroll(home, community, tmp / "S.pub").code == 0
    assert enroll(home, street, tmp / "C.pub").code == 0
    export = griddesk(home, community, "exchange", "export", "--out", str(tmp / "usb"), "--full")
    assert export.code == 0, export.err
    yield {"home": home, "S": street, "url": url, "package": export.last_word, "tmp": tmp}
    pg_server.drop(url)


def test_init_with_a_database_url_then_import_a_package(offices: dict[str, object]) -> None:
    home, street, url = Path(str(offices["home"])), Path(str(offices["S"])), str(offices["url"])
    package = str(offices["package"])
    # the folder remembers the server; no SQLite file is made; keys stay in the folder
    assert (street / URL_FILE).is_file() and not (street / "griddesk.sqlite3").exists()
    assert sorted(p.name for p in (street / "keys").iterdir()) == [
        "encryption.key",
        "keyring.json",  # the users' wrappers of the key that encrypts the two private keys
        "signing.key",
    ]
    assert _counts(url) == (0, 0)

    imported = griddesk(home, street, "exchange", "import", package, lang="en")
    assert imported.code == 0, imported.err
    assert "Imported package 1" in imported.out
    assert _counts(url) == (800, 1)
    line = refused(griddesk(home, street, "exchange", "import", package, lang="en"), 3)
    assert "already imported" in line
    stats = griddesk(home, street, "stats", "--json")
    assert stats.code == 0, stats.err
    assert json.loads(stats.out)["communities"][COMMUNITY]["residents"] == 800
    assert griddesk(home, street, "check").code == 0
    receipt = griddesk(home, street, "exchange", "receipt", "--out", str(street / "back"))
    assert receipt.code == 0 and Path(receipt.last_word).is_file(), receipt.err

    # a server that cannot be reached: one line naming it, password hidden
    gone = make_url(_with_password(url)).set(database="griddesk_no_such_db")
    wrong = gone.render_as_string(hide_password=False)
    line = refused(griddesk(home, street, "--database-url", wrong, "stats", lang="en"))
    assert line.startswith("Cannot use the database server") and "griddesk_no_such_db" in line
    assert PASSWORD not in line and "***" in line
    for log in (street / "logs").rglob("*"):
        if log.is_file():
            assert PASSWORD not in log.read_text(encoding="utf-8", errors="replace"), log


def test_import_killed_at_random_moments_on_postgresql(
    offices: dict[str, object], pg_server: PgServer, tmp_path: Path
) -> None:
    """SIGKILL during `exchange import` on PostgreSQL: the package is wholly in or wholly out,
    and importing again finishes the job or says it is done."""
    home, street = Path(str(offices["home"])), Path(str(offices["S"]))
    package = str(offices["package"])
    # a street office that has imported nothing, on a database of its own (copied each time),
    # enrolled with the community and holding the key the package is sealed for
    pristine = pg_server.create()
    folder = tmp_path / "P"
    init = griddesk(home, folder, "--database-url", pristine, "init", "--role", "street-office",
                    "--code", STREET, "--name", "水果湖街道")  # fmt: skip
    assert init.code == 0, init.err
    tmp = Path(str(offices["tmp"]))
    assert enroll(home, folder, tmp / "C.pub").code == 0
    shutil.rmtree(folder / "keys")
    shutil.copytree(street / "keys", folder / "keys")

    def fresh_copy(name: str) -> tuple[Path, str]:
        copy = tmp_path / name
        shutil.copytree(folder, copy)
        url = pg_server.create(template=make_url(pristine).database)
        (copy / URL_FILE).write_text(url + "\n", encoding="utf-8")
        return copy, url

    rng = random.Random(8)
    outcomes = set()
    try:
        # the import runs in a process whose modules are imported already, so that the kills
        # are spread over the import itself, not over Python's start-up: how long it takes whole
        fresh, url = fresh_copy("whole")
        server = CommandServer(home, fresh)
        started = time.perf_counter()
        server.send("exchange", "import", package)
        assert server.answer().code == 0
        took = time.perf_counter() - started
        server.close()
        assert _counts(url) == (800, 1)
        pg_server.drop(url)
        for attempt in range(3):
            fresh, url = fresh_copy(f"S{attempt}")
            server = CommandServer(home, fresh)
            server.send("exchange", "import", package)
            time.sleep(rng.uniform(0.1, 0.9) * took)
            server.kill()
            residents, logged = _counts(url)
            assert (residents, logged) in ((0, 0), (800, 1)), (residents, logged)
            outcomes.add(logged)
            again = griddesk(home, fresh, "exchange", "import", package)
            assert again.code == (3 if logged else 0), again.err
            assert _counts(url) == (800, 1)
            assert griddesk(home, fresh, "check").code == 0
            pg_server.drop(url)
    finally:
        pg_server.drop(pristine)
    assert 0 in outcomes  # at least one kill landed before the commit
