"""What no file on a stick may do to an office (issue "Nothing lost", parts 5 and 7): a package is
remembered before it is on the stick; a file nobody signed cannot exhaust the stack or memory; a
signed one cannot inflate without bound, hold numbers no column can take, values of the wrong type
or range, or records that refer to another office's records. Each is refused with the reason, the
office unchanged, and no refusal shows an ID number or a phone unmasked.

Packages are written here with the document's writer (tests/core/exchange_doc.py), signed with
the community's own key, as another program following docs/exchange-format.md would write them."""

from __future__ import annotations

import functools
import struct
import uuid as uuidlib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.core.exchange import package_file as fmt
from app.core.exchange.enrolment import enroll, export_public, read_enrolment
from app.core.exchange.history import import_packages
from app.core.exchange.packages import PackageRefused, export_package
from app.core.exchange.receipts import import_receipt
from app.core.exchange.returns import pending_packages, resend_packages
from app.db.models import Household, Resident
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import AlreadyDone, GridDeskError, InvalidInput
from tests.core import exchange_doc as doc
from tests.core.exchange_offices import COMMUNITY, COMMUNITY2, STREET, Office
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import
from tests.core.test_exchange import _fingerprint_of_db

STAMP = "2026-11-29T06:00:00"

# ---------------------------------------------------------------------------------------------
# records as the document describes them


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def travelling(origin: str = COMMUNITY, seq: int = 1, **columns: Any) -> dict[str, Any]:
    return {
        "uuid": new_uuid(),
        "origin": origin,
        "seq": seq,
        "created_at": STAMP,
        "updated_at": STAMP,
        "deleted_at": None,
        "delete_reason": None,
        **columns,
    }


def grid(code: str | None = None, **more: Any) -> dict[str, Any]:
    return travelling(**{"code": code or f"G{new_uuid()[:8]}", "name": "第九网格", "notes": None,
                         **more})  # fmt: skip


def building(grid_uuid: str | None, **more: Any) -> dict[str, Any]:
    columns = {"number": f"B{new_uuid()[:8]}", "name": None, "units": 2, "floors": 6}
    return travelling(grid_id=grid_uuid, **{**columns, **more})


def household(building_uuid: str, grid_uuid: str | None, **more: Any) -> dict[str, Any]:
    code = f"H{new_uuid()[:8]}"
    columns = {
        "code": code,
        "unit": 1,
        "room": "502",
        "address_code": f"{code}-1-502",
        "phone": None,
        "notes": None,
    }
    return travelling(building_id=building_uuid, grid_id=grid_uuid, **{**columns, **more})


def resident(household_uuid: str, **more: Any) -> dict[str, Any]:
    columns = {
        "name": "刘芳",
        "gender": "F",
        "birth_date": "1961-04-02",
        "id_number": None,
        "doc_type": None,
        "doc_number": None,
        "phone": None,
        "relation": "户主",
        "is_head": True,
        "residency": "registered",
        "tags": "",
        "status": "active",
        "notes": None,
    }
    return travelling(household_id=household_uuid, **{**columns, **more})


def a_household(**resident_columns: Any) -> dict[str, list[dict[str, Any]]]:
    """A grid, a building, a household and its head: the smallest records of a resident."""
    g = grid()
    b = building(g["uuid"])
    h = household(b["uuid"], g["uuid"])
    return {
        "grid": [g],
        "building": [b],
        "household": [h],
        "resident": [resident(h["uuid"], **resident_columns)],
    }


def manifest(
    sender: Office, street: Office, records: dict[str, list[Any]], **changes: Any
) -> dict[str, Any]:
    """A full package's manifest (§3.2), numbered after the last one the street office has."""
    with street.db.reading() as session:
        enrolled = session.get(EnrolledOffice, sender.info.code)
        last = enrolled.last_package_seq if enrolled else 0
    base = {
        "format": "griddesk-package",
        "format_version": 1,
        "schema_revision": "0013",
        "sender": {
            "code": sender.info.code,
            "name": sender.info.name,
            "role": "community",
            "fingerprint": doc.Keys.of(sender.datadir.root).fingerprint,
        },
        "recipient": {"code": street.info.code, "fingerprint": street_keys(street).fingerprint},
        "package_seq": last + 1,
        "previous_hash": None,
        "created_at": STAMP + "Z",
        "kind": "full",
        "since_seq": 0,
        "up_to_seq": 1000,
        "counts": {name: len(rows) for name, rows in records.items() if rows},
    }
    return {**base, **changes}


