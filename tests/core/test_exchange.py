"""Exchange between a community and its street office through files alone (app.core.exchange.packages):
the package format and its cryptography, enrolment, import order and chain, damaged and foreign
files, ownership, receipts."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select, text

from app.core.exchange import package_file as fmt
from app.core.exchange.enrolment import (
    enroll,
    export_public,
    load_own_keys,
    not_under,
    read_enrolment,
)
from app.core.exchange.importing import import_package
from app.core.exchange.last_export import last_export
from app.core.exchange.packages import PackageRefused
from app.core.exchange.receipts import import_receipt, write_receipts
from app.db.models import Household, Resident
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import AlreadyDone, GridDeskError, InvalidInput
from tests.core.exchange_offices import (
    COMMUNITY,
    COMMUNITY2,
    STREET,
    STREET2,
    Office,
)
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import

# ---------------------------------------------------------------------------------------------
# the format alone


def _keys() -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    return Ed25519PrivateKey.generate(), X25519PrivateKey.generate()


def test_seal_and_open_round_trip_over_several_chunks() -> None:
    signer, recipient = _keys()
    # incompressible text so the ciphertext spans several 64 KiB chunks
    payload = {
        "records": {
            "x": [hashlib.sha256(bytes([i % 256, i // 256])).hexdigest() for i in range(9000)]
        }
    }
    data = fmt.seal({"a": 1}, payload, recipient.public_key(), signer)
    envelope = fmt.split(data)
    assert len(envelope.ciphertext) > 2 * fmt.CHUNK_SIZE
    fmt.verify(envelope, signer.public_key())
    assert envelope.manifest == {"a": 1}
    assert fmt.open_payload(envelope, recipient) == payload


def test_every_cut_and_every_flipped_byte_is_refused() -> None:
    signer, recipient = _keys()
    data = fmt.seal({"a": 1}, {"records": {"x": ["y" * 300]}}, recipient.public_key(), signer)
    for length in range(len(data)):
        with pytest.raises(fmt.PackageDamaged):
            envelope = fmt.split(data[:length])
            fmt.verify(envelope, signer.public_key())
    for offset in range(len(data)):
        bad = bytearray(data)
        bad[offset] ^= 0x01
        with pytest.raises(fmt.PackageDamaged):
            envelope = fmt.split(bytes(bad))
            fmt.verify(envelope, signer.public_key())
            fmt.open_payload(envelope, recipient)


def test_a_chunk_stream_cut_at_a_chunk_boundary_does_not_decrypt() -> None:
    """Without the last-chunk flag in the nonce, dropping whole trailing chunks would go unseen."""
    _signer, recipient = _keys()
    plaintext = bytes(range(256)) * 1024  # 256 KiB: four full chunks, the fourth flagged last
    ephemeral, ciphertext = fmt.encrypt_stream(plaintext, recipient.public_key())
    assert fmt.decrypt_stream(ciphertext, ephemeral, recipient) == plaintext
    step = fmt.CHUNK_SIZE + fmt.TAG_SIZE
    for chunks in (1, 2, 3):
        with pytest.raises(fmt.PackageDamaged):
            fmt.decrypt_stream(ciphertext[: chunks * step], ephemeral, recipient)


def test_the_wrong_recipient_key_cannot_decrypt() -> None:
    signer, recipient = _keys()
    data = fmt.seal({}, {"records": {}}, recipient.public_key(), signer)
    envelope = fmt.split(data)
    with pytest.raises(fmt.PackageDamaged):
        fmt.open_payload(envelope, X25519PrivateKey.generate())


def _residents(office: Office, origin: str = COMMUNITY, live: bool = True) -> int:
    with office.db.reading() as session:
        query = select(func.count()).select_from(Resident).where(Resident.origin == origin)
        if live:
            query = query.where(Resident.deleted_at.is_(None))
        return int(session.scalar(query) or 0)


def _fingerprint_of_db(office: Office) -> str:
    """A digest of every row of every table: 'the database unchanged' means this is equal."""
    if not office.db.is_sqlite:
        with office.db.engine.connect() as pg:
            digest = hashlib.sha256()
            tables = pg.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
            for table in sorted(tables):
                rows = pg.execute(text(f'SELECT * FROM "{table}"'))
                for row in sorted(repr(tuple(r)) for r in rows):  # in one order whatever the plan
                    digest.update(row.encode())
            return digest.hexdigest()
    office.db.dispose()
    conn = sqlite3.connect(office.datadir.db_path)
    try:
        digest = hashlib.sha256()
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in sorted(tables):
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def test_enrolment_file_shows_the_fingerprint_and_refuses_tampering(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c = offices["C"]
    path, fingerprint = export_public(c.datadir, c.info, tmp_path / "c.pub")
    assert fingerprint == load_own_keys(c.datadir).fingerprint
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["code"] == COMMUNITY and body["fingerprint"] == fingerprint
    body["name"] = "冒名社区"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidInput, match="签名"):
        read_enrolment(path)


def test_enrolment_roles_and_repeats(offices: dict[str, Office], tmp_path: Path) -> None:
    c, c2, s = offices["C"], offices["C2"], offices["S"]
    c2_pub, _ = export_public(c2.datadir, c2.info, tmp_path / "c2.pub")
    with c.db.session() as session, pytest.raises(InvalidInput, match="社区只能信任街道办"):
        enroll(session, c.info, read_enrolment(c2_pub))
    with s.db.session() as session, pytest.raises(AlreadyDone):
        enroll(session, s.info, read_enrolment(c2_pub))


def test_a_street_office_enrols_only_its_own_communities(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """420106001001 is a community of 420106001: street office 420106002 refuses it, saying why,
    and enrols nothing; the community may trust 420106002's key, but is told it is not under it."""
    c, s2 = offices["C"], offices["S2"]
    c_pub, _ = export_public(c.datadir, c.info, tmp_path / "c.pub")
    with s2.db.reading() as session:
        before = sorted(session.scalars(select(EnrolledOffice.code)))
    with s2.db.session() as session, pytest.raises(InvalidInput) as refused:
        enroll(session, s2.info, read_enrolment(c_pub))
    assert COMMUNITY in refused.value.zh and STREET2 in refused.value.zh
    assert "不属于本街道办" in refused.value.zh
    assert "not a community of this street office" in refused.value.en
    with s2.db.reading() as session:
        assert sorted(session.scalars(select(EnrolledOffice.code))) == before
    s2_pub, _ = export_public(s2.datadir, s2.info, tmp_path / "s2.pub")
    warning = not_under(c.info, read_enrolment(s2_pub))
    assert warning is not None and STREET2 in warning[0] and COMMUNITY in warning[0]
    s_pub, _ = export_public(offices["S"].datadir, offices["S"].info, tmp_path / "s.pub")
    assert not_under(c.info, read_enrolment(s_pub)) is None


