"""Packages between a community and its street office (docs/exchange-format.md): what travels,
and a package written.

* `travelling_entities`: the travelling tables, in an order where every referenced table comes
  first; `PackageRefused`: what a package that may not be imported raises.
* `export_package`: every travelling record this office owns that changed since its last package
  (or all of them), sealed for the enrolled street office, written to the stick and to the data
  folder's `exports/` under temporary names, fsynced, read back and checked, recorded as sent, and
  given their names only once that record has committed (`staging`): a stick never holds a package
  its sender does not remember.

A package is read by `importing` (its header checked first by `header`); receipts are `receipts`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import (
    Column,
    Integer,
    String,
    Table,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from app.core.common import files as atomic_files
from app.core.exchange import package_file as fmt
from app.core.exchange.enrolment import OwnKeys, load_own_keys
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.supplies.needs import refresh_needs
from app.core.trust import audit
from app.core.trust.roles import Permission
from app.core.trust.scope import require_in
from app.db import schema, search_index  # noqa: F401  (schema: every model mapped)
from app.db.base import WITHHELD, Base, Travelling
from app.db.bulk import per_distinct
from app.db.engine import Database
from app.db.models import ChangeCounter
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.db.revision import SCHEMA_HEAD
from app.errors import GridDeskError, InvalidInput

PACKAGE_SUFFIX = ".gdpkg"
PACKAGE_FORMAT = "griddesk-package"


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
            if WITHHELD in column.info:  # stays here: sent as the value the model gives
                selected.append(literal(column.info[WITHHELD], column.type).label(column.key))
                convert.append(None)
            elif column.key in entity.refs:
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
    require_in(db, Permission.EXCHANGE)
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
    total = sum(counts.values())
    audit.record(
        session,
        audit.PACKAGE_EXPORT,
        f"数据包第 {package_seq} 号（{kind}）写给 {office.code}，{total} 条记录",
        entity="exchange_package",
        record=f"{office.code}:{package_seq}",
    )
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
        # this office's audit trail as it stands, this package's own row included (§3.2)
        "audit_head": audit.sign_head(audit.head(session), own.signing),
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
# shared with the import and the receipts

_HASH = re.compile(r"[0-9a-f]{64}")  # a package's SHA-256, as a manifest or a receipt writes it


def utc_text(when: datetime | None) -> str | None:
    """A UTC time (naive, or aware) as packages and receipts write it: 2026-11-29T06:00:00Z."""
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).isoformat() + "Z"
