"""This office's key pairs, made at `init` and kept in the data folder's `keys/`.

Ed25519 signs what the office sends; X25519 receives what is encrypted to it. Private keys are
written with owner-only permissions. The exchange itself is built on these by a later module.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.common.files import write_atomically

SIGNING_KEY = "signing.key"
ENCRYPTION_KEY = "encryption.key"


def _write_private(path: Path, pem: bytes) -> None:
    # write_atomically's temporary file is made by mkstemp: owner-only (0600) from the start
    def produce(fh: BinaryIO) -> None:
        fh.write(pem)

    write_atomically(path, produce)


def make_keys(folder: Path) -> None:
    """Create both key pairs unless they exist (never overwrite a key)."""
    folder.mkdir(parents=True, exist_ok=True)
    pkcs8 = serialization.PrivateFormat.PKCS8
    enc = serialization.NoEncryption()
    pem = serialization.Encoding.PEM
    if not (folder / SIGNING_KEY).exists():
        _write_private(
            folder / SIGNING_KEY, Ed25519PrivateKey.generate().private_bytes(pem, pkcs8, enc)
        )
    if not (folder / ENCRYPTION_KEY).exists():
        _write_private(
            folder / ENCRYPTION_KEY, X25519PrivateKey.generate().private_bytes(pem, pkcs8, enc)
        )


def public_fingerprint(folder: Path) -> str:
    """A short, readable fingerprint of both public keys, to compare in person at enrolment."""
    signing = serialization.load_pem_private_key((folder / SIGNING_KEY).read_bytes(), None)
    encryption = serialization.load_pem_private_key((folder / ENCRYPTION_KEY).read_bytes(), None)
    raw = serialization.Encoding.Raw
    fmt = serialization.PublicFormat.Raw
    digest = (
        hashlib.sha256(
            signing.public_key().public_bytes(raw, fmt)
            + encryption.public_key().public_bytes(raw, fmt)
        )
        .hexdigest()[:32]
        .upper()
    )
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))
