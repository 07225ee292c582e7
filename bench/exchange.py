"""The exchange with the street office (issue 8), each against a baseline measured in the same run:

* a full export of the 180,000-resident community (every travelling record, sealed, written to the
  stick and to `exports/`, read back and checked) — against the same rows read with one plain
  SELECT per table, serialised to canonical JSON, compressed and encrypted with the same stream
  cipher (target ≤ 2×);
* a street office importing one full package from each of 20 communities of 9,000 residents
  (target ≤ 60 s for all 20) — against the same 20 payloads decrypted, decoded and written with
  `executemany` of the raw values into bare SQLite tables;
* the same street office given the same 20 packages again, each refused as already imported
  (target ≤ 5 s for all 20) — against reading and hashing the 20 files;
* peak memory (the largest resident set of a process that imports one package into a fresh copy
  of the street office: its VmHWM, since ru_maxrss counts what the parent held when it forked),
  printed in the row beside the file's size: a 50,000-resident package (limit 300 MB), a
  180,000-resident one and one as large as a package may be, a million records in 250 MiB (500 MB)
  — against a process that decrypts the same payload and parses it whole with json.loads, as
  imports did before; and two zlib bombs signed by an enrolled community, 2 GiB of zeros and 2 GiB
  of spaces before {"records":{}}, 2 MB each on the stick (500 MB, refused) — against a process
  that reads and hashes the file.

The 20 communities, the street office that enrolled them and their packages are made once and kept
in bench/.data (`exchange-offices`); each measurement imports into a fresh copy of the street
office.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from bench.common import CACHE, ROOT, Workload, community

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
    from app.core.exchange.enrolment import enroll, export_public, read_enrolment
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office

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
    from app.core.exchange.packages import export_package
    from app.core.office.datadir import DataDir
    from app.core.office.demo import fill_demo
    from app.core.office.setup import init_office, open_office
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
            with db.session(note="demo") as session:
                fill_demo(session, RESIDENTS, seed=1000 + i)
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
    from app.core.exchange.importing import import_package
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
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

    from app.core.exchange import package_file as fmt
    from app.core.exchange.enrolment import load_own_keys
    from app.core.office.datadir import DataDir

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


# -- peak memory ----------------------------------------------------------------------------------

MEMORY = OFFICES / "memory"  # made again with the offices (their keys sign and open these)
MB = 1024 * 1024


def _package_of(residents: int) -> tuple[Path, Path]:
    """(a full package of a demo community of `residents`, a street office that enrolled that
    community), made once: the community is a copy of bench.common's, the street office a copy of
    the bench's (the communities of every size share one code, so each has its own)."""
    from app.core.exchange.packages import export_package
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.db.revision import SCHEMA_HEAD

    folder = MEMORY / f"package-{residents}"
    street = MEMORY / f"street-{residents}"
    stamp = folder / ".complete"
    if stamp.is_file() and stamp.read_text() == f"{_STAMP} {SCHEMA_HEAD}":
        return next(folder.glob("*.gdpkg")), street
    cached_street, _packages = _offices()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(street, ignore_errors=True)
    shutil.copytree(cached_street, street)
    work = MEMORY / f"community-{residents}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(
        community(residents), work, ignore=shutil.ignore_patterns("backups", "logs", "exports")
    )
    tmp = Path(tempfile.mkdtemp(prefix="gd-bench-pub-"))
    try:
        _enrol(work, street, tmp)
        _enrol(street, work, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    datadir = DataDir(work)
    db, info = open_office(datadir)
    try:
        path = export_package(db, datadir, info, folder, full=True).path
    finally:
        db.dispose()
    shutil.rmtree(work, ignore_errors=True)
    stamp.write_text(f"{_STAMP} {SCHEMA_HEAD}")
    return path, street


def _largest() -> tuple[Path, Path]:
    """A package as large as a package may be: 250 MiB of well-formed records (a million grids,
    declared in its header), from the first bench community."""
    import uuid

    grid = (
        '{{"code":"G{i}","created_at":"2026-11-29T06:00:00","delete_reason":null,'
        '"deleted_at":null,"name":"第{i}网格","notes":null,"origin":"{origin}","seq":{seq},'
        '"updated_at":"2026-11-29T06:00:00","uuid":"{uuid}"}}'
    )
    origin = _community_code(0)
    longest = grid.format(i=9_999_999, origin=origin, seq=9_999_999, uuid=uuid.UUID(int=1))
    rows = (250 * MB) // (len(longest.encode()) + 1)  # 250 MiB at most, under MAX_PAYLOAD

    def parts() -> list[bytes]:
        out = [b'{"records":{"grid":[']
        for start in range(0, rows, 10_000):
            text = ",".join(
                grid.format(i=i, origin=origin, seq=i + 1, uuid=uuid.UUID(int=i + 1))
                for i in range(start, min(rows, start + 10_000))
            )
            out.append(("," if start else "").encode() + text.encode())
        out.append(b"]}}")
        return out

    return _bomb("largest", parts, counts={"grid": rows}, up_to=rows)


def _bomb(
    name: str,
    parts: tuple[tuple[bytes, int], ...] | Callable[[], list[bytes]],
    counts: dict[str, int] | None = None,
    up_to: int = 1,
) -> tuple[Path, Path]:
    """A package of the first bench community whose payload is `parts` (each a mebibyte repeated
    that many times, or the pieces a function gives), compressed, encrypted for and signed like a
    real one: an enrolled community gone wrong, or a writer with a bug."""
    from app.core.exchange import package_file as fmt
    from app.core.exchange.enrolment import load_own_keys
    from app.core.office.datadir import DataDir

    street, _packages = _offices()
    path = MEMORY / f"{name}.gdpkg"
    if path.is_file():
        return path, street
    sender_folder = OFFICES / "community-01"
    sender = load_own_keys(DataDir(sender_folder))
    recipient = load_own_keys(DataDir(street))
    packer = zlib.compressobj(9)
    if callable(parts):
        texts = parts()
        length: int | None = sum(map(len, texts))
        pieces = [packer.compress(text) for text in texts]
    else:
        length = None
        pieces = [packer.compress(part) for part, times in parts for _ in range(times)]
    plaintext = b"".join(pieces) + packer.flush()
    ephemeral, ciphertext = fmt.encrypt_stream(plaintext, recipient.encryption.public_key())
    manifest = {
        "format": "griddesk-package",
        "format_version": 1,
        "schema_revision": "0013",
        "sender": {
            "code": _community_code(0),
            "name": "第1社区",
            "role": "community",
            "fingerprint": sender.fingerprint,
        },
        "recipient": {"code": STREET, "fingerprint": recipient.fingerprint},
        "package_seq": 2,
        "previous_hash": None,
        "created_at": "2026-11-29T06:00:00Z",
        "kind": "full",
        "since_seq": 0,
        "up_to_seq": up_to,
        "counts": counts or {},
    }
    encryption = {
        "scheme": fmt.SCHEME,
        "ephemeral_public": fmt.b64(ephemeral),
        "chunk_size": fmt.CHUNK_SIZE,
        "compression": "zlib",
        "ciphertext_length": len(ciphertext),
        "ciphertext_sha256": hashlib.sha256(ciphertext).hexdigest(),
    }
    if length is not None:
        encryption["payload_length"] = length
    header = fmt.canonical_json({"manifest": manifest, "encryption": encryption})
    signed = fmt.MAGIC + len(header).to_bytes(4, "big") + header + ciphertext
    MEMORY.mkdir(parents=True, exist_ok=True)
    path.write_bytes(signed + sender.signing.sign(signed))
    return path, street


# a process's own peak resident set (ru_maxrss would keep its parent's from before exec)
_PEAK = """
def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""

_CHILD_IMPORT = (
    _PEAK
    + """
import json, sys, time
from pathlib import Path
from app.core.office.datadir import DataDir
from app.core.exchange.importing import import_package
from app.core.office.setup import open_office
from app.errors import GridDeskError
datadir = DataDir(Path(sys.argv[1]))
db, info = open_office(datadir)
start = time.perf_counter()
try:
    outcome = "imported %d" % import_package(db, datadir, info, Path(sys.argv[2])).records
except GridDeskError as exc:
    outcome = "refused: " + exc.message("en")[:60]
took = time.perf_counter() - start
print(json.dumps({"seconds": took, "peak_kib": peak_kib(),
                  "outcome": outcome}))
"""
)

# the payload decrypted and parsed whole, as imports did before it was read record by record
_CHILD_WHOLE = (
    _PEAK
    + """
import json, sys, time, zlib
from pathlib import Path
from app.core.exchange import package_file as fmt
from app.core.office.datadir import DataDir
from app.core.exchange.enrolment import load_own_keys
own = load_own_keys(DataDir(Path(sys.argv[1])))
start = time.perf_counter()
data = Path(sys.argv[2]).read_bytes()
envelope = fmt.split(data)
enc = envelope.header["encryption"]
plain = fmt.decrypt_stream(envelope.ciphertext, fmt.unb64(enc["ephemeral_public"]), own.encryption)
records = json.loads(zlib.decompress(plain))["records"]
took = time.perf_counter() - start
print(json.dumps({"seconds": took, "peak_kib": peak_kib(),
                  "outcome": "%d entities" % len(records)}))
"""
)

_CHILD_READ = (
    _PEAK
    + """
import hashlib, json, sys, time
from pathlib import Path
start = time.perf_counter()
hashlib.sha256(Path(sys.argv[2]).read_bytes()).hexdigest()
took = time.perf_counter() - start
print(json.dumps({"seconds": took, "peak_kib": peak_kib(),
                  "outcome": "read"}))
"""
)


def _in_a_process(code: str, package: Path, street: Path) -> dict[str, object]:
    """Run `code` in a fresh interpreter on a fresh copy of the street office (copied here, so
    the copying is not in its memory); what it printed: seconds, peak_kib, outcome."""
    folder = _fresh_street(street)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(folder), str(package)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _memory_row(
    label: str,
    package: Callable[[], tuple[Path, Path]],
    limit_mb: int,
    baseline_code: str,
    baseline_label: str,
) -> Workload:
    """A row whose time is the import's, in a process of its own, and whose name, filled in once
    measured, gives the process's peak memory beside the file's size and the limit."""
    made: list[tuple[Path, Path]] = []

    def files() -> tuple[Path, Path]:
        if not made:
            made.append(package())
        return made[0]

    def run() -> float:
        path, street = files()
        got = _in_a_process(_CHILD_IMPORT, path, street)
        peak = int(got["peak_kib"]) // 1024  # type: ignore[call-overload]
        size = path.stat().st_size / MB
        verdict = "ok" if peak <= limit_mb else "OVER"
        row.name = (
            f"exchange: {label}, {size:.1f} MB file: peak {peak} MB "
            f"({verdict} ≤{limit_mb} MB; {str(got['outcome']).split(':')[0]})"
        )
        return float(got["seconds"])  # type: ignore[arg-type]

    def baseline() -> float:
        path, street = files()
        got = _in_a_process(baseline_code, path, street)
        row.baseline_name = f"{baseline_label}: peak {int(got['peak_kib']) // 1024} MB"  # type: ignore[call-overload]
        return float(got["seconds"])  # type: ignore[arg-type]

    row = Workload(f"exchange: peak memory, {label}", run, baseline_label, baseline, repeat=1)
    return row


def workloads() -> list[Workload]:
    from app.core.exchange import package_file as fmt
    from app.core.exchange.enrolment import load_own_keys
    from app.core.exchange.packages import export_package, travelling_entities
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office

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
        _memory_row(
            "50,000 residents",
            lambda: _package_of(50_000),
            300,
            _CHILD_WHOLE,
            "decrypt + json.loads whole",
        ),
        _memory_row(
            "180,000 residents",
            lambda: _package_of(180_000),
            500,
            _CHILD_WHOLE,
            "decrypt + json.loads whole",
        ),
        _memory_row(
            "zlib bomb, 2 GiB of zeros",
            lambda: _bomb("zeros", ((bytes(MB), 2048),)),
            500,
            _CHILD_READ,
            "read + SHA-256 of the file",
        ),
        _memory_row(
            'zlib bomb, 2 GiB of spaces + {"records":{}}',
            lambda: _bomb("spaces", ((b" " * MB, 2048), (b'{"records":{}}', 1))),
            500,
            _CHILD_READ,
            "read + SHA-256 of the file",
        ),
        _memory_row(
            "the largest payload allowed (a million grids)",
            _largest,
            500,
            _CHILD_WHOLE,
            "decrypt + json.loads whole",
        ),
    ]
