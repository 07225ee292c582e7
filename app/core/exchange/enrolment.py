"""Enrolment: an office's public key file, and trusting another office's file.

The enrolment file is JSON (docs/exchange-format.md, "Enrolment file"): office code, name, role,
both raw public keys in base64 and their fingerprint, signed with the office's own Ed25519 key so a
file whose keys or name were changed on the way is refused. Trust comes from the people: both
screens show the fingerprint, and staff compare it in person before enrolling.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.exchange.package_file import (
    MAX_DEPTH,
    b64,
    bounded_json,
    canonical_json,
    fingerprint,
    raw_public,
    unb64,
)
from app.core.office import keys
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.db.models_exchange import EnrolledOffice
from app.errors import AlreadyDone, InvalidInput

ENROLMENT_FORMAT = "griddesk-enrolment"
ENROLMENT_VERSION = 1
MAX_ENROLMENT = 64 * 1024  # an enrolment file is about 600 bytes


@dataclass(frozen=True)
class OwnKeys:
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def signing_public(self) -> bytes:
        return raw_public(self.signing.public_key())

    @property
    def encryption_public(self) -> bytes:
        return raw_public(self.encryption.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public, self.encryption_public)


def load_own_keys(datadir: DataDir) -> OwnKeys:
    # encrypted under the database key once the office's database is (app.core.office.keys)
    signing, encryption = keys.own_private_keys(datadir.keys)
    return OwnKeys(signing, encryption)


@dataclass(frozen=True)
class Enrolment:
    code: str
    name: str
    role: str
    signing_public: bytes
    encryption_public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public, self.encryption_public)


def _body(info: OfficeInfo, own: OwnKeys) -> dict[str, Any]:
    return {
        "format": ENROLMENT_FORMAT,
        "version": ENROLMENT_VERSION,
        "code": info.code,
        "name": info.name,
        "role": info.role,
        "signing_public": b64(own.signing_public),
        "encryption_public": b64(own.encryption_public),
        "fingerprint": own.fingerprint,
    }


def export_public(datadir: DataDir, info: OfficeInfo, out: Path) -> tuple[Path, str]:
    """Write this office's enrolment file; returns its path and the fingerprint to compare."""
    own = load_own_keys(datadir)
    body = _body(info, own)
    body["self_signature"] = b64(own.signing.sign(canonical_json(body)))
    data = json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"

    def produce(fh: BinaryIO) -> None:
        fh.write(data)

    write_atomically(Path(out), produce)
    return Path(out), own.fingerprint


def _bad_file(path: Path, why: str, why_en: str) -> InvalidInput:
    return InvalidInput(
        f"不是有效的机构公钥文件（{why}）：{path}",
        f"Not a valid office public key file ({why_en}): {path}",
    )


def read_enrolment(path: Path) -> Enrolment:
    """Read and check an enrolment file (format, key sizes, fingerprint, self-signature). It is
    read before anything vouches for it: at most MAX_ENROLMENT bytes, nested MAX_DEPTH deep."""
    try:
        with Path(path).open("rb") as fh:
            raw = fh.read(MAX_ENROLMENT + 1)
    except OSError as exc:
        raise InvalidInput(f"无法读取文件：{path}（{exc}）", f"Cannot read {path} ({exc})") from exc
    try:
        body = bounded_json(raw, MAX_ENROLMENT, MAX_DEPTH)
    except ValueError as exc:
        raise _bad_file(path, "不是JSON或过大", "not JSON, or too large") from exc
    if not isinstance(body, dict) or body.get("format") != ENROLMENT_FORMAT:
        raise _bad_file(path, "格式不符", "wrong format")
    if body.get("version") != ENROLMENT_VERSION:
        raise _bad_file(path, f"版本 {body.get('version')}", f"version {body.get('version')}")
    try:
        signature = unb64(str(body.pop("self_signature")))
        signing = unb64(str(body["signing_public"]))
        encryption = unb64(str(body["encryption_public"]))
        verifier = Ed25519PublicKey.from_public_bytes(signing)
        X25519PublicKey.from_public_bytes(encryption)
        code, name, role = str(body["code"]), str(body["name"]), str(body["role"])
    except (KeyError, ValueError) as exc:
        raise _bad_file(path, "缺少或错误的字段", "missing or bad fields") from exc
    if role not in ("community", "street-office"):
        raise _bad_file(path, f"角色 {role}", f"role {role}")
    enrolment = Enrolment(code, name, role, signing, encryption)
    if body.get("fingerprint") != enrolment.fingerprint:
        raise _bad_file(path, "指纹与密钥不符", "the fingerprint does not match the keys")
    try:
        verifier.verify(signature, canonical_json(body))
    except InvalidSignature as exc:
        raise _bad_file(path, "签名无效，文件可能被改动", "bad signature; it was changed") from exc
    return enrolment


def same_fingerprint(typed: str, fingerprint: str) -> bool:
    """Whether `typed` is `fingerprint` as a person may type it back: spaces optional, upper or
    lower case."""

    def plain(text: str) -> str:
        return "".join(text.split()).upper()

    return bool(typed.strip()) and plain(typed) == plain(fingerprint)