def test_a_community_renamed_at_home_is_renamed_at_the_street_office(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    from dataclasses import replace

    from app.core.office.setup import update_profile

    c, s = offices["C"], offices["S"]
    with c.db.session() as session:
        profile, _changed = update_profile(session, name="幸福里社区居委会")
    c.info = replace(c.info, name=profile.name)
    _import(s, _export(c, tmp_path / "usb"))
    with s.db.reading() as session:
        enrolled = session.get(EnrolledOffice, COMMUNITY)
        assert enrolled is not None and enrolled.name == "幸福里社区居委会"


def test_package_reaches_the_street_office_whole_and_once(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    package = _export(c, tmp_path / "usb")
    assert package.exists() and (c.datadir.exports / package.name).exists()
    assert not list((tmp_path / "usb").glob("*.partial"))
    _import(s, package)
    assert _residents(s) == _residents(c) > 0
    with s.db.reading() as session:
        households = session.scalar(
            select(func.count()).select_from(Household).where(Household.origin == COMMUNITY)
        )
        sample = session.scalars(select(Resident).where(Resident.origin == COMMUNITY)).first()
    with c.db.reading() as session:
        assert households == session.scalar(select(func.count()).select_from(Household))
        assert sample is not None
        mine = session.scalars(select(Resident).where(Resident.uuid == sample.uuid)).one()
    # the record keeps the owner's stamps and values
    assert (sample.seq, sample.name, sample.id_number) == (mine.seq, mine.name, mine.id_number)
    before = _fingerprint_of_db(s)
    with pytest.raises(AlreadyDone):
        _import(s, package)
    assert _fingerprint_of_db(s) == before


def test_increments_tombstones_replay_and_gaps(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    first = _export(c, tmp_path / "usb")
    _import(s, first)
    with c.db.session() as session:
        resident = session.scalars(select(Resident).order_by(Resident.id)).first()
        assert resident is not None
        gone_uuid = resident.uuid
        resident.deleted_at = resident.updated_at
        resident.delete_reason = "moved out"
        other = session.scalars(select(Resident).order_by(Resident.id.desc())).first()
        assert other is not None
        other.phone = "13800000000"
        changed_uuid = other.uuid
    second = _export(c, tmp_path / "usb")
    assert second != first
    third = _export(c, tmp_path / "usb")  # nothing changed since: an empty increment
    with pytest.raises(PackageRefused, match="缺少"):
        _import(s, third)  # package 2 missing
    result = import_package(s.db, s.datadir, s.info, second)
    assert getattr(result, "updated", 0) == 2
    _import(s, third)
    with s.db.reading() as session:
        gone = session.scalars(select(Resident).where(Resident.uuid == gone_uuid)).one()
        changed = session.scalars(select(Resident).where(Resident.uuid == changed_uuid)).one()
    assert gone.deleted_at is not None and gone.delete_reason == "moved out"
    assert changed.phone == "13800000000"
    assert _residents(s) == _residents(c)
    before = _fingerprint_of_db(s)
    with pytest.raises(AlreadyDone):
        _import(s, first)  # the old package again
    assert _fingerprint_of_db(s) == before
    # a full package later changes nothing already current, and follows the chain
    full = _export(c, tmp_path / "usb", full=True)
    result = import_package(s.db, s.datadir, s.info, full)
    assert getattr(result, "inserted", -1) == 0 and getattr(result, "updated", -1) == 0


def test_damaged_and_truncated_packages_change_nothing(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    package = _export(c, tmp_path / "usb")
    data = package.read_bytes()
    before = _fingerprint_of_db(s)
    bad = tmp_path / "bad.gdpkg"
    size = len(data)
    offsets = sorted(
        {0, 15, 16, 19, 20, 100, size - 65, size - 64, size - 1}
        | {size * k // 60 for k in range(60)}
    )
    for offset in offsets:
        damaged = bytearray(data)
        damaged[offset] ^= 0x5A
        bad.write_bytes(bytes(damaged))
        with pytest.raises(GridDeskError) as caught:
            _import(s, bad)
        assert not isinstance(caught.value, AlreadyDone), offset
    for length in sorted(
        {0, 1, 16, 20, 84, size - 64, size - 1} | {size * k // 40 for k in range(40)}
    ):
        bad.write_bytes(data[:length])
        with pytest.raises(GridDeskError) as caught:
            _import(s, bad)
        assert not isinstance(caught.value, AlreadyDone), length
    assert _fingerprint_of_db(s) == before
    _import(s, package)  # the good file still goes in afterwards
    assert _residents(s) == _residents(c)


def test_foreign_recipient_and_unenrolled_sender_are_refused(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, c2, s, s2 = offices["C"], offices["C2"], offices["S"], offices["S2"]
    for_s2 = _export(c2, tmp_path / "usb2")  # C2 trusts street office 2
    before = _fingerprint_of_db(s)
    with pytest.raises(PackageRefused, match="另一机构"):
        _import(s, for_s2)  # S enrolled C2, but the package is encrypted for S2
    package = _export(c, tmp_path / "usb")
    with pytest.raises(PackageRefused, match="keys enroll"):
        _import(s2, package)  # S2 never enrolled C
    assert _fingerprint_of_db(s) == before


def test_a_record_of_another_office_is_refused(offices: dict[str, Office], tmp_path: Path) -> None:
    """The ownership rule: a validly signed package may still carry only its sender's records."""
    c, s = offices["C"], offices["S"]
    own = load_own_keys(c.datadir)
    street_keys = load_own_keys(s.datadir)
    manifest = {
        "format": "griddesk-package",
        "format_version": 1,
        "schema_revision": "0008",
        "sender": {
            "code": COMMUNITY,
            "name": "x",
            "role": "community",
            "fingerprint": own.fingerprint,
        },
        "recipient": {"code": STREET, "fingerprint": street_keys.fingerprint},
        "package_seq": 1,
        "previous_hash": None,
        "created_at": "2026-11-29T06:00:00Z",
        "kind": "full",
        "since_seq": 0,
        "up_to_seq": 1,
        "counts": {"grid": 1},
    }
    record = {
        "uuid": "00000000-0000-4000-8000-000000000001",
        "origin": COMMUNITY2,
        "seq": 1,
        "code": "G9",
        "name": "别人的网格",
        "notes": None,
        "created_at": "2026-11-29T06:00:00",
        "updated_at": "2026-11-29T06:00:00",
        "deleted_at": None,
        "delete_reason": None,
    }
    data = fmt.seal(
        manifest, {"records": {"grid": [record]}}, street_keys.encryption.public_key(), own.signing
    )
    path = tmp_path / "forged.gdpkg"
    path.write_bytes(data)
    before = _fingerprint_of_db(s)
    with pytest.raises(PackageRefused, match="所属机构"):
        _import(s, path)
    assert _fingerprint_of_db(s) == before


def test_receipts_mark_packages_received(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    first = _export(c, tmp_path / "usb")
    _import(s, first)
    _export(c, tmp_path / "usb")  # package 2 never reaches the street office
    receipts = write_receipts(s.db, s.datadir, s.info, tmp_path / "back")
    assert [p.name for p in receipts] == [f"receipt-{STREET}-{COMMUNITY}-000001.gdrct"]
    result = import_receipt(c.db, c.datadir, c.info, receipts[0])
    assert result.acknowledged == [1] and result.unacknowledged == [2]
    with c.db.reading() as session:
        acked = session.scalars(
            select(ExchangePackage.package_seq).where(ExchangePackage.acknowledged_at.is_not(None))
        ).all()
    assert acked == [1]
    with pytest.raises(AlreadyDone):
        import_receipt(c.db, c.datadir, c.info, receipts[0])
    damaged = bytearray(receipts[0].read_bytes())
    damaged[30] ^= 1
    bad = tmp_path / "bad.gdrct"
    bad.write_bytes(bytes(damaged))
    with pytest.raises(GridDeskError) as caught:
        import_receipt(c.db, c.datadir, c.info, bad)
    assert not isinstance(caught.value, AlreadyDone)


def test_one_receipt_writer_says_what_each_office_has_not_imported(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    with pytest.raises(AlreadyDone, match="尚未导入街道办的回传包"):
        write_receipts(c.db, c.datadir, c.info, tmp_path / "back")
    with pytest.raises(AlreadyDone, match="尚未导入任何社区的数据包"):
        write_receipts(s.db, s.datadir, s.info, tmp_path / "back")
    assert not (tmp_path / "back").exists() or not any((tmp_path / "back").iterdir())


def test_the_last_export_is_the_newest_package_written(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """The status bar's 上次导出 comes from the packages recorded as sent, however they were
    written (the command line writes them with the same export_package)."""
    c, s = offices["C"], offices["S"]
    with c.db.reading() as session:
        assert last_export(session) is None
    _export(c, tmp_path / "usb")
    newest = _export(c, tmp_path / "usb", full=True)
    _import(s, newest)
    with c.db.reading() as session:
        last = last_export(session)
    assert last is not None and last.file_name == newest.name
    shown = last.text()
    assert shown.endswith(" " + newest.name)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} .+", shown)
    with s.db.reading() as session:
        assert last_export(session) is None  # importing is not exporting


def test_a_full_package_mends_a_chain_broken_by_a_lost_package(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    _import(s, _export(c, tmp_path / "usb"))
    with c.db.session() as session:
        resident = session.scalars(select(Resident).order_by(Resident.id)).first()
        assert resident is not None
        resident.phone = "13900000000"
        changed = resident.uuid
    lost = _export(c, tmp_path / "usb")
    lost.unlink()
    (c.datadir.exports / lost.name).unlink()  # gone for good
    after = _export(c, tmp_path / "usb")
    with pytest.raises(PackageRefused, match="缺少"):
        _import(s, after)
    _import(s, _export(c, tmp_path / "usb", full=True))
    with s.db.reading() as session:
        got = session.scalars(select(Resident).where(Resident.uuid == changed)).one()
    assert got.phone == "13900000000"
    with pytest.raises(PackageRefused, match="旧数据包"):
        _import(s, after)  # now older than the full package


def test_supplies_travel_with_their_ledger(offices: dict[str, Office], tmp_path: Path) -> None:
    """The stock ledger is append-only (a trigger refuses changed quantities): importing it, and
    later changes to its items, must go through, and the street office sees the same stock."""
    from app.core.supplies import ledger as supplies
    from app.db.models_supplies import SupplyItem

    c, s = offices["C"], offices["S"]
    with c.db.session() as session:
        supplies.receive(session, "口罩", 100, source="区卫健局", unit="只")
        supplies.issue(session, "口罩", 30, reason="值班人员")
    _import(s, _export(c, tmp_path / "usb"))
    with c.db.session() as session:
        supplies.receive(session, "口罩", 5, source="爱心企业", unit="只")
        item = session.scalars(select(SupplyItem).where(SupplyItem.name == "口罩")).one()
        item.notes = "N95 优先给发热门诊"
    _import(s, _export(c, tmp_path / "usb"))

    def stock(office: Office) -> list[tuple[str, int]]:
        with office.db.reading() as session:
            return [(row.item, row.on_hand) for row in supplies.stock(session)]

    assert ("口罩", 75) in stock(c)
    with s.db.reading() as session:
        got = session.scalars(select(SupplyItem).where(SupplyItem.origin == COMMUNITY)).one()
        assert got.notes == "N95 优先给发热门诊"
        assert supplies.on_hand(session, got.id) == 75


def test_one_person_on_two_communities_rolls(offices: dict[str, Office], tmp_path: Path) -> None:
    """The same ID number in two communities (a move not yet recorded by both): the street office
    keeps both records, each under its own community."""
    from app.core.office.demo import fill_demo

    c, c2, s = offices["C"], offices["C2"], offices["S"]
    with c2.db.session(note="demo") as session:
        fill_demo(session, 300)  # the same seed as C's demo: the very same ID numbers
    s_pub, _ = export_public(s.datadir, s.info, tmp_path / "s.pub")
    with c2.db.session() as session:
        enroll(session, c2.info, read_enrolment(s_pub), replace=True)  # now trusts S, not S2
    _import(s, _export(c, tmp_path / "usb"))
    _import(s, _export(c2, tmp_path / "usb2"))
    assert _residents(s, COMMUNITY) == _residents(c) > 0
    assert _residents(s, COMMUNITY2) == _residents(c2, COMMUNITY2) > 0
    with s.db.reading() as session:
        shared = session.scalar(
            select(func.count(func.distinct(Resident.id_number))).where(
                Resident.origin == COMMUNITY2,
                Resident.id_number.in_(
                    select(Resident.id_number).where(Resident.origin == COMMUNITY)
                ),
            )
        )
    assert shared
