"""A reader and writer of GridDesk's exchange files built from docs/exchange-format.md alone, as
another program would be: json, zlib, struct, hashlib and the primitives of `cryptography`; nothing
of the `app` package. The tests use it to show that the document suffices (both directions), and to
make packages that the program's own writer would never make.

Section numbers refer to the document.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PACKAGE_MAGIC = b"GRIDDESK-PKG\x00\x00\x00\x01"  # §3.1
RECEIPT_MAGIC = b"GRIDDESK-RCT\x00\x00\x00\x01"  # §4
CHUNK = 65536  # §3.4
SCHEME = "x25519-hkdf-sha256-chacha20poly1305-stream"


def canonical(value: Any) -> bytes:
    """The document's canonical JSON (its introduction)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def raw(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(signing_public: bytes, encryption_public: bytes) -> str:
    """§1: the first 32 hex digits (upper case) of SHA-256 of both raw keys, in groups of four."""
    digest = hashlib.sha256(signing_public + encryption_public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class Keys:
    """An office's key pairs as §1 says its data folder keeps them."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @classmethod
    def of(cls, data_folder: Path) -> Keys:
        """keys/signing.key and keys/encryption.key: PEM, PKCS#8, not encrypted (§1)."""
        signing = serialization.load_pem_private_key(
            (data_folder / "keys" / "signing.key").read_bytes(), None
        )
        encryption = serialization.load_pem_private_key(
            (data_folder / "keys" / "encryption.key").read_bytes(), None
        )
        assert isinstance(signing, Ed25519PrivateKey)
        assert isinstance(encryption, X25519PrivateKey)
        return cls(signing, encryption)

    @property
    def fingerprint(self) -> str:
        return fingerprint(raw(self.signing.public_key()), raw(self.encryption.public_key()))


def read_enrolment(path: Path) -> dict[str, Any]:
    """§2: checks the self-signature and the fingerprint; the body without `self_signature`,
    with the raw keys added under `_signing` and `_encryption`."""
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["format"] == "griddesk-enrolment" and body["version"] == 1
    signature = base64.b64decode(body.pop("self_signature"), validate=True)
    signing = base64.b64decode(body["signing_public"], validate=True)
    encryption = base64.b64decode(body["encryption_public"], validate=True)
    Ed25519PublicKey.from_public_bytes(signing).verify(signature, canonical(body))
    assert body["fingerprint"] == fingerprint(signing, encryption)
    return {**body, "_signing": signing, "_encryption": encryption}


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    """§3.4, step 2."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=b"griddesk-package-v1",
    ).derive(shared)


def _nonce(i: int, last: bool) -> bytes:
    return i.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def write_package(
    sender: Keys,
    recipient_encryption: bytes,
    manifest: dict[str, Any],
    records: dict[str, list[dict[str, Any]]],
    *,
    payload: bytes | None = None,
    payload_length: int | None = None,
) -> bytes:
    """§3: a package file. `payload` replaces the zlib-compressed canonical JSON (to make one the
    program must refuse); `payload_length` is declared if given, or when `payload` is not."""
    text = canonical({"records": records})
    plaintext = zlib.compress(text) if payload is None else payload
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = raw(ephemeral.public_key())
    recipient = X25519PublicKey.from_public_bytes(recipient_encryption)
    aead = ChaCha20Poly1305(
        _key(ephemeral.exchange(recipient), ephemeral_raw, recipient_encryption)
    )
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    ciphertext = b"".join(
        aead.encrypt(_nonce(i, i == len(chunks) - 1), chunk, None) for i, chunk in enumerate(chunks)
    )
    encryption = {
        "scheme": SCHEME,
        "ephemeral_public": base64.b64encode(ephemeral_raw).decode(),
        "chunk_size": CHUNK,
        "compression": "zlib",
        "ciphertext_length": len(ciphertext),
        "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
    }
    if payload_length is not None or payload is None:
        encryption["payload_length"] = len(text) if payload_length is None else payload_length
    header = canonical({"manifest": manifest, "encryption": encryption})
    signed = PACKAGE_MAGIC + struct.pack(">I", len(header)) + header + ciphertext
    return signed + sender.signing.sign(signed)


def read_package(
    data: bytes, sender_signing: bytes, own: Keys
) -> tuple[dict[str, Any], dict[str, Any]]:
    """§3.1–3.4 and the order of §3.5: layout, signature, then decryption; (manifest, payload)."""
    assert data[:16] == PACKAGE_MAGIC
    (length,) = struct.unpack(">I", data[16:20])
    header = json.loads(data[20 : 20 + length])
    Ed25519PublicKey.from_public_bytes(sender_signing).verify(data[-64:], data[:-64])
    enc = header["encryption"]
    ciphertext = data[20 + length : -64]
    assert enc["ciphertext_length"] == len(ciphertext)
    ephemeral = base64.b64decode(enc["ephemeral_public"], validate=True)
    own_raw = raw(own.encryption.public_key())
    shared = own.encryption.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    aead = ChaCha20Poly1305(_key(shared, ephemeral, own_raw))
    step = CHUNK + 16
    pieces = [ciphertext[i : i + step] for i in range(0, len(ciphertext), step)]
    plaintext = b"".join(
        aead.decrypt(_nonce(i, i == len(pieces) - 1), piece, None) for i, piece in enumerate(pieces)
    )
    text = zlib.decompress(plaintext)
    if "payload_length" in enc:
        assert enc["payload_length"] == len(text)
    return header["manifest"], json.loads(text)


def package_hash(data: bytes) -> str:
    """§3.2: the hex SHA-256 of the whole file."""
    return hashlib.sha256(data).hexdigest()


def write_receipt(sender: Keys, body: dict[str, Any]) -> bytes:
    """§4."""
    text = canonical(body)
    signed = RECEIPT_MAGIC + struct.pack(">I", len(text)) + text
    return signed + sender.signing.sign(signed)


def read_receipt(data: bytes, sender_signing: bytes) -> dict[str, Any]:
    """§4: the body, once the signature is checked."""
    assert data[:16] == RECEIPT_MAGIC
    (length,) = struct.unpack(">I", data[16:20])
    assert 20 + length + 64 == len(data)
    Ed25519PublicKey.from_public_bytes(sender_signing).verify(data[-64:], data[:-64])
    body: dict[str, Any] = json.loads(data[20 : 20 + length])
    return body
