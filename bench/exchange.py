"""The exchange with the street office (issue 8), each against a baseline measured in the same run:

* a full export of the 180,000-resident community (every travelling record, sealed, written to the
  stick and to `exports/`, read back and checked) — against the same rows read with one plain
  SELECT per table, serialised to canonical JSON, compressed and encrypted with the same stream
  cipher (target ≤ 2×);
* a street office importing one full package from each of 20 communities of 9,000 residents
  (target ≤ 60 s for all 20) — against the same 20 payloads decrypted, decoded and written with
  `executemany` of the raw values into bare SQLite tables;
* the same street office given the same 20 packages again, each refused as already imported
  (target ≤ 5 s for all 20) — against reading and hashing the 20 files.

The 20 communities, the street office that enrolled them and their packages are made once and kept
in bench/.data (`exchange-offices`); each measurement imports into a fresh copy of the street
office.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import time
import zlib
from pathlib import Path

from bench.common import CACHE, Workload, community

COMMUNITIES = 20
RESIDENTS = 9_000
STREET = "420106001"
OFFICES = CACHE / "exchange-offices"
# a change to how the offices are made, or a new schema revision (packages of an older revision
# lack its columns and take the slower path), makes the offices again
_STAMP = "v1"


def _community_code(i: int) -> str:
    return f"{STREET}{101 + i:03d}"


def _enrol(folder: Path, other: Path, tmp: Path) -> None:
    """`folder`'s office trusts `other`'s key file (compared in person, in real life)."""
    from app.core.datadir import DataDir
    from app.core.exchange_keys import enroll, export_public, read_enrolment
    from app.core.office import open_office

    db, info = open_office(DataDir(other))
    db.dispose()
    pub = export_public(DataDir(other), info, tmp / f"{info.code}.pub")[0]
    db, info = open_office(DataDir(folder))
    try:
        with db.session() as session:
            enroll(session, info, read_enrolment(pub))
    finally:
        db.dispose()


def _offices() -> tuple[Path, list[Path]]:
    """(the street office's folder, the 20 full packages), made once and kept."""
    from app.core.datadir import DataDir
    from app.core.demo import fill_demo
    from app.core.exchange import export_package
    from app.core.office import init_office, open_office
    from app.db.revision import SCHEMA_HEAD

    street = OFFICES / "street"
    packages = OFFICES / "packages"
    done = OFFICES / ".complete"
    stamp = f"{_STAMP} {SCHEMA_HEAD}"
    if done.is_file() and done.read_text() == stamp:
        return street, sorted(packages.glob("*.gdpkg"))
    shutil.rmtree(OFFICES, ignore_errors=True)
    print(
        f"(making {COMMUNITIES} communities of {RESIDENTS:,} residents and their packages, once…)",
        flush=True,
    )
    tmp = OFFICES / "pub"
    tmp.mkdir(parents=True)
    init_office(DataDir(street), "street-office", STREET, "百步亭街道办事处", None)
    for i in range(COMMUNITIES):
        folder = OFFICES / f"community-{i + 1:02d}"
        init_office(DataDir(folder), "community", _community_code(i), f"第{i + 1}社区", STREET)
        db, _info = open_office(DataDir(folder))
        try:
            fill_demo(db, RESIDENTS, seed=1000 + i)
        finally:
            db.dispose()
        _enrol(folder, street, tmp)
        _enrol(street, folder, tmp)
        datadir = DataDir(folder)
        db, info = open_office(datadir)
        try:
            export_package(db, datadir, info, packages, full=True)
        finally:
            db.dispose()
    done.write_text(stamp)
    return street, sorted(packages.glob("*.gdpkg"))


def _fresh_street(street: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="gd-bench-street-")) / "data"
    shutil.copytree(street, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    return target


def _import_all() -> tuple[float, float]:
    """(seconds to import the 20 packages, seconds to be refused all 20 again)."""
    from app.core.datadir import DataDir
    from app.core.exchange import import_package
    from app.core.office import open_office
    from app.errors import AlreadyDone

    street, packages = _offices()
    assert len(packages) == COMMUNITIES, packages
    folder = _fresh_street(street)
    try:
        datadir = DataDir(folder)
        db, info = open_office(datadir)
        try:
            start = time.perf_counter()
            for path in packages:
                result = import_package(db, datadir, info, path)
                assert result.inserted >= RESIDENTS, result
            imported = time.perf_counter() - start
            start = time.perf_counter()
            for path in packages:
                try:
                    import_package(db, datadir, info, path)
                except AlreadyDone:
                    continue
                raise AssertionError(f"{path.name} imported twice")
            again = time.perf_counter() - start
        finally:
            db.dispose()
        return imported, again
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


def _raw_import() -> float:
    """The 20 payloads decrypted and decoded, their rows written as they are (uuids, no ids, no
    checks) with one `executemany` per table into bare tables, in one transaction."""
    import json

    from app.core import exchange_format as fmt
    from app.core.datadir import DataDir
    from app.core.exchange_keys import load_own_keys

    street, packages = _offices()
    own = load_own_keys(DataDir(street))
    root = Path(tempfile.mkdtemp(prefix="gd-bench-"))
    try:
        start = time.perf_counter()
        conn = sqlite3.connect(root / "raw.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        made: set[str] = set()
        for path in packages:
            envelope = fmt.split(path.read_bytes())
            enc = envelope.header["encryption"]
            plaintext = fmt.decrypt_stream(
                envelope.ciphertext, fmt.unb64(enc["ephemeral_public"]), own.encryption
            )
            records = json.loads(zlib.decompress(plaintext))["records"]
            for name, rows in records.items():
                keys = list(rows[0])
                if name not in made:
                    conn.execute(f'CREATE TABLE "{name}" ({", ".join(keys)})')
                    made.add(name)
                conn.executemany(
                    f'INSERT INTO "{name}" ({", ".join(keys)}) VALUES ({", ".join("?" * len(keys))})',
                    [tuple(r[k] for k in keys) for r in rows],
                )
            conn.commit()
        conn.close()
        return time.perf_counter() - start
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _read_and_hash() -> float:
    _street, packages = _offices()
    start = time.perf_counter()
    for path in packages:
        hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - start


def _export_setup() -> tuple[Path, Path]:
    """(a copy of the 180,000-resident community that trusts the street office, a stick)."""
    street, _packages = _offices()
    work = CACHE / "exchange-export"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(
        community(180_000), work, ignore=shutil.ignore_patterns("backups", "logs", "exports")
    )
    tmp = Path(tempfile.mkdtemp(prefix="gd-bench-pub-"))
    try:
        _enrol(work, street, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    stick = CACHE / "exchange-stick"
    shutil.rmtree(stick, ignore_errors=True)
    stick.mkdir(parents=True)
    return work, stick


def workloads() -> list[Workload]:
    from app.core import exchange_format as fmt
    from app.core.datadir import DataDir
    from app.core.exchange import export_package, travelling_entities
    from app.core.exchange_keys import load_own_keys
    from app.core.office import open_office

    work, stick = _export_setup()
    street, _packages = _offices()
    recipient = load_own_keys(DataDir(street)).encryption.public_key()
    datadir = DataDir(work)
    db, info = open_office(datadir)
    tables = [e.name for e in travelling_entities()]

    def export() -> float:
        start = time.perf_counter()
        result = export_package(db, datadir, info, stick, full=True)
        took = time.perf_counter() - start
        assert result.counts["resident"] >= 180_000, result.counts
        result.path.unlink()
        (datadir.exports / result.path.name).unlink()
        return took

    def raw_export() -> float:
        start = time.perf_counter()
        conn = sqlite3.connect(work / "griddesk.sqlite3")
        records = {}
        for name in tables:
            cursor = conn.execute(f'SELECT * FROM "{name}"')
            keys = [d[0] for d in cursor.description]
            rows = [dict(zip(keys, row, strict=True)) for row in cursor]
            if rows:
                records[name] = rows
        conn.close()
        plaintext = zlib.compress(fmt.canonical_json({"records": records}), 6)
        fmt.encrypt_stream(plaintext, recipient)
        return time.perf_counter() - start

    measured: dict[str, float] = {}

    def imports() -> float:
        measured["imported"], measured["again"] = _import_all()
        return measured["imported"]

    def again() -> float:
        # measured by the import run just before (a re-import needs the first import done)
        return measured.pop("again", None) or _import_all()[1]

    return [
        Workload(
            "exchange: full export, 180,000 residents (sealed, written)",
            export,
            "SELECT * per table + JSON + zlib + encrypt",
            raw_export,
            target_ratio=2.0,
            repeat=3,
        ),
        Workload(
            f"exchange: street office imports {COMMUNITIES} × {RESIDENTS:,} residents",
            imports,
            "decrypt + executemany raw values",
            _raw_import,
            target_seconds=60.0,
            repeat=1,
        ),
        Workload(
            f"exchange: the same {COMMUNITIES} packages again (all refused)",
            again,
            f"read + SHA-256 of the {COMMUNITIES} files",
            _read_and_hash,
            target_seconds=5.0,
            repeat=1,
        ),
    ]
