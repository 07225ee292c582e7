"""The audit trail: recording the reads and events that matter, reading the trail back, and its
hash chain's state and signed head.

Every change of a record is audited by the session events (app.db.events): kind `change`. Beside
them, `record` writes one row for an event that changes no record but matters — a sign-in, a full
value viewed, a file exported or printed, a package made or read, a backup or restore, a user
added. Such a row is one table with the changes: its `action` is the kind, its `note` the summary,
so the kind of any row is its action when that is an event kind and `change` otherwise.

A summary never holds a personal value (no ID number, phone or health tag; a resident is named by
record id or uuid, never by name): the trail is read by the administrator, exported, and kept in
backups for years.

Each row is hashed onto a chain in the transaction that writes it (app.db.audit_chain); `check`
verifies it (`chain_state`). The chain's head — its last row and hash — signed with the office's
Ed25519 key (`signed_head`) travels in every exchange package and each backup's sidecar, so rows
deleted from the end are noticed too (`verify_head`).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from app.core.common.masking import mask_id_number, mask_name, mask_phone
from app.core.trust.kinds import BACKUP as BACKUP
from app.core.trust.kinds import CHANGE as CHANGE
from app.core.trust.kinds import EVENT_KINDS as EVENT_KINDS
from app.core.trust.kinds import EXPORT as EXPORT
from app.core.trust.kinds import KINDS as KINDS
from app.core.trust.kinds import PACKAGE_EXPORT as PACKAGE_EXPORT
from app.core.trust.kinds import PACKAGE_IMPORT as PACKAGE_IMPORT
from app.core.trust.kinds import PRINT as PRINT
from app.core.trust.kinds import RESTORE as RESTORE
from app.core.trust.kinds import SIGN_IN as SIGN_IN
from app.core.trust.kinds import SIGN_IN_FAILED as SIGN_IN_FAILED
from app.core.trust.kinds import USER as USER
from app.core.trust.kinds import VIEW_FULL as VIEW_FULL
from app.core.trust.roles import Permission, require
from app.db import audit_chain, events
from app.db.audit_chain import ChainState
from app.db.base import utcnow
from app.db.engine import Database
from app.db.models import AuditEntry, Office, Setting


def record(
    session: Session,
    kind: str,
    summary: str,
    *,
    entity: str | None = None,
    record: str | None = None,
) -> None:
    """One audit row for an event of `kind` (one of `EVENT_KINDS`), by the session's actor, now.
    `summary` says what happened in words and numbers, never a personal value; `entity` and
    `record` name what it was about (a table and a record's uuid or id), if anything."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"not an audit event kind: {kind!r}")
    row = events.audit_row(session, kind, (entity or "")[:40], (record or "")[:36], summary)
    events.add_audit_rows(session, [row])


_record = record  # `record_in`'s keyword of the same name hides the function there


def record_in(
    where: Database | Session,
    kind: str,
    summary: str,
    *,
    entity: str | None = None,
    record: str | None = None,
) -> None:
    """`record` in a write transaction of its own, for an event that follows a read (a file
    written from a reading session or a `Database`): in `where` itself when that is already a
    write session. A database opened read-only (a write-protected folder) records nothing."""
    if isinstance(where, Database):
        if _read_only(where.engine):
            return
        with where.session() as session:
            _record(session, kind, summary, entity=entity, record=record)
        return
    bind = where.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    if bind.get_execution_options().get("griddesk_write"):
        _record(where, kind, summary, entity=entity, record=record)
        return
    if _read_only(engine):
        return
    # a reading session: its transaction is rolled back, so the row is written beside it, as
    # Database.session() writes (BEGIN IMMEDIATE / the advisory lock), and chained before commit
    writer = engine.execution_options(griddesk_write=True)
    if engine.dialect.name == "postgresql":
        writer = writer.execution_options(isolation_level="READ COMMITTED")
    info = {k: where.info.get(k) for k in ("origin", "actor", "principal")}
    with Session(writer, info=info) as session, session.begin():
        _record(session, kind, summary, entity=entity, record=record)
        audit_chain.extend(session.connection())
        session.info.pop("audit_written", None)


def _read_only(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and "mode=ro" in str(engine.url)


def kind_of(action: str) -> str:
    return action if action in EVENT_KINDS else CHANGE


# fields whose values are personal wherever they appear, and those personal in tables of people
_PERSONAL_FIELDS = {
    "id_number",
    "doc_number",
    "phone",
    "birth_date",
    "tags",
    "notes",
    "note",
    "temperature_tenths",  # a follow-up visit's temperature: health data
}
_PEOPLE = {"resident", "duty_person", "group_buy_order", "supply_delivery", "supply_need"}
# free text about a person in a table's own words: a request's text, outcome and notes (health,
# a complaint), and the member of staff a complaint is about
_PERSONAL_TEXT = {
    "service_request": {"text", "outcome", "callback_note", "reopen_reason", "about_user"},
}


def masked_value(entity: str, field: str | None, value: str | None) -> str | None:
    """An audited old or new value as the trail shows it to anyone: personal values masked
    (app.core.common.masking's forms; a birth date, tags and notes hidden whole: ***)."""
    if value is None or field is None:
        return value
    if field == "id_number":
        return mask_id_number(value)
    if field == "phone":
        return mask_phone(value)
    if field == "doc_number":
        return "*" * max(len(value) - 4, 0) + value[-4:]
    if field in _PERSONAL_FIELDS or field in _PERSONAL_TEXT.get(entity, ()):
        return "***" if value else value
    if field == "name" and entity in _PEOPLE:
        return mask_name(value)
    return value


def change_summary(action: str, entity: str, field: str | None, old: Any, new: Any) -> str:
    """What a change row says without its values: `update resident.phone`, `create household`,
    `create_many resident 1–20000` (ids are not personal)."""
    what = f"{entity}.{field}" if field else entity
    if action == "create_many":
        return f"{action} {entity} {old}–{new}"
    return f"{action} {what}"


@dataclass(frozen=True)
class AuditFilter:
    by: str | None = None  # the user (actor)
    since: date | None = None  # from this day on
    until: date | None = None  # up to and including this day
    kind: str | None = None
    entity: str | None = None
    record: str | None = None


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    user: str
    kind: str
    entity: str
    record: str
    field: str | None
    old: str | None  # masked
    new: str | None  # masked
    summary: str

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.strftime("%Y-%m-%d %H:%M:%S"),
            "user": self.user,
            "kind": self.kind,
            "entity": self.entity,
            "record": self.record,
            "summary": self.summary,
        }


def _filtered(query: Select[Any], f: AuditFilter) -> Select[Any]:
    a = AuditEntry
    if f.by:
        query = query.where(a.actor == f.by)
    if f.since:
        query = query.where(a.at >= datetime.combine(f.since, time()))
    if f.until:
        query = query.where(a.at < datetime.combine(f.until + timedelta(days=1), time()))
    if f.kind:
        if f.kind == CHANGE:
            query = query.where(a.action.not_in(EVENT_KINDS))
        else:
            query = query.where(a.action == f.kind)
    if f.entity:
        query = query.where(a.entity == f.entity)
    if f.record:  # a record by its uuid, an event by what it names, a batch by origin:seq
        query = query.where(a.record_uuid == f.record)
    return query


def entries(
    session: Session,
    f: AuditFilter | None = None,
    *,
    newest_first: bool = False,
    limit: int | None = None,
) -> list[Entry]:
    """The audit rows that pass `f`, oldest first (or newest first), values masked; the
    administrator's to read (NotPermitted for anyone else)."""
    require(session, Permission.AUDIT)
    a = AuditEntry
    query = _filtered(
        select(
            a.id,
            a.at,
            a.actor,
            a.action,
            a.entity,
            a.record_uuid,
            a.field,
            a.old_value,
            a.new_value,
            a.note,
        ),
        f or AuditFilter(),
    ).order_by(a.id.desc() if newest_first else a.id)
    if limit is not None:
        query = query.limit(limit)
    return [_entry(row) for row in session.execute(query)]


def _entry(row: Any) -> Entry:
    kind = kind_of(row.action)
    summary = (
        row.note or ""
        if kind != CHANGE
        else change_summary(row.action, row.entity, row.field, row.old_value, row.new_value)
    )
    return Entry(
        id=row.id,
        at=row.at,
        user=row.actor,
        kind=kind,
        entity=row.entity,
        record=row.record_uuid,
        field=row.field,
        old=masked_value(row.entity, row.field, row.old_value),
        new=masked_value(row.entity, row.field, row.new_value),
        summary=summary,
    )


def users(session: Session) -> list[str]:
    """Everyone who appears in the trail, for a filter's choices."""
    require(session, Permission.AUDIT)
    return [
        u
        for (u,) in session.execute(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor))
    ]


