"""What a street office must find after an import, whichever way the rows were written (the bulk
path of app.core.exchange.packages, or the ordinary one for rows an older program sent without some
column): records that point at records of their own table, new residents found by the tails of their phones,
the defaults of columns a package leaves out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.core.exchange import package_file as fmt
from app.core.exchange.enrolment import load_own_keys
from app.core.meetings import minutes
from app.core.registry.search import search
from app.db.engine import Database
from app.db.models import Resident
from app.db.models_meetings import ActionItem, Meeting
from tests.core.exchange_offices import Office
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import


def _links(db: Database) -> tuple[list[Any], list[Any]]:
    """(amendment uuid, original uuid) and (action item uuid, carried-from uuid), by uuid."""
    with db.reading() as session:
        original = aliased(Meeting)
        amended = session.execute(
            select(Meeting.uuid, original.uuid).join(original, Meeting.amends_id == original.id)
        ).all()
        source = aliased(ActionItem)
        carried = session.execute(
            select(ActionItem.uuid, source.uuid).join(
                source, ActionItem.carried_from_id == source.id
            )
        ).all()
    return sorted(map(tuple, amended)), sorted(map(tuple, carried))


def _tails(db: Database) -> set[tuple[str, str, str]]:
    """(kind, last six characters, uuid) for each resident a search for the last six characters of
    their phone or ID number finds, among the first 400 residents."""
    with db.reading() as session:
        people = session.execute(
            select(Resident.phone, Resident.id_number).order_by(Resident.uuid).limit(400)
        ).all()
        uuids = dict(session.execute(select(Resident.id, Resident.uuid)).tuples().all())
        queries = {("phone_tail", p[-6:]) for p, _i in people if p}
        queries |= {("id_tail", i[-6:]) for _p, i in people if i}
        return {
            (kind, q, uuids[hit.resident_id])
            for kind, q in queries
            for hit in search(session, q, limit=500)
            if hit.matched == kind
        }


def test_an_amendment_arrives_linked_to_the_minutes_it_corrects(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    data = minutes.input_from_json(
        {
            "title": "第一网格议事会",
            "level": "grid",
            "grid": "G01",
            "date": "2026-11-20",
            "place": "党群服务中心",
            "chair": "刘芳",
            "recorder": "王磊",
            "attendees": ["刘芳", "陈强", "王磊"],
            "agenda": ["送菜"],
            "discussion": "讨论送菜安排",
            "decisions": ["每周二送菜"],
            "action_items": [
                {"text": "整理名单", "owner": "刘芳", "due": "2026-11-30"},
                {"text": "联系超市", "owner": "陈强", "due": "2026-12-02"},
            ],
        }
    )
    with c.db.session() as session:
        original = minutes.create_meeting(session, data)
        minutes.publish_meeting(session, original)
    with c.db.session() as session:
        minutes.amend_meeting(session, original, "补记缺席人员")
    amended, carried = _links(c.db)
    assert len(amended) == 1 and len(carried) == 2

    _import(s, _export(c, tmp_path / "usb"))
    # the amendment points at the original and each copied item at the one it was carried from,
    # though the street office numbers its rows its own way
    assert _links(s.db) == (amended, carried)


def test_imported_residents_are_found_by_the_tails_of_their_phone_and_id_number(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    expected = _tails(c.db)
    assert len(expected) > 300
    _import(s, _export(c, tmp_path / "usb"))
    assert _tails(s.db) == expected


def test_a_package_without_a_newer_column_gets_the_column_default(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """A package from an older program lacks columns added since: its records take the column's
    default, next to the records of the same package that have it."""
    c, s = offices["C"], offices["S"]
    package = _export(c, tmp_path / "usb")
    envelope = fmt.split(package.read_bytes())
    street = load_own_keys(s.datadir)
    payload = fmt.open_payload(envelope, street.encryption)
    residents = payload["records"]["resident"]
    tagged = [r for r in residents if r["tags"]]
    assert tagged, "the demo community has residents with tags"
    old = tagged[0]
    del old["tags"]  # as if written before the column existed
    data = fmt.seal(  # signed by the sender's key, as the older program would have
        envelope.manifest,
        payload,
        street.encryption.public_key(),
        load_own_keys(c.datadir).signing,
    )
    older = tmp_path / "older.gdpkg"
    older.write_bytes(data)

    _import(s, older)
    with s.db.reading() as session:
        tags = dict(session.execute(select(Resident.uuid, Resident.tags)).tuples().all())
    with c.db.reading() as session:
        mine = dict(session.execute(select(Resident.uuid, Resident.tags)).tuples().all())
    assert tags[old["uuid"]] == ""  # Resident.tags' default
    assert {u: t for u, t in tags.items() if u != old["uuid"]} == {
        u: t for u, t in mine.items() if u != old["uuid"]
    }
    assert _tails(s.db) == _tails(c.db)  # residents of both kinds of rows are searchable
