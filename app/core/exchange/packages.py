"""Packages between a community and its street office (docs/exchange-format.md).

* `export_package`: every travelling record this office owns that changed since its last package
  (or all of them), sealed for the enrolled street office, written to the stick and to the data
  folder's `exports/` under temporary names, fsynced, read back and checked, recorded as sent, and
  given their names only once that record has committed (`staging`): a stick never holds a package
  its sender does not remember.
* `import_package`: the header is checked first, within bounds, before anything vouches for it —
  layout, enrolled sender, signature, manifest, recipient, place in the sender's chain. Then the
  payload is read record by record in bounded steps (app.core.exchange.payload) and checked —
  entities, columns, the sender's origin, change numbers — and every value against its column
  (app.core.exchange.rules); the records are written in one transaction with the session marked
  `replicating`, so they keep the stamps of the office that owns them. A record is changed only by
  its origin office and refers only to its own office's records (or to a directive addressed to
  it): a package that does otherwise is refused, whole.
* Receipts: the street office signs the list of packages it imported from a community; the
  community marks those packages received (and the other way round for return packages).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import (
    Column,
    Integer,
    String,
    Table,
    bindparam,
    func,
    insert,
    null,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.common import files as atomic_files
from app.core.common.masking import mask_id_number
from app.core.exchange import package_file as fmt
from app.core.exchange import rules
from app.core.exchange.enrolment import OwnKeys, load_own_keys
from app.core.exchange.payload import Batch, read_records
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.supplies.needs import refresh_needs
from app.db import schema, search_index  # noqa: F401  (schema: every model mapped)
from app.db.base import Base, Travelling, utcnow
from app.db.bulk import bound, per_distinct
from app.db.engine import Database
from app.db.models import ChangeCounter, Household, Resident
from app.db.models_directives import TO_ALL, Directive
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
    """The tables of travelling records, every referenced one before those referring to it."""
    return list(_travelling_entities())


@cache
def _travelling_entities() -> tuple[Entity, ...]:
    # every model is mapped once `schema` is imported (as above), and never after
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
    return tuple(entities)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
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


def write_verified(target: Path, data: bytes) -> Path:
    """Write `data` to a temporary name beside `target`, fsync, read it back and compare hashes,
    then rename: a stick pulled out early leaves at most a `.partial` file, never a whole-looking
    package."""
    return atomic_files.write_bytes(target, data, verify=True)


@dataclass
class Staged:
    """Package files written and checked under temporary names, given their own names only once
    the transaction that records the packages has committed (`staging`): a stick never holds a
    package its sender does not remember, so no second, different package N can follow it."""

    files: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary, target)

    def add(self, target: Path, data: bytes) -> Path:
        self.files.append(
            (atomic_files.stage(target, lambda fh: fh.write(data), verify=True), target)
        )
        return target

    def discard(self) -> None:
        for tmp, _target in self.files:
            tmp.unlink(missing_ok=True)
        self.files.clear()

    def publish(self) -> None:
        """Rename every file to its name (the copy in exports/ before the stick's). The packages
        are recorded by now: a stick pulled out at this moment loses its copy, which `exchange
        resend` writes again from exports/, byte for byte."""
        done: list[Path] = []
        try:
            for tmp, target in self.files:
                atomic_files.publish(tmp, target)
                done.append(target)
        except OSError as exc:
            self.discard()
            names = ", ".join(t.name for _tmp, t in self.files if t not in done)
            raise InvalidInput(
                f"数据包已记入本机，但未能写到目标文件夹（{exc}）：{names}。副本在数据文件夹的 "
                "exports 中，请用 exchange resend --out <文件夹> 重新写出（内容相同）。",
                f"The package is recorded here but could not be written to its folder ({exc}): "
                f"{names}. Its copy is in the data folder's exports; write it again with "
                "exchange resend --out <folder> (the very same bytes).",
            ) from exc
        self.files.clear()


@contextmanager
def staging() -> Iterator[Staged]:
    """Files staged inside the block are published when it ends without error, else removed.
    Open the database session inside it, so that its commit comes first:

        with staging() as staged, db.session() as session:
            write_package(session, …, staged)
    """
    staged = Staged()
    try:
        yield staged
    except BaseException:
        staged.discard()
        raise
    staged.publish()


def export_package(
    db: Database, datadir: DataDir, info: OfficeInfo, out_dir: Path, full: bool = False
) -> ExportResult:
    """Write the next package for the enrolled street office into `out_dir`: recorded as sent
    and committed first, given its name on the stick after (`staging`)."""
    if info.is_street_office:
        raise InvalidInput(  # a street office writes return packages: app.core.exchange.returns
            "街道办写出的是给各社区的回传包（exchange export 在街道办即写回传包）。",
            "A street office writes return packages for its communities (exchange export at a "
            "street office writes them).",
        )
    own = load_own_keys(datadir)
    try:
        with staging() as staged, db.session(note="exchange export") as session:
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
                staged,
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
    staged: Staged,
) -> ExportResult:
    """Seal `records` for `office` as the package after `last`, stage it (written and checked
    under a temporary name) for the data folder's exports and for `out_dir`, and remember it as
    sent; `staged` gives the files their names once the session has committed."""
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
        "created_at": utc_text(now),
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
    staged.add(datadir.exports / name, data)
    path = staged.add(Path(out_dir) / name, data)
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

MAX_FILE = 64 * 1024 * 1024  # a package file (180,000 residents: 14 MB)
_SMALL_PAYLOAD = 32 * 1024 * 1024  # beyond this much text, records are kept packed (see _read)
_MAX_CACHED_IDS = 400_000  # uuid -> id pairs kept while a package is written
_HASH = re.compile(r"[0-9a-f]{64}")
_REVISION = re.compile(r"\d{4}")


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
class Manifest:
    """The checked manifest of a verified package (docs/exchange-format.md §3.2)."""

    sender_name: str | None
    package_seq: int
    previous_hash: str | None
    kind: str
    since_seq: int
    up_to_seq: int
    counts: dict[str, int]
    created_at: datetime
    schema_revision: str


def _bad_manifest(key: str, rule: str, rule_en: str) -> PackageRefused:
    return _refuse(
        f"数据包清单中的 {key} 无效（{rule}）。未导入。",
        f"The package's manifest has an invalid {key} ({rule_en}). Nothing imported.",
    )


def _integer(manifest: dict[str, Any], key: str, low: int) -> int:
    value = manifest.get(key)
    if type(value) is not int or not low <= value <= rules.INT_MAX:  # bool is not a number here
        raise _bad_manifest(
            key, f"应为 {low} 至 {rules.INT_MAX} 的整数", f"a whole number {low} to {rules.INT_MAX}"
        )
    return value


def _utc_time(value: Any) -> datetime | None:
    """A manifest's or receipt's time, `…Z`, `…+00:00` or without a zone (all UTC), as a naive
    UTC datetime; None if it is none of these."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        if parsed.utcoffset() != timedelta(0):
            return None
        parsed = parsed.replace(tzinfo=None)
    return parsed


def _manifest(raw: dict[str, Any], known: set[str]) -> Manifest:
    """Every manifest field the import relies on, checked: numbers that fit the database, one of
    the known kinds, a hash, a time, counts of known entities."""
    package_seq = _integer(raw, "package_seq", 1)
    since_seq = _integer(raw, "since_seq", 0)
    up_to_seq = _integer(raw, "up_to_seq", 0)
    kind = raw.get("kind")
    if kind not in ("incremental", "full"):
        raise _bad_manifest("kind", "应为 incremental 或 full", "incremental or full")
    if since_seq > up_to_seq or (kind == "full" and since_seq != 0):
        raise _bad_manifest(
            "since_seq",
            "应不大于 up_to_seq，全量包为 0",
            "at most up_to_seq, and 0 for a full package",
        )
    previous = raw.get("previous_hash")
    if previous is not None and not (isinstance(previous, str) and _HASH.fullmatch(previous)):
        raise _bad_manifest("previous_hash", "应为 64 位十六进制或 null", "64 hex digits or null")
    created_at = _utc_time(raw.get("created_at"))
    if created_at is None:
        raise _bad_manifest("created_at", "应为 UTC 时间，如 2026-11-29T06:00:00Z", "a UTC time")
    revision = raw.get("schema_revision")
    if not (isinstance(revision, str) and _REVISION.fullmatch(revision)):
        raise _bad_manifest("schema_revision", "应为四位数字，如 0015", "four digits, e.g. 0015")
    counts = raw.get("counts")
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and type(v) is int and 0 <= v <= rules.INT_MAX for k, v in counts.items()
    ):
        raise _bad_manifest("counts", "应为 {实体: 记录数}", "{entity: number of records}")
    unknown = sorted(set(counts) - known)
    if unknown:
        raise _unknown_entity(unknown[0])
    if sum(counts.values()) > rules.INT_MAX:
        raise _bad_manifest("counts", "记录总数过大", "too many records")
    name = raw["sender"].get("name")
    return Manifest(
        sender_name=name.strip()
        if isinstance(name, str) and 0 < len(name.strip()) <= 100
        else None,
        package_seq=package_seq,
        previous_hash=previous,
        kind=str(kind),
        since_seq=since_seq,
        up_to_seq=up_to_seq,
        counts={k: v for k, v in counts.items() if v},
        created_at=created_at,
        schema_revision=revision,
    )


