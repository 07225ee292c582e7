"""The database encrypted at rest (SQLCipher through app.db.driver): with a key registered for a
data folder, nothing in the folder — the database, its WAL, its backups, the private keys — shows
SQLite's header or a personal value; a wrong key gives its own plain message and reads nothing;
the rules of the schema still refuse writes by name; an office made before encryption is
upgraded in place with its data, its backups and its keys; an encrypted backup is restored."""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import CheckConstraint as Check
from sqlalchemy import Column, Integer, MetaData, Table, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError

from app.core.office import backups, encryption, keys
from app.core.office.datadir import DataDir
from app.core.office.demo import fill_demo
from app.core.office.health import check_database
from app.core.office.peek import peek_office
from app.core.office.setup import init_office, open_office
from app.db import backup as files
from app.db import driver
from app.db.base import NAMING_CONVENTION
from app.db.engine import make_engine, sqlite_url
from app.db.models import Resident
from app.db.problems import WrongDatabaseKey, explain, is_check_violation, is_unique_violation
from app.errors import DatabaseCorrupt, DatabaseProblem, InvalidInput

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
HEADER = b"SQLite format 3"
ID_NUMBER = "420106199001011234"  # a test value, written below and looked for in every file
PHONE = "13912345678"


@pytest.fixture(autouse=True)
def _no_keys_left() -> Iterator[None]:
    yield
    driver._KEYS.clear()  # no key of one test reaches the next


def _office(root: Path, key: bytes | None, code: str = "420106001001") -> DataDir:
    datadir = DataDir(root)
    init_office(datadir, "community", code, "幸福里社区", "420106001", key=key)
    db, _info = open_office(datadir)
    try:
        with db.session(note="demo") as session:
            fill_demo(session, 40)
        with db.session() as session:
            person = session.scalars(select(Resident).order_by(Resident.id).limit(1)).one()
            person.id_number = ID_NUMBER
            person.phone = PHONE
    finally:
        db.dispose()
    return datadir