def check_roles(info: OfficeInfo, enrolment: Enrolment) -> None:
    """A community trusts a street office, a street office enrols a community; a street office
    enrols only communities under it: a community's code starts with its street office's code
    (civil-affairs codes: 9 digits of the street office, then 3 of the community)."""
    wanted = "community" if info.is_street_office else "street-office"
    if enrolment.role != wanted:
        raise InvalidInput(
            f"{'街道办只能登记社区' if info.is_street_office else '社区只能信任街道办'}的公钥，"
            f"而此文件属于 {enrolment.role} {enrolment.code}。",
            f"A {info.role} enrols the key of a {wanted}; this file belongs to "
            f"{enrolment.role} {enrolment.code}.",
        )
    if enrolment.code == info.code:
        raise InvalidInput("这是本机构自己的公钥文件。", "This is this office's own key file.")
    if info.is_street_office and not enrolment.code.startswith(info.code):
        raise InvalidInput(
            f"不能登记{enrolment.name}（{enrolment.code}）：社区代码不以本街道办的代码 {info.code} "
            "开头，它不属于本街道办（社区代码的前9位是所属街道办的代码）。请核对公钥文件是否拿错，"
            "或该社区设置的代码是否有误。",
            f"Cannot enrol {enrolment.name} ({enrolment.code}): its code does not start with this "
            f"street office's code {info.code}, so it is not a community of this street office (a "
            "community code's first 9 digits are its street office's). Check that this is the "
            "right key file, or whether the community set up the wrong code.",
        )


def not_under(info: OfficeInfo, enrolment: Enrolment) -> tuple[str, str] | None:
    """At a community: a warning when the street office whose key it trusts is not the one its
    code belongs under (its packages will be refused there); None when it is."""
    if info.is_street_office or enrolment.role != "street-office":
        return None
    if info.code.startswith(enrolment.code):
        return None
    return (
        f"注意：本社区代码 {info.code} 不以街道办{enrolment.name}的代码 {enrolment.code} 开头，"
        "本社区不属于该街道办，它不会登记本社区，也不会接收本社区的数据包。",
        f"Note: this community's code {info.code} does not start with the code {enrolment.code} "
        f"of {enrolment.name}: this community is not under that street office, which will not "
        "enrol it nor accept its packages.",
    )


def check_enrollable(
    session: Session, info: OfficeInfo, enrolment: Enrolment
) -> EnrolledOffice | None:
    """What is refused before staff are asked to compare the fingerprint: the wrong role or
    street office (`check_roles`), and exactly these keys enrolled already (AlreadyDone). The
    office enrolled under this code, if any."""
    check_roles(info, enrolment)
    existing = session.get(EnrolledOffice, enrolment.code)
    if existing is not None and existing.fingerprint == enrolment.fingerprint:
        raise AlreadyDone(
            f"{enrolment.name}（{enrolment.code}）已登记，指纹 {enrolment.fingerprint}",
            f"{enrolment.name} ({enrolment.code}) is already enrolled; "
            f"fingerprint {enrolment.fingerprint}",
        )
    return existing


def enroll(session: Session, info: OfficeInfo, enrolment: Enrolment, replace: bool = False) -> str:
    """Trust `enrolment`: a community trusts its street office, a street office enrols a community
    of its own (`check_roles`).

    Returns "added" or "replaced"; AlreadyDone if exactly these keys are enrolled already.
    """
    existing = check_enrollable(session, info, enrolment)
    if not info.is_street_office:
        others = [o for o in session.query(EnrolledOffice).all() if o.code != enrolment.code]
        if others and not replace:
            raise InvalidInput(
                f"本社区已信任街道办 {others[0].name}（{others[0].code}）。"
                "如确需改为另一街道办，请加 --replace。",
                f"This community already trusts street office {others[0].name} "
                f"({others[0].code}); add --replace to trust another one instead.",
            )
    if existing is not None and not replace:
        raise InvalidInput(
            f"{enrolment.code} 已用另一把密钥登记（指纹 {existing.fingerprint}）。"
            "当面核对新指纹后，加 --replace 重新登记。",
            f"{enrolment.code} is enrolled with another key (fingerprint {existing.fingerprint}). "
            "Compare the new fingerprint in person, then enrol again with --replace.",
        )
    if existing is None:
        if not info.is_street_office:
            for old in session.query(EnrolledOffice).all():
                old.signing_public = old.encryption_public = ""
                old.fingerprint = "revoked"
        session.add(
            EnrolledOffice(
                code=enrolment.code,
                name=enrolment.name,
                role=enrolment.role,
                signing_public=b64(enrolment.signing_public),
                encryption_public=b64(enrolment.encryption_public),
                fingerprint=enrolment.fingerprint,
                last_package_seq=0,
            )
        )
        return "added"
    existing.name = enrolment.name
    existing.signing_public = b64(enrolment.signing_public)
    existing.encryption_public = b64(enrolment.encryption_public)
    existing.fingerprint = enrolment.fingerprint
    return "replaced"
