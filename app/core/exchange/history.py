"""What the 数据交换 page shows and does around app.core.exchange.packages: this office's fingerprint and the
offices it trusts, the packages it sent (and whether the other office acknowledged them), and
importing several packages at once with one outcome each (`exchange import FILE...` on the command
line too). Writing unacknowledged packages again is app.core.exchange.returns.resend_packages.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.exchange import package_file as fmt
from app.core.exchange.importing import ImportResult, import_package
from app.core.exchange.packages import PACKAGE_SUFFIX, PackageRefused
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.db.engine import Database
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import GridDeskError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Trusted:
    code: str
    name: str
    role: str
    fingerprint: str
    enrolled_at: datetime | None
    last_package: int
    last_imported_at: datetime | None


def trusted_offices(session: Session) -> list[Trusted]:
    """The offices enrolled here with a live key (a replaced street office's old key is gone)."""
    return [
        Trusted(
            o.code,
            o.name,
            o.role,
            o.fingerprint,
            o.enrolled_at,
            o.last_package_seq,
            o.last_imported_at,
        )
        for o in session.scalars(select(EnrolledOffice).order_by(EnrolledOffice.code))
        if o.signing_public
    ]


@dataclass(frozen=True)
class SentPackage:
    package_seq: int
    office_code: str
    kind: str
    records: int
    counts: dict[str, int]
    created_at: datetime
    acknowledged_at: datetime | None
    file_name: str


def sent_packages(session: Session) -> list[SentPackage]:
    """The packages this office wrote, newest first."""
    rows = session.scalars(
        select(ExchangePackage)
        .where(ExchangePackage.direction == "out")
        .order_by(ExchangePackage.package_seq.desc(), ExchangePackage.office_code)
    )
    out = []
    for p in rows:
        try:
            counts = {str(k): int(v) for k, v in json.loads(p.counts or "{}").items()}
        except (ValueError, AttributeError):
            counts = {}
        out.append(
            SentPackage(
                p.package_seq,
                p.office_code,
                p.kind,
                p.records,
                counts,
                p.created_at,
                p.acknowledged_at,
                p.file_name,
            )
        )
    return out


# --- several packages at once ------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    path: Path
    state: str  # imported / already / refused
    message_zh: str
    message_en: str
    sender: str = ""
    sender_name: str = ""
    unknown_sender: bool = False  # refused because the sender is not enrolled: offer to enrol
    result: ImportResult | None = None  # what an imported package brought

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh

    @property
    def exit_code(self) -> int:
        """As the command line reports it: 0 imported, 3 already imported, 1 refused."""
        return {"imported": 0, "already": 3}.get(self.state, 1)


def _sender(path: Path) -> tuple[str, str, int]:
    """The sender's code and name and the package number, from the manifest (unverified: for
    ordering and naming only; `fmt.split` bounds what it parses)."""
    with path.open("rb") as fh:
        manifest = fmt.peek_manifest(fh.read(fmt.HEAD))
    sender = manifest.get("sender")
    sender = sender if isinstance(sender, dict) else {}
    seq = manifest.get("package_seq")
    return (
        str(sender.get("code", ""))[:20],
        str(sender.get("name", ""))[:100],
        seq if type(seq) is int else 0,
    )


def package_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, a folder standing for the packages (*.gdpkg) in it, in name order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix == PACKAGE_SUFFIX))
        else:
            files.append(path)
    return files


def order_packages(paths: Sequence[Path]) -> list[Path]:
    """Packages of one sender in their chain order, however they were named or chosen."""

    def key(item: tuple[int, Path]) -> tuple[int, str, int, int]:
        index, path = item
        try:
            code, _name, seq = _sender(path)
            return (0, code, seq, index)
        except (OSError, GridDeskError):
            return (1, "", 0, index)

    return [p for _i, p in sorted(enumerate(paths), key=key)]


def import_packages(
    db: Database,
    datadir: DataDir,
    info: OfficeInfo,
    paths: Sequence[Path],
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Outcome]:
    """Import each file in chain order; one outcome per file, whatever happened to the others: a
    file that is refused, and even one that meets a bug (logged with its traceback, reported as
    an internal error), does not keep the next from being imported."""
    ordered = order_packages(package_files(paths))
    outcomes: list[Outcome] = []
    for i, path in enumerate(ordered):
        if progress is not None:
            progress(i, len(ordered), path.name)
        try:
            result = import_package(db, datadir, info, path)
        except GridDeskError as exc:
            outcomes.append(_refused(db, path, exc))
            continue
        except Exception:
            log.exception("bug while importing %s", path.name)
            outcomes.append(
                Outcome(
                    path,
                    "refused",
                    "内部错误，未导入；详情已记录到日志。",
                    "Internal error; nothing imported. The details are in the log.",
                )
            )
            continue
        outcomes.append(
            Outcome(
                path,
                "imported",
                f"第 {result.package_seq} 号：新增 {result.inserted:,}，更新 {result.updated:,}，"
                f"未变 {result.unchanged:,}",
                f"package {result.package_seq}: {result.inserted:,} added, "
                f"{result.updated:,} updated, {result.unchanged:,} unchanged",
                result.sender,
                result.sender_name,
                result=result,
            )
        )
    if progress is not None:
        progress(len(ordered), len(ordered), "")
    return outcomes


def _refused(db: Database, path: Path, exc: GridDeskError) -> Outcome:
    state = "already" if exc.exit_code == 3 else "refused"
    try:
        code, name, _seq = _sender(path)
    except (OSError, GridDeskError):
        code = name = ""
    unknown = False
    if isinstance(exc, PackageRefused) and code:
        with db.reading() as session:
            known = session.get(EnrolledOffice, code)
            unknown = known is None or not known.signing_public
    return Outcome(path, state, exc.message("zh"), exc.message("en"), code, name, unknown)
