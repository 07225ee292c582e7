"""A package's header checked before anything vouches for it (docs/exchange-format.md §3.5,
steps 1–8): layout, enrolled sender, signature, format, recipient, manifest, and the package's
place in the sender's chain. Any doubt raises PackageDamaged, PackageRefused or AlreadyDone, and
nothing is written; the payload is checked as it is read (`importing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import (
    select,
)
from sqlalchemy.orm import Session

from app.core.exchange import package_file as fmt
from app.core.exchange import rules
from app.core.exchange.enrolment import OwnKeys
from app.core.exchange.packages import _HASH, PACKAGE_FORMAT, PackageRefused, travelling_entities
from app.core.office.peek import OfficeInfo
from app.core.trust import audit
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.db.revision import SCHEMA_HEAD
from app.errors import AlreadyDone

_REVISION = re.compile(r"\d{4}")


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
    audit_head: dict[str, Any] | None = None  # the sender's signed audit head (checked)


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


def _with_audit_head(manifest: Manifest, raw: dict[str, Any], sender: EnrolledOffice) -> Manifest:
    """The manifest's `audit_head`, if any (packages of earlier versions have none): well formed,
    the sender's, and signed with the sender's key, or the package is refused."""
    head = raw.get("audit_head")
    if head is None:
        return manifest
    if (
        not audit.head_well_formed(head)
        or head["office"] != sender.code
        or not audit.head_signature_valid(head, fmt.unb64(sender.signing_public))
    ):
        raise _refuse(
            f"数据包中 {sender.code} 的审计记录签名头无效（签名不符或内容被改动）。未导入。",
            f"The package's signed audit head of {sender.code} is not valid (bad signature or "
            "altered). Nothing imported.",
        )
    return replace(manifest, audit_head=dict(head))


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
    manifest = _with_audit_head(manifest, raw, sender)
    revision = manifest.schema_revision
    if revision > SCHEMA_HEAD:
        raise _refuse(
            f"数据包来自更新版本的程序（数据结构 {revision}，本机 {SCHEMA_HEAD}），请升级本程序。",
            f"The package comes from a newer program (schema {revision}, here {SCHEMA_HEAD}): "
            "upgrade this program.",
        )
    return _Checked(manifest, sender, digest, envelope)
