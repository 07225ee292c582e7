"""docs/exchange-format.md suffices: a reader and writer built from it alone
(tests/core/exchange_doc.py) read every file GridDesk writes and write files GridDesk imports;
the document lists every column of every entity as the program checks them; and, for any records,
what the document's writer sends is what the street office stores, while any single changed byte
of a package is refused."""

from __future__ import annotations

import itertools
import re
import uuid as uuidlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import CheckConstraint, UniqueConstraint, func, select

from app.core.exchange import package_file as fmt
from app.core.exchange import payload as exchange_payload
from app.core.exchange import rules
from app.core.exchange.enrolment import export_public
from app.core.exchange.packages import travelling_entities
from app.core.exchange.receipts import import_receipt, write_receipts
from app.db.base import Base
from app.db.models_exchange import ExchangePackage
from app.errors import AlreadyDone, GridDeskError
from tests.core import exchange_doc as doc
from tests.core.exchange_offices import COMMUNITY, STREET, Office
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import
from tests.core.test_exchange_refusals import (
    STAMP,
    building,
    forge,
    grid,
    household,
    manifest,
    resident,
    street_keys,
    travelling,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "exchange-format.md"
TRAVELLING = ("uuid", "origin", "seq", "created_at", "updated_at", "deleted_at", "delete_reason")

# ---------------------------------------------------------------------------------------------
# the document's tables against the program's rules


def _documented() -> dict[str, tuple[dict[str, list[str]], list[str]]]:
    """§7: per entity, its table's rows (column -> cells) and the lines below it."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## 7. Entities") : text.index("## 8.")]
    found: dict[str, tuple[dict[str, list[str]], list[str]]] = {}
    for block in re.split(r"(?m)^#### ", section)[1:]:
        name = re.match(r"`([a-z_]+)`", block).group(1)  # type: ignore[union-attr]
        rows: dict[str, list[str]] = {}
        notes: list[str] = []
        for line in block.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if line.startswith("| `"):
                rows[cells[0].strip("`")] = cells[1:]
            elif line.startswith("- "):
                notes.append(line[2:])
        found[name] = (rows, notes)
    return found


def _words(rule: rules.Rule) -> str:
    if rule.kind == "text":
        return f"text ≤ {rule.max_length}" if rule.max_length else "text"
    if rule.kind == "ref":
        return f"uuid of `{rule.ref}`"
    return {"datetime": "time", "time": "time of day"}.get(rule.kind, rule.kind)


def test_the_document_lists_every_column_of_every_entity_as_checked() -> None:
    documented = _documented()
    entities = travelling_entities()
    assert list(documented) == [e.name for e in entities]  # and in the order they refer
    for entity in entities:
        rows, notes = documented[entity.name]
        found = rules.rules(entity.table, tuple(sorted(entity.refs.items())))
        own = [c.key for c in entity.columns if c.key not in TRAVELLING]
        assert list(rows) == own, entity.name
        for key in own:
            value, null, left_out, allowed = rows[key]
            rule = found[key]
            assert value == _words(rule), (entity.name, key)
            assert null == ("yes" if rule.nullable else "no"), (entity.name, key)
            assert (left_out == "refused") == rule.required, (entity.name, key)
            assert allowed == rule.describe(), (entity.name, key)
        _checks, cross = rules.single_column_checks(entity.table)
        table_checks = {
            str(c.name): str(c.sqltext)
            for c in entity.table.constraints
            if isinstance(c, CheckConstraint)
        }
        assert sorted(n[len("check: `") : -1] for n in notes if n.startswith("check")) == sorted(
            table_checks[name] for name in cross
        ), entity.name
        unique = [
            tuple(c.key for c in con.columns)
            for con in [*entity.table.indexes, *entity.table.constraints]
            if (getattr(con, "unique", False) or isinstance(con, UniqueConstraint))
            and [c.key for c in con.columns] != ["uuid"]
        ]
        listed = [n for n in notes if n.startswith("unique")]
        assert len(listed) == len(unique), entity.name
        for columns in unique:
            assert any("(" + ", ".join(f"`{c}`" for c in columns) + ")" in n for n in listed)


def test_the_document_names_every_limit_the_program_keeps() -> None:
    text = DOC.read_text(encoding="utf-8")
    for figure in (
        f"{fmt.MAX_HEADER:,}",
        f"{fmt.MAX_RECEIPT:,}",
        f"{fmt.MAX_PAYLOAD:,}",
        f"{exchange_payload.MAX_RECORD_CHARS:,}",
        f"{rules.INT_MAX:,}",
        f"nested at most {fmt.MAX_DEPTH} deep",
    ):
        assert figure in text, figure
    from app.core.exchange.enrolment import MAX_ENROLMENT
    from app.core.exchange.importing import MAX_FILE

    assert f"{MAX_FILE:,}" in text and f"{MAX_ENROLMENT:,}" in text
    from app.db.revision import SCHEMA_HEAD

    assert f"| {SCHEMA_HEAD} |" in text  # every revision is in §5's table


# ---------------------------------------------------------------------------------------------
# both directions, by the document's rules alone


def _check_value(kind: str, value: Any) -> None:
    """A payload value of the type §3.3's table names."""
    if value is None:
        return
    patterns = {
        "date": r"\d{4}-\d{2}-\d{2}",
        "time": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?",
        "time of day": r"\d{2}:\d{2}:\d{2}(\.\d{1,6})?",
    }
    if kind in patterns:
        assert isinstance(value, str) and re.fullmatch(patterns[kind], value), (kind, value)
    elif kind == "integer":
        assert type(value) is int and -(2**31) <= value < 2**31
    elif kind == "boolean":
        assert type(value) is bool
    elif kind.startswith("uuid of"):
        assert re.fullmatch(rules.UUID_PATTERN, value)
    else:
        limit = re.fullmatch(r"text ≤ (\d+)", kind)
        assert isinstance(value, str) and (limit is None or len(value) <= int(limit.group(1)))


def test_the_document_reads_what_the_program_writes(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    sender = doc.read_enrolment(export_public(c.datadir, c.info, tmp_path / "c.pub")[0])
    street = doc.Keys.of(s.datadir.root)
    first = _export(c, tmp_path / "usb").read_bytes()
    m, payload = doc.read_package(first, sender["_signing"], street)
    assert m["format"] == "griddesk-package" and m["format_version"] == 1
    assert (
        m["sender"]["fingerprint"]
        == sender["fingerprint"]
        == doc.Keys.of(c.datadir.root).fingerprint
    )
    assert m["recipient"] == {"code": STREET, "fingerprint": street.fingerprint}
    assert (m["package_seq"], m["previous_hash"], m["kind"]) == (1, None, "full")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", m["created_at"])
    assert re.fullmatch(r"\d{4}", m["schema_revision"])
    records = payload["records"]
    assert list(payload) == ["records"]
    assert m["counts"] == {name: len(rows) for name, rows in records.items()}
    documented = _documented()
    for name, rows in records.items():
        table, _notes = documented[name]
        required = {k for k, cells in table.items() if cells[2] == "refused"}
        for row in rows:
            assert required | set(TRAVELLING[:5]) <= row.keys() <= set(table) | set(TRAVELLING)
            assert row["origin"] == COMMUNITY and m["since_seq"] < row["seq"] <= m["up_to_seq"]
            for key in TRAVELLING[3:6]:
                _check_value("time", row.get(key))
            for key, cells in table.items():
                _check_value(cells[0], row.get(key))
    second = _export(c, tmp_path / "usb").read_bytes()
    m2, _payload = doc.read_package(second, sender["_signing"], street)
    assert (m2["package_seq"], m2["kind"]) == (2, "incremental")
    assert m2["previous_hash"] == doc.package_hash(first)
    assert m2["since_seq"] == m["up_to_seq"]
    # the street office's receipt, read by the document
    _import(s, tmp_path / "usb" / f"{COMMUNITY}-{STREET}-000001.gdpkg")
    (receipt,) = write_receipts(s.db, s.datadir, s.info, tmp_path / "back")
    s_pub = doc.read_enrolment(export_public(s.datadir, s.info, tmp_path / "s.pub")[0])
    body = doc.read_receipt(receipt.read_bytes(), s_pub["_signing"])
    assert body["recipient"]["code"] == COMMUNITY
    assert [(p["package_seq"], p["package_hash"]) for p in body["packages"]] == [
        (1, doc.package_hash(first))
    ]
    for when in (body["created_at"], body["packages"][0]["imported_at"]):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", when)


def test_the_program_imports_what_the_document_writes(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """A chain of two packages and a receipt, written by the document's rules alone."""
    c, s = offices["C"], offices["S"]
    community, street = doc.Keys.of(c.datadir.root), doc.Keys.of(s.datadir.root)
    g = grid()
    b = building(g["uuid"])
    h = household(b["uuid"], g["uuid"], phone="027-8888 6666")
    person = resident(h["uuid"], id_number="420106196104021234", phone="13812345678")
    meeting = travelling(
        title="第一网格议事会", level="grid", grid_id=g["uuid"], kind="网格议事会",
        held_on="2026-11-20", start_time="09:00:00", end_time="10:30:00", place="党群服务中心",
        chair="刘芳", recorder="王磊", attendees="刘芳\n王磊", absentees="", discussion="送菜",
        residents_views="", status="published", published_at=STAMP, published_by="刘芳",
        amends_id=None, amend_reason=None,
    )  # fmt: skip
    item = travelling(name="口罩", unit="只", category="防护用品", expires_on="2027-06-30",
                      notes=None)  # fmt: skip
    point = travelling(name="社区仓库", address="3栋1楼")
    receipt = travelling(item_id=item["uuid"], point_id=point["uuid"], kind="receipt", qty=100,
                         at=STAMP, actor="王磊", source_kind="donation", donor="爱心企业",
                         donor_kind="enterprise", reason=None, transfer_uuid=None,
                         campaign_id=None, household_id=None)  # fmt: skip
    records = {
        "grid": [g],
        "building": [b],
        "household": [h],
        "resident": [person],
        "meeting": [meeting],
        "supply_item": [item],
        "supply_point": [point],
        "supply_movement": [receipt],
    }
    first = forge(c, s, records, tmp_path / "1.gdpkg", kind="incremental", up_to_seq=1)
    _import(s, first)
    person["seq"], person["phone"], person["updated_at"] = 2, "13900000000", STAMP + ".5"
    h["seq"], h["deleted_at"], h["delete_reason"] = 2, STAMP, "搬离"
    records = {"household": [h], "resident": [person]}
    second = forge(c, s, records, tmp_path / "2.gdpkg", kind="incremental", since_seq=1,
                   up_to_seq=2, previous_hash=doc.package_hash(first.read_bytes()))  # fmt: skip
    result = _import(s, second)
    assert getattr(result, "updated", None) == 2
    stored = _stored(s, "resident", person["uuid"])
    assert stored["phone"] == "13900000000" and stored["id_number"] == person["id_number"]
    assert stored["updated_at"] == datetime(2026, 11, 29, 6, 0, 0, 500000)
    assert _stored(s, "household", h["uuid"])["delete_reason"] == "搬离"
    assert _stored(s, "meeting", meeting["uuid"])["start_time"] == time(9, 0)
    with s.db.reading() as session:
        from app.core.supplies import ledger
        from app.db.models_supplies import SupplyItem

        mine = session.scalars(select(SupplyItem).where(SupplyItem.uuid == item["uuid"])).one()
        assert ledger.on_hand(session, mine.id) == 100
    # the street office's receipt, written by the document, marks the community's packages
    ours = _export(c, tmp_path / "usb")  # a package the community wrote itself
    body = {
        "format": "griddesk-receipt",
        "format_version": 1,
        "sender": {"code": STREET, "name": s.info.name, "fingerprint": street.fingerprint},
        "recipient": {"code": COMMUNITY, "fingerprint": community.fingerprint},
        "created_at": STAMP + "Z",
        "packages": [
            {"package_seq": 1, "package_hash": doc.package_hash(ours.read_bytes()),
             "imported_at": STAMP + "Z", "records": 1}
        ],
    }  # fmt: skip
    path = tmp_path / "r.gdrct"
    path.write_bytes(doc.write_receipt(street, body))
    assert import_receipt(c.db, c.datadir, c.info, path).acknowledged == [1]


def _stored(office: Office, entity: str, uuid: str) -> dict[str, Any]:
    table = Base.metadata.tables[entity]
    with office.db.reading() as session:
        row = session.execute(select(table).where(table.c.uuid == uuid)).one()
    return dict(row._mapping)


# ---------------------------------------------------------------------------------------------
# properties


_counter = itertools.count(1)
# any character §3.3 allows in text: not U+0000, and no lone surrogate (UTF-8 has none)
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(CHARS, max_size=40)
SOME_TEXT = st.text(CHARS, min_size=1, max_size=20)
DAY = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
MOMENT = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))


def _iso(moment: datetime) -> str:
    return moment.isoformat()


@st.composite
def households(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """A grid, a building, a household and up to three residents, with any values the document
    allows them."""
    n = next(_counter)
    stamp = _iso(draw(MOMENT))
    g = grid(code=f"P{n}", name=draw(SOME_TEXT), notes=draw(st.none() | TEXT), created_at=stamp)
    b = building(g["uuid"], number=f"P{n}", name=draw(st.none() | TEXT),
                 units=draw(st.integers(1, rules.INT_MAX)),
                 floors=draw(st.integers(1, rules.INT_MAX)))  # fmt: skip
    h = household(b["uuid"], draw(st.none() | st.just(g["uuid"])), code=f"P{n}",
                  unit=draw(st.integers(1, rules.INT_MAX)), room=draw(SOME_TEXT),
                  address_code=draw(SOME_TEXT), phone=draw(st.none() | TEXT),
                  notes=draw(st.none() | st.text(CHARS, max_size=500)), updated_at=stamp)  # fmt: skip
    people = []
    for i in range(draw(st.integers(0, 3))):
        people.append(
            resident(
                h["uuid"],
                name=draw(SOME_TEXT),
                gender=draw(st.sampled_from([None, "M", "F"])),
                birth_date=draw(st.none() | DAY.map(date.isoformat)),
                id_number=draw(st.none() | st.just(f"{n:08d}{i}")),
                doc_type=draw(st.none() | st.text(CHARS, max_size=20)),
                phone=draw(st.none() | st.text(CHARS, max_size=40)),
                is_head=i == 0,
                residency=draw(st.sampled_from(["registered", "migrant", "abroad"])),
                tags=draw(st.text(CHARS, max_size=200)),
                status=draw(st.sampled_from(["active", "moved_out", "deceased"])),
                notes=draw(st.none() | TEXT),
                seq=draw(st.integers(1, 1000)),
                deleted_at=draw(st.none() | MOMENT.map(_iso)),
            )
        )
    return {"grid": [g], "building": [b], "household": [h], "resident": people}


def _as_json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=households())
def test_any_records_the_document_allows_arrive_as_they_were_sent(
    offices: dict[str, Office], tmp_path: Path, records: dict[str, list[dict[str, Any]]]
) -> None:
    c, s = offices["C"], offices["S"]
    path = forge(c, s, records, tmp_path / f"{uuidlib.uuid4()}.gdpkg")
    _import(s, path)
    refs = {
        name: dict(e.refs) for e in travelling_entities() for name in [e.name] if name in records
    }
    for name, rows in records.items():
        table = Base.metadata.tables[name]
        for row in rows:
            stored = _stored(s, name, row["uuid"])
            for key, value in row.items():
                got = stored[key]
                if key in refs[name] and got is not None:
                    target = Base.metadata.tables[refs[name][key]]
                    with s.db.reading() as session:
                        got = session.scalar(select(target.c.uuid).where(target.c.id == got))
                assert _as_json(got) == value, (name, key)
            assert table is not None


@pytest.fixture
def one_package(offices: dict[str, Office], tmp_path: Path) -> bytes:
    return _export(offices["C"], tmp_path / "usb").read_bytes()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_single_changed_byte_is_refused(
    offices: dict[str, Office], tmp_path: Path, one_package: bytes, data: st.DataObject
) -> None:
    s = offices["S"]
    offset = data.draw(st.integers(0, len(one_package) - 1), label="offset")
    flip = data.draw(st.integers(1, 255), label="xor")
    changed = bytearray(one_package)
    changed[offset] ^= flip
    path = tmp_path / "changed.gdpkg"
    path.write_bytes(bytes(changed))
    with pytest.raises(GridDeskError) as caught:
        _import(s, path)
    assert not isinstance(caught.value, AlreadyDone)
    with s.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ExchangePackage)) == 0


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(["uuid", "name", "notes", "seq", "is_head", "tags"]),
            st.none() | st.booleans() | st.integers(-(2**40), 2**40) | TEXT,
        ),
        max_size=30,
    ),
    step=st.integers(1, 64),
)
def test_records_read_in_any_steps_are_the_records_sent(
    rows: list[dict[str, Any]], step: int
) -> None:
    """The payload reader takes the text as it is inflated, a few bytes at a time here, so that
    records, strings, escapes and multi-byte characters are cut everywhere."""
    signer, recipient = doc.Ed25519PrivateKey.generate(), doc.X25519PrivateKey.generate()
    data = fmt.seal({}, {"records": {"resident": rows}}, recipient.public_key(), signer)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fmt, "INFLATE_STEP", step)
        batches = list(exchange_payload.read_records(fmt.split(data), recipient, {"resident"}))
    got = [
        doc.canonical(dict(zip(keys, values, strict=True)))
        for batch in batches
        for keys, group in batch.groups.items()
        for values in group
    ]
    assert sorted(got) == sorted(map(doc.canonical, rows))
    assert sum(b.rows for b in batches) == len(rows)


def test_manifest_is_used_by_the_tests_as_the_document_says(
    offices: dict[str, Office],
) -> None:
    """The manifest the tests write is one §3.2 describes (kept honest here)."""
    c, s = offices["C"], offices["S"]
    m = manifest(c, s, {"grid": [grid()]})
    assert m["recipient"]["fingerprint"] == street_keys(s).fingerprint
    assert set(m) == {
        "format", "format_version", "schema_revision", "sender", "recipient", "package_seq",
        "previous_hash", "created_at", "kind", "since_seq", "up_to_seq", "counts",
    }  # fmt: skip
