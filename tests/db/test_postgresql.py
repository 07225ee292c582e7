"""PostgreSQL as the database of a street office or district, on a real server (GRIDDESK_TEST_PG):
the same migrations up and down, the models matching them, the database itself refusing negative
stock, the search (its tail indexes included), writers queuing one behind the other, and the URL remembered
in the data folder. Skipped without a server (failing with GRIDDESK_REQUIRE_PG=1)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from app.core.office.database_url import URL_FILE, check_url, redacted
from app.core.office.datadir import DataDir
from app.core.office.setup import init_office, open_office
from app.core.registry import idnumber
from app.core.registry.search import search
from app.core.supplies import ledger
from app.db.base import utcnow
from app.db.engine import Database, make_engine
from app.db.migrate import SCHEMA_HEAD, alembic_config
from app.db.models import Building, Grid, Household, Resident
from app.db.models_supplies import SupplyMovement
from app.db.schema import differences_from_models
from app.errors import AlreadyInitialized, DatabaseProblem, InvalidInput
from tests.conftest import COMMUNITY_CODE, STREET_CODE

# --- the migrations on PostgreSQL ---------------------------------------------------------------


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def _step(engine: Engine, verb: str, target: str) -> None:
    with engine.connect() as conn, conn.begin():
        getattr(command, verb)(alembic_config(conn), target)


def _version(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def _objects(engine: Engine) -> tuple[set[str], set[str]]:
    """Tables, and the triggers and functions GridDesk made, in the public schema."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        routines = {
            r[0]
            for r in conn.execute(
                text(
                    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal UNION "
                    "SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    "WHERE n.nspname = 'public'"
                )
            )
        }
    return tables, routines


def test_every_revision_upgrades_and_downgrades_on_postgresql(pg_engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    at: dict[str, tuple[set[str], set[str]]] = {}
    for rev in revisions:
        _step(pg_engine, "upgrade", rev)
        assert _version(pg_engine) == [rev]
        at[rev] = _objects(pg_engine)
    tables, routines = at[SCHEMA_HEAD]
    assert {"resident", "supply_balance", "name_char"} <= tables
    assert {"trg_supply_movement_balance"} <= routines
    for rev in reversed(revisions):
        down = script.get_revision(rev).down_revision
        _step(pg_engine, "downgrade", down or "base")
        if down is None:
            assert _objects(pg_engine) == ({"alembic_version"}, set())
            assert _version(pg_engine) == []
        else:
            assert _objects(pg_engine) == at[down]  # type: ignore[index]
            assert _version(pg_engine) == [down]
    _step(pg_engine, "upgrade", "head")
    assert _version(pg_engine) == [SCHEMA_HEAD]


def test_models_match_head_revision_on_postgresql(pg_engine: Engine) -> None:
    _step(pg_engine, "upgrade", "head")
    with pg_engine.connect() as conn:
        assert differences_from_models(conn) == []


def test_unique_codes_hold_among_live_records_only(pg_db: Database) -> None:
    """The partial unique indexes are partial on PostgreSQL too: a removed grid's code can be
    given again, a live one's cannot."""
    with pg_db.session() as s:
        grid = Grid(code="G1", name="一网格")
        s.add(grid)
    with pg_db.session() as s:
        s.get_one(Grid, grid.id).deleted_at = utcnow()
    with pg_db.session() as s:
        s.add(Grid(code="G1", name="新一网格"))
    with pytest.raises(IntegrityError), pg_db.session() as s:
        s.add(Grid(code="G1", name="重复"))


# --- what the database itself refuses ---------------------------------------------------------------


def _on_hand(db: Database) -> int:
    with db.reading() as s:
        return next(r.on_hand for r in ledger.stock(s) if r.item == "口罩")


def test_database_refuses_negative_stock_on_postgresql(pg_db: Database) -> None:
    with pg_db.session() as s:
        ledger.receive(s, "口罩", 5, unit="个", source="爱心企业")
    with pg_db.reading() as s:
        item_id = ledger.get_item(s, "口罩").id
        point_id = ledger.ensure_point(s).id
    with pytest.raises(InvalidInput), pg_db.session() as s:
        ledger.issue(s, "口罩", 6, reason="x")  # the operation's own check
    with pytest.raises(IntegrityError), pg_db.session() as s:  # past it: the database's
        s.add(
            SupplyMovement(
                item_id=item_id, point_id=point_id, kind="issue", qty=-6, actor="x", at=utcnow()
            )
        )
        s.flush()
    with pytest.raises(IntegrityError), pg_db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO supply_movement (uuid, origin, seq, created_at, updated_at, item_id,"
                " point_id, kind, qty, at, actor) VALUES ('u', 'o', 1, '2026-01-01', '2026-01-01',"
                " :i, :p, 'adjustment', -99, '2026-01-01', 'x')"
            ),
            {"i": item_id, "p": point_id},
        )
    with pytest.raises(IntegrityError, match="append-only"), pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE supply_movement SET qty = 500"))
    with pytest.raises(IntegrityError), pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE supply_balance SET on_hand = -1"))
    assert _on_hand(pg_db) == 5
    with pg_db.session() as s:
        ledger.issue(s, "口罩", 5, reason="卡点值守")
    assert _on_hand(pg_db) == 0
    with pg_db.reading() as s:
        assert ledger.verify_balances(s) == []


