"""Receipts: the street office signs the list of packages it imported from a community
(`write_receipts`); the community marks those packages received (`import_receipt`), and the other
way round for return packages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import (
    select,
)

from app.core.exchange import package_file as fmt
from app.core.exchange import rules
from app.core.exchange.enrolment import OwnKeys, load_own_keys
from app.core.exchange.packages import _HASH, PackageRefused, utc_text, write_verified
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.db.base import utcnow
from app.db.engine import Database
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.errors import AlreadyDone, InvalidInput

RECEIPT_SUFFIX = ".gdrct"
RECEIPT_FORMAT = "griddesk-receipt"


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
        version = body.get("format_version")
        if isinstance(version, int) and version > fmt.FORMAT_VERSION:
            raise PackageRefused(
                f"回执格式版本 {version} 来自更新版本的程序，请升级本程序。",
                f"The receipt's format version {version} comes from a newer program: upgrade "
                "this program.",
            )
        if version != fmt.FORMAT_VERSION:
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