def count(session: Session, f: AuditFilter | None = None) -> int:
    require(session, Permission.AUDIT)
    query = _filtered(select(func.count()).select_from(AuditEntry), f or AuditFilter())
    return int(session.scalar(query) or 0)


EXPORT_COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8),
    ("时间", 20),
    ("用户", 14),
    ("类别", 14),
    ("对象", 16),
    ("记录", 38),
    ("字段", 14),
    ("原值", 22),
    ("新值", 22),
    ("说明", 40),
)


def export_xlsx(db: Database, out: Path, f: AuditFilter | None = None) -> int:
    """The rows that pass `f` into an .xlsx at `out`, oldest first, personal values masked; the
    export is itself audited. Returns how many rows were written."""
    import xlsxwriter  # type: ignore[import-untyped]

    from app.core.common.files import atomic_path
    from app.errors import InvalidInput

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"导出文件应以 .xlsx 结尾：{out}", f"The export file must end in .xlsx: {out}"
        )
    with db.reading() as session:
        rows = entries(session, f)
    try:
        with atomic_path(out, work=db.scratch or out.parent, mode=0o644) as tmp:
            wb = xlsxwriter.Workbook(
                str(tmp),
                {
                    "strings_to_numbers": False,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                },
            )
            ws = wb.add_worksheet("审计记录（已脱敏）")
            head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
            for col, (title, width) in enumerate(EXPORT_COLUMNS):
                ws.set_column(col, col, width)
                ws.write_string(0, col, title, head)
            for i, e in enumerate(rows, start=1):
                values = (
                    str(e.id),
                    e.at.strftime("%Y-%m-%d %H:%M:%S"),
                    e.user,
                    e.kind,
                    e.entity,
                    e.record,
                    e.field or "",
                    e.old or "",
                    e.new or "",
                    e.summary,
                )
                for col, value in enumerate(values):
                    ws.write_string(i, col, value)
            ws.freeze_panes(1, 0)
            wb.close()
    except OSError as exc:
        raise InvalidInput(
            f"无法写入导出文件：{out}（{exc.strerror or exc}）",
            f"Cannot write the export file {out}: {exc}",
        ) from exc
    record_in(db, EXPORT, f"导出审计记录 {len(rows)} 条（已脱敏）", entity="audit_log")
    return len(rows)


