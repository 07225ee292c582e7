"""The one way files are written (app.core.common.files): whole or not at all. When the writing
fails, the file that was there is kept as it was and no temporary file is left behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from app.core.common import files
from app.errors import InvalidInput


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(files.PARTIAL))


def test_a_file_is_written_whole_with_nothing_left_beside(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert files.write_bytes(target, b"%PDF-1.4 new") == target
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the old report")

    def produce(fh: BinaryIO) -> None:
        fh.write(b"half of the new rep")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        files.write_atomically(target, produce)
    assert target.read_bytes() == b"the old report"
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "package.gdx"
    target.write_bytes(b"old")

    def refuse(self: Path, other: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(PermissionError):
        files.write_bytes(target, b"new", verify=True)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_what_reads_back_differently_is_refused_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "package.gdx"
    monkeypatch.setattr(files, "_digest", lambda _path: b"something else")
    with pytest.raises(InvalidInput) as refused:
        files.write_bytes(target, b"the package", verify=True)
    assert "读回的内容不一致" in refused.value.message("zh")
    assert "read back differs" in refused.value.message("en")
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def test_a_named_path_is_put_in_place_only_when_the_block_ends_well(tmp_path: Path) -> None:
    target = tmp_path / "needs.xlsx"
    target.write_bytes(b"old list")
    with pytest.raises(RuntimeError), files.atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the spreadsheet writer failed")
    assert target.read_bytes() == b"old list"
    assert _leftovers(tmp_path) == []

    with files.atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_bytes(b"new list")
    assert target.read_bytes() == b"new list"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["needs.xlsx"]


def test_made_in_the_scratch_folder_and_copied_across_disks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the data folder's scratch folder to a USB stick (another disk: the rename is refused
    with EXDEV), the file is copied beside the target and renamed there; neither folder keeps a
    temporary file."""
    scratch, stick = tmp_path / "scratch", tmp_path / "stick"
    scratch.mkdir()
    stick.mkdir()
    target = stick / "roster.xlsx"
    real_replace = Path.replace

    def across_disks(self: Path, other: Path) -> Path:
        if self.parent == scratch:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", across_disks)
    with files.atomic_path(target, work=scratch, mode=0o644) as tmp:
        assert tmp.parent == scratch
        tmp.write_bytes(b"whole roster")
    assert target.read_bytes() == b"whole roster"
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in stick.iterdir()) == ["roster.xlsx"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644
