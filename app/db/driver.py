"""The one SQLite driver: SQLCipher (`sqlcipher3`), so that an office's database, its backups and
every other SQLite file in its data folder are encrypted at rest.

The database key is a random 256-bit key, unwrapped at sign-in (app.core.trust.keyring). Once
unlocked it is registered here for the office's data folder, and every connection this process
opens to a file inside that folder — the engine's pool, backups, checks, the upgrade — sends it
first. A file outside every registered folder, or a folder with no key registered (an office that
has no users yet), is opened as plain SQLite.
"""

from __future__ import annotations

from pathlib import Path

KEY_BYTES = 32
_KEYS: dict[Path, bytes] = {}


def register_key(folder: Path, key: bytes) -> None:
    """Open every SQLite file under `folder` with `key` from now on in this process."""
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    _KEYS[Path(folder).resolve()] = bytes(key)


def forget_key(folder: Path) -> None:
    """The folder's files are no longer opened with its key (locked, signed out, closed)."""
    _KEYS.pop(Path(folder).resolve(), None)


def key_for(path: Path) -> bytes | None:
    """The key of the registered folder that holds `path` (the innermost), or None: plain."""
    here = Path(path).resolve()
    best: tuple[int, bytes] | None = None
    for folder, key in _KEYS.items():
        if here == folder or folder in here.parents:
            depth = len(folder.parts)
            if best is None or depth > best[0]:
                best = (depth, key)
    return best[1] if best else None
