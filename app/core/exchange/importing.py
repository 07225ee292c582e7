"""A package imported (`import_package`), and what the packages of each community brought
(`community_summaries`).

The header is checked first (`header`), within bounds, before anything vouches for it. Then the
payload is read record by record in bounded steps (app.core.exchange.payload) and checked —
entities, columns, the sender's origin, change numbers — and every value against its column
(app.core.exchange.rules); the records are written in one transaction with the session marked
`replicating`, so they keep the stamps of the office that owns them. A record is changed only by
its origin office and refers only to its own office's records (or to a directive addressed to
it): a package that does otherwise is refused, whole.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Table,
    bindparam,
    func,
    insert,
    null,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.common.masking import mask_id_number
from app.core.exchange import package_file as fmt
from app.core.exchange import rules
from app.core.exchange.enrolment import OwnKeys, load_own_keys
from app.core.exchange.header import Manifest, _check, _Checked, _refuse
from app.core.exchange.packages import Entity, PackageRefused, travelling_entities
from app.core.exchange.payload import Batch, read_records
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.trust import audit
from app.core.trust.roles import Permission
from app.core.trust.scope import require_in
from app.db import search_index
from app.db.base import Base, utcnow
from app.db.bulk import bound
from app.db.engine import Database
from app.db.models import Household, Resident
from app.db.models_directives import TO_ALL, Directive
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import InvalidInput

_CHUNK = 900  # values per IN (...) list
_PARKED = datetime(1970, 1, 1)  # deleted_at while a record is rewritten (see _apply)
_IMPORT_CACHE_KIB = 128 * 1024  # SQLite page cache while a package is written (see _page_cache)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


MAX_FILE = 64 * 1024 * 1024  # a package file (180,000 residents: 14 MB)
_SMALL_PAYLOAD = 32 * 1024 * 1024  # beyond this much text, records are kept packed (see _read)
_MAX_CACHED_IDS = 400_000  # uuid -> id pairs kept while a package is written


@dataclass
class ImportResult:
    path: Path
    sender: str
    sender_name: str
    package_seq: int
    records: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    # (zh, en): what the import noticed without refusing (the sender's audit trail shorter)
    warnings: list[tuple[str, str]] = field(default_factory=list)


# -- reading the records (pass 1) --------------------------------------------------------------


@dataclass
class _Incoming:
    """One entity's records in a package, and what pass 1 learnt of them."""

    entity: Entity
    rules: dict[str, rules.Rule]
    required: frozenset[str]
    batches: list[Batch | bytes] = field(default_factory=list)  # bytes: packed (`_pack`)
    count: int = 0
    rewrite: dict[str, int] = field(default_factory=dict)  # uuid -> id of a row to overwrite
    keep: set[str] = field(default_factory=set)  # uuids already here, not older than the package's


def _incoming(entity: Entity) -> _Incoming:
    found = rules.rules(entity.table, tuple(sorted(entity.refs.items())))
    return _Incoming(entity, found, frozenset(k for k, r in found.items() if r.required))


