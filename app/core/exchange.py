"""Packages between a community and its street office (docs/exchange-format.md).

* `export_package`: every travelling record this office owns that changed since its last package
  (or all of them), sealed for the enrolled street office, written to the stick through a temporary
  name, fsynced, read back and checked, then renamed; a copy stays in the data folder's `exports/`.
* `import_package`: the file is checked whole — layout, enrolled sender, signature, recipient, place
  in the sender's chain, decryption, contents — before anything is written; then every record is
  applied in one transaction with the session marked `replicating`, so records keep the stamps of
  the office that owns them. A record is changed only by its origin office: a package that carries
  a record of another origin, or would change one, is refused.
* Receipts: the street office signs the list of packages it imported from a community; the
  community marks those packages received.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Table,
    Time,
    bindparam,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core import exchange_format as fmt
from app.core.datadir import DataDir
from app.core.exchange_keys import OwnKeys, load_own_keys
from app.core.peek import OfficeInfo
from app.core.supply_needs import refresh_needs
from app.db import search_index
from app.db.base import Base, Travelling, utcnow
from app.db.bulk import bound, per_distinct
from app.db.engine import Database
from app.db.models import ChangeCounter, Household, Resident
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.db.revision import SCHEMA_HEAD
from app.errors import AlreadyDone, GridDeskError, InvalidInput

PACKAGE_SUFFIX = ".gdpkg"
RECEIPT_SUFFIX = ".gdrct"
PACKAGE_FORMAT = "griddesk-package"
RECEIPT_FORMAT = "griddesk-receipt"
_CHUNK = 900  # values per IN (...) list
_PARKED = datetime(1970, 1, 1)  # deleted_at while a record is rewritten (see _apply)
_IMPORT_CACHE_KIB = 128 * 1024  # SQLite page cache while a package is written (see _page_cache)


class PackageRefused(GridDeskError):
    """A whole, authentic package that cannot be imported here (order, recipient, contents)."""


# ---------------------------------------------------------------------------------------------
# the travelling tables, in an order where every referenced table comes first


@dataclass(frozen=True)
class Entity:
    name: str
    table: Table
    # column name -> referenced travelling table name (values travel as the referenced uuid)
    refs: dict[str, str]

    @property
    def columns(self) -> list[Column[Any]]:
        return [c for c in self.table.columns if c.key != "id"]


def travelling_entities() -> list[Entity]:
    tables: dict[str, Table] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Travelling):
            table = cast(Table, mapper.local_table)
            tables[table.name] = table
    entities = []
    for table in Base.metadata.sorted_tables:
        if table.name not in tables:
            continue
        refs: dict[str, str] = {}
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target not in tables:
                raise RuntimeError(
                    f"{table.name}.{fk.parent.key} refers to non-travelling {target}"
                )
            refs[fk.parent.key] = target
        entities.append(Entity(table.name, table, refs))
    return entities


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _from_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return date.fromisoformat(str(value))
    if isinstance(kind, Time):
        return time.fromisoformat(str(value))
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{column.key}: not a boolean")
        return value
    if isinstance(kind, Numeric):
        return Decimal(str(value))
    return value


# ---------------------------------------------------------------------------------------------
# export


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_seq: int
    kind: str
    records: int
    counts: dict[str, int]
    recipient: str


def _recipient(session: Session) -> EnrolledOffice:
    offices = [
        o
        for o in session.query(EnrolledOffice).order_by(EnrolledOffice.code)
        if o.role == "street-office" and o.signing_public
    ]
    if not offices:
        raise InvalidInput(
            "尚未信任街道办的公钥：请先当面核对指纹，运行 keys enroll <街道办公钥文件>。",
            "No street office key is trusted yet: compare the fingerprint in person, then run "
            "keys enroll <street office key file>.",
        )
    return offices[0]


def _own_seq(session: Session, origin: str) -> int:
    counter = session.get(ChangeCounter, origin)
    return int(counter.last_seq) if counter else 0


def _collect(
    session: Session, origin: str, since: int, up_to: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The records of `origin` changed in (since, up_to], as package rows, per table.

    Column by column rather than value by value: the rows become dicts in C, then only the
    columns of dates, times, flags and numbers are converted (`_json_of`), each distinct value
    once — rows share their stamps and many dates (180,000 residents: 7 s of per-value calls
    before)."""
    records: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, int] = {}
    conn = session.connection()
    for entity in travelling_entities():
        table = entity.table
        selected: list[Any] = []
        names: list[str] = []
        convert: list[Callable[[Any], Any] | None] = []
        for column in entity.columns:
            names.append(column.key)
            if column.key in entity.refs:
                # aliased: a reference to the same table (a package's previous package) must
                # not correlate with the outer row
                ref = Base.metadata.tables[entity.refs[column.key]].alias()
                selected.append(
                    select(ref.c.uuid).where(ref.c.id == column).scalar_subquery().label(column.key)
                )
                convert.append(None)
            else:
                to_json, raw = _json_of(column, conn.dialect)
                selected.append(type_coerce(column, String).label(column.key) if raw else column)
                convert.append(to_json)
        query = (
            select(*selected)
            .where(table.c.origin == origin, table.c.seq > since, table.c.seq <= up_to)
            .order_by(table.c.id)
        )
        fetched = conn.execute(query).all()
        if not fetched:
            continue
        rows = [dict(zip(names, row, strict=True)) for row in fetched]
        for index, to_json in enumerate(convert):
            if to_json is not None:
                key = names[index]
                values = per_distinct(to_json, list(map(itemgetter(index), fetched)))
                for record, value in zip(rows, values, strict=True):
                    record[key] = value
        records[entity.name] = rows
        counts[entity.name] = len(fetched)
    return records, counts


