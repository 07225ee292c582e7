"""The package file of docs/exchange-format.md: layout, encryption and signature.

Nothing here touches the database. `seal` turns a manifest and a payload into the bytes of a package;
`open_package` checks and reads them back. Every primitive comes from `cryptography`:

* the payload is compressed (zlib) and encrypted to the recipient's X25519 key: an ephemeral X25519
  key pair, HKDF-SHA256 over the shared secret, then ChaCha20-Poly1305 in chunks of 64 KiB whose
  nonce holds the chunk counter and a last-chunk flag (as age does), so a reordered, dropped or cut
  chunk fails to decrypt;
* the whole file, header and ciphertext, is signed with the sender's Ed25519 key; the 64-byte
  signature is the file's tail, so a truncated file never verifies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import GridDeskError

FORMAT_VERSION = 1
MAGIC = b"GRIDDESK-PKG\x00\x00\x00\x01"  # 16 bytes; the last byte is FORMAT_VERSION
RECEIPT_MAGIC = b"GRIDDESK-RCT\x00\x00\x00\x01"
SCHEME = "x25519-hkdf-sha256-chacha20poly1305-stream"
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
SIGNATURE_SIZE = 64
HKDF_INFO = b"griddesk-package-v1"
MAX_HEADER = 1024 * 1024
_HEADER_LEN = struct.Struct(">I")


class PackageDamaged(GridDeskError):
    """The file is not a whole, unaltered package (cut short, changed, or not a package at all)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """The fingerprint people compare at enrolment: SHA-256 of both raw public keys, 32 hex digits
    in groups of four (the same as `app.core.keys.public_fingerprint`)."""
    digest = hashlib.sha256(signing_public + encryption_public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _stream_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=HKDF_INFO,
    ).derive(shared)