def _pack(batch: Batch) -> bytes:
    """A batch as compressed JSON (about a tenth of its objects' memory): the values are what
    JSON gave, so they come back the same."""
    plain = [[list(keys), values] for keys, values in batch.groups.items()]
    return zlib.compress(json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _unpack(entity: str, packed: bytes) -> Batch:
    batch = Batch(entity)
    for keys, values in json.loads(zlib.decompress(packed)):
        batch.groups[tuple(keys)] = values
        batch.rows += len(values)
    return batch


def _invalid(entity: Entity, uuid: Any, column: str, reason: tuple[str, str]) -> PackageRefused:
    ref = uuid if isinstance(uuid, str) and len(uuid) <= 36 else "?"
    return _refuse(
        f"数据包中 {entity.name} 记录 {ref} 的 {column} 无效：{reason[0]}。未导入。",
        f"A {entity.name} record ({ref}) has an invalid {column}: {reason[1]}. Nothing imported.",
    )


def _check_batch(state: _Incoming, batch: Batch, manifest: Manifest, sender: str) -> None:
    """What must hold of every record before anything is looked up: known and required fields,
    well-formed uuids, the sender's origin, a change number within the manifest's range."""
    name = state.entity.name
    for keys in batch.groups:
        extra = set(keys) - state.rules.keys()
        if extra:
            shown = sorted(str(k)[:40] for k in extra)[:5]
            raise _refuse(
                f"{name} 的记录含有未知字段 {shown}。请升级本程序。",
                f"A {name} record has unknown fields {shown}. Upgrade this program.",
            )
        missing = state.required - set(keys)
        if missing:
            raise _refuse(
                f"{name} 的记录不完整，缺少 {sorted(missing)}。未导入。",
                f"A {name} record is incomplete: {sorted(missing)} missing. Nothing imported.",
            )
    uuids = batch.column("uuid")
    bad = rules.uuids_invalid(uuids)
    if bad is not None:
        raise _invalid(
            state.entity,
            None,
            "uuid",
            (
                "应为小写十六进制的 8-4-4-4-12 位 uuid",
                "not a lower-case 8-4-4-4-12 hexadecimal uuid",
            ),
        )
    origins = batch.column("origin")
    if set(origins) != {sender}:
        index = next(i for i, o in enumerate(origins) if o != sender)
        other = origins[index]
        owner = other[:20] if isinstance(other, str) else rules.shown("origin", other)
        raise _refuse(
            f"数据包中有不属于发送方的记录（{name} {uuids[index]} 属于 {owner}）。"
            "每条记录只能由其所属机构修改。未导入。",
            f"The package carries a record that its sender does not own ({name} "
            f"{uuids[index]} belongs to {owner}); a record is changed only by its own office. "
            "Nothing imported.",
        )
    seqs = batch.column("seq")
    if set(map(type, seqs)) != {int}:
        index = next(i for i, s in enumerate(seqs) if type(s) is not int)
        what = rules.shown("seq", seqs[index])
        raise _invalid(
            state.entity, uuids[index], "seq", (f"{what} 不是整数", f"{what} is not a whole number")
        )
    low, high = min(seqs), max(seqs)
    if low <= manifest.since_seq or high > manifest.up_to_seq:
        index = seqs.index(low if low <= manifest.since_seq else high)
        raise _invalid(
            state.entity,
            uuids[index],
            "seq",
            (
                f"{seqs[index]} 不在清单所说的 {manifest.since_seq} < seq ≤ {manifest.up_to_seq} 之内",
                f"{seqs[index]} is outside the manifest's {manifest.since_seq} < seq <= "
                f"{manifest.up_to_seq}",
            ),
        )


def _sort(session: Session, state: _Incoming, batch: Batch, sender: str) -> None:
    """Which of the batch's records are here already: those the package has a newer change of
    go to `rewrite`, the others to `keep`; a record of another office is never changed."""
    uuids = batch.column("uuid")
    existing = _existing(session, state.entity.table, uuids)
    if not existing:
        return
    for uuid, seq in zip(uuids, batch.column("seq"), strict=True):
        have = existing.get(uuid)
        if have is None:
            continue
        id_, origin, old_seq = have
        name = state.entity.name
        if origin != sender:
            raise _refuse(
                f"数据包会改动不属于发送方的记录（{name} {uuid} 属于 {origin}）。未导入。",
                f"The package would change a record its sender does not own ({name} {uuid} "
                f"belongs to {origin}). Nothing imported.",
            )
        if uuid in state.rewrite or uuid in state.keep:
            raise _invalid(
                state.entity, uuid, "uuid", ("同一记录出现两次", "the record is given twice")
            )
        if seq > old_seq:
            state.rewrite[uuid] = id_
        else:
            state.keep.add(uuid)


def _read(session: Session, checked: _Checked, own: OwnKeys, sender: str) -> dict[str, _Incoming]:
    """Pass 1: every record read and checked, and sorted into new, newer and not newer, entity
    by entity as the payload comes. A payload of more than `_SMALL_PAYLOAD` bytes of text keeps
    its batches packed (`_pack`) rather than as objects, so that no package needs more than a
    few hundred megabytes however large it is."""
    entities = {e.name: e for e in travelling_entities()}
    manifest = checked.manifest
    incoming: dict[str, _Incoming] = {}
    large = False

    def on_text(inflated: int) -> None:
        nonlocal large
        large = large or inflated > _SMALL_PAYLOAD

    for batch in read_records(checked.envelope, own.encryption, entities, on_text):
        state = incoming.get(batch.entity)
        if state is None:
            state = incoming[batch.entity] = _incoming(entities[batch.entity])
        _check_batch(state, batch, manifest, sender)
        state.count += batch.rows
        if state.count > manifest.counts.get(batch.entity, 0):
            raise _counts_differ()
        _sort(session, state, batch, sender)
        state.batches.append(batch)
        if large:
            for each in incoming.values():
                each.batches = [_pack(b) if isinstance(b, Batch) else b for b in each.batches]
    got = {name: state.count for name, state in incoming.items() if state.count}
    if got != manifest.counts:
        raise _counts_differ()
    return incoming


def _counts_differ() -> PackageRefused:
    return _refuse(
        "数据包内容与清单中的数量不符。未导入。",
        "The package contents do not match the counts in its manifest. Nothing imported.",
    )


# -- writing the records (pass 2) --------------------------------------------------------------


class _Ids:
    """uuid -> local id per table, looked up in chunks and remembered; only records a package of
    `sender` may refer to: its own, and the directives the receiver (a street office) addressed
    to it (a community's answer refers to the directive it answers)."""

    def __init__(self, session: Session, sender: str, receiver: str) -> None:
        self.session = session
        self.sender = sender
        self.receiver = receiver
        self.known: dict[str, dict[str, int]] = {}
        self.foreign: dict[str, dict[str, str]] = {}  # records of other offices: uuid -> origin
        self.size = 0

    def _allowed(self, table: Table, origin: str, addressee: str | None) -> bool:
        if origin == self.sender:
            return True
        return (
            table.name == Directive.__tablename__
            and origin == self.receiver
            and addressee in (self.sender, TO_ALL)
        )

    def load(self, table: Table, uuids: Iterable[str]) -> dict[str, int]:
        cache = self.known.setdefault(table.name, {})
        foreign = self.foreign.setdefault(table.name, {})
        missing = sorted({u for u in uuids if u not in cache and u not in foreign})
        conn = self.session.connection()
        addressee = table.c.addressee if table.name == Directive.__tablename__ else null()
        query = select(table.c.uuid, table.c.id, table.c.origin, addressee)
        for chunk in _chunks(missing):
            for uuid, id_, origin, to in conn.execute(query.where(table.c.uuid.in_(chunk))):
                if self._allowed(table, origin, to):
                    cache[uuid] = id_
                    self.size += 1
                else:
                    foreign[uuid] = origin
        return cache

    def remember(self, table: Table, pairs: Sequence[tuple[str, int]]) -> None:
        if self.size + len(pairs) > _MAX_CACHED_IDS:  # a very large package: look them up again
            self.known.clear()
            self.size = 0
        self.known.setdefault(table.name, {}).update(pairs)
        self.size += len(pairs)

    def resolve(self, table: Table, uuid: str) -> int:
        return self.resolve_all(table, [uuid])[0]  # type: ignore[return-value]

    def resolve_all(self, table: Table, values: Sequence[Any]) -> list[int | None]:
        """Each value (a referenced uuid, or None) as a local id: the uuids looked up together."""
        wanted = {v for v in values if v is not None}
        cache = self.load(table, wanted)
        missing = wanted - cache.keys()
        if missing:
            foreign = self.foreign.get(table.name, {})
            others = sorted(missing & foreign.keys())
            if others:
                raise _refuse(
                    f"数据包中的记录引用了其他机构的记录（{table.name} {others[0]} 属于 "
                    f"{foreign[others[0]]}）：记录只能引用本机构的记录。未导入。",
                    f"A record in the package refers to a record of another office ({table.name} "
                    f"{others[0]} belongs to {foreign[others[0]]}); a record may refer only to "
                    "records of its own office. Nothing imported.",
                )
            raise _no_such_record(table, min(missing))
        return [None if v is None else cache[v] for v in values]


def _no_such_record(table: Table, uuid: str) -> PackageRefused:
    return _refuse(
        f"数据包引用了不存在的记录（{table.name} {uuid}）。请按顺序导入该机构的数据包。",
        f"The package refers to a record that does not exist ({table.name} {uuid}). "
        "Import that office's packages in order.",
    )


def _existing(session: Session, table: Table, uuids: list[str]) -> dict[str, tuple[int, str, int]]:
    """The rows already here with these uuids: (id, origin, seq) by uuid."""
    found: dict[str, tuple[int, str, int]] = {}
    conn = session.connection()
    query = select(table.c.uuid, table.c.id, table.c.origin, table.c.seq)
    for chunk in _chunks(uuids):
        for uuid, id_, origin, seq in conn.execute(query.where(table.c.uuid.in_(chunk))):
            found[uuid] = (id_, origin, seq)
    return found


def _full_rows(session: Session, table: Table, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The rows with these ids, every column, by id (those a package rewrites)."""
    found: dict[int, dict[str, Any]] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))):
            values = dict(row._mapping)
            found[values["id"]] = values
    return found


def _changed_only(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The columns an update must set: those that differ, and `deleted_at` (it was parked). Columns
    left alone keep triggers such as the supplies ledger's append-only guard quiet."""
    return {k: v for k, v in new.items() if k == "deleted_at" or old.get(k) != v}


@dataclass
class _Later:
    """References to the same table (an amendment's original, a package's previous one), set once
    the record referred to is written: (record uuid, column, referenced uuid)."""

    pending: list[tuple[str, str, str]] = field(default_factory=list)

    def settle(self, session: Session, table: Table, ids: _Ids, final: bool) -> None:
        """Set those whose records are here now (all of them, or refuse, when `final`)."""
        if not self.pending:
            return
        ids.load(table, [u for pair in self.pending for u in (pair[0], pair[2])])
        cache = ids.known.get(table.name, {})
        ready = [p for p in self.pending if p[0] in cache and p[2] in cache]
        self.pending = [p for p in self.pending if not (p[0] in cache and p[2] in cache)]
        if final and self.pending:
            ids.resolve_all(table, [self.pending[0][2]])  # refuses, naming the record
        by_column: dict[str, list[dict[str, Any]]] = {}
        for uuid, key, ref in ready:
            by_column.setdefault(key, []).append({"b_id": cache[uuid], "b_ref": cache[ref]})
        conn = session.connection()
        for key, params in by_column.items():
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({key: bindparam("b_ref")}),
                params,
            )


def _columns(
    state: _Incoming,
    keys: tuple[str, ...],
    rows: Sequence[Sequence[Any]],
    ids: _Ids,
    later: _Later,
) -> dict[str, list[Any]]:
    """Package rows (all with these keys) as database values, column by column, each column
    checked against its rule (`exchange_rules.convert`): referenced uuids become local ids, looked
    up together; a reference to the same table is left empty and remembered in `later` (its row
    may come after)."""
    entity = state.entity
    uuids = list(map(itemgetter(keys.index("uuid")), rows))
    out: dict[str, list[Any]] = {}
    for index, key in enumerate(keys):
        values = list(map(itemgetter(index), rows))
        try:
            values = rules.convert(state.rules[key], values)
        except rules.RecordInvalid as exc:
            raise _invalid(entity, uuids[exc.index], key, (exc.zh, exc.en)) from None
        target = entity.refs.get(key)
        if target is None:
            out[key] = values
        elif target == entity.name:
            later.pending.extend(
                (u, key, v) for u, v in zip(uuids, values, strict=True) if v is not None
            )
            out[key] = [None] * len(values)
        else:
            out[key] = ids.resolve_all(Base.metadata.tables[target], values)
    return out


def _insert_rows(
    session: Session, table: Table, keys: tuple[str, ...], columns: dict[str, list[Any]], ids: _Ids
) -> None:
    """Insert new rows given column by column and remember their ids.

    On SQLite, one `executemany` of plain tuples, each column's bind processor called once per
    distinct value (SQLAlchemy's own executemany builds and converts a dict per row); the new ids
    are read back by range, and new residents' search tails added in one statement, as the
    session's bulk-insert hook does for the ordinary path, which other databases take."""
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
        order = list(compiled.positiontup or [])
        if sorted(order) == sorted(keys):  # no column left to a default
            before = conn.execute(select(func.max(table.c.id))).scalar() or 0
            sources = [bound(table.c[name], dialect, columns[name]) for name in order]
            conn.exec_driver_sql(compiled.string, list(zip(*sources, strict=True)))
            added = conn.execute(select(table.c.uuid, table.c.id).where(table.c.id > before))
            ids.remember(table, added.tuples().all())
            return
    rows = [
        dict(zip(keys, values, strict=True))
        for values in zip(*(columns[k] for k in keys), strict=True)
    ]
    session.execute(insert(table), rows)
    ids.load(table, columns["uuid"])


def _update_rows(
    session: Session, state: _Incoming, keys: tuple[str, ...], columns: dict[str, list[Any]]
) -> None:
    """Overwrite the parked rows these records change, setting only the columns that differ."""
    table = state.entity.table
    row_ids = [state.rewrite[u] for u in columns["uuid"]]
    olds = _full_rows(session, table, row_ids)
    changed: list[dict[str, Any]] = []
    for i, id_ in enumerate(row_ids):
        new = {k: columns[k][i] for k in keys}
        new.setdefault("deleted_at", None)  # left out: not deleted (it was parked)
        changed.append({"b_id": id_, **_changed_only(new, olds[id_])})
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in changed:
        groups.setdefault(tuple(row), []).append(row)
    conn = session.connection()
    for group_keys, group in groups.items():
        stmt = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values({k: bindparam(k) for k in group_keys if k != "b_id"})
        )
        conn.execute(stmt, group)


