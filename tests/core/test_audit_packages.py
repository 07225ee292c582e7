"""The audit trail's signed head travels in every package: the receiver checks it with the sender's
key (a forged one refuses the package), keeps the last one per sender, and warns when a sender's
trail is shorter than the last time. Both offices audit the hand-over."""

from __future__ import annotations

from pathlib import Path

from app.core.trust import audit
from tests.core import exchange_doc as doc
from tests.core.exchange_offices import COMMUNITY, Office
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import
from tests.core.test_exchange_refusals import a_household, forge, refused_unchanged, street_keys


def _manifest(path: Path, sender: Office, street: Office) -> dict:
    manifest, _payload = doc.read_package(
        path.read_bytes(),
        doc.raw(doc.Keys.of(sender.datadir.root).signing.public_key()),
        street_keys(street),
    )
    return manifest


def _public(office: Office) -> bytes:
    return doc.raw(doc.Keys.of(office.datadir.root).signing.public_key())


def test_a_package_carries_the_senders_signed_head(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    community, street = offices["C"], offices["S"]
    path = _export(community, tmp_path)
    head = _manifest(path, community, street)["audit_head"]
    assert head["office"] == COMMUNITY
    assert audit.head_signature_valid(head, _public(community))
    with community.db.reading() as session:
        assert audit.verify_head(session, head, _public(community)) is None
        newest = audit.entries(session, newest_first=True, limit=1)[0]
    assert newest.kind == audit.PACKAGE_EXPORT  # the head covers the export's own row
    assert newest.id == head["last_id"]

    result = _import(street, path)
    assert not result.warnings  # type: ignore[attr-defined]
    with street.db.reading() as session:
        assert audit.last_head(session, COMMUNITY) == head
        kinds = [e.kind for e in audit.entries(session, audit.AuditFilter(kind="package-import"))]
        assert kinds == [audit.PACKAGE_IMPORT]
        assert audit.chain_state(session).broken is None


def test_a_forged_head_refuses_the_package(offices: dict[str, Office], tmp_path: Path) -> None:
    community, street = offices["C"], offices["S"]
    with community.db.reading() as session:
        head = audit.sign_head(audit.head(session), doc.Keys.of(community.datadir.root).signing)
    forged = dict(head, rows=head["rows"] + 100)  # the signature no longer matches
    path = forge(community, street, a_household(), tmp_path / "p.gdpkg", audit_head=forged)
    refused_unchanged(street, path, "audit head")
    someone_else = audit.sign_head(
        dict(head, office="420106009009"), doc.Keys.of(community.datadir.root).signing
    )
    path = forge(community, street, a_household(), tmp_path / "q.gdpkg", audit_head=someone_else)
    refused_unchanged(street, path, "audit head")
    path = forge(community, street, a_household(), tmp_path / "r.gdpkg", audit_head="x")
    refused_unchanged(street, path, "audit head")


def test_a_shorter_trail_than_last_time_is_a_warning(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    community, street = offices["C"], offices["S"]
    first = _export(community, tmp_path / "one")
    _import(street, first)
    head = _manifest(first, community, street)["audit_head"]
    key = doc.Keys.of(community.datadir.root).signing
    shorter = audit.sign_head(dict(head, rows=head["rows"] - 5, last_id=head["last_id"] - 5), key)
    path = forge(community, street, a_household(), tmp_path / "p.gdpkg", audit_head=shorter)
    result = _import(street, path)
    warnings = result.warnings  # type: ignore[attr-defined]
    assert warnings and "shorter" in warnings[0][1]
    with street.db.reading() as session:
        assert audit.last_head(session, COMMUNITY) == shorter
        newest = audit.entries(session, newest_first=True, limit=1)[0]
    assert newest.kind == audit.PACKAGE_IMPORT and "少" in newest.summary


def test_a_package_without_a_head_is_still_imported(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    community, street = offices["C"], offices["S"]
    path = forge(community, street, a_household(), tmp_path / "p.gdpkg")  # an earlier version
    _import(street, path)
    with street.db.reading() as session:
        assert audit.last_head(session, COMMUNITY) is None
