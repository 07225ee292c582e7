"""Meeting attachments sealed with the office's key: a copied folder shows nothing of them, the
window's copy to open is the original, and a changed, cut or moved file does not open."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from app.core.common import sealed
from app.core.meetings import attachments
from app.core.meetings import minutes as core
from app.db import driver
from app.db.engine import Database
from tests.core.test_meetings import minutes

KEY = os.urandom(32)
SECRET = "420106198001011234 13812345678 王秀英".encode()


def _content(size: int) -> bytes:
    return (SECRET * (size // len(SECRET) + 1))[:size]


def _sealed_file(tmp_path: Path, data: bytes, name: str = "m/a.pdf") -> Path:
    out = io.BytesIO()
    sealed.seal(io.BytesIO(data), out, KEY, name)
    path = tmp_path / "sealed.bin"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("size", [0, 10, sealed.CHUNK, sealed.CHUNK * 2 + 7])
def test_a_sealed_file_opens_to_its_content(tmp_path: Path, size: int) -> None:
    data = _content(size)
    path = _sealed_file(tmp_path, data)
    assert SECRET not in path.read_bytes()
    assert b"".join(sealed.unsealed(path, KEY, "m/a.pdf")) == data


def test_a_changed_cut_or_moved_file_does_not_open(tmp_path: Path) -> None:
    data = _content(sealed.CHUNK * 2 + 7)
    path = _sealed_file(tmp_path, data)
    raw = bytearray(path.read_bytes())
    raw[100] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(sealed.SealBroken):
        b"".join(sealed.unsealed(path, KEY, "m/a.pdf"))
    path = _sealed_file(tmp_path, data)
    cut = path.read_bytes()[: len(sealed.MAGIC) + 8 + sealed.CHUNK + 16]  # the last chunks gone
    path.write_bytes(cut)
    with pytest.raises(sealed.SealBroken):
        b"".join(sealed.unsealed(path, KEY, "m/a.pdf"))
    path = _sealed_file(tmp_path, data)
    with pytest.raises(sealed.SealBroken):  # the same bytes under another attachment's name
        b"".join(sealed.unsealed(path, KEY, "m/b.pdf"))
    with pytest.raises(sealed.SealBroken):  # no key: not readable at all
        b"".join(sealed.unsealed(path, None, "m/a.pdf"))


def test_attachments_of_an_office_with_a_key_are_sealed(db: Database, datadir, tmp_path) -> None:
    scan = tmp_path / "签字页.pdf"
    scan.write_bytes(b"%PDF-1.4 " + SECRET)
    folder = datadir.attachments
    driver.register_key(datadir.root, KEY)
    try:
        with db.session() as session:
            meeting = core.create_meeting(session, minutes(level="community", grid=None))
            attachments.add_attachment(session, meeting, scan, folder)
        (stored,) = [p for p in folder.rglob("*") if p.is_file()]
        assert SECRET not in stored.read_bytes()
        name = stored.relative_to(folder).as_posix()
        copy = attachments.readable_copy(folder, name, tmp_path / "scratch")
        assert copy.read_bytes() == scan.read_bytes()
    finally:
        driver.forget_key(datadir.root)


def test_plain_attachments_are_sealed_when_the_office_gets_its_key(tmp_path: Path) -> None:
    folder = tmp_path / "attachments"
    (folder / "m1").mkdir(parents=True)
    (folder / "m1" / "a.pdf").write_bytes(SECRET)
    assert attachments.seal_plain_attachments(folder, KEY) == 1
    assert attachments.seal_plain_attachments(folder, KEY) == 0  # once only
    assert SECRET not in (folder / "m1" / "a.pdf").read_bytes()
    assert b"".join(sealed.unsealed(folder / "m1" / "a.pdf", KEY, "m1/a.pdf")) == SECRET