def _write(
    session: Session, state: _Incoming, ids: _Ids, result: ImportResult, chars: set[str]
) -> None:
    """Pass 2 for one entity: its new records inserted in bulk, its newer ones written over the
    parked rows, batch after batch; references to its own table set last."""
    entity = state.entity
    later = _Later()
    for item in state.batches:
        batch = item if isinstance(item, Batch) else _unpack(entity.name, item)
        for keys, values in batch.groups.items():
            if state.rewrite or state.keep:
                at = keys.index("uuid")
                new = [v for v in values if v[at] not in state.rewrite and v[at] not in state.keep]
                newer = [v for v in values if v[at] in state.rewrite]
            else:
                new, newer = values, []
            if new:
                columns = _columns(state, keys, new, ids, later)
                _insert_rows(session, entity.table, keys, columns, ids)
                result.inserted += len(new)
                if entity.name == Resident.__tablename__ and "name" in columns:
                    chars |= search_index.name_chars(columns["name"])
            if newer:
                columns = _columns(state, keys, newer, ids, later)
                _update_rows(session, state, keys, columns)
                result.updated += len(newer)
                if entity.name == Resident.__tablename__ and "name" in columns:
                    chars |= search_index.name_chars(columns["name"])
        later.settle(session, entity.table, ids, final=False)
    later.settle(session, entity.table, ids, final=True)


