"""Return packages from a street office to its communities, and the packages sent but not yet
acknowledged (docs/exchange-format.md §6).

* `export_return_packages`: at a street office, one package per enrolled community (or the one
  named), in the same format and chain rules as a community's packages, carrying the street
  office's directives addressed to that community or to all that changed since its last return
  package (all of them for the first one, or with `full`). A community imports it with the same
  `app.core.exchange.importing.import_package`: signature of the street office it trusts, recipient, chain,
  replay, whole or nothing.
* The community's receipt of the return packages it imported is written by
  `app.core.exchange.receipts.write_receipts`, the street office's by the same function.
* `pending_packages` / `resend_packages`: packages this office sent that the other office has
  not acknowledged by a receipt, and writing them again from the copies kept in `exports/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.core.exchange.enrolment import load_own_keys
from app.core.exchange.packages import (
    ExportResult,
    last_sent,
    staging,
    write_package,
    write_verified,
)
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.trust.roles import Permission
from app.core.trust.scope import require_in
from app.db.engine import Database
from app.db.models import ChangeCounter
from app.db.models_directives import TO_ALL, Directive
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import AlreadyDone, InvalidInput

RETURN_ENTITIES = (Directive,)  # what a return package carries


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _own_seq(session: Session, origin: str) -> int:
    counter = session.get(ChangeCounter, origin)
    return int(counter.last_seq) if counter else 0


def _collect_for(
    session: Session, origin: str, community: str, since: int, up_to: int
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """The street office's directives for `community` (or for all) with since < seq <= up_to."""
    records: dict[str, list[dict[str, Any]]] = {}
    conn = session.connection()
    for model in RETURN_ENTITIES:
        table = cast(Table, model.__table__)
        columns = [c for c in table.columns if c.key != "id"]
        query = (
            select(*columns)
            .where(
                table.c.origin == origin,
                table.c.seq > since,
                table.c.seq <= up_to,
                table.c.addressee.in_((community, TO_ALL)),
            )
            .order_by(table.c.id)
        )
        rows = [
            {c.key: _json_value(v) for c, v in zip(columns, row, strict=True)}
            for row in conn.execute(query)
        ]
        if rows:
            records[table.name] = rows
    return records, {name: len(rows) for name, rows in records.items()}


def _targets(session: Session, to: str | None) -> list[EnrolledOffice]:
    offices = list(
        session.scalars(
            select(EnrolledOffice)
            .where(EnrolledOffice.role == "community")
            .order_by(EnrolledOffice.code)
        )
    )
    offices = [o for o in offices if o.signing_public and o.encryption_public]
    if to:
        offices = [o for o in offices if o.code == to]
        if not offices:
            raise InvalidInput(
                f"本街道没有登记代码为 {to} 的社区。",
                f"No community with code {to} is enrolled here.",
            )
    elif not offices:
        raise InvalidInput(
            "本街道尚未登记任何社区：请先当面核对指纹，运行 keys enroll <社区公钥文件>。",
            "No community is enrolled here yet: compare the fingerprint in person, then run "
            "keys enroll <community key file>.",
        )
    return offices


