"""`main.py` as administrators and scripts run it (../CLI.md, Foundation)."""

from __future__ import annotations

import json
import random
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.office.datadir import DataDir
from app.core.office.setup import init_office
from tests.e2e.conftest import CJK, INIT, NAME, ROOT, digest, griddesk, griddesk_process, start
from tests.e2e.conftest import COMMUNITY as CODE
from tests.e2e.conftest import STREET as PARENT
from tests.e2e.conftest import refused as assert_one_clear_line


@pytest.fixture(scope="module")
def demo_folder(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """init and demo --residents 3000, as a newcomer would run them."""
    data = tmp_path_factory.mktemp("demo") / "data"
    init = griddesk(home, data, *INIT)
    assert init.code == 0, init.err
    assert init.out.strip().splitlines()[-1].split()[-1] == CODE
    demo = griddesk(home, data, "demo", "--residents", "3000")
    assert demo.code == 0, demo.err
    assert demo.err == ""
    return data


# --- the ordinary path ---------------------------------------------------------------------------


def test_a_folder_set_up_by_init_logs_into_its_own_logs_folder(home: Path, tmp_path) -> None:
    """Logging starts with the set-up, not only once logs/ existed before it."""
    data = tmp_path / "fresh"
    assert griddesk(home, data, *INIT).code == 0
    assert (data / "logs" / "griddesk.log").is_file()


def test_demo_refuses_a_folder_holding_real_work(home: Path, tmp_path) -> None:
    data = tmp_path / "real"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "grid", "add", "--code", "G01", "--name", "第一网格").code == 0
    before = digest(data / "griddesk.sqlite3")
    line = assert_one_clear_line(griddesk(home, data, "demo", "--residents", "100"))
    assert "真实数据" in line
    assert digest(data / "griddesk.sqlite3") == before


def test_version_is_the_one_version(home: Path) -> None:
    source = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    assert version is not None
    run = griddesk_process(home, None, "--version")
    assert run.code == 0
    assert run.out.splitlines()[0] == f"GridDesk {version.group(1)}"  # the build reads it