def _apply(session: Session, checked: _Checked, own: OwnKeys, receiver: str) -> ImportResult:
    """Read the records (pass 1), then write them (pass 2). Rows to be rewritten are parked
    (deleted_at set) between the two, so the partial unique indexes (all of them `WHERE
    deleted_at IS NULL`) see only the package's final state.

    Rows already here and not newer (a full package after incremental ones) cost one indexed
    lookup of (id, origin, seq) each; new rows are checked and converted column by column and
    inserted in bulk (`_insert_rows`); only rewritten rows are read whole. Like every record
    written with the session marked `replicating`, imported records get no audit rows of their
    own: the package's row in `exchange_package` (sender, number, hash, counts, time) is the
    record of where they came from, and each record keeps its origin's stamps."""
    sender = checked.sender.code
    incoming = _read(session, checked, own, sender)
    result = ImportResult(Path(), sender, "", 0, sum(s.count for s in incoming.values()))
    for state in incoming.values():
        result.unchanged += len(state.keep)
        result.counts[state.entity.name] = state.count
        for chunk in _chunks(list(state.rewrite.values())):
            session.execute(
                update(state.entity.table)
                .where(state.entity.table.c.id.in_(chunk))
                .values(deleted_at=_PARKED)
            )
    ids = _Ids(session, sender, receiver)
    chars: set[str] = set()
    for entity in travelling_entities():
        if entity.name in incoming:
            _write(session, incoming.pop(entity.name), ids, result, chars)
    search_index.remember_chars(session.connection(), chars)
    return result