def chain_state(session: Session) -> ChainState:
    """The chain walked whole: how many rows hold, its last hash, and the first break if any."""
    return audit_chain.verify(session.connection())


# ---- the signed head -------------------------------------------------------------------------


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _signing_key(keys_folder: Path) -> Ed25519PrivateKey:
    """The office's signing key (decrypted with the database key registered for its folder when
    the key file is encrypted: app.core.office.keys)."""
    from app.core.office import keys

    return keys.own_private_keys(Path(keys_folder))[0]


def head(session: Session) -> dict[str, Any]:
    """The chain's head as it stands: its newest hashed row and hash, the rows up to it, the time
    and the office. In a write session, the rows it has written so far are chained first, so
    the head covers them."""
    conn = session.connection()
    if session.get_bind().get_execution_options().get("griddesk_write"):
        session.flush()
        audit_chain.extend(conn)
    last = audit_chain.last_hashed(conn)
    last_id, last_hash = last if last is not None else (0, audit_chain.GENESIS)
    rows = conn.execute(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.id <= last_id)
    ).scalar_one()
    return {
        "rows": int(rows),
        "last_id": last_id,
        "last_hash": last_hash,
        "at": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "office": str(session.info.get("origin") or session.scalar(select(Office.code)) or ""),
    }


def backup_head(path: Path, keys_folder: Path) -> dict[str, Any]:
    """The signed head of the audit trail in the backup file `path` (opened read-only, keyed as
    the office's files are), for the backup's record: `check` compares the live trail with it,
    so rows deleted from the end after the backup are noticed."""
    from app.db.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(Path(path), read_only=True))
    try:
        with Session(engine) as session:
            return sign_head(head(session), _signing_key(keys_folder))
    finally:
        engine.dispose()