def test_init_prints_the_code_last_and_refuses_twice(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = griddesk(home, data, *INIT)
    assert first.code == 0, first.err
    assert first.out.strip().splitlines()[-1].split()[-1] == CODE
    assert CJK.search(first.out)  # Chinese by default
    assert (data / "griddesk.sqlite3").is_file()
    before = digest(data / "griddesk.sqlite3")

    again = griddesk(home, data, *INIT, lang="en")
    line = assert_one_clear_line(again)
    assert str(data) in line
    assert "already set up" in line
    assert not CJK.search(line.replace(str(data), ""))
    assert digest(data / "griddesk.sqlite3") == before


def test_stats_at_a_street_office(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "street"
    init_office(DataDir(data), "street-office", PARENT, "水果湖街道")
    stats = griddesk(home, data, "stats", "--json")
    assert stats.code == 0, stats.err
    data_json = json.loads(stats.out)
    assert data_json["communities"] == {}
    assert data_json["residents"] == 0


@pytest.mark.slow  # shares the module's demo of 3,000 residents (made in about a second)
def test_stats_json_after_demo(home: Path, demo_folder: Path) -> None:
    run = griddesk_process(home, demo_folder, "stats", "--json")
    assert run.code == 0, run.err
    text = run.raw_out.decode("utf-8")  # UTF-8 even though the console said ASCII
    assert NAME in text  # Chinese as Chinese, not \\u escapes
    data = json.loads(text)
    assert isinstance(data, dict)
    assert {"households", "residents", "grids", "buildings"} <= set(data)
    assert data["residents"] == 3000
    assert data["households"] > 500
    assert data["grids"] >= 3 and data["buildings"] >= 2


@pytest.mark.slow  # shares the module's demo of 3,000 residents (made in about a second)
def test_check_after_demo(home: Path, demo_folder: Path) -> None:
    run = griddesk(home, demo_folder, "check")
    assert run.code == 0, run.err
    assert run.err == ""


@pytest.mark.slow  # shares the module's demo of 3,000 residents (made in about a second)
def test_second_demo_has_nothing_to_do(home: Path, demo_folder: Path) -> None:
    before = digest(demo_folder / "griddesk.sqlite3")
    run = griddesk(home, demo_folder, "demo", "--residents", "300")
    assert_one_clear_line(run, code=3)
    assert digest(demo_folder / "griddesk.sqlite3") == before


# --- bad input: one clear line, exit 1, nothing changed ------------------------------------------


@pytest.mark.parametrize("command", [["demo"], ["check"], ["stats", "--json"]], ids=" ".join)
def test_folder_never_set_up(home: Path, tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "nowhere"
    run = griddesk(home, data, *command)
    line = assert_one_clear_line(run)
    assert "init" in line
    assert CJK.search(line)  # Chinese by default
    assert str(data) in line
    assert run.out == ""
    assert not data.exists()


def test_corrupt_database(home: Path, datadir: DataDir) -> None:
    db = datadir.db_path
    db.write_bytes(random.Random(11643).randbytes(64 * 1024))
    before = digest(db)
    run = griddesk(home, datadir.root, "stats", "--json")
    line = assert_one_clear_line(run)
    assert run.out == ""
    assert str(db) in line
    assert "损坏" in line
    assert digest(db) == before
    assert list(datadir.backups.iterdir()) == []


def _too_new(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("command", "lang", "needle"),
    [("stats", "zh", "升级程序"), ("demo", "en", "update the program")],
    ids=["zh", "en"],
)
def test_database_from_a_newer_version(
    home: Path, datadir: DataDir, command: str, lang: str, needle: str
) -> None:
    _too_new(datadir.db_path)
    before = digest(datadir.db_path)
    run = griddesk(home, datadir.root, command, lang=lang)
    line = assert_one_clear_line(run)
    assert needle in line
    assert digest(datadir.db_path) == before


@pytest.fixture
def read_only_folder(datadir: DataDir) -> Iterator[Path]:
    data = datadir.root
    data.chmod(0o555)
    try:
        probe = data / "probe"
        try:
            probe.write_bytes(b"")
        except PermissionError:
            yield data
        else:
            probe.unlink()
            pytest.skip(
                "permissions do not stop writes here (running as root); the refusal of a "
                "database this program cannot use is covered by test_database_from_a_newer_version"
            )
    finally:
        data.chmod(0o755)


def test_read_only_folder(home: Path, read_only_folder: Path) -> None:
    db = read_only_folder / "griddesk.sqlite3"
    before = digest(db)
    run = griddesk(home, read_only_folder, "demo", "--residents", "100")
    assert_one_clear_line(run)
    assert digest(db) == before


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["stats", "--bogus"],
        ["init", "--role", "community", "--name", NAME],  # no --code
        ["init", "--role", "parish", "--code", CODE, "--name", NAME],
        ["demo", "--residents", "many"],
        ["--lang", "fr", "stats"],
    ],
    ids=lambda a: " ".join(a),
)
def test_bad_usage(home: Path, tmp_path: Path, args: list[str]) -> None:
    data = tmp_path / "data"
    run = griddesk(home, data, *args)
    assert run.code == 2, (run.out, run.err)
    assert "usage" in run.err.lower()
    assert "Traceback" not in run.err
    assert not data.exists()


def test_invalid_office_code_is_refused(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = griddesk_process(
        home, data, "init", "--role", "community", "--code", "42-01", "--name", NAME
    )
    line = assert_one_clear_line(run)
    assert "42-01" in line
    assert not (data / "griddesk.sqlite3").exists()


# --- English -------------------------------------------------------------------------------------


def test_english_messages(home: Path, tmp_path: Path, datadir: DataDir) -> None:
    data = tmp_path / "nowhere"
    missing = griddesk(home, data, "check", lang="en")
    line = assert_one_clear_line(missing)
    assert "not set up" in line and "init" in line
    assert not CJK.search(line.replace(str(data), ""))

    stats = griddesk(home, datadir.root, "stats", lang="en")
    assert stats.code == 0, stats.err
    assert "0 households, 0 residents" in stats.out
    assert not CJK.search(stats.out.replace(NAME, ""))


@pytest.mark.slow  # shares the module's demo of 3,000 residents (made in about a second)
def test_an_export_killed_half_way_leaves_no_personal_data_behind(
    home: Path, demo_folder: Path, tmp_path: Path
) -> None:
    """SIGKILL during `export residents` onto a 'USB stick', several times: the stick holds the
    whole export or nothing of it (no temporary file with ID numbers), and what the killed
    process left in the data folder's scratch folder is gone after the next start."""
    stick = tmp_path / "U盘"
    stick.mkdir()
    rng = random.Random(14)
    for _round in range(4):
        target = stick / "居民.xlsx"
        target.unlink(missing_ok=True)
        proc = start(home, demo_folder, "export", "residents", "--full", str(target))
        time.sleep(rng.uniform(0.8, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert [p.name for p in stick.iterdir()] in ([], ["居民.xlsx"])  # whole, or nothing
    assert griddesk(home, demo_folder, "stats", "--json").code == 0  # the next start
    left = [p for p in (demo_folder / "tmp").rglob("*") if p.is_file()]
    assert left == []
    for path in demo_folder.rglob("*"):
        if path.is_file() and path.suffix == ".xlsx":
            pytest.fail(f"an export's piece left in the data folder: {path}")


def test_a_reader_that_goes_away_gets_no_traceback(home: Path, tmp_path: Path) -> None:
    """`… --json | head`: the reader closes the pipe; the command ends quietly."""
    data = tmp_path / "office"
    assert griddesk(home, data, *INIT).code == 0
    proc = start(home, data, "stats", "--json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # gone before the command writes a word
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(60) == 0
    assert err == "", err