def _unknown_entity(name: str) -> PackageRefused:
    return _refuse(
        f"数据包含有本程序不认识的数据类型：{name[:40]}。请升级本程序。",
        f"The package holds records of a kind this program does not know: {name[:40]}. "
        "Upgrade this program.",
    )


@dataclass(frozen=True)
class _Checked:
    manifest: Manifest
    sender: EnrolledOffice
    package_hash: str
    envelope: fmt.Envelope


def _check(session: Session, own: OwnKeys, info: OfficeInfo, path: Path, data: bytes) -> _Checked:
    """Every check of the header (§3.5, steps 1–8): PackageDamaged, PackageRefused or AlreadyDone
    on any doubt. The payload is checked as it is read (`_read`)."""
    envelope = fmt.split(data)
    raw = envelope.manifest
    sender_info = raw.get("sender")
    if not isinstance(sender_info, dict) or not isinstance(sender_info.get("code"), str):
        raise fmt.PackageDamaged("数据包缺少发送方信息。", "The package names no sender.")
    code = sender_info["code"]
    sender = session.get(EnrolledOffice, code[:20])
    if sender is None or not sender.signing_public or sender.code != code:
        name = str(sender_info.get("name", ""))[:100]
        fingerprint = str(sender_info.get("fingerprint", "?"))[:48]
        raise _refuse(
            f"数据包来自未登记的机构 {name}（{code[:20]}），指纹 {fingerprint}。未导入。"
            "如属本街道，请当面核对指纹后运行 keys enroll <该社区的公钥文件> 登记，再导入。",
            f"The package comes from an office that is not enrolled: {name} ({code[:20]}), "
            f"fingerprint {fingerprint}. Nothing imported. If it belongs here, compare the "
            "fingerprint in person, run keys enroll <its key file>, then import again.",
        )
    fmt.verify(envelope, Ed25519PublicKey.from_public_bytes(fmt.unb64(sender.signing_public)))
    if raw.get("format") != PACKAGE_FORMAT or raw.get("format_version") != fmt.FORMAT_VERSION:
        raise _refuse(
            f"不支持的数据包格式：{str(raw.get('format'))[:40]} "
            f"{str(raw.get('format_version'))[:20]}",
            f"Unsupported package format: {str(raw.get('format'))[:40]} "
            f"{str(raw.get('format_version'))[:20]}",
        )
    recipient = raw.get("recipient")
    recipient = recipient if isinstance(recipient, dict) else {}
    if recipient.get("fingerprint") != own.fingerprint or recipient.get("code") != info.code:
        other, other_fp = str(recipient.get("code"))[:20], str(recipient.get("fingerprint"))[:48]
        raise _refuse(
            f"此数据包是发给另一机构的（{other}，指纹 {other_fp}），不是本机构（{info.code}，指纹 "
            f"{own.fingerprint}）。未导入。请确认社区信任的是本街道办的公钥。",
            f"This package is for another office ({other}, fingerprint {other_fp}), not this "
            f"one ({info.code}, fingerprint {own.fingerprint}). Nothing imported. Check that the "
            "community trusts this office's key.",
        )
    manifest = _manifest(raw, {e.name for e in travelling_entities()})
    seq = manifest.package_seq
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
    full = manifest.kind == "full"  # holds every record: it may close a gap (doc 3.5)
    if seq > last + 1 and not full:
        raise _refuse(
            f"缺少 {code} 的第 {last + 1} 至 {seq - 1} 号数据包，请先导入它们（社区的 exports "
            "文件夹中留有副本）。未导入。",
            f"Packages {last + 1} to {seq - 1} of {code} are missing; import them first (the "
            "community keeps copies in its exports folder). Nothing imported.",
        )
    if not full and manifest.previous_hash != sender.last_package_hash:
        raise _refuse(
            f"数据包链断开：第 {seq} 号数据包不是接在本机导入的第 {last} 号之后的。未导入。",
            f"Broken chain: package {seq} does not follow package {last} as imported here. "
            "Nothing imported.",
        )
    revision = manifest.schema_revision
    if revision > SCHEMA_HEAD:
        raise _refuse(
            f"数据包来自更新版本的程序（数据结构 {revision}，本机 {SCHEMA_HEAD}），请先升级本程序。",
            f"The package comes from a newer program (schema {revision}, here {SCHEMA_HEAD}); "
            "upgrade this program first.",
        )
    return _Checked(manifest, sender, digest, envelope)


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