@contextmanager
def _page_cache(session: Session, kib: int) -> Iterator[None]:
    """SQLite's page cache of this connection raised to `kib` for a while, then set back.

    A package of 9,000 residents inserts into tables with eight indexes, one of them on random
    uuids; with SQLite's default 2 MB cache a street office holding 100,000 residents spills and
    re-reads index pages on every few rows (resident inserts took 3 times as long)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def _db_reason(exc: DBAPIError) -> str:
    """What the database refused, without the values it may quote (PostgreSQL's DETAIL names the
    duplicated ID number): the constraint or the primary message, with long digit runs masked."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    text_ = getattr(diag, "message_primary", None) or str(orig).splitlines()[0]
    return re.sub(r"\d{7,}", lambda m: mask_id_number(m.group()), text_)[:300]


def _audit_import(
    session: Session, manifest: Manifest, sender: str, path: Path
) -> list[tuple[str, str]]:
    """The import in this office's audit trail, and the sender's signed audit head kept as the
    last received from it; a head behind the one before is a warning (the sender's trail lost
    rows, or was restored from a backup)."""
    warnings = []
    if manifest.audit_head is not None:
        behind = audit.remember_head(session, sender, manifest.audit_head)
        if behind is not None:
            warnings.append(behind)
    note = "；".join(zh for zh, _en in warnings)
    audit.record(
        session,
        audit.PACKAGE_IMPORT,
        f"导入 {sender} 的数据包第 {manifest.package_seq} 号（{manifest.kind}）"
        + ("" if manifest.audit_head else "，无审计签名头")
        + (f"；{note}" if note else ""),
        entity="exchange_package",
        record=f"{sender}:{manifest.package_seq}",
    )
    return warnings


