"""The one SQLite driver: SQLCipher (`sqlcipher3`), so that an office's database, its backups and
every other SQLite file in its data folder are encrypted at rest.

The database key is a random 256-bit key, unwrapped at sign-in (app.core.trust.keyring). Once
unlocked it is registered here for the office's data folder, and every connection this process
opens to a file inside that folder — the engine's pool, backups, checks, the upgrade — sends it
first. A file outside every registered folder, or a folder with no key registered (an office that
has no users yet), is opened as plain SQLite.

Every module of the program that speaks to SQLite directly does so through `connect` here (the
standard library's `sqlite3` is banned elsewhere in app/), and catches the errors named here:
SQLCipher's are not the standard library's.

A database file a connection makes is made owner-only (0600).

`connect(path)` keys the connection with the key registered for the folder holding `path`;
`connect(path, key=k)` with `k` (a file from elsewhere, opened with this office's key);
`connect(path, key=PLAIN)` never keys it (the plain database the upgrade encrypts). A file that
does not open with the key it was given raises `WrongKey` (a `DatabaseError` whose result code is
SQLITE_NOTADB, so that code which handles an unreadable file still does), which
app.db.problems turns into its own plain message rather than "damaged".

Two differences from the standard library's module that the rest of the program relies on being
handled here:

* no extended result codes: a constraint failure is SQLITE_CONSTRAINT (19) whatever the kind, and
  `constraint_kind` reads the kind from the fixed start of SQLite's message;
* SQLCipher logs HMAC failures (a wrong key, a changed page) on stderr: every connection is told
  `PRAGMA cipher_log_level = NONE` first.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote

from sqlcipher3 import dbapi2 as _dbapi

KEY_BYTES = 32
BUSY_TIMEOUT_S = 10.0
CACHE_KIB = 65536  # the application's connections: 64 MiB (pages are decrypted once, then kept)
CHECK_CACHE_KIB = 131072  # a connection that reads the whole file (integrity_check of a backup)
PLAIN_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every plain SQLite database

_KEYS: dict[Path, bytes] = {}

dbapi: Any = _dbapi  # the DB-API module (SQLAlchemy's `module=`)

# the DB-API names the program catches and uses
Connection = dbapi.Connection
Cursor = dbapi.Cursor
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
ProgrammingError = dbapi.ProgrammingError
InterfaceError = dbapi.InterfaceError

# SQLite's primary result codes (sqlcipher3 reports only these: `code & 0xFF` is the primary code
# of an extended one, as the standard library's module reports them)
SQLITE_CONSTRAINT: Final = 19
SQLITE_BUSY: Final = 5
SQLITE_LOCKED: Final = 6
SQLITE_READONLY: Final = 8
SQLITE_IOERR: Final = 10
SQLITE_CORRUPT: Final = 11
SQLITE_FULL: Final = 13
SQLITE_CANTOPEN: Final = 14
SQLITE_NOTADB: Final = 26
# the extended codes of a constraint failure, as SQLite (and the standard library's module) has them
SQLITE_CONSTRAINT_CHECK: Final = 275
SQLITE_CONSTRAINT_PRIMARYKEY: Final = 1555
SQLITE_CONSTRAINT_UNIQUE: Final = 2067
SQLITE_CONSTRAINT_NOTNULL: Final = 1299
SQLITE_CONSTRAINT_FOREIGNKEY: Final = 787


class _Plain:
    def __repr__(self) -> str:
        return "PLAIN"


PLAIN: Final = _Plain()  # `connect(…, key=PLAIN)`: no key, whatever is registered
KeyArg = bytes | _Plain | None


class WrongKey(dbapi.DatabaseError):  # type: ignore[misc]
    """The file does not open with the key it was given: another key, or a plain (unencrypted)
    database in a folder that has a key. Nothing of it was read."""

    sqlite_errorcode = SQLITE_NOTADB
    sqlite_errorname = "SQLITE_NOTADB"

    def __init__(self, path: str, plain: bool) -> None:
        super().__init__(
            f"not encrypted, but opened with a key: {path}"
            if plain
            else f"does not open with the key given: {path}"
        )
        self.path = path
        self.plain = plain


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
    if not _KEYS:
        return None
    here = Path(path).resolve()
    best: tuple[int, bytes] | None = None
    for folder, key in _KEYS.items():
        if here == folder or folder in here.parents:
            depth = len(folder.parts)
            if best is None or depth > best[0]:
                best = (depth, key)
    return best[1] if best else None


def is_plain_file(path: Path) -> bool:
    """Whether `path` is a plain (unencrypted) SQLite database: its header says so."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def file_of(target: str | Path, uri: bool = False) -> Path | None:
    """The file a connection target names (a path, or a `file:` URI); None for a database in
    memory."""
    name = str(target)
    if uri and name.startswith("file:"):
        name = unquote(name[len("file:") :].split("?", 1)[0])
        if name.startswith("//"):  # file://host/path or file:///path
            name = "/" + name[2:].split("/", 1)[1] if "/" in name[2:] else name
            if len(name) > 2 and name[0] == "/" and name[2] == ":":  # file:///C:/… on Windows
                name = name[1:]
    if name in ("", ":memory:") or "mode=memory" in str(target):
        return None
    return Path(name)


