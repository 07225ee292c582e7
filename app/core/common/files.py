"""Files the office keeps — printed documents, exports, packages, reports, keys — written whole or
not at all: made under a temporary name in the target's own folder (or, for files with personal
data in the making, in the data folder's private scratch folder), flushed and fsynced, then renamed
over the target, the rename made durable too. If anything fails the temporary file is removed and
whatever the target held before is left as it was.

* `write_atomically(target, produce)`: `produce` writes into an open binary file.
* `atomic_path(target)`: for writers that want a file name (spreadsheet libraries) — a context
  that yields the temporary path and puts it in place when the block ends without an error.
* `stage` and `publish`: the two halves, for files written now and given their names later
  (exchange packages, named only once the transaction that records them has committed).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import InvalidInput

PARTIAL = ".partial"  # what a file in the making is called: .<target name>.<random>.partial


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary(target: Path, where: Path) -> tuple[int, Path]:
    # mkstemp: owner-only (0600) from the start, whatever the file will hold
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL, dir=where)
    return fd, Path(name)


def stage(target: Path, produce: Callable[[BinaryIO], object], *, verify: bool = False) -> Path:
    """`produce` writes into a temporary file beside `target`, which is flushed and fsynced (and
    with `verify` read back and compared with what was written, for a `produce` that writes
    straight through, without seeking back); returns its path. It is removed again if anything
    fails."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(target, target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            written = _Hashing(fh) if verify else fh
            produce(written)  # type: ignore[arg-type]
            fh.flush()
            os.fsync(fh.fileno())
        if isinstance(written, _Hashing) and _digest(tmp) != written.digest():
            raise InvalidInput(
                f"写入后读回的内容不一致，U盘可能有问题：{target.parent}",
                f"What was read back differs from what was written; check the drive: "
                f"{target.parent}",
            )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def publish(tmp: Path, target: Path) -> Path:
    """Give a staged file its name: a rename over `target`, then the folder synced."""
    tmp.replace(target)
    fsync_dir(target.parent)
    return target


def write_atomically(
    target: Path, produce: Callable[[BinaryIO], object], *, verify: bool = False
) -> Path:
    """Write `target` through `produce`: whole or not at all (see the module's docstring)."""
    target = Path(target)
    tmp = stage(target, produce, verify=verify)
    try:
        return publish(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes, *, verify: bool = False) -> Path:
    """`data` written to `target` whole or not at all (`verify`: read back and compared)."""
    return write_atomically(target, lambda fh: fh.write(data), verify=verify)


@contextlib.contextmanager
def atomic_path(
    target: Path, *, work: Path | None = None, mode: int | None = None
) -> Iterator[Path]:
    """A temporary path to make `target` at, for a writer that wants a file name: in `work` (the
    process's scratch folder) when given, else beside the target. When the block ends the file is
    fsynced and put in place (`mode`, if given, set first); if the block fails it is removed."""
    target = Path(target)
    fd, tmp = _temporary(target, work if work is not None else target.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if mode is not None:
            tmp.chmod(mode)
        _place(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _place(made: Path, target: Path) -> None:
    """A rename on the same disk; from another disk (the scratch folder, a USB stick) a copy
    staged beside the target, synced and renamed, so the target is whole or absent."""
    try:
        publish(made, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # only "another disk" is met by copying
            raise
    try:
        with open(made, "rb") as src:
            tmp = stage(target, lambda out: shutil.copyfileobj(src, out, 1024 * 1024))
        try:
            tmp.chmod(made.stat().st_mode & 0o777)
            publish(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        made.unlink(missing_ok=True)


def _digest(path: Path) -> bytes:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(block)
    return h.digest()


class _Hashing:
    """A binary file that hashes what is written through it (to compare with what is read back)."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._hash = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        return self._fh.write(data)

    def digest(self) -> bytes:
        return self._hash.digest()

    def __getattr__(self, name: str) -> object:
        return getattr(self._fh, name)
