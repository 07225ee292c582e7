"""Counts on the dashboard and in `stats` come from the records; `check` finds what is wrong."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import select, text

from app.core.office.datadir import DataDir
from app.core.office.health import check_database
from app.core.office.stats import office_stats
from app.db.engine import Database
from app.db.models import Household, Resident

BUILTIN_TAGS = ["独居老人", "空巢老人", "残疾人", "慢性病", "孕产妇", "婴幼儿", "低保", "特困"]


def _sql(db: Database, query: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(query)).scalar() or 0)


def _stats(db: Database) -> dict[str, object]:
    with db.reading() as session:
        return office_stats(session)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def test_stats_match_direct_counts(demo_db: Database) -> None:
    stats = _stats(demo_db)
    live_residents = "FROM resident WHERE deleted_at IS NULL AND status = 'active'"
    assert stats["households"] == _sql(
        demo_db, "SELECT count(*) FROM household WHERE deleted_at IS NULL"
    )
    assert stats["residents"] == _sql(demo_db, f"SELECT count(*) {live_residents}") == 300
    assert stats["grids"] == _sql(demo_db, "SELECT count(*) FROM grid WHERE deleted_at IS NULL")
    assert stats["buildings"] == _sql(
        demo_db, "SELECT count(*) FROM building WHERE deleted_at IS NULL"
    )
    assert stats["unassigned_households"] == _sql(
        demo_db, "SELECT count(*) FROM household WHERE deleted_at IS NULL AND grid_id IS NULL"
    )
    assert stats["by_residency"] == {
        r: _sql(demo_db, f"SELECT count(*) {live_residents} AND residency = '{r}'")
        for r in ("registered", "migrant", "abroad")
    }
    assert stats["by_tag"] == {
        t: _sql(demo_db, f"SELECT count(*) {live_residents} AND tags LIKE '%,{t},%'")
        for t in BUILTIN_TAGS
    }
    any_tag = " OR ".join(f"tags LIKE '%,{t},%'" for t in BUILTIN_TAGS)
    assert stats["vulnerable"] == _sql(demo_db, f"SELECT count(*) {live_residents} AND ({any_tag})")
    assert stats["vulnerable"] > 0


def test_stats_of_an_empty_community(db: Database) -> None:
    stats = _stats(db)
    assert (stats["households"], stats["residents"], stats["grids"], stats["buildings"]) == (
        0,
        0,
        0,
        0,
    )
    assert stats["by_tag"] == dict.fromkeys(BUILTIN_TAGS, 0)


def test_tombstoned_and_moved_out_residents_are_not_counted(demo_db: Database) -> None:
    before = _stats(demo_db)
    with demo_db.session() as session:
        tagged = session.scalars(
            select(Resident).where(Resident.tags.like("%,慢性病,%"), Resident.is_head.is_(False))
        ).first()
        assert tagged is not None
        tagged.deleted_at = _now()
        tagged.delete_reason = "重复登记"
        moved = session.scalars(
            select(Resident).where(Resident.tags == "", Resident.is_head.is_(False))
        ).first()
        assert moved is not None
        moved.status = "moved_out"
    after = _stats(demo_db)
    assert after["residents"] == before["residents"] - 2  # type: ignore[operator]
    assert after["by_tag"]["慢性病"] == before["by_tag"]["慢性病"] - 1  # type: ignore[index]
    assert after["households"] == before["households"]


def test_tombstoned_household_is_not_counted(demo_db: Database) -> None:
    before = _stats(demo_db)
    with demo_db.session() as session:
        household = session.scalars(select(Household)).first()
        assert household is not None
        for member in household.members:
            member.deleted_at = _now()
        household.deleted_at = _now()
        household.delete_reason = "拆迁"
        gone = len(household.members)
    after = _stats(demo_db)
    assert after["households"] == before["households"] - 1  # type: ignore[operator]
    assert after["residents"] == before["residents"] - gone  # type: ignore[operator]
    assert check_database(demo_db).healthy  # a household gone whole is not a problem


def test_demo_is_healthy(demo_db: Database) -> None:
    report = check_database(demo_db)
    assert report.problems == []
    assert report.healthy
    assert {"integrity_check", "foreign_key_check", "migration", "one_head_per_household"} <= set(
        report.checked
    )


def test_household_without_a_head_is_reported(demo_db: Database) -> None:
    with demo_db.session() as session:
        household = session.scalars(
            select(Household)
            .join(Resident)
            .group_by(Household.id)
            .having(text("count(resident.id) >= 2"))
        ).first()
        assert household is not None
        head = next(m for m in household.members if m.is_head)
        head.deleted_at = _now()
        head.delete_reason = "死亡注销"
    report = check_database(demo_db)
    assert not report.healthy
    assert any("户主" in zh and "head" in en for zh, en in report.problems), report.problems
    assert "1 户没有户主" in [zh for zh, _en in report.problems]


def test_new_head_makes_it_healthy_again(demo_db: Database) -> None:
    with demo_db.session() as session:
        household = session.scalars(
            select(Household)
            .join(Resident)
            .group_by(Household.id)
            .having(text("count(resident.id) >= 2"))
        ).first()
        assert household is not None
        head = next(m for m in household.members if m.is_head)
        other = next(m for m in household.members if not m.is_head)
        head.deleted_at = _now()
        session.flush()
        other.is_head = True
        other.relation = "户主"
    assert check_database(demo_db).healthy


def test_foreign_key_damage_is_reported(datadir: DataDir, demo_db: Database) -> None:
    """Rows written by another tool with foreign keys off are found by `check`."""
    raw = sqlite3.connect(datadir.db_path)
    try:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("UPDATE household SET building_id = 9999 WHERE id = 1")
        raw.commit()
    finally:
        raw.close()
    report = check_database(demo_db)
    assert not report.healthy
    assert any("household" in en and "foreign key" in en for _zh, en in report.problems)