def sign_head(body: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    signed = {k: v for k, v in body.items() if k != "signature"}
    signed["signature"] = base64.b64encode(key.sign(_canonical(signed))).decode("ascii")
    return signed


def signed_head(session: Session, keys_folder: Path) -> dict[str, Any]:
    """The chain's head signed with the office's Ed25519 key in `keys_folder`."""
    return sign_head(head(session), _signing_key(keys_folder))


def head_signature_valid(signed: dict[str, Any], public_key: Ed25519PublicKey | bytes) -> bool:
    if isinstance(public_key, bytes):
        public_key = Ed25519PublicKey.from_public_bytes(public_key)
    try:
        signature = base64.b64decode(str(signed["signature"]), validate=True)
        body = {k: v for k, v in signed.items() if k != "signature"}
        public_key.verify(signature, _canonical(body))
    except (KeyError, ValueError, TypeError, InvalidSignature):
        return False
    return True


_HEAD_FIELDS = {"rows": int, "last_id": int, "last_hash": str, "at": str, "office": str}


def head_well_formed(signed: Any) -> bool:
    """A head with the fields and types it should have (before anything reads it further)."""
    return (
        isinstance(signed, dict)
        and all(isinstance(signed.get(k), t) for k, t in _HEAD_FIELDS.items())
        and isinstance(signed.get("signature"), str)
        and len(signed["last_hash"]) == 64
    )


def verify_head(
    session: Session, signed: dict[str, Any], public_key: Ed25519PublicKey | bytes
) -> tuple[str, str] | None:
    """Whether this database's trail still holds what a signed head says it held: the signature
    is the office's, and the row it names is there with the hash it had. Returns the problem
    (zh, en), or None when all holds. Rows before it are the chain's to verify (`chain_state`)."""
    if not head_well_formed(signed) or not head_signature_valid(signed, public_key):
        return (
            "审计记录的签名头无效（签名不符或内容被改动）",
            "The audit trail's signed head is not valid (bad signature or altered)",
        )
    last_id, last_hash = int(signed["last_id"]), str(signed["last_hash"])
    if last_id == 0:
        return None
    row = session.execute(
        select(AuditEntry.id, AuditEntry.at, AuditEntry.row_hash).where(AuditEntry.id == last_id)
    ).first()
    when = str(signed["at"])
    if row is None:
        newest = session.scalar(select(func.max(AuditEntry.id))) or 0
        return (
            f"审计记录第 {last_id} 条（{when} 签名时的最后一条）已不存在，现在最后一条是第 {newest} 条："
            "最新的审计记录被删除",
            f"Audit record {last_id} (the last when signed at {when}) is gone; the trail now ends "
            f"at {newest}: the newest audit records were deleted",
        )
    if row.row_hash != last_hash:
        return (
            f"审计记录第 {last_id} 条与 {when} 签名时不同：审计记录被改动",
            f"Audit record {last_id} differs from when it was signed at {when}: the trail was "
            "changed",
        )
    rows = session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.id <= last_id)
    )
    if rows != signed["rows"]:
        return (
            f"{when} 签名时有 {signed['rows']} 条审计记录，现在到第 {last_id} 条为止有 {rows} 条",
            f"When signed at {when} the trail held {signed['rows']} records up to {last_id}; "
            f"now it holds {rows}",
        )
    return None


def _head_key(office: str) -> str:
    return f"audit_head:{office}"[:60]


def last_head(session: Session, office: str) -> dict[str, Any] | None:
    """The last signed head received from `office` in a package, if any."""
    value = session.scalar(select(Setting.value).where(Setting.key == _head_key(office)))
    return json.loads(value) if value else None


def remember_head(session: Session, office: str, signed: dict[str, Any]) -> tuple[str, str] | None:
    """Keep `signed` (checked already) as the last head received from `office`; returns a
    warning (zh, en) when it is behind the one received before: fewer rows, or the same last row
    with another hash. Such a head is kept all the same (a restored office starts from there)."""
    before = last_head(session, office)
    problem: tuple[str, str] | None = None
    if before is not None:
        fewer = signed["rows"] < before["rows"] or signed["last_id"] < before["last_id"]
        other = (
            signed["last_id"] == before["last_id"] and signed["last_hash"] != before["last_hash"]
        )
        if fewer or other:
            problem = (
                f"{office} 的审计记录比上次收到的少或被改动（上次 {before['rows']} 条到第 "
                f"{before['last_id']} 条，这次 {signed['rows']} 条到第 {signed['last_id']} 条）",
                f"The audit trail of {office} is shorter than, or differs from, the one received "
                f"before ({before['rows']} records up to {before['last_id']} then, "
                f"{signed['rows']} up to {signed['last_id']} now)",
            )
    key = _head_key(office)
    row = session.get(Setting, key)
    text = json.dumps(signed, ensure_ascii=False, sort_keys=True)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    return problem


__all__ = [
    "EVENT_KINDS",
    "KINDS",
    "AuditFilter",
    "Entry",
    "backup_head",
    "chain_state",
    "count",
    "entries",
    "export_xlsx",
    "head",
    "kind_of",
    "last_head",
    "masked_value",
    "record",
    "record_in",
    "remember_head",
    "sign_head",
    "signed_head",
    "verify_head",
]
