"""Files kept in the data folder encrypted with the office's database key (meeting attachments: a
signed scan of the minutes, a photo of a notice — they may name people).

A sealed file is a header (`GDSEAL1\\n`, a random 8-byte file id) followed by chunks of at most
1 MiB, each AES-256-GCM encrypted under a key derived from the database key (HKDF, "griddesk
sealed file") with a nonce made of the file id and the chunk's number, and associated data that
names the file (its stored name), the chunk's number and whether it is the last: chunks cannot be
reordered, dropped, cut off or moved to another file without the tag failing. Large files are
sealed and opened chunk by chunk, never whole in memory.

A file without the header is plain (an office that has no key yet, or one written before the
office had users) and is read as it is.
"""

from __future__ import annotations

import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import GridDeskError

MAGIC = b"GDSEAL1\n"
CHUNK = 1 << 20
_TAG = 16


class SealBroken(GridDeskError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"附件已损坏或被改动，无法打开：{name}",
            f"The attachment is damaged or was changed; it cannot be opened: {name}",
        )


def _aead(key: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"griddesk sealed file"
    ).derive(key)
    return AESGCM(derived)


def _aad(name: str, index: int, last: bool) -> bytes:
    return f"{name}|{index}|{int(last)}".encode()


def seal(source: BinaryIO, out: BinaryIO, key: bytes, name: str) -> None:
    """Copy `source` into `out` sealed; `name` (the stored name) is bound into every chunk."""
    aead = _aead(key)
    file_id = secrets.token_bytes(8)
    out.write(MAGIC + file_id)
    index = 0
    block = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = file_id + struct.pack(">I", index)
        out.write(aead.encrypt(nonce, block, _aad(name, index, last)))
        if last:
            return
        block, index = following, index + 1


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def unsealed(path: Path, key: bytes | None, name: str) -> Iterator[bytes]:
    """The plain content of `path` in blocks (a plain file as it is)."""
    with open(path, "rb") as fh:
        head = fh.read(len(MAGIC))
        if head != MAGIC:
            yield head
            yield from iter(lambda: fh.read(CHUNK), b"")
            return
        if key is None:
            raise SealBroken(name)
        aead = _aead(key)
        file_id = fh.read(8)
        index = 0
        block = fh.read(CHUNK + _TAG)
        while True:
            following = fh.read(CHUNK + _TAG)
            last = not following
            nonce = file_id + struct.pack(">I", index)
            try:
                yield aead.decrypt(nonce, block, _aad(name, index, last))
            except InvalidTag:
                raise SealBroken(name) from None
            if last:
                return
            block, index = following, index + 1
