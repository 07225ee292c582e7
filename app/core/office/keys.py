"""This office's key pairs, made at `init` and kept in the data folder's `keys/`.

Ed25519 signs what the office sends; X25519 receives what is encrypted to it. Private keys are
written with owner-only permissions. The exchange itself is built on these by a later module.

Once the office's database is encrypted, the private keys are too: PKCS#8 PEM encrypted with
cryptography's best available scheme, under a secret derived from the database key with HKDF (so
they are read wherever the database can be, and a copied keys/ folder gives nothing without the
key). Reading them needs the key registered for the data folder (app.db.driver.key_for); a plain
key file (an office without encryption) is read as before. The public halves need no secret:
`public_fingerprint` reads them from the private files all the same, so it too needs the key.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.common.files import write_atomically
from app.db import driver
from app.errors import InvalidInput

SIGNING_KEY = "signing.key"
ENCRYPTION_KEY = "encryption.key"
PRIVATE_KEYS = (SIGNING_KEY, ENCRYPTION_KEY)
_ENCRYPTED_PEM = b"-----BEGIN ENCRYPTED PRIVATE KEY-----"
_HKDF_INFO = b"griddesk keys/ private keys v1"


def _secret(database_key: bytes) -> bytes:
    """The passphrase of the private key files, derived from the database key (HKDF-SHA256);
    never the database key itself."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        database_key
    )


def _encryption(database_key: bytes | None) -> serialization.KeySerializationEncryption:
    if database_key is None:
        return serialization.NoEncryption()
    return serialization.BestAvailableEncryption(_secret(database_key))


def _write_private(path: Path, pem: bytes) -> None:
    # write_atomically's temporary file is made by mkstemp: owner-only (0600) from the start
    def produce(fh: BinaryIO) -> None:
        fh.write(pem)

    write_atomically(path, produce)


def _pem(private: PrivateKeyTypes, database_key: bytes | None) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        _encryption(database_key),
    )


def make_keys(folder: Path, database_key: bytes | None = None) -> None:
    """Create both key pairs unless they exist (never overwrite a key); encrypted under
    `database_key`, else under the key registered for the folder, else plain."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    secret = database_key if database_key is not None else driver.key_for(folder)
    if not (folder / SIGNING_KEY).exists():
        _write_private(folder / SIGNING_KEY, _pem(Ed25519PrivateKey.generate(), secret))
    if not (folder / ENCRYPTION_KEY).exists():
        _write_private(folder / ENCRYPTION_KEY, _pem(X25519PrivateKey.generate(), secret))


def is_encrypted(path: Path) -> bool:
    """Whether the private key file `path` is encrypted."""
    with open(path, "rb") as fh:
        return fh.read(len(_ENCRYPTED_PEM)) == _ENCRYPTED_PEM


def load_private_key(path: Path, database_key: bytes | None = None) -> PrivateKeyTypes:
    """The private key in `path`: decrypted with `database_key`, else with the key registered for
    its folder. Raises ValueError when it cannot be read (damaged, or encrypted and no key or a
    wrong key), OSError when the file cannot be opened."""
    data = Path(path).read_bytes()
    password: bytes | None = None
    if data.lstrip().startswith(_ENCRYPTED_PEM):
        secret = database_key if database_key is not None else driver.key_for(Path(path))
        if secret is None:
            raise ValueError("the key file is encrypted, and the office is not signed in")
        password = _secret(secret)
    return serialization.load_pem_private_key(data, password)


def encrypt_private_keys(folder: Path, database_key: bytes) -> list[Path]:
    """Encrypt the plain private key files in `folder` under `database_key` (each replaced whole
    or not at all); those already encrypted are left alone. Returns the files rewritten."""
    done: list[Path] = []
    for name in PRIVATE_KEYS:
        path = folder / name
        if not path.is_file() or is_encrypted(path):
            continue
        private = serialization.load_pem_private_key(path.read_bytes(), None)
        _write_private(path, _pem(private, database_key))
        done.append(path)
    return done


def own_private_keys(folder: Path) -> tuple[Ed25519PrivateKey, X25519PrivateKey]:
    """Both private keys of this office (see `load_private_key`); InvalidInput, naming the
    folder, when they cannot be read or are of the wrong type."""
    try:
        signing = load_private_key(folder / SIGNING_KEY)
        encryption = load_private_key(folder / ENCRYPTION_KEY)
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            f"无法读取本机构的密钥（{folder}）：{exc}",
            f"Cannot read this office's keys ({folder}): {exc}",
        ) from exc
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(encryption, X25519PrivateKey):
        raise InvalidInput(
            f"密钥文件类型不对：{folder}",
            f"The key files are of the wrong type: {folder}",
        )
    return signing, encryption


def public_fingerprint(folder: Path) -> str:
    """A short, readable fingerprint of both public keys, to compare in person at enrolment."""
    signing = load_private_key(folder / SIGNING_KEY)
    encryption = load_private_key(folder / ENCRYPTION_KEY)
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
