"""The log carries no personal values: a database error's statement parameters are hidden, and
whatever else a line holds that looks like an ID number or a mobile phone is masked; the log
files are the owner's only; a log folder that cannot be written sends the log to the terminal."""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from app import logsetup
from app.core.registry import idnumber
from app.db.models import Resident

ID_NUMBER = re.compile(r"\d{17}[\dXx]")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def log_dir(tmp_path: Path):
    folder = tmp_path / "logs"
    folder.mkdir()
    yield folder
    logsetup.configure(None)  # back to the fallback folder, as before the test


def test_a_database_error_is_logged_without_the_values(db, log_dir: Path) -> None:
    from datetime import date

    path = logsetup.configure(log_dir)
    assert path is not None
    number = idnumber.make("420106", date(1977, 1, 26), 178, "F")
    row = {"household_id": 999_999, "name": "张秀兰", "id_number": number, "phone": "13812345678"}
    log = logging.getLogger("griddesk.test")
    with pytest.raises(IntegrityError) as caught, db.session() as session:
        session.execute(insert(Resident), [row])  # no such household: a foreign-key error
    assert number not in str(caught.value)  # the engine hides the statement's parameters
    try:
        with db.session() as session:
            session.execute(insert(Resident), [row])
    except IntegrityError:
        log.exception("bug while saving %s (phone %s)", number, "13812345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = "".join(p.read_text(encoding="utf-8") for p in log_dir.iterdir())
    assert "IntegrityError" in text and "Traceback" in text  # the bug is still there to read
    assert not ID_NUMBER.search(text), ID_NUMBER.search(text)
    assert not PHONE.search(text)
    assert "420106********" in text and "138****5678" in text  # masked, as on screens
    for file in log_dir.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700


def test_scrub_leaves_other_numbers_alone() -> None:
    assert logsetup.scrub("package 420106001001-000012 hash 3f2a") == (
        "package 420106001001-000012 hash 3f2a"
    )
    assert (
        logsetup.scrub("id 42010619770126178X, 13800001111") == "id 420106********178X, 138****1111"
    )


def test_a_folder_that_cannot_be_written_logs_to_the_terminal(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "logs"
    folder.mkdir()

    def refuse(*_a, **_k):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(logsetup._PrivateFileHandler, "__init__", refuse)
    try:
        assert logsetup.configure(folder) is None
        logging.getLogger("griddesk.test").warning("still said")
    finally:
        monkeypatch.undo()
        logsetup.configure(None)
    err = capsys.readouterr().err
    assert "Read-only file system" in err and "still said" in err