def _json_of(column: Column[Any], dialect: Dialect) -> tuple[Callable[[Any], Any] | None, bool]:
    """How `_collect` turns a column's values into JSON values (None: as they come), and whether
    to select the column as the text SQLite stores: then the type's own result processor runs once
    per distinct value in `_mapped`, instead of once per row in SQLAlchemy's result."""
    if isinstance(column.type, String | Integer):
        return None, False
    if dialect.name == "sqlite":
        processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if processor is not None:
            return (lambda v: None if v is None else _to_json(processor(v))), True
    return _to_json, False


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_verified(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary name beside `target`, fsync, read it back and compare hashes,
    then rename: a stick pulled out early leaves at most a `.partial` file, never a whole-looking
    package."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if hashlib.sha256(tmp.read_bytes()).digest() != hashlib.sha256(data).digest():
            raise InvalidInput(
                f"写入后读回的内容不一致，U盘可能有问题：{target.parent}",
                f"What was read back differs from what was written; check the drive: "
                f"{target.parent}",
            )
        tmp.replace(target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def export_package(
    db: Database, datadir: DataDir, info: OfficeInfo, out_dir: Path, full: bool = False
) -> ExportResult:
    """Write the next package for the enrolled street office into `out_dir`."""
    if info.is_street_office:
        raise InvalidInput(  # a street office writes return packages: app.core.exchange_return
            "街道办写出的是给各社区的回传包（exchange export 在街道办即写回传包）。",
            "A street office writes return packages for its communities (exchange export at a "
            "street office writes them).",
        )
    own = load_own_keys(datadir)
    try:
        with db.session(note="exchange export") as session:
            recipient = _recipient(session)
            last = last_sent(session, recipient.code)
            since = 0 if full or last is None else last.up_to_seq
            refresh_needs(session, info.code)  # the needs per item, for the street office
            up_to = _own_seq(session, info.code)
            records, counts = _collect(session, info.code, since, up_to)
            result = write_package(
                session,
                datadir,
                info,
                own,
                recipient,
                last,
                since,
                up_to,
                full,
                records,
                counts,
                out_dir,
            )
    except OSError as exc:
        raise InvalidInput(f"无法写入数据包：{exc}", f"Cannot write the package: {exc}") from exc
    return result


def last_sent(session: Session, office_code: str) -> ExchangePackage | None:
    """The newest package this office wrote for `office_code`, if any."""
    return session.scalars(
        select(ExchangePackage)
        .where(ExchangePackage.direction == "out", ExchangePackage.office_code == office_code)
        .order_by(ExchangePackage.package_seq.desc())
        .limit(1)
    ).first()


def write_package(
    session: Session,
    datadir: DataDir,
    info: OfficeInfo,
    own: OwnKeys,
    office: EnrolledOffice,
    last: ExchangePackage | None,
    since: int,
    up_to: int,
    full: bool,
    records: dict[str, list[dict[str, Any]]],
    counts: dict[str, int],
    out_dir: Path,
) -> ExportResult:
    """Seal `records` for `office` as the package after `last`, write it (verified) into the data
    folder's exports and into `out_dir`, and remember it as sent."""
    package_seq = (last.package_seq if last else 0) + 1
    kind = "full" if full or last is None else "incremental"
    now = datetime.now(UTC).replace(microsecond=0)
    manifest = {
        "format": PACKAGE_FORMAT,
        "format_version": fmt.FORMAT_VERSION,
        "schema_revision": SCHEMA_HEAD,
        "sender": {
            "code": info.code,
            "name": info.name,
            "role": info.role,
            "fingerprint": own.fingerprint,
        },
        "recipient": {"code": office.code, "fingerprint": office.fingerprint},
        "package_seq": package_seq,
        "previous_hash": last.package_hash if last else None,
        "created_at": now.isoformat().replace("+00:00", "Z"),
        "kind": kind,
        "since_seq": since,
        "up_to_seq": up_to,
        "counts": counts,
    }
    data = fmt.seal(
        manifest,
        {"records": records},
        X25519PublicKey.from_public_bytes(fmt.unb64(office.encryption_public)),
        own.signing,
    )
    name = f"{info.code}-{office.code}-{package_seq:06d}{PACKAGE_SUFFIX}"
    write_verified(datadir.exports / name, data)
    path = write_verified(Path(out_dir) / name, data)
    total = sum(counts.values())
    session.add(
        ExchangePackage(
            direction="out",
            office_code=office.code,
            package_seq=package_seq,
            package_hash=fmt.package_hash(data),
            previous_hash=last.package_hash if last else None,
            kind=kind,
            since_seq=since,
            up_to_seq=up_to,
            records=total,
            file_name=name,
            created_at=now.replace(tzinfo=None),
            counts=json.dumps(counts, sort_keys=True),
        )
    )
    session.flush()
    return ExportResult(path, package_seq, kind, total, counts, office.code)


# ---------------------------------------------------------------------------------------------
# import


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


def _refuse(zh: str, en: str) -> PackageRefused:
    return PackageRefused(zh, en)


@dataclass(frozen=True)
class _Checked:
    manifest: dict[str, Any]
    sender: EnrolledOffice
    package_hash: str
    records: dict[str, list[dict[str, Any]]]


def _check(session: Session, own: OwnKeys, info: OfficeInfo, path: Path, data: bytes) -> _Checked:
    """Everything but the writing: PackageDamaged, PackageRefused or AlreadyDone on any doubt."""
    envelope = fmt.split(data)
    manifest = envelope.manifest
    sender_info = manifest.get("sender")
    if not isinstance(sender_info, dict) or not isinstance(sender_info.get("code"), str):
        raise fmt.PackageDamaged("数据包缺少发送方信息。", "The package names no sender.")
    code = sender_info["code"]
    sender = session.get(EnrolledOffice, code)
    if sender is None or not sender.signing_public:
        raise _refuse(
            f"数据包来自未登记的机构 {sender_info.get('name', '')}（{code}），指纹 "
            f"{sender_info.get('fingerprint', '?')}。未导入。如属本街道，请当面核对指纹后运行 "
            "keys enroll <该社区的公钥文件> 登记，再导入。",
            f"The package comes from an office that is not enrolled: "
            f"{sender_info.get('name', '')} ({code}), fingerprint "
            f"{sender_info.get('fingerprint', '?')}. Nothing imported. If it belongs here, compare "
            "the fingerprint in person, run keys enroll <its key file>, then import again.",
        )
    fmt.verify(envelope, Ed25519PublicKey.from_public_bytes(fmt.unb64(sender.signing_public)))
    if manifest.get("format") != PACKAGE_FORMAT or manifest.get("format_version") != (
        fmt.FORMAT_VERSION
    ):
        raise _refuse(
            f"不支持的数据包格式：{manifest.get('format')} {manifest.get('format_version')}",
            f"Unsupported package format: {manifest.get('format')} "
            f"{manifest.get('format_version')}",
        )
    recipient = manifest.get("recipient") or {}
    if recipient.get("fingerprint") != own.fingerprint or recipient.get("code") != info.code:
        raise _refuse(
            f"此数据包是发给另一机构的（{recipient.get('code')}，指纹 "
            f"{recipient.get('fingerprint')}），不是本机构（{info.code}，指纹 {own.fingerprint}）。"
            "未导入。请确认社区信任的是本街道办的公钥。",
            f"This package is for another office ({recipient.get('code')}, fingerprint "
            f"{recipient.get('fingerprint')}), not this one ({info.code}, fingerprint "
            f"{own.fingerprint}). Nothing imported. Check that the community trusts this office's "
            "key.",
        )
    seq = manifest.get("package_seq")
    if not isinstance(seq, int) or seq < 1:
        raise _refuse("数据包编号无效。", "The package number is invalid.")
    digest = fmt.package_hash(data)
    seen = session.scalars(
        select(ExchangePackage).where(
            ExchangePackage.direction == "in",
            ExchangePackage.office_code == code,
            ExchangePackage.package_seq == seq,
        )
    ).first()
    if seen is not None and seen.package_hash == digest:
        raise AlreadyDone(
            f"{sender.name}（{code}）的第 {seq} 号数据包已于 {seen.imported_at:%Y-%m-%d %H:%M} "
            "导入过，未做任何改变。",
            f"Package {seq} of {sender.name} ({code}) was already imported on "
            f"{seen.imported_at:%Y-%m-%d %H:%M}; nothing changed.",
        )
    if seen is not None:
        raise _refuse(
            f"已导入过 {code} 的另一份第 {seq} 号数据包，两者内容不同。该社区的数据可能从备份恢复过，"
            "请联系社区核实。未导入。",
            f"A different package number {seq} from {code} was imported before. The community's "
            "data may have been restored from a backup; check with them. Nothing imported.",
        )
    last = sender.last_package_seq
    if seq <= last:
        raise _refuse(
            f"这是 {code} 的旧数据包（第 {seq} 号），已导入到第 {last} 号。未导入。",
            f"This is an old package of {code} (number {seq}); number {last} was already "
            "imported. Nothing imported.",
        )
    full = manifest.get("kind") == "full"  # holds every record: it may close a gap (doc 3.5)
    if seq > last + 1 and not full:
        raise _refuse(
            f"缺少 {code} 的第 {last + 1} 至 {seq - 1} 号数据包，请先导入它们（社区的 exports "
            "文件夹中留有副本）。未导入。",
            f"Packages {last + 1} to {seq - 1} of {code} are missing; import them first (the "
            "community keeps copies in its exports folder). Nothing imported.",
        )
    if not full and manifest.get("previous_hash") != sender.last_package_hash:
        raise _refuse(
            f"数据包链断开：第 {seq} 号数据包不是接在本机导入的第 {last} 号之后的。未导入。",
            f"Broken chain: package {seq} does not follow package {last} as imported here. "
            "Nothing imported.",
        )
    revision = str(manifest.get("schema_revision", ""))
    if revision > SCHEMA_HEAD:
        raise _refuse(
            f"数据包来自更新版本的程序（数据结构 {revision}，本机 {SCHEMA_HEAD}），请先升级本程序。",
            f"The package comes from a newer program (schema {revision}, here {SCHEMA_HEAD}); "
            "upgrade this program first.",
        )
    payload = fmt.open_payload(envelope, own.encryption)
    records = payload.get("records")
    if not isinstance(records, dict):
        raise fmt.PackageDamaged("数据包内容无效。", "The package contents are invalid.")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or {k: len(v) for k, v in records.items()} != counts:
        raise _refuse(
            "数据包内容与清单中的数量不符。未导入。",
            "The package contents do not match the counts in its manifest. Nothing imported.",
        )
    _validate_records(records, code)
    return _Checked(manifest, sender, digest, records)


def _validate_records(records: dict[str, Any], origin: str) -> None:
    known = {e.name: e for e in travelling_entities()}
    for name, rows in records.items():
        entity = known.get(name)
        if entity is None or not isinstance(rows, list):
            raise _refuse(
                f"数据包含有本程序不认识的数据类型：{name}。请升级本程序。",
                f"The package holds records of a kind this program does not know: {name}. "
                "Upgrade this program.",
            )
        columns = {c.key for c in entity.columns}
        for row in rows:
            if not isinstance(row, dict) or not {"uuid", "origin", "seq"} <= row.keys():
                raise _refuse(f"{name} 的记录不完整。", f"A {name} record is incomplete.")
            extra = row.keys() - columns
            if extra:
                raise _refuse(
                    f"{name} 的记录含有未知字段 {sorted(extra)}。请升级本程序。",
                    f"A {name} record has unknown fields {sorted(extra)}. Upgrade this program.",
                )
            if row["origin"] != origin:
                raise _refuse(
                    f"数据包中有不属于发送方的记录（{name} {row['uuid']} 属于 {row['origin']}）。"
                    "每条记录只能由其所属机构修改。未导入。",
                    f"The package carries a record that its sender does not own ({name} "
                    f"{row['uuid']} belongs to {row['origin']}); a record is changed only by its "
                    "own office. Nothing imported.",
                )
            if not isinstance(row["seq"], int) or not isinstance(row["uuid"], str):
                raise _refuse(f"{name} 的记录字段无效。", f"A {name} record has invalid fields.")


class _Ids:
    """uuid -> local id per table, looked up in chunks and remembered."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[str, dict[str, int]] = {}

    def load(self, table: Table, uuids: Iterable[str]) -> dict[str, int]:
        cache = self.known.setdefault(table.name, {})
        missing = sorted({u for u in uuids if u not in cache})
        conn = self.session.connection()
        for chunk in _chunks(missing):
            for uuid, id_ in conn.execute(
                select(table.c.uuid, table.c.id).where(table.c.uuid.in_(chunk))
            ):
                cache[uuid] = id_
        return cache

    def remember(self, table: Table, pairs: Iterable[tuple[str, int]]) -> None:
        self.known.setdefault(table.name, {}).update(pairs)

    def resolve(self, table: Table, uuid: str) -> int:
        got = self.load(table, [uuid]).get(uuid)
        if got is None:
            raise _no_such_record(table, uuid)
        return got

    def resolve_all(self, table: Table, values: Sequence[Any]) -> list[int | None]:
        """Each value (a referenced uuid, or None) as a local id: the uuids looked up together."""
        wanted = {str(v) for v in values if v is not None}
        cache = self.load(table, wanted)
        missing = wanted - cache.keys()
        if missing:
            raise _no_such_record(table, min(missing))
        return [None if v is None else cache[str(v)] for v in values]


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


def _apply(session: Session, sender: str, records: dict[str, list[dict[str, Any]]]) -> ImportResult:
    """Write the records. Rows to be rewritten are first parked (deleted_at set), so the partial
    unique indexes (all of them `WHERE deleted_at IS NULL`) see only the package's final state.

    Rows already here and not newer (a full package after incremental ones) cost one indexed
    lookup of (id, origin, seq) each; new rows are converted column by column and inserted in bulk
    (`_insert_rows`); only rewritten rows are read whole and converted one by one. Like every
    record written with the session marked `replicating`, imported records get no audit rows of
    their own: the package's row in `exchange_package` (sender, number, hash, counts, time) is
    the record of where they came from, and each record keeps its origin's stamps."""
    result = ImportResult(Path(), sender, "", 0, sum(len(v) for v in records.values()))
    ids = _Ids(session)
    entities = [e for e in travelling_entities() if e.name in records]
    plans: list[
        tuple[Entity, list[dict[str, Any]], list[tuple[int, dict[str, Any], dict[str, Any]]]]
    ] = []
    for entity in entities:
        rows = records[entity.name]
        existing = _existing(session, entity.table, [r["uuid"] for r in rows])
        inserts: list[dict[str, Any]] = []
        newer: list[tuple[int, dict[str, Any]]] = []
        for row in rows:
            have = existing.get(row["uuid"])
            if have is None:
                inserts.append(row)
                continue
            id_, origin, seq = have
            if origin != sender:
                raise _refuse(
                    f"数据包会改动不属于发送方的记录（{entity.name} {row['uuid']} 属于 {origin}）。"
                    "未导入。",
                    f"The package would change a record its sender does not own ({entity.name} "
                    f"{row['uuid']} belongs to {origin}). Nothing imported.",
                )
            if row["seq"] > seq:
                newer.append((id_, row))
            else:
                result.unchanged += 1
        olds = _full_rows(session, entity.table, [id_ for id_, _row in newer])
        plans.append((entity, inserts, [(id_, row, olds[id_]) for id_, row in newer]))
        result.counts[entity.name] = len(rows)
    conn = session.connection()
    for entity, _inserts, updates in plans:
        for chunk in _chunks([id_ for id_, _row, _old in updates]):
            session.execute(
                update(entity.table).where(entity.table.c.id.in_(chunk)).values(deleted_at=_PARKED)
            )
    for entity, inserts, updates in plans:
        table = entity.table
        later: list[tuple[str, str, str]] = []  # (uuid, column, referenced uuid)

        try:
            new_groups = [
                (tuple(group[0]), _column_values(entity, tuple(group[0]), group, ids, later))
                for group in _group_by_keys(inserts)
            ]
            changed = [
                (id_, _changed_only(_convert(entity, r, ids, None), old)) for id_, r, old in updates
            ]
        except (ValueError, TypeError) as exc:
            raise _refuse(
                f"数据包中 {entity.name} 的值无效：{exc}", f"Invalid {entity.name} value: {exc}"
            ) from exc
        for keys, columns in new_groups:
            _insert_rows(session, table, keys, columns, ids)
        result.inserted += len(inserts)
        for group in _group_by_keys([{"b_id": id_, **row} for id_, row in changed]):
            set_keys = [k for k in group[0] if k != "b_id"]
            stmt = (
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({k: bindparam(k) for k in set_keys})
            )
            conn.execute(stmt, list(group))
        result.updated += len(changed)
        by_column: dict[str, list[dict[str, Any]]] = {}
        ids.load(table, [u for pair in later for u in (pair[0], pair[2])])
        for uuid, key, ref in later:
            by_column.setdefault(key, []).append(
                {"b_id": ids.resolve(table, uuid), "b_ref": ids.resolve(table, ref)}
            )
        for key, params in by_column.items():
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({key: bindparam("b_ref")}),
                params,
            )
    names = [r.get("name") for r in records.get(Resident.__tablename__, [])]
    search_index.remember_chars(conn, search_index.name_chars(n for n in names if n))
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


def _column_values(
    entity: Entity,
    keys: tuple[str, ...],
    rows: list[dict[str, Any]],
    ids: _Ids,
    later: list[tuple[str, str, str]],
) -> dict[str, list[Any]]:
    """Package rows (all with these keys) as database values, column by column: referenced uuids
    become local ids, looked up together; a reference to the same table is left empty and
    remembered in `later` (its row may come after); dates and times are parsed once per distinct
    value."""
    columns = entity.table.c
    out: dict[str, list[Any]] = {}
    for key in keys:
        values = [r[key] for r in rows]
        target_name = entity.refs.get(key)
        if target_name is None:
            out[key] = _from_json_all(columns[key], values)
        elif target_name == entity.name:
            later.extend(
                (r["uuid"], key, str(v)) for r, v in zip(rows, values, strict=True) if v is not None
            )
            out[key] = [None] * len(values)
        else:
            out[key] = ids.resolve_all(Base.metadata.tables[target_name], values)
    return out


def _from_json_all(column: Column[Any], values: list[Any]) -> list[Any]:
    """`_from_json` of a whole column; text values are converted once per distinct value."""
    if isinstance(column.type, String | Integer):
        return values  # what `_from_json` returns for them
    if all(v is None or type(v) is str for v in values):
        return per_distinct(lambda v: _from_json(column, v), values)
    return [_from_json(column, v) for v in values]


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


def _convert(
    entity: Entity, row: dict[str, Any], ids: _Ids, later: list[tuple[str, str, str]] | None
) -> dict[str, Any]:
    """A package row as database values: referenced uuids become local ids; with `later`, a
    reference to the same table is left empty and remembered (its row may come after)."""
    columns = {c.key: c for c in entity.columns}
    out: dict[str, Any] = {}
    for key, value in row.items():
        target_name = entity.refs.get(key)
        if target_name is not None and value is not None:
            if later is not None and target_name == entity.name:
                later.append((row["uuid"], key, str(value)))
                out[key] = None
            else:
                out[key] = ids.resolve(Base.metadata.tables[target_name], str(value))
        else:
            out[key] = _from_json(columns[key], value)
    return out


def _group_by_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return list(groups.values())


def import_package(db: Database, datadir: DataDir, info: OfficeInfo, path: Path) -> ImportResult:
    """Verify and import one package file; see the module's docstring for the order of checks."""
    path = Path(path)
    try:
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
                result = _apply(session, sender.code, checked.records)
            now = utcnow()
            session.add(
                ExchangePackage(
                    direction="in",
                    office_code=sender.code,
                    package_seq=manifest["package_seq"],
                    package_hash=checked.package_hash,
                    previous_hash=manifest.get("previous_hash"),
                    kind=str(manifest.get("kind", "incremental")),
                    since_seq=int(manifest.get("since_seq", 0)),
                    up_to_seq=int(manifest.get("up_to_seq", 0)),
                    records=result.records,
                    file_name=path.name[:200],
                    created_at=_parse_time(manifest.get("created_at")),
                    imported_at=now,
                    counts=json.dumps(result.counts, sort_keys=True),
                )
            )
            sender.last_package_seq = manifest["package_seq"]
            sender.last_package_hash = checked.package_hash
            sender.last_imported_at = now
            name = manifest["sender"].get("name")
            if isinstance(name, str) and 0 < len(name.strip()) <= 100:
                # renamed at its own office (设置 → 本机构信息): the signed package says so
                sender.name = name.strip()
    except DBAPIError as exc:
        raise PackageRefused(
            f"数据包与本机数据库不相容，未导入任何内容：{exc.orig}",
            f"The package does not fit this database; nothing was imported: {exc.orig}",
        ) from exc
    result.path = path
    result.sender_name = sender.name
    result.package_seq = int(manifest["package_seq"])
    return result


def _parse_time(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return utcnow()


# ---------------------------------------------------------------------------------------------
# receipts


def write_receipts(db: Database, datadir: DataDir, info: OfficeInfo, out_dir: Path) -> list[Path]:
    """One signed receipt per community that has sent packages: the packages imported here.
    At a community: the receipt of the street office's return packages (app.core.exchange_return)."""
    if not info.is_street_office:
        from app.core.exchange_return import write_community_receipts

        return write_community_receipts(db, datadir, info, out_dir)
    own = load_own_keys(datadir)
    written: list[Path] = []
    with db.reading() as session:
        offices = session.scalars(
            select(EnrolledOffice)
            .where(EnrolledOffice.last_package_seq > 0)
            .order_by(EnrolledOffice.code)
        ).all()
        for office in offices:
            packages = session.scalars(
                select(ExchangePackage)
                .where(
                    ExchangePackage.direction == "in", ExchangePackage.office_code == office.code
                )
                .order_by(ExchangePackage.package_seq)
            ).all()
            body = {
                "format": RECEIPT_FORMAT,
                "format_version": fmt.FORMAT_VERSION,
                "sender": {"code": info.code, "name": info.name, "fingerprint": own.fingerprint},
                "recipient": {"code": office.code, "fingerprint": office.fingerprint},
                "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "packages": [
                    {
                        "package_seq": p.package_seq,
                        "package_hash": p.package_hash,
                        "imported_at": p.imported_at.isoformat() if p.imported_at else None,
                        "records": p.records,
                    }
                    for p in packages
                ],
            }
            data = fmt.sign_document(fmt.RECEIPT_MAGIC, body, own.signing)
            last = office.last_package_seq
            name = f"receipt-{info.code}-{office.code}-{last:06d}{RECEIPT_SUFFIX}"
            try:
                written.append(write_verified(Path(out_dir) / name, data))
            except OSError as exc:
                raise InvalidInput(
                    f"无法写入回执：{exc}", f"Cannot write the receipt: {exc}"
                ) from exc
    if not written:
        raise AlreadyDone(
            "尚未导入任何社区的数据包，没有回执可写。",
            "No community package has been imported yet; there is no receipt to write.",
        )
    return written


@dataclass(frozen=True)
class ReceiptResult:
    street_office: str
    acknowledged: list[int]
    unacknowledged: list[int]


def import_receipt(db: Database, datadir: DataDir, info: OfficeInfo, path: Path) -> ReceiptResult:
    """Mark this community's packages that the street office's receipt lists as received."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取文件：{path}（{exc}）", f"Cannot read {path} ({exc})") from exc
    own = load_own_keys(datadir)
    envelope = fmt.split(data, fmt.RECEIPT_MAGIC)
    body = envelope.header
    if envelope.ciphertext or body.get("format") != RECEIPT_FORMAT:
        raise fmt.PackageDamaged("不是回执文件。", "This is not a receipt file.")
    sender_code = str((body.get("sender") or {}).get("code"))
    with db.session(note=f"exchange receipt {Path(path).name}") as session:
        sender = session.get(EnrolledOffice, sender_code)
        signer_role = "community" if info.is_street_office else "street-office"  # both ways
        if sender is None or not sender.signing_public or sender.role != signer_role:
            raise PackageRefused(
                f"回执来自未信任的机构 {sender_code}。未导入。",
                f"The receipt comes from an office that is not trusted here: {sender_code}. "
                "Nothing changed.",
            )
        fmt.verify(envelope, Ed25519PublicKey.from_public_bytes(fmt.unb64(sender.signing_public)))
        recipient = body.get("recipient") or {}
        if recipient.get("code") != info.code or recipient.get("fingerprint") != own.fingerprint:
            raise PackageRefused(
                f"此回执是给另一社区的（{recipient.get('code')}）。未导入。",
                f"This receipt is for another community ({recipient.get('code')}). "
                "Nothing changed.",
            )
        listed = {
            (int(p["package_seq"]), str(p["package_hash"]))
            for p in body.get("packages") or []
            if isinstance(p, dict)
        }
        sent = session.scalars(
            select(ExchangePackage)
            .where(ExchangePackage.direction == "out", ExchangePackage.office_code == sender_code)
            .order_by(ExchangePackage.package_seq)
        ).all()
        now = utcnow()
        newly = []
        for package in sent:
            if package.acknowledged_at is None and (package.package_seq, package.package_hash) in (
                listed
            ):
                package.acknowledged_at = now
                newly.append(package.package_seq)
        missing = [p.package_seq for p in sent if p.acknowledged_at is None]
        if not newly:
            raise AlreadyDone(
                "回执中的数据包均已标记为已收到，未做任何改变。"
                + (f"尚未确认收到：{missing}" if missing else ""),
                "Every package in the receipt was already marked as received; nothing changed."
                + (f" Not yet acknowledged: {missing}" if missing else ""),
            )
    return ReceiptResult(sender_code, newly, missing)


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