# --- search ---------------------------------------------------------------------------------------

SHAN_ID = idnumber.make("420106", datetime(1961, 5, 4).date(), 123, "M")


def _names(db: Database, query: str) -> list[str]:
    with db.reading() as session:
        return [h.name for h in search(session, query)]


def test_search_answers_on_postgresql(pg_db: Database) -> None:
    with pg_db.session() as s:
        b = Building(number="3", units=2, floors=6)
        s.add(b)
        s.flush()
        h1 = Household(code="H000502", building_id=b.id, unit=2, room="502", address_code="3-2-502")
        h2 = Household(code="H000601", building_id=b.id, unit=2, room="601", address_code="3-2-601")
        s.add_all([h1, h2])
        s.flush()
        s.add_all(
            [
                Resident(household_id=h1.id, name="单田芳", id_number=SHAN_ID, is_head=True),
                Resident(household_id=h1.id, name="张三", phone="02788886666"),
                Resident(household_id=h1.id, name="张三丰", phone="13900001111"),
                Resident(household_id=h2.id, name="吕布", is_head=True),
            ]
        )
    assert _names(pg_db, "张") == ["张三", "张三丰"]
    assert _names(pg_db, "zs") == ["张三", "张三丰"]
    assert _names(pg_db, "zsf") == ["张三丰"]
    assert _names(pg_db, "shantianfang") == _names(pg_db, "dtf") == ["单田芳"]
    assert _names(pg_db, "lvbu") == ["吕布"]
    assert _names(pg_db, SHAN_ID[-6:]) == ["单田芳"]
    assert _names(pg_db, "6666") == ["张三"]
    assert set(_names(pg_db, "3栋2单元502")) == {"单田芳", "张三", "张三丰"}
    assert _names(pg_db, "3-2-502")[0] == "单田芳"
    assert _names(pg_db, "h000601") == ["吕布"]
    # the tail indexes are on the very expressions the search compares (else a scan per query)
    with pg_db.reading() as s:
        defs = dict(
            s.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%_tail'")
            )
            .tuples()
            .all()
        )
    assert '"right"((id_number)::text, 4)' in defs["ix_resident_id_tail"]
    assert '"right"((phone)::text, 4)' in defs["ix_resident_phone_tail"]
    # a phone changed by plain SQL: the index follows
    with pg_db.session() as s:
        s.execute(text("UPDATE resident SET phone = '13344445555' WHERE name = '吕布'"))
    assert _names(pg_db, "4445555") == ["吕布"]
    assert _names(pg_db, "6666") == ["张三"]
    with pg_db.session() as s:
        s.execute(text("UPDATE resident SET phone = NULL WHERE name = '吕布'"))
    assert _names(pg_db, "5555") == []


# --- transactions -----------------------------------------------------------------------------------


def test_writers_queue_one_behind_the_other(pg_db: Database) -> None:
    """As SQLite's BEGIN IMMEDIATE: a second write session waits for the first to finish, then
    sees what it committed (its change counter goes on from there)."""
    order: list[str] = []
    started = threading.Event()

    def second() -> None:
        started.set()
        with pg_db.session() as s:
            grids = s.scalar(select(func.count()).select_from(Grid))  # waits for the lock first
            order.append("second counted")
            s.add(Grid(code=f"G{grids}", name="二"))

    with pg_db.session() as s:
        s.add(Grid(code="G0", name="一"))
        s.flush()
        thread = threading.Thread(target=second)
        thread.start()
        started.wait()
        time.sleep(0.5)  # the second writer is waiting for our lock by now
        order.append("first commits")
    thread.join(10)
    assert order == ["first commits", "second counted"]
    with pg_db.reading() as s:
        codes = sorted(s.scalars(select(Grid.code)))
        seqs = sorted(s.scalars(select(Grid.seq)))
    assert codes == ["G0", "G1"]  # the second counted the first's grid
    assert len(set(seqs)) == 2