def import_package(db: Database, datadir: DataDir, info: OfficeInfo, path: Path) -> ImportResult:
    """Verify and import one package file; see the module's docstring for the order of checks."""
    require_in(db, Permission.EXCHANGE)
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise fmt.PackageDamaged(
                f"文件过大（超过 {MAX_FILE // 2**20} MB），不是本程序写出的数据包：{path.name}",
                f"The file is too large (over {MAX_FILE // 2**20} MB) to be a package: {path.name}",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取文件：{path}（{exc}）", f"Cannot read {path} ({exc})") from exc
    own = load_own_keys(datadir)
    try:
        with db.session(note=f"exchange import {path.name}") as session:
            session.info["replicating"] = True
            checked = _check(session, own, info, path, data)
            manifest, sender = checked.manifest, checked.sender
            with _page_cache(session, _IMPORT_CACHE_KIB):
                result = _apply(session, checked, own, info.code)
            now = utcnow()
            session.add(
                ExchangePackage(
                    direction="in",
                    office_code=sender.code,
                    package_seq=manifest.package_seq,
                    package_hash=checked.package_hash,
                    previous_hash=manifest.previous_hash,
                    kind=manifest.kind,
                    since_seq=manifest.since_seq,
                    up_to_seq=manifest.up_to_seq,
                    records=result.records,
                    file_name=path.name[:200],
                    created_at=manifest.created_at,
                    imported_at=now,
                    counts=json.dumps(result.counts, sort_keys=True),
                )
            )
            sender.last_package_seq = manifest.package_seq
            sender.last_package_hash = checked.package_hash
            sender.last_imported_at = now
            result.warnings += _audit_import(session, manifest, sender.code, path)
            if manifest.sender_name is not None:
                # renamed at its own office (设置 → 本机构信息): the signed package says so
                sender.name = manifest.sender_name
    except DBAPIError as exc:
        raise PackageRefused(
            f"数据包与本机数据库不相容，未导入任何内容：{_db_reason(exc)}",
            f"The package does not fit this database; nothing was imported: {_db_reason(exc)}",
        ) from exc
    result.path = path
    result.sender_name = sender.name
    result.package_seq = manifest.package_seq
    return result


def community_summaries(session: Session) -> dict[str, dict[str, Any]]:
    """Per enrolled community, from what its packages brought: residents and households in
    residence, the last package's number and when it was imported (`stats` at a street office)."""
    summaries: dict[str, dict[str, Any]] = {}
    offices = session.scalars(
        select(EnrolledOffice)
        .where(EnrolledOffice.role == "community")
        .order_by(EnrolledOffice.code)
    ).all()
    for office in offices:
        residents = session.scalar(
            select(func.count())
            .select_from(Resident)
            .where(
                Resident.origin == office.code,
                Resident.deleted_at.is_(None),
                Resident.status == "active",
            )
        )
        households = session.scalar(
            select(func.count())
            .select_from(Household)
            .where(Household.origin == office.code, Household.deleted_at.is_(None))
        )
        summaries[office.code] = {
            "name": office.name,
            "residents": int(residents or 0),
            "households": int(households or 0),
            "last_package": office.last_package_seq,
            "last_imported_at": (
                office.last_imported_at.isoformat() if office.last_imported_at else None
            ),
        }
    return summaries