def import_package(db: Database, datadir: DataDir, info: OfficeInfo, path: Path) -> ImportResult:
    """Verify and import one package file; see the module's docstring for the order of checks."""
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


# ---------------------------------------------------------------------------------------------
# receipts


def utc_text(when: datetime | None) -> str | None:
    """A UTC time (naive, or aware) as packages and receipts write it: 2026-11-29T06:00:00Z."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"


def receipt(
    info: OfficeInfo, own: OwnKeys, office: EnrolledOffice, packages: Sequence[ExchangePackage]
) -> bytes:
    """The signed receipt (docs/exchange-format.md §4) of `packages`, imported here from
    `office`: written by a street office for a community and by a community for its street
    office alike."""
    body = {
        "format": RECEIPT_FORMAT,
        "format_version": fmt.FORMAT_VERSION,
        "sender": {"code": info.code, "name": info.name, "fingerprint": own.fingerprint},
        "recipient": {"code": office.code, "fingerprint": office.fingerprint},
        "created_at": utc_text(datetime.now(UTC)),
        "packages": [
            {
                "package_seq": p.package_seq,
                "package_hash": p.package_hash,
                "imported_at": utc_text(p.imported_at),
                "records": p.records,
            }
            for p in packages
        ],
    }
    return fmt.sign_document(fmt.RECEIPT_MAGIC, body, own.signing)


def write_receipts(db: Database, datadir: DataDir, info: OfficeInfo, out_dir: Path) -> list[Path]:
    """One signed receipt per office whose packages were imported here, listing them: at a street
    office for each community that has sent packages, at a community for the return packages of
    its street office (the same format, §4, with the roles swapped)."""
    own = load_own_keys(datadir)
    senders = select(EnrolledOffice).where(EnrolledOffice.last_package_seq > 0)
    if not info.is_street_office:
        senders = senders.where(EnrolledOffice.role == "street-office")
    written: list[Path] = []
    with db.reading() as session:
        for office in session.scalars(senders.order_by(EnrolledOffice.code)).all():
            packages = session.scalars(
                select(ExchangePackage)
                .where(
                    ExchangePackage.direction == "in", ExchangePackage.office_code == office.code
                )
                .order_by(ExchangePackage.package_seq)
            ).all()
            data = receipt(info, own, office, packages)
            last = office.last_package_seq
            name = f"receipt-{info.code}-{office.code}-{last:06d}{RECEIPT_SUFFIX}"
            try:
                written.append(write_verified(Path(out_dir) / name, data))
            except OSError as exc:
                raise InvalidInput(
                    f"无法写入回执：{exc}", f"Cannot write the receipt: {exc}"
                ) from exc
    if not written and info.is_street_office:
        raise AlreadyDone(
            "尚未导入任何社区的数据包，没有回执可写。",
            "No community package has been imported yet; there is no receipt to write.",
        )
    if not written:
        raise AlreadyDone(
            "尚未导入街道办的回传包，没有回执可写。",
            "No return package from the street office has been imported yet; there is no "
            "receipt to write.",
        )
    return written


def _receipt_packages(packages: Any) -> set[tuple[int, str]]:
    """(number, hash) of each package a signed receipt lists; PackageRefused if the list is not
    one of {"package_seq": 1…, "package_hash": 64 hex digits, …}."""
    invalid = PackageRefused(
        "回执中的数据包列表无效（每项应有 package_seq 与 64 位十六进制的 package_hash）。",
        "The receipt's list of packages is invalid (each needs a package_seq and a "
        "package_hash of 64 hex digits).",
    )
    if not isinstance(packages, list):
        raise invalid
    listed: set[tuple[int, str]] = set()
    for p in packages:
        seq = p.get("package_seq") if isinstance(p, dict) else None
        digest = p.get("package_hash") if isinstance(p, dict) else None
        if type(seq) is not int or not 1 <= seq <= rules.INT_MAX:
            raise invalid
        if not isinstance(digest, str) or not _HASH.fullmatch(digest):
            raise invalid
        listed.add((seq, digest))
    return listed


@dataclass(frozen=True)
class ReceiptResult:
    street_office: str
    acknowledged: list[int]
    unacknowledged: list[int]


def import_receipt(db: Database, datadir: DataDir, info: OfficeInfo, path: Path) -> ReceiptResult:
    """Mark this community's packages that the street office's receipt lists as received."""
    try:
        with Path(path).open("rb") as fh:  # a receipt is its body and 84 bytes: read no more
            data = fh.read(len(fmt.RECEIPT_MAGIC) + 4 + fmt.MAX_RECEIPT + fmt.SIGNATURE_SIZE + 1)
    except OSError as exc:
        raise InvalidInput(f"无法读取文件：{path}（{exc}）", f"Cannot read {path} ({exc})") from exc
    if len(data) > len(fmt.RECEIPT_MAGIC) + 4 + fmt.MAX_RECEIPT + fmt.SIGNATURE_SIZE:
        raise fmt.PackageDamaged("回执文件过大。", "The receipt file is too large.")
    own = load_own_keys(datadir)
    envelope = fmt.split(data, fmt.RECEIPT_MAGIC)
    body = envelope.header
    if envelope.ciphertext or body.get("format") != RECEIPT_FORMAT:
        raise fmt.PackageDamaged("不是回执文件。", "This is not a receipt file.")
    sender_info = body.get("sender")
    sender_code = sender_info.get("code") if isinstance(sender_info, dict) else None
    if not isinstance(sender_code, str) or not 0 < len(sender_code) <= 20:
        raise fmt.PackageDamaged("回执缺少发送方信息。", "The receipt names no sender.")
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
        if body.get("format_version") != fmt.FORMAT_VERSION:
            raise PackageRefused(
                f"不支持的回执格式版本：{str(body.get('format_version'))[:20]}",
                f"Unsupported receipt format version: {str(body.get('format_version'))[:20]}",
            )
        recipient = body.get("recipient")
        recipient = recipient if isinstance(recipient, dict) else {}
        if recipient.get("code") != info.code or recipient.get("fingerprint") != own.fingerprint:
            other = str(recipient.get("code"))[:20]
            raise PackageRefused(
                f"此回执是给另一机构的（{other}）。未导入。",
                f"This receipt is for another office ({other}). Nothing changed.",
            )
        listed = _receipt_packages(body.get("packages"))
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
