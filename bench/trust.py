"""Trust at 180,000 residents: what encryption at rest and signing in cost, each against the same
work on the plain database, measured in the same run.

The encrypted community is the cached plain one (bench.common.community) given its first
administrator once, which encrypts it as an office made before users existed is encrypted
(app.core.trust.signin.add_first_admin: a checked backup first, then sqlcipher_export); it is kept
in bench/.data beside the plain one. The other benchmarks measure their work on the plain copy;
these rows say what the cipher adds to it.

* sign-in: argon2id at the parameters new passwords get (64 MiB, t=3), the key unwrapped, the
  office opened (schema check, profile) and the user loaded (target ≤ 1 s), against opening the
  plain office without users;
* (start-up is measured on this encrypted copy in bench.startup, sign-in included);
* search p95 and the 住户 page's first screen, encrypted against plain, within the targets the
  plain figures are held to (20 ms, 300 ms).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from bench.common import CACHE, Workload, community

RESIDENTS = 180_000
USER, PASSWORD = "bench-admin", "Bench-password-2026"


def encrypted_community() -> Path:
    """The cached community, encrypted, with the administrator USER (made once)."""
    plain = community(RESIDENTS)
    folder = CACHE / f"community-{RESIDENTS}-encrypted"
    made = folder / ".complete"
    if made.exists() and made.stat().st_mtime >= (plain / ".complete").stat().st_mtime:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print("(encrypting a copy of the 180,000-resident community, once…)", file=sys.stderr)
    shutil.copytree(plain, folder, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    from app.core.office.datadir import DataDir
    from app.core.trust.signin import add_first_admin, open_unsigned

    access = open_unsigned(DataDir(folder), daily_backup=False)
    opened, _recovery = add_first_admin(access, USER, PASSWORD)
    opened.close()
    shutil.rmtree(folder / "backups", ignore_errors=True)  # the plain-era backup it made first
    made.touch()
    return folder


def unlock(folder: Path) -> None:
    """Register the encrypted community's key in this process (as a sign-in would)."""
    from app.core.trust.keyring import Keyring
    from app.db import driver

    driver.register_key(folder, Keyring.load(folder / "keys").unlock(USER, PASSWORD))


def _sign_in(folder: Path) -> float:
    from app.core.office.datadir import DataDir
    from app.core.trust.signin import sign_in

    start = time.perf_counter()
    access = sign_in(DataDir(folder), USER, PASSWORD, daily_backup=False, record_now=False)
    took = time.perf_counter() - start
    access.close()
    return took


def _open_plain(folder: Path) -> float:
    from app.core.office.datadir import DataDir
    from app.core.trust.signin import open_unsigned

    start = time.perf_counter()
    access = open_unsigned(DataDir(folder), daily_backup=False)
    took = time.perf_counter() - start
    access.close()
    return took


def workloads() -> list[Workload]:
    from bench.registry import _first_screen, _search_p95

    plain = community(RESIDENTS)
    encrypted = encrypted_community()

    def search() -> float:
        unlock(encrypted)
        return _search_p95(encrypted)

    def first_screen() -> float:
        unlock(encrypted)
        return _first_screen(encrypted)

    return [
        Workload(
            "sign-in (argon2id 64 MiB t=3 + open), encrypted 180,000",
            lambda: _sign_in(encrypted),
            "open without users, plain 180,000",
            lambda: _open_plain(plain),
            target_seconds=1.0,
            repeat=3,
        ),
        Workload(
            "search p95, encrypted 180,000",
            search,
            "search p95, plain 180,000",
            lambda: _search_p95(plain),
            target_seconds=0.020,
            repeat=1,
        ),
        Workload(
            "住户 page first screen, encrypted 180,000",
            first_screen,
            "住户 page first screen, plain 180,000",
            lambda: _first_screen(plain),
            target_seconds=0.300,
            repeat=3,
        ),
    ]