def test_reading_session_sees_one_snapshot_on_postgresql(pg_db: Database) -> None:
    with pg_db.reading() as reader:
        first = reader.scalar(select(func.count()).select_from(Grid))
        with pg_db.session() as writer:
            writer.add(Grid(code="G77", name="新网格"))
        assert reader.scalar(select(func.count()).select_from(Grid)) == first
    with pg_db.reading() as reader:
        assert reader.scalar(select(func.count()).select_from(Grid)) == (first or 0) + 1


# --- the URL and the data folder -----------------------------------------------------------------


def test_the_folder_remembers_its_database_without_the_password(
    tmp_path: Path, pg_url: str, pg_datadir: DataDir
) -> None:
    """init wrote the URL (owner-only) into the data folder; keys stay there; the folder opens
    from it alone; a second init on the same database is refused."""
    url_file = pg_datadir.root / URL_FILE
    assert url_file.stat().st_mode & 0o077 == 0
    assert not pg_datadir.db_path.exists()
    assert sorted(p.name for p in pg_datadir.keys.iterdir()) == ["encryption.key", "signing.key"]
    db, info = open_office(pg_datadir)
    try:
        assert db.engine.dialect.name == "postgresql" and info.code == COMMUNITY_CODE
    finally:
        db.dispose()
    with pytest.raises(AlreadyInitialized, match="已有 GridDesk 机构"):
        init_office(
            DataDir(tmp_path / "other"), "community", COMMUNITY_CODE, "又一个", STREET_CODE, pg_url
        )
    assert redacted("postgresql+psycopg://u:secret@h/db") == "postgresql+psycopg://u:***@h/db"


def test_urls_that_are_not_postgresql_are_refused() -> None:
    for url in ("mysql://u@h/db", "sqlite:///x.db", "not a url", "postgresql://u@h"):
        with pytest.raises(InvalidInput, match="postgresql"):
            check_url(url)
    assert check_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_postgresql_url_without_psycopg_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    with pytest.raises(DatabaseProblem) as caught:
        check_url("postgresql+psycopg://u@h/db")
    assert "griddesk[postgres]" in caught.value.message("en")


# --- the server going away --------------------------------------------------------------------------


def _cut_off(db: Database, pid: int) -> None:
    """What a server restart does to one connection, from another connection."""
    other = make_engine(db.engine.url.render_as_string(hide_password=False))
    try:
        with other.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        other.dispose()


def test_a_connection_lost_mid_session_is_a_plain_message_and_nothing_half_written(
    pg_db: Database,
) -> None:
    """The server restarts while a write is under way: the caller gets a DatabaseProblem naming
    the server (the window shows it as a message, not the crash dialog), without the password;
    nothing of the write is there; the next session works on a fresh connection."""
    with pytest.raises(DatabaseProblem) as caught, pg_db.session() as session:
        session.add(Building(number="9", units=1, floors=6))
        session.flush()
        _cut_off(pg_db, session.execute(text("SELECT pg_backend_pid()")).scalar_one())
        session.add(Building(number="10", units=1, floors=6))
        session.flush()
    message = caught.value.message()
    assert "连接已中断" in message and pg_db.location in message
    assert "Traceback" not in message
    password = pg_db.engine.url.password
    assert not password or password not in message
    with pg_db.reading() as session:  # a new connection, and the half-done write is not there
        assert session.scalars(select(Building.number)).all() == []


def test_rows_inserted_with_their_own_ids_do_not_block_the_next_ones(pg_db: Database) -> None:
    """The demo (and a roster import) number their rows themselves; on PostgreSQL the id sequence
    must go on after them, or the next grid or resident added in the window would collide."""
    from app.core.grids.structure import create_grid
    from app.core.office.demo import fill_demo

    with pg_db.session(note="demo") as session:
        fill_demo(session, 60)
    with pg_db.session() as session:
        grid = create_grid(session, "G90", "第九十网格")
        building = Building(number="90", units=1, floors=6)
        session.add(building)
        session.flush()
        assert grid.id > 1 and building.id > 1
    with pg_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Building)) > 1