def _every_file(root: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file in the folder, and the members of every zip file (a workbook, a package)."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path, data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    yield path / name, zf.read(name)


def _plain_files(root: Path) -> list[str]:
    found = []
    for path, data in _every_file(root):
        for needle in (HEADER, ID_NUMBER.encode(), PHONE.encode()):
            if needle in data:
                found.append(f"{path.relative_to(root)}: {needle!r}")
    return found


def _counts(datadir: DataDir) -> dict[str, int]:
    return encryption.table_counts(datadir.db_path, None)


def _notes(datadir: DataDir) -> set[str | None]:
    conn = driver.connect(datadir.db_path, read_only=True)
    try:
        return {r[0] for r in conn.execute("SELECT notes FROM resident")}
    finally:
        conn.close()


# --- the driver -------------------------------------------------------------------------------


def test_a_registered_key_encrypts_and_plain_stays_plain(tmp_path: Path) -> None:
    (tmp_path / "office").mkdir()
    driver.register_key(tmp_path / "office", KEY)
    keyed, plain = tmp_path / "office" / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (keyed, plain):
        conn = driver.connect(path)
        conn.execute("CREATE TABLE t (v TEXT)")
        conn.execute("INSERT INTO t VALUES (?)", (PHONE,))
        conn.commit()
        conn.close()
    assert keyed.read_bytes()[:15] != HEADER and PHONE.encode() not in keyed.read_bytes()
    assert plain.read_bytes()[:15] == HEADER
    assert stat.S_IMODE(keyed.stat().st_mode) == 0o600  # made by the program: the owner's only
    assert driver.connect(keyed).execute("SELECT v FROM t").fetchall() == [(PHONE,)]
    # PLAIN means no key whatever is registered: an encrypted file is then no database at all
    with pytest.raises(driver.DatabaseError):
        driver.connect(keyed, key=driver.PLAIN).execute("SELECT v FROM t").fetchall()


def test_a_wrong_key_has_its_own_message_and_reads_nothing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    datadir = _office(tmp_path / "data", KEY)
    driver.register_key(datadir.root, OTHER_KEY)
    capfd.readouterr()
    with pytest.raises(driver.WrongKey) as caught:
        driver.connect(datadir.db_path)
    assert capfd.readouterr().err == ""  # SQLCipher's own log of the HMAC failure is off
    known = explain(caught.value, datadir.db_path)
    assert isinstance(known, WrongDatabaseKey) and not isinstance(known, DatabaseCorrupt)
    assert "密钥" in known.message("zh") and "key" in known.message("en")
    # not called damaged outright: another key and a damaged first page look the same here, and
    # both are said, with the way back (a restore) for the second
    assert "It may be another office's database or backup" in known.message("en")
    assert "restore latest" in known.message("en")
    with pytest.raises(WrongDatabaseKey):
        open_office(datadir)
    assert peek_office(datadir) is None
    driver.forget_key(datadir.root)
    assert peek_office(datadir) is None  # encrypted, no key: the full open says why
    driver.register_key(datadir.root, KEY)
    info = peek_office(datadir)
    assert info is not None and info.code == "420106001001"


def test_a_plain_file_opened_with_a_key_says_it_is_not_encrypted(tmp_path: Path) -> None:
    datadir = _office(tmp_path / "data", None)
    driver.register_key(datadir.root, KEY)
    with pytest.raises(driver.WrongKey) as caught:
        driver.connect(datadir.db_path)
    assert caught.value.plain
    known = explain(caught.value, datadir.db_path)
    assert isinstance(known, WrongDatabaseKey) and "not encrypted" in known.message("en")


@pytest.mark.parametrize("key", [KEY, None])
def test_the_rule_that_refused_a_write_is_told_on_sqlcipher(
    tmp_path: Path, key: bytes | None
) -> None:
    """sqlcipher3 reports SQLITE_CONSTRAINT (19) for every kind: the kind comes from the message."""
    if key is not None:
        driver.register_key(tmp_path, key)
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    stock = Table(
        "stock",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("item", Integer),
        Column("on_hand", Integer),
        UniqueConstraint("item", name="once"),
        Check("on_hand >= 0", name="not_negative"),
    )
    engine = make_engine(sqlite_url(tmp_path / "rules.sqlite3"))
    metadata.create_all(engine)

    def refused(**row: int) -> IntegrityError:
        with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
            conn.execute(stock.insert().values(**row))
        return caught.value

    try:
        with engine.begin() as conn:
            conn.execute(stock.insert().values(id=1, item=1, on_hand=5))
        twice, same_id, below = (
            refused(id=2, item=1, on_hand=1),
            refused(id=1, item=2, on_hand=1),
            refused(id=3, item=3, on_hand=-1),
        )
    finally:
        engine.dispose()
    assert isinstance(twice.orig, driver.IntegrityError)
    assert driver.error_code(twice.orig) == driver.SQLITE_CONSTRAINT  # no extended code here
    assert is_unique_violation(twice) and is_unique_violation(twice, "stock")
    assert not is_unique_violation(twice, "other") and not is_check_violation(twice, "once")
    assert is_unique_violation(same_id, "stock")
    assert is_check_violation(below, "not_negative") and not is_unique_violation(below)
    assert (tmp_path / "rules.sqlite3").read_bytes()[:15] != HEADER or key is None


def test_stock_never_below_zero_on_an_encrypted_office(tmp_path: Path) -> None:
    from app.core.supplies import ledger
    from app.db.base import utcnow
    from app.db.models_supplies import SupplyMovement

    datadir = DataDir(tmp_path / "data")
    init_office(datadir, "community", "420106001001", "幸福里社区", "420106001", key=KEY)
    db, _info = open_office(datadir)
    try:
        with db.session() as s:
            ledger.receive(s, "口罩", 5, unit="个", source="爱心企业")
        with db.reading() as s:
            item = ledger.get_item(s, "口罩")
            point_id = ledger.ensure_point(s).id
        movement = SupplyMovement(
            item_id=item.id, point_id=point_id, kind="issue", qty=-6, actor="x", at=utcnow()
        )
        with pytest.raises(InvalidInput, match="库存不足"), db.session() as s:
            ledger._record(s, item, movement)  # past the operation's own check: the CHECK refuses
        with db.reading() as s:
            assert ledger.on_hand(s, item.id) == 5
    finally:
        db.dispose()


# --- an encrypted office ------------------------------------------------------------------------


def test_nothing_in_an_encrypted_office_folder_is_readable(tmp_path: Path) -> None:
    datadir = _office(tmp_path / "data", KEY)
    db, _info = open_office(datadir)
    try:
        made = backups.make_backup(datadir).backup
        with db.session() as session:  # a write left in the WAL while the database is open
            person = session.scalars(select(Resident).order_by(Resident.id).limit(1)).one()
            person.phone = PHONE
            person.notes = f"{ID_NUMBER} {PHONE}"
        wal = Path(f"{datadir.db_path}-wal")
        assert wal.is_file() and wal.stat().st_size > 0
        assert _plain_files(datadir.root) == []
        assert made.ok and made.residents == 40
        report = check_database(db)
        assert report.healthy and "cipher_integrity_check" in report.checked
    finally:
        db.dispose()
    assert keys.is_encrypted(datadir.keys / keys.SIGNING_KEY)
    assert _plain_files(datadir.root) == []
    for path in (datadir.db_path, made.path, datadir.keys / keys.SIGNING_KEY):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (datadir.root, datadir.backups, datadir.keys):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    # the backup's own check covers every page's HMAC
    assert "cipher_integrity_check" in files.inspect(made.path).checked


def test_a_changed_page_of_an_encrypted_database_is_named(tmp_path: Path) -> None:
    from tests.conftest import zero_a_resident_page

    datadir = _office(tmp_path / "data", KEY)
    page = zero_a_resident_page(datadir.db_path, KEY)
    db, _info = open_office(datadir, daily_backup=False)
    try:
        report = check_database(db)
    finally:
        db.dispose()
    said = " ".join(en for _zh, en in report.problems)
    assert not report.healthy and f"HMAC verification failed for page {page}" in said
    assert "resident" in said  # the table the page belongs to
    before = sorted(datadir.backups.iterdir())
    with pytest.raises(files.BackupRefused):
        backups.make_backup(datadir)
    assert sorted(datadir.backups.iterdir()) == before


def test_the_private_keys_need_the_database_key(tmp_path: Path) -> None:
    from app.core.exchange.enrolment import load_own_keys

    datadir = _office(tmp_path / "data", KEY)
    fingerprint = load_own_keys(datadir).fingerprint
    assert fingerprint == keys.public_fingerprint(datadir.keys)
    driver.forget_key(datadir.root)
    with pytest.raises(InvalidInput, match="keys"):
        load_own_keys(datadir)
    assert keys.load_private_key(datadir.keys / keys.SIGNING_KEY, KEY) is not None


def test_an_encrypted_backup_is_restored(tmp_path: Path) -> None:
    datadir = _office(tmp_path / "data", KEY)
    made = backups.make_backup(datadir).backup
    before = _counts(datadir)
    db, _info = open_office(datadir)
    try:
        with db.session() as session:
            for person in session.scalars(select(Resident)):
                person.notes = "changed after the backup"
    finally:
        db.dispose()
    assert _notes(datadir) == {"changed after the backup"}
    done = backups.restore(datadir, backups.LATEST)
    assert done.source == made.path and _counts(datadir) == before
    assert _notes(datadir) != {"changed after the backup"}
    assert datadir.db_path.read_bytes()[:15] != HEADER
    # the same backup from a USB stick, outside the data folder: opened with this office's key
    stick = tmp_path / "stick"
    stick.mkdir()
    copy = backups.copy_backup(made, stick)
    assert driver.key_for(copy) is None
    done = backups.restore(datadir, copy)
    assert done.residents == made.residents and _counts(datadir) == before
    assert _plain_files(datadir.root) == []


def test_another_keys_backup_is_refused(tmp_path: Path) -> None:
    other = _office(tmp_path / "other", OTHER_KEY, code="420106001002")
    theirs = backups.make_backup(other).backup
    datadir = _office(tmp_path / "data", KEY)
    before = _counts(datadir)
    with pytest.raises(backups.RestoreRefused, match="key") as caught:
        backups.restore(datadir, theirs.path)
    assert _counts(datadir) == before
    assert "420106001002" in caught.value.message("en")  # named by the record beside it
    shutil.copyfile(theirs.path, tmp_path / "no-record.sqlite3")
    with pytest.raises(backups.RestoreRefused, match="无法用本机构的密钥打开"):
        backups.restore(datadir, tmp_path / "no-record.sqlite3")


def test_a_plain_backup_from_before_is_restored_encrypted(tmp_path: Path) -> None:
    datadir = _office(tmp_path / "data", None)
    old = backups.make_backup(datadir).backup
    kept = tmp_path / "old-backup.sqlite3"
    shutil.copyfile(old.path, kept)
    encryption.encrypt_database(datadir, KEY)
    done = backups.restore(datadir, kept)
    assert done.residents == 40
    assert datadir.db_path.read_bytes()[:15] != HEADER
    assert _plain_files(datadir.root) == []


# --- the upgrade of a plain office ----------------------------------------------------------------


def test_a_plain_office_is_upgraded_with_its_data_backups_and_keys(tmp_path: Path) -> None:
    from app.core.exchange.enrolment import load_own_keys

    datadir = _office(tmp_path / "data", None)
    backups.make_backup(datadir)
    (datadir.root / "griddesk.sqlite3.new").write_bytes(datadir.db_path.read_bytes())  # cut short
    fingerprint = load_own_keys(datadir).fingerprint
    before = _counts(datadir)
    assert _plain_files(datadir.root) != []

    steps: list[str] = []
    done = encryption.encrypt_database(datadir, KEY, lambda d, t, label: steps.append(label))

    assert done.database and done.backup is not None and done.backups_encrypted
    assert len(steps) >= 5
    assert _plain_files(datadir.root) == []
    assert driver.key_for(datadir.root) == KEY
    assert _counts(datadir) == before
    assert files.inspect(done.backup).ok
    for b in files.list_backups(datadir.backups):
        assert files.identify(b.path).office_code == "420106001001", b.path
    assert load_own_keys(datadir).fingerprint == fingerprint  # the same keys, now encrypted
    db, _info = open_office(datadir)
    try:
        report = check_database(db)
    finally:
        db.dispose()
    assert report.healthy and "cipher_integrity_check" in report.checked
    # again: nothing left to do, nothing broken
    again = encryption.encrypt_database(datadir, KEY)
    assert not again.database and not again.backups_encrypted and not again.keys_encrypted
    assert _counts(datadir) == before
    for path in datadir.root.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_an_upgrade_with_another_program_holding_the_database_changes_nothing(
    tmp_path: Path,
) -> None:
    datadir = _office(tmp_path / "data", None)
    holder = driver.connect(datadir.db_path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseProblem, match="占用"):
            encryption.encrypt_database(datadir, KEY)
    finally:
        holder.close()
    assert datadir.db_path.read_bytes()[:15] == HEADER
    assert not (datadir.root / "griddesk.sqlite3.encrypting").exists()


def test_an_encrypted_copy_that_differs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datadir = _office(tmp_path / "data", None)
    real = encryption.table_counts

    def one_row_short(path: Path, key: driver.KeyArg) -> dict[str, int]:
        counts = real(path, key)
        if key is not driver.PLAIN:
            counts["resident"] -= 1
        return counts

    monkeypatch.setattr(encryption, "table_counts", one_row_short)
    with pytest.raises(encryption.EncryptionRefused, match="resident"):
        encryption.encrypt_database(datadir, KEY)
    assert datadir.db_path.read_bytes()[:15] == HEADER
    assert not (datadir.root / "griddesk.sqlite3.encrypting").exists()


def test_files_the_program_makes_are_owner_only(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("mode bits are POSIX")
    datadir = _office(tmp_path / "data", None)
    made = backups.make_backup(datadir).backup
    for path in (datadir.db_path, made.path, made.sidecar, datadir.keys / keys.SIGNING_KEY):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for folder in (datadir.root, datadir.backups, datadir.keys, datadir.exports, datadir.logs):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