def street_keys(street: Office) -> doc.Keys:
    return doc.Keys.of(street.datadir.root)


def forge(
    sender: Office,
    street: Office,
    records: dict[str, list[Any]],
    path: Path,
    *,
    payload: bytes | None = None,
    payload_length: int | None = None,
    **changes: Any,
) -> Path:
    """A package from `sender` to `street`, signed with the sender's key, written by the
    document's writer."""
    data = doc.write_package(
        doc.Keys.of(sender.datadir.root),
        doc.raw(street_keys(street).encryption.public_key()),
        manifest(sender, street, records, **changes),
        records,
        payload=payload,
        payload_length=payload_length,
    )
    path.write_bytes(data)
    return path


def refused_unchanged(street: Office, path: Path, *words: str) -> GridDeskError:
    """Import `path` into `street`: refused (not "already imported") with all `words` in the
    message, and the street office's database exactly as before."""
    before = _fingerprint_of_db(street)
    with pytest.raises(GridDeskError) as caught:
        _import(street, path)
    assert not isinstance(caught.value, AlreadyDone)
    message = caught.value.message("en")
    for word in words:
        assert word in message, message
    assert _fingerprint_of_db(street) == before
    return caught.value


# ---------------------------------------------------------------------------------------------
# part 1: remembered before it is on the stick


@pytest.fixture
def failing_commit() -> Iterator[list[str]]:
    """Make the commit of the next `exchange export` transaction fail (after the package was
    written), as a full disk or a lost server would."""
    failed: list[str] = []

    def fail(session: Session) -> None:
        if session.info.get("audit_note") == "exchange export" and not failed:
            failed.append("commit")
            raise RuntimeError("the disk is full")

    event.listen(Session, "before_commit", fail)
    try:
        yield failed
    finally:
        event.remove(Session, "before_commit", fail)


def _sent(office: Office) -> list[tuple[int, str]]:
    with office.db.reading() as session:
        rows = session.execute(
            select(ExchangePackage.package_seq, ExchangePackage.package_hash).where(
                ExchangePackage.direction == "out"
            )
        )
        return sorted(tuple(r) for r in rows)  # type: ignore[misc]


def test_a_package_whose_commit_fails_never_reaches_the_stick(
    offices: dict[str, Office], tmp_path: Path, failing_commit: list[str]
) -> None:
    c, s = offices["C"], offices["S"]
    stick = tmp_path / "usb"
    with pytest.raises(RuntimeError):
        export_package(c.db, c.datadir, c.info, stick)
    assert failing_commit == ["commit"]
    assert not stick.exists() or not list(stick.iterdir())  # no package, no .partial either
    assert not list(c.datadir.exports.glob("*"))
    assert _sent(c) == []
    # the next export is package 1 again, and the street office takes it
    package = _export(c, stick)
    assert package.name.endswith("-000001.gdpkg")
    assert sorted(p.name for p in stick.iterdir()) == [package.name]
    assert (c.datadir.exports / package.name).read_bytes() == package.read_bytes()
    assert _sent(c) == [(1, fmt.package_hash(package.read_bytes()))]
    _import(s, package)