def export_return_packages(
    db: Database,
    datadir: DataDir,
    info: OfficeInfo,
    out_dir: Path,
    to: str | None = None,
    full: bool = False,
) -> list[ExportResult]:
    """At a street office: the next return package for each enrolled community (or for `to`).

    A community with nothing new gets no package unless it is named (`to`) or `full` is asked
    for; AlreadyDone when no community has anything new. The packages are recorded and committed
    before they take their names in `out_dir` (app.core.exchange.packages.staging)."""
    require_in(db, Permission.EXCHANGE)
    if not info.is_street_office:
        raise InvalidInput(
            "回传包由街道办写出；社区用 exchange export 写出给街道办的数据包。",
            "Return packages are written by a street office; a community writes its packages "
            "for the street office with exchange export.",
        )
    own = load_own_keys(datadir)
    results: list[ExportResult] = []
    try:
        with staging() as staged, db.session(note="exchange export (return packages)") as session:
            up_to = _own_seq(session, info.code)
            for office in _targets(session, to):
                last = last_sent(session, office.code)
                since = 0 if full or last is None else last.up_to_seq
                records, counts = _collect_for(session, info.code, office.code, since, up_to)
                if not records and not full and not to:
                    continue
                results.append(
                    write_package(
                        session,
                        datadir,
                        info,
                        own,
                        office,
                        last,
                        since,
                        up_to,
                        full,
                        records,
                        counts,
                        out_dir,
                        staged,
                    )
                )
    except OSError as exc:
        raise InvalidInput(
            f"无法写入回传包：{exc}", f"Cannot write the return package: {exc}"
        ) from exc
    if not results:
        raise AlreadyDone(
            "没有新的或改动过的事项要发给任何社区，未写出回传包。",
            "No directive is new or changed for any community; no return package written.",
        )
    return results


# ---------------------------------------------------------------------------------------------
# packages sent and not yet acknowledged


@dataclass(frozen=True)
class PendingPackage:
    office_code: str
    office_name: str
    package_seq: int
    kind: str
    records: int
    created_at: datetime
    file_name: str
    kept: bool  # a copy is in the data folder's exports/

    def as_json(self) -> dict[str, Any]:
        return {
            "office": self.office_code,
            "office_name": self.office_name,
            "package_seq": self.package_seq,
            "kind": self.kind,
            "records": self.records,
            "created_at": self.created_at.isoformat(),
            "file": self.file_name,
            "kept": self.kept,
        }


def pending_packages(
    session: Session, datadir: DataDir, to: str | None = None
) -> list[PendingPackage]:
    """Packages this office wrote that no receipt has acknowledged yet, oldest first."""
    query = (
        select(ExchangePackage, EnrolledOffice.name)
        .join(EnrolledOffice, EnrolledOffice.code == ExchangePackage.office_code)
        .where(ExchangePackage.direction == "out", ExchangePackage.acknowledged_at.is_(None))
        .order_by(ExchangePackage.office_code, ExchangePackage.package_seq)
    )
    if to:
        query = query.where(ExchangePackage.office_code == to)
    return [
        PendingPackage(
            p.office_code,
            name,
            p.package_seq,
            p.kind,
            p.records,
            p.created_at,
            p.file_name,
            (datadir.exports / p.file_name).is_file(),
        )
        for p, name in session.execute(query).tuples()
    ]


def resend_packages(
    db: Database, datadir: DataDir, out_dir: Path, to: str | None = None
) -> list[Path]:
    """Write the packages not yet acknowledged again, from the copies in `exports/`, unchanged
    (the same bytes: the receiver imports them in order, or reports those it already has)."""
    require_in(db, Permission.EXCHANGE)
    with db.reading() as session:
        pending = pending_packages(session, datadir, to)
    if not pending:
        raise AlreadyDone(
            "所有已写出的数据包都已确认收到，无需重新写出。",
            "Every package written has been acknowledged; there is nothing to write again.",
        )
    missing = [p.file_name for p in pending if not p.kept]
    if missing:
        raise InvalidInput(
            f"数据文件夹的 exports 中缺少这些数据包的副本：{', '.join(missing)}。"
            "请用 exchange export --full 写出全量包。",
            f"The copies of these packages are missing from the exports folder: "
            f"{', '.join(missing)}. Write a full package with exchange export --full.",
        )
    written = []
    try:
        for p in pending:
            data = (datadir.exports / p.file_name).read_bytes()
            written.append(write_verified(Path(out_dir) / p.file_name, data))
    except OSError as exc:
        raise InvalidInput(f"无法写入数据包：{exc}", f"Cannot write the package: {exc}") from exc
    return written