def resolve_key(target: str | Path, key: KeyArg = None, uri: bool = False) -> bytes | None:
    """The key a connection to `target` is made with: `key` itself, none for PLAIN, else the
    one registered for the file's folder."""
    if isinstance(key, _Plain):
        return None
    if key is not None:
        return key
    path = file_of(target, uri)
    return key_for(path) if path is not None else None


def connect(
    target: str | Path,
    *,
    key: KeyArg = None,
    read_only: bool = False,
    uri: bool = False,
    timeout: float = BUSY_TIMEOUT_S,
    cache_kib: int = CACHE_KIB,
    **options: Any,
) -> Any:
    """A connection to `target` (a file, or a `file:` URI with `uri`): SQLCipher's log off, then
    the key (see the module's docstring for `key`), then the page cache (`cache_kib`). With a key
    the file is read once (its schema), so that a file the key does not open raises `WrongKey`
    here, before anything else is tried on it. `read_only` opens a plain path read-only (as a
    URI); `options` go to the DB-API's `connect` (isolation_level, check_same_thread, …)."""
    secret = resolve_key(target, key, uri)
    path = None if read_only else file_of(target, uri)
    new = path is not None and not path.exists()
    if read_only and not uri:
        target = f"{Path(target).absolute().as_uri()}?mode=ro"
        uri = True
    conn = dbapi.connect(str(target), uri=uri, timeout=timeout, **options)
    if new and path is not None:
        _owner_only(path)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if secret is not None:
            if len(secret) != KEY_BYTES:
                raise ValueError("a database key is 32 bytes")
            conn.execute(f"PRAGMA key = \"x'{secret.hex()}'\"")
            _check_key(conn, target, uri)
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _owner_only(path: Path) -> None:
    """A database file this process made: its owner's only (its -wal and -shm take the same
    mode from it when SQLite makes them)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def _check_key(conn: Any, target: str | Path, uri: bool) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) != SQLITE_NOTADB:
            raise
        path = file_of(target, uri)
        where = str(path) if path is not None else str(target)
        raise WrongKey(where, plain=path is not None and is_plain_file(path)) from None


def is_keyed(conn: Any) -> bool:
    """Whether the connection `conn` (a DB-API connection) reads an encrypted database."""
    try:
        return bool(conn.execute("PRAGMA cipher_provider").fetchall())
    except dbapi.Error:
        return False


# --- errors --------------------------------------------------------------------------------------


def is_sqlite_error(exc: BaseException) -> bool:
    """An error raised by a SQLite DB-API module: this driver's, or the standard library's (which
    a test or a tool may still hand in)."""
    return isinstance(exc, dbapi.Error) or (
        type(exc).__module__ == "sqlite3" and hasattr(exc, "sqlite_errorcode")
    )


def error_code(exc: BaseException) -> int | None:
    """SQLite's result code of `exc` (extended where the module reports it), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


# the fixed start of SQLite's message for each kind of constraint failure
_CONSTRAINT_PREFIXES = (
    ("UNIQUE constraint failed:", SQLITE_CONSTRAINT_UNIQUE),
    ("CHECK constraint failed:", SQLITE_CONSTRAINT_CHECK),
    ("NOT NULL constraint failed:", SQLITE_CONSTRAINT_NOTNULL),
    ("FOREIGN KEY constraint failed", SQLITE_CONSTRAINT_FOREIGNKEY),
    ("PRIMARY KEY", SQLITE_CONSTRAINT_PRIMARYKEY),
)


def constraint_kind(exc: BaseException) -> int | None:
    """The extended result code of a constraint failure (SQLITE_CONSTRAINT_UNIQUE, _CHECK,
    _PRIMARYKEY, _NOTNULL, _FOREIGNKEY), or None when `exc` is no constraint failure. The code
    itself when the module reports extended codes; from the message's fixed start when it
    reports only SQLITE_CONSTRAINT (sqlcipher3)."""
    code = error_code(exc)
    if code is None or code & 0xFF != SQLITE_CONSTRAINT:
        return None
    if code != SQLITE_CONSTRAINT:
        return code
    message = str(exc)
    for prefix, kind in _CONSTRAINT_PREFIXES:
        if message.startswith(prefix):
            return kind
    return SQLITE_CONSTRAINT