def test_a_stick_lost_after_the_commit_gets_the_same_bytes_again(
    offices: dict[str, Office], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, s = offices["C"], offices["S"]
    stick = tmp_path / "usb"
    replace = Path.replace

    def pulled_out(self: Path, target: Any) -> Path:
        if Path(target).parent == stick:
            raise OSError(5, "Input/output error")
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", pulled_out)
    with pytest.raises(InvalidInput, match="exchange resend"):
        export_package(c.db, c.datadir, c.info, stick)
    monkeypatch.undo()
    assert not list(stick.iterdir())  # its temporary file removed
    (kept,) = c.datadir.exports.glob("*.gdpkg")
    assert _sent(c) == [(1, fmt.package_hash(kept.read_bytes()))]  # remembered, and kept
    with c.db.reading() as session:
        assert [p.package_seq for p in pending_packages(session, c.datadir)] == [1]
    (again,) = resend_packages(c.db, c.datadir, tmp_path / "usb2")
    assert again.read_bytes() == kept.read_bytes()
    _import(s, again)


# ---------------------------------------------------------------------------------------------
# part 2: what is read before the signature is bounded


def test_headers_and_receipts_nested_deep_are_refused_as_damaged() -> None:
    for header in (b"[" * 60_000, b'{"a":' * 12_000, b"[" * 100_000):
        data = fmt.MAGIC + len(header).to_bytes(4, "big") + header + bytes(64)
        with pytest.raises(fmt.PackageDamaged):
            fmt.split(data)
    body = b'{"a":' * 50_000
    data = fmt.RECEIPT_MAGIC + len(body).to_bytes(4, "big") + body + bytes(64)
    with pytest.raises(fmt.PackageDamaged, match="nested"):
        fmt.split(data, fmt.RECEIPT_MAGIC)
    assert fmt.nesting_depth(b'{"a":"[[[[{{{{","b":[1,[2]]}') == 3


def test_a_huge_file_is_not_read_as_a_receipt(offices: dict[str, Office], tmp_path: Path) -> None:
    c = offices["C"]
    huge = tmp_path / "huge.gdrct"
    body = b'{"format":"griddesk-receipt","pad":"' + b"x" * (fmt.MAX_RECEIPT - 60) + b'"}'
    huge.write_bytes(fmt.RECEIPT_MAGIC + len(body).to_bytes(4, "big") + body + bytes(100_000))
    with pytest.raises(fmt.PackageDamaged):
        import_receipt(c.db, c.datadir, c.info, huge)


def test_one_bad_file_does_not_stop_the_others(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    good = _export(c, tmp_path / "usb")
    header = b"[" * 60_000
    bad = tmp_path / "usb" / "0-bad.gdpkg"
    bad.write_bytes(fmt.MAGIC + len(header).to_bytes(4, "big") + header + bytes(64))
    outcomes = import_packages(s.db, s.datadir, s.info, [tmp_path / "usb"])
    states = {o.path.name: (o.state, o.exit_code) for o in outcomes}
    assert states == {bad.name: ("refused", 1), good.name: ("imported", 0)}


# ---------------------------------------------------------------------------------------------
# part 3: inflated in bounded steps


@functools.cache
def _compressed(*parts: tuple[bytes, int]) -> bytes:
    """A zlib stream of each `part` repeated `times`, as small as zlib makes it, in a fraction of
    a second: each part is compressed once, ending in a full flush (which forgets the history, so
    that compressing it again gives the same bytes), and that block repeated; the checksum is
    that of the whole. Compressing the 2 GiB took twenty seconds."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and checksum below
    out, checksum = [b"\x78\xda"], 1  # zlib's header for level 9
    for part, times in parts:
        block = packer.compress(part) + packer.flush(zlib.Z_FULL_FLUSH)
        assert packer.compress(part) + packer.flush(zlib.Z_FULL_FLUSH) == block
        out.append(block * times)
        for _ in range(times):
            checksum = zlib.adler32(part, checksum)
    out += [packer.flush(), struct.pack(">I", checksum)]
    return b"".join(out)


def test_the_bombs_are_what_they_say() -> None:
    parts = ((b" " * (1 << 20), 3), (b'{"records":{}}', 1))
    assert zlib.decompress(_compressed(*parts)) == b" " * (3 << 20) + b'{"records":{}}'


def test_inflating_stops_at_the_limit_one_step_at_a_time() -> None:
    bomb = _compressed((bytes(1 << 20), 64))  # 64 MiB of zeros in 64 KiB
    steps = fmt.inflate(iter([bomb[i : i + 65536] for i in range(0, len(bomb), 65536)]), 8 << 20)
    sizes = []
    with pytest.raises(fmt.PackageDamaged, match="more than"):
        for piece in steps:
            sizes.append(len(piece))
    assert sum(sizes) <= 8 << 20 and max(sizes) <= fmt.INFLATE_STEP
    whole = zlib.compress(b'{"records":{}}')
    assert b"".join(fmt.inflate(iter([whole]), 100, exact=14)) == b'{"records":{}}'
    with pytest.raises(fmt.PackageDamaged, match="not 15"):
        list(fmt.inflate(iter([whole]), 100, exact=15))
    with pytest.raises(fmt.PackageDamaged, match="cut short"):
        list(fmt.inflate(iter([whole[:-3]]), 100))
    with pytest.raises(fmt.PackageDamaged, match="after the compressed"):
        list(fmt.inflate(iter([whole + b"x"]), 100))


def test_zlib_bombs_are_refused(offices: dict[str, Office], tmp_path: Path) -> None:
    """2 GiB of zeros (2 MB on the stick) took 4.2 GB of memory; 2 GiB of spaces before
    {"records":{}} was even imported. Both are refused after at most MAX_PAYLOAD bytes."""
    c, s = offices["C"], offices["S"]
    zeros = _compressed((bytes(1 << 20), 2048))
    assert len(zeros) < 3 << 20
    refused_unchanged(s, forge(c, s, {}, tmp_path / "zeros.gdpkg", payload=zeros), "'{'")
    spaces = _compressed((b" " * (1 << 20), 2048), (b'{"records":{}}', 1))
    path = forge(c, s, {}, tmp_path / "spaces.gdpkg", payload=spaces)
    refused_unchanged(s, path, "more than 268,435,456 bytes")
    # a payload longer than its header says is refused at that length, a shorter one at its end
    records = a_household()
    text = doc.canonical({"records": records})
    longer = zlib.compress(text + b" " * 999)
    path = forge(c, s, records, tmp_path / "long.gdpkg", payload=longer, payload_length=len(text))
    refused_unchanged(s, path, f"more than {len(text):,} bytes")
    path = forge(c, s, records, tmp_path / "short.gdpkg", payload=zlib.compress(text),
                 payload_length=len(text) + 1)  # fmt: skip
    refused_unchanged(s, path, "as its header says")


# ---------------------------------------------------------------------------------------------
# parts 4 and 5: numbers, types, ranges, ownership


def test_numbers_no_column_can_hold_are_refused_with_the_reason(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    records = a_household()
    big = forge(c, s, records, tmp_path / "seq.gdpkg", package_seq=2**63)
    refused_unchanged(s, big, "package_seq")
    refused_unchanged(
        s, forge(c, s, records, tmp_path / "bool.gdpkg", package_seq=True), "package_seq"
    )
    records["resident"][0]["seq"] = 2**70
    refused_unchanged(s, forge(c, s, records, tmp_path / "rseq.gdpkg"), "seq", "outside")
    records = a_household()
    records["household"][0]["unit"] = 2**70
    refused_unchanged(s, forge(c, s, records, tmp_path / "unit.gdpkg"), "unit", "above")
    records["household"][0]["unit"] = "abc"
    refused_unchanged(s, forge(c, s, records, tmp_path / "abc.gdpkg"), "unit", "not a whole")
    records["household"][0]["unit"] = 1.0
    refused_unchanged(s, forge(c, s, records, tmp_path / "float.gdpkg"), "unit", "not a whole")
    records = a_household()
    records["building"][0]["floors"] = float("inf")  # written as Infinity, which JSON lacks
    refused_unchanged(s, forge(c, s, records, tmp_path / "inf.gdpkg"), "Infinity")
    records = a_household()
    records["resident"][0]["notes"] = [[[[]]]]
    refused_unchanged(s, forge(c, s, records, tmp_path / "list.gdpkg"), "notes", "not text")
    nested = doc.canonical({"records": a_household()}).replace(
        b'"notes":null', b'"notes":' + b"[" * 100_000 + b"]" * 100_000, 1
    )
    path = forge(c, s, a_household(), tmp_path / "deep.gdpkg", payload=zlib.compress(nested))
    refused_unchanged(s, path, "nested too deep")


def test_values_outside_a_columns_type_or_range_are_refused(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    cases: list[tuple[str, str, Any, str]] = [
        ("household", "unit", 0, "below 1"),
        ("building", "floors", -3, "below 1"),
        ("resident", "gender", "X", "not one of F, M"),
        ("resident", "status", "gone", "not one of"),
        ("resident", "is_head", 1, "not true or false"),
        ("resident", "birth_date", "1961-4-2", "not a valid YYYY-MM-DD"),
        ("resident", "birth_date", "1961-02-30", "not a valid YYYY-MM-DD"),
        ("resident", "updated_at", "2026-11-29T06:00:00Z", "not a valid YYYY-MM-DDTHH:MM:SS"),
        ("resident", "name", "刘" * 61, "61 characters, at most 60"),
        ("resident", "name", None, "may not be null"),
        ("household", "building_id", 7, "not a record's uuid"),
        ("resident", "uuid", "NOT-A-UUID", "uuid"),
    ]
    for entity, column, value, words in cases:
        records = a_household()
        records[entity][0][column] = value
        refused_unchanged(s, forge(c, s, records, tmp_path / f"{column}.gdpkg"), column, words)
    records = a_household()
    del records["resident"][0]["name"]
    refused_unchanged(s, forge(c, s, records, tmp_path / "noname.gdpkg"), "name", "missing")
    records = a_household()
    records["resident"][0]["colour"] = "blue"
    refused_unchanged(s, forge(c, s, records, tmp_path / "extra.gdpkg"), "unknown fields")
    records = a_household()
    records["resident"][0]["seq"] = 1001  # beyond up_to_seq
    refused_unchanged(s, forge(c, s, records, tmp_path / "late.gdpkg"), "outside")
    records = a_household()
    records["grid"][0]["seq"] = 5
    path = forge(c, s, records, tmp_path / "early.gdpkg", kind="incremental", since_seq=5,
                 previous_hash=None)  # fmt: skip
    refused_unchanged(s, path, "outside")
    records = a_household()
    path = forge(c, s, records, tmp_path / "kind.gdpkg", kind="partial")
    refused_unchanged(s, path, "kind")
    item = travelling(name="口罩", unit="只", category="防护用品", expires_on=None, notes=None)
    point = travelling(name="社区仓库", address=None)
    movement = travelling(item_id=item["uuid"], point_id=point["uuid"], kind="gift", qty=5,
                          at=STAMP, actor="王磊", source_kind=None, donor=None, donor_kind=None,
                          reason=None, transfer_uuid=None, campaign_id=None,
                          household_id=None)  # fmt: skip
    records = {"supply_item": [item], "supply_point": [point], "supply_movement": [movement]}
    refused_unchanged(s, forge(c, s, records, tmp_path / "gift.gdpkg"), "kind", "'gift'")


def test_a_record_may_refer_only_to_records_of_its_own_office(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """A community put its resident into another community's household: accepted before."""
    c, c2, s = offices["C"], offices["C2"], offices["S"]
    s_pub, _ = export_public(s.datadir, s.info, tmp_path / "s.pub")
    with c2.db.session() as session:
        enroll(session, c2.info, read_enrolment(s_pub), replace=True)
    c2_records = a_household()
    for rows in c2_records.values():
        for row in rows:
            row["origin"] = COMMUNITY2
    _import(s, forge(c2, s, c2_records, tmp_path / "c2.gdpkg"))
    theirs = c2_records["household"][0]["uuid"]
    records = a_household()
    records["resident"].append(resident(theirs, name="王磊", is_head=False))
    records["resident"][1]["household_id"] = theirs
    refused_unchanged(s, forge(c, s, records, tmp_path / "into.gdpkg"), theirs, COMMUNITY2,
                      "another office")  # fmt: skip
    # a directive the street office addressed to another community is not this one's to answer
    from app.core.street import directives as dv

    with s.db.session() as session:
        other = dv.add_directive(session, s.info, dv.DirectiveSpec("task", COMMUNITY2, "", "排查"))
        to_all = dv.add_directive(session, s.info, dv.DirectiveSpec("notice", "all", "通知", "x"))
        other_uuid, all_uuid = other.uuid, to_all.uuid

    def answer(directive: str) -> dict[str, Any]:
        return travelling(directive_id=directive, kind="completion", done=True, note=None,
                          who="刘芳", at=STAMP, qty_received=None, movement_id=None)  # fmt: skip

    path = forge(c, s, {"directive_answer": [answer(other_uuid)]}, tmp_path / "other.gdpkg")
    refused_unchanged(s, path, other_uuid, STREET)
    _import(s, forge(c, s, {"directive_answer": [answer(all_uuid)]}, tmp_path / "all.gdpkg"))


def test_refusals_mask_id_numbers_and_phones(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    number, phone = "420106196104021234", "13812345678"
    records = a_household(id_number=int(number))
    error = refused_unchanged(s, forge(c, s, records, tmp_path / "n.gdpkg"), "id_number")
    assert number not in error.zh + error.en and "420106********1234" in error.en
    records = a_household(phone=int(phone))
    error = refused_unchanged(s, forge(c, s, records, tmp_path / "p.gdpkg"), "phone")
    assert phone not in error.zh + error.en and "138****5678" in error.en
    # the same ID number twice: the database refuses it, and its message is not repeated as is
    records = a_household(id_number=number)
    second = resident(records["household"][0]["uuid"], id_number=number, is_head=False)
    records["resident"].append(second)
    error = refused_unchanged(s, forge(c, s, records, tmp_path / "twice.gdpkg"))
    assert number not in error.zh + error.en


def test_counts_may_leave_out_an_entity_with_no_records(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    records: dict[str, list[Any]] = {**a_household(), "meeting": []}
    _import(s, forge(c, s, records, tmp_path / "empty.gdpkg"))  # counts lacks "meeting"
    records = a_household()
    path = forge(c, s, records, tmp_path / "zero.gdpkg",
                 counts={**{k: len(v) for k, v in records.items()}, "meeting": 0})  # fmt: skip
    _import(s, path)
    records = a_household()
    path = forge(c, s, records, tmp_path / "more.gdpkg",
                 counts={**{k: len(v) for k, v in records.items()}, "meeting": 1})  # fmt: skip
    refused_unchanged(s, path, "counts")
    with s.db.reading() as session:
        theirs = session.scalar(
            select(func.count()).select_from(Household).where(Household.origin == COMMUNITY)
        )
        heads = session.scalar(
            select(func.count()).select_from(Resident).where(Resident.origin == COMMUNITY)
        )
    assert theirs == heads == 2


def test_a_record_given_twice_is_refused(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    records = a_household()
    records["grid"].append(dict(records["grid"][0]))
    error = refused_unchanged(s, forge(c, s, records, tmp_path / "twice.gdpkg"))
    assert isinstance(error, PackageRefused)


def test_a_package_of_a_newer_program_is_refused_with_the_advice_to_upgrade(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """§5: a newer schema revision, or a newer format version, means a newer program made the
    package; the refusal says to upgrade this one (请升级本程序), and nothing changes."""
    c, s = offices["C"], offices["S"]
    newer_schema = forge(
        c, s, a_household(), tmp_path / "newer-schema.gdpkg", schema_revision="9999"
    )
    error = refused_unchanged(s, newer_schema, "newer program", "upgrade this program")
    assert "请升级本程序" in error.message("zh")
    good = forge(c, s, a_household(), tmp_path / "good.gdpkg").read_bytes()
    magic = good[: len(fmt.MAGIC)]
    newer_format = tmp_path / "newer-format.gdpkg"
    newer_format.write_bytes(magic[:-1] + bytes([magic[-1] + 1]) + good[len(magic) :])
    error = refused_unchanged(s, newer_format, "newer program", "upgrade this program")
    assert "请升级本程序" in error.message("zh")