def encrypt_stream(plaintext: bytes, recipient: X25519PublicKey) -> tuple[bytes, bytes]:
    """(ephemeral public key, ciphertext) of `plaintext` for `recipient`."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = raw_public(ephemeral.public_key())
    key = _stream_key(ephemeral.exchange(recipient), ephemeral_public, raw_public(recipient))
    aead = ChaCha20Poly1305(key)
    chunks = [plaintext[i : i + CHUNK_SIZE] for i in range(0, len(plaintext), CHUNK_SIZE)] or [b""]
    out = bytearray()
    for i, chunk in enumerate(chunks):
        out += aead.encrypt(_nonce(i, i == len(chunks) - 1), chunk, None)
    return ephemeral_public, bytes(out)


def decrypt_stream(ciphertext: bytes, ephemeral_public: bytes, own: X25519PrivateKey) -> bytes:
    """The plaintext; PackageDamaged if any chunk is altered, missing, reordered or cut."""
    try:
        peer = X25519PublicKey.from_public_bytes(ephemeral_public)
        key = _stream_key(own.exchange(peer), ephemeral_public, raw_public(own.public_key()))
    except ValueError as exc:
        raise _damaged("ephemeral key") from exc
    aead = ChaCha20Poly1305(key)
    step = CHUNK_SIZE + TAG_SIZE
    pieces = [ciphertext[i : i + step] for i in range(0, len(ciphertext), step)]
    if not pieces:
        raise _damaged("no ciphertext")
    out = bytearray()
    for i, piece in enumerate(pieces):
        try:
            out += aead.decrypt(_nonce(i, i == len(pieces) - 1), piece, None)
        except InvalidTag as exc:
            raise _damaged(f"chunk {i}") from exc
    return bytes(out)


def _damaged(what: str) -> PackageDamaged:
    return PackageDamaged(
        f"数据包已损坏或不完整（{what}），未导入任何内容。请重新从社区拷贝该文件。",
        f"The package is damaged or incomplete ({what}); nothing was imported. "
        "Copy the file again from the sending office.",
    )


@dataclass(frozen=True)
class Envelope:
    """A package file split into its parts; `signed` is every byte the signature covers."""

    header: dict[str, Any]
    ciphertext: bytes
    signed: bytes
    signature: bytes

    @property
    def manifest(self) -> dict[str, Any]:
        manifest = self.header.get("manifest")
        if not isinstance(manifest, dict):
            raise _damaged("manifest")
        return manifest


def seal(
    manifest: dict[str, Any],
    payload: dict[str, Any],
    recipient: X25519PublicKey,
    signer: Ed25519PrivateKey,
) -> bytes:
    """The bytes of a package file (docs/exchange-format.md, "Layout")."""
    plaintext = zlib.compress(canonical_json(payload), 6)
    ephemeral_public, ciphertext = encrypt_stream(plaintext, recipient)
    header = {
        "manifest": manifest,
        "encryption": {
            "scheme": SCHEME,
            "ephemeral_public": b64(ephemeral_public),
            "chunk_size": CHUNK_SIZE,
            "compression": "zlib",
            "ciphertext_length": len(ciphertext),
            "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
        },
    }
    header_bytes = canonical_json(header)
    signed = MAGIC + _HEADER_LEN.pack(len(header_bytes)) + header_bytes + ciphertext
    return signed + signer.sign(signed)


def split(data: bytes, magic: bytes = MAGIC) -> Envelope:
    """Parse the layout (no key needed); PackageDamaged if it is not a whole package file."""
    if len(data) < len(magic) + _HEADER_LEN.size + SIGNATURE_SIZE:
        raise _damaged("too short")
    if data[: len(magic)] != magic:
        if data[: len(magic) - 1] == magic[:-1]:
            raise PackageDamaged(
                f"数据包格式版本 {data[len(magic) - 1]} 不受支持（本程序读版本 {FORMAT_VERSION}）。",
                f"Package format version {data[len(magic) - 1]} is not supported "
                f"(this program reads version {FORMAT_VERSION}).",
            )
        raise _damaged("not a GridDesk file")
    start = len(magic) + _HEADER_LEN.size
    (length,) = _HEADER_LEN.unpack_from(data, len(magic))
    if length > MAX_HEADER or start + length + SIGNATURE_SIZE > len(data):
        raise _damaged("header length")
    try:
        header = json.loads(data[start : start + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _damaged("header") from exc
    if not isinstance(header, dict):
        raise _damaged("header")
    signed = data[:-SIGNATURE_SIZE]
    return Envelope(
        header=header,
        ciphertext=signed[start + length :],
        signed=signed,
        signature=data[-SIGNATURE_SIZE:],
    )


def verify(envelope: Envelope, sender: Ed25519PublicKey) -> None:
    try:
        sender.verify(envelope.signature, envelope.signed)
    except InvalidSignature as exc:
        raise _damaged("signature") from exc


def open_payload(envelope: Envelope, own: X25519PrivateKey) -> dict[str, Any]:
    """Decrypt and decode the payload of a verified envelope."""
    enc = envelope.header.get("encryption")
    if not isinstance(enc, dict) or enc.get("scheme") != SCHEME:
        raise _damaged("encryption scheme")
    if enc.get("chunk_size") != CHUNK_SIZE or enc.get("compression") != "zlib":
        raise _damaged("encryption parameters")
    if enc.get("ciphertext_length") != len(envelope.ciphertext):
        raise _damaged("ciphertext length")
    try:
        ephemeral = unb64(str(enc.get("ephemeral_public")))
    except ValueError as exc:
        raise _damaged("ephemeral key") from exc
    plaintext = decrypt_stream(envelope.ciphertext, ephemeral, own)
    try:
        payload = json.loads(zlib.decompress(plaintext).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise _damaged("payload") from exc
    if not isinstance(payload, dict):
        raise _damaged("payload")
    return payload


def sign_document(magic: bytes, body: dict[str, Any], signer: Ed25519PrivateKey) -> bytes:
    """A small signed, unencrypted file (receipts): magic, header length, JSON, signature."""
    body_bytes = canonical_json(body)
    signed = magic + _HEADER_LEN.pack(len(body_bytes)) + body_bytes
    return signed + signer.sign(signed)


def package_hash(data: bytes) -> str:
    """The hash that names a package and chains the next one to it: SHA-256 of the whole file."""
    return hashlib.sha256(data).hexdigest()
