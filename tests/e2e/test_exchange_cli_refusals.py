"""`main.py keys enroll` and `main.py exchange import` as a script or a clerk at a terminal meets
them (CLI.md, "Exchange with the street office"): the fingerprint is compared before a key is
trusted; a file that is no package, or a hostile one, is refused on its own line with the reason
and never keeps the good files beside it from being imported."""

from __future__ import annotations

import json
import os
import pty
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    COMMUNITY,
    MAIN,
    ROOT,
    STREET,
    count,
    enroll,
    env_for,
    fingerprint_of,
    griddesk,
    refused,
)


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A street office and a community (200 residents) with their key files; nothing enrolled."""
    tmp = tmp_path_factory.mktemp("refusals")
    home, street, community = tmp / "home", tmp / "S", tmp / "C"
    assert griddesk(home, street, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, community, "demo", "--residents", "200").code == 0
    assert griddesk(home, street, "keys", "export-public", str(tmp / "S.pub")).code == 0
    assert griddesk(home, community, "keys", "export-public", str(tmp / "C.pub")).code == 0
    return {"home": home, "S": street, "C": community, "tmp": tmp}


def _enrolled(data: Path) -> int:
    return count(data / "griddesk.sqlite3", "SELECT count(*) FROM enrolled_office")


def test_without_a_terminal_the_fingerprint_must_be_given_and_match(
    offices: dict[str, Path],
) -> None:
    home, community, tmp = offices["home"], offices["C"], offices["tmp"]
    key = tmp / "S.pub"
    line = refused(griddesk(home, community, "keys", "enroll", str(key), lang="en"))
    assert "--fingerprint" in line and fingerprint_of(key) in line
    wrong = "0000 " * 7 + "0000"
    line = refused(griddesk(home, community, "keys", "enroll", str(key), "--fingerprint", wrong))
    assert "指纹不符" in line
    assert _enrolled(community) == 0
    typed = fingerprint_of(key).replace(" ", "").lower()  # spaces optional, any case
    run = griddesk(home, community, "keys", "enroll", str(key), "--fingerprint", typed)
    assert run.code == 0, run.err
    assert _enrolled(community) == 1


def _at_a_terminal(
    home: Path, data: Path, *args: str, typed: str
) -> subprocess.CompletedProcess[bytes]:
    """Run main.py with a pseudo-terminal as its stdin, `typed` waiting there as if typed."""
    master, slave = pty.openpty()
    try:
        cmd = [sys.executable, str(MAIN), "--data-dir", str(data), "--lang", "en", *args]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env_for(home), stdin=slave,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        os.close(slave)
        slave = -1
        os.write(master, typed.encode() + b"\n")
        out, err = proc.communicate(timeout=120)
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)


def test_on_a_terminal_the_fingerprint_is_typed_back(offices: dict[str, Path]) -> None:
    home, street, tmp = offices["home"], offices["S"], offices["tmp"]
    key = tmp / "C.pub"
    typo = fingerprint_of(key)[:-1] + ("0" if fingerprint_of(key)[-1] != "0" else "1")
    wrong = _at_a_terminal(home, street, "keys", "enroll", str(key), typed=typo)
    assert wrong.returncode == 1, wrong
    assert b"Type the fingerprint" in wrong.stdout and b"differ" in wrong.stderr
    assert _enrolled(street) == 0
    right = _at_a_terminal(home, street, "keys", "enroll", str(key), typed=fingerprint_of(key))
    assert right.returncode == 0, right
    assert _enrolled(street) == 1


def _header_bomb(path: Path, header: bytes) -> Path:
    """A file with the package layout around `header` (nobody's signature)."""
    path.write_bytes(b"GRIDDESK-PKG\x00\x00\x00\x01" + struct.pack(">I", len(header)) + header
                     + bytes(64))  # fmt: skip
    return path


def test_a_hostile_file_beside_good_packages_is_refused_alone(offices: dict[str, Path]) -> None:
    """`[` × 100,000 as a header used to end the whole command in 内部错误 (RecursionError)
    before the good package named after it was imported."""
    home, street, community, tmp = (offices[k] for k in ("home", "S", "C", "tmp"))
    if _enrolled(street) == 0:
        assert enroll(home, street, tmp / "C.pub").code == 0
    if _enrolled(community) == 0:
        assert enroll(home, community, tmp / "S.pub").code == 0
    folder = tmp / "stick"
    export = griddesk(home, community, "exchange", "export", "--out", str(folder))
    assert export.code == 0, export.err
    good = Path(export.last_word)
    long = _header_bomb(folder / "long.gdpkg", b"[" * 100_000)
    bad = _header_bomb(folder / "bad.gdpkg", b"[" * 60_000)  # within the header's length
    empty = folder / "empty.gdpkg"
    empty.write_bytes(b"")
    names = (str(long), str(bad), str(empty), str(good))
    run = griddesk(home, street, "exchange", "import", *names, lang="en")
    assert run.code == 1, (run.out, run.err)  # the worst outcome: one was refused
    assert "Traceback" not in run.err and "Internal error" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 3, lines
    assert any(str(long) in line and "header length" in line for line in lines), lines
    assert any(str(bad) in line and "nested" in line for line in lines), lines
    assert any(str(empty) in line and "damaged" in line for line in lines)
    assert "Imported package 1" in run.out and str(good) in run.out
    theirs = f"SELECT count(*) FROM resident WHERE origin = '{COMMUNITY}'"
    assert count(street / "griddesk.sqlite3", theirs) == count(
        community / "griddesk.sqlite3", "SELECT count(*) FROM resident"
    )
    # the folder again: the good one already imported (3), the bad ones refused (1)
    again = griddesk(home, street, "exchange", "import", str(folder), lang="en")
    assert again.code == 1 and "already imported" in again.err
    assert len(again.err.strip().splitlines()) == 4


def test_a_receipt_nested_fifty_thousand_deep_is_refused(offices: dict[str, Path]) -> None:
    home, community, tmp = offices["home"], offices["C"], offices["tmp"]
    body = b'{"a":' * 50_000
    receipt = tmp / "bomb.gdrct"
    receipt.write_bytes(b"GRIDDESK-RCT\x00\x00\x00\x01" + struct.pack(">I", len(body)) + body
                        + bytes(64))  # fmt: skip
    line = refused(griddesk(home, community, "exchange", "import-receipt", str(receipt), lang="en"))
    assert "nested" in line


def test_an_enrolment_file_nested_deep_is_refused(offices: dict[str, Path]) -> None:
    home, street, tmp = offices["home"], offices["S"], offices["tmp"]
    key = tmp / "deep.pub"
    key.write_text("[" * 100_000, encoding="utf-8")
    line = refused(griddesk(home, street, "keys", "enroll", str(key), "--fingerprint", "x"))
    assert "不是有效的机构公钥文件" in line
    key.write_text(json.dumps({"format": "griddesk-enrolment", "pad": "x" * 100_000}))
    assert "不是有效的机构公钥文件" in refused(
        griddesk(home, street, "keys", "enroll", str(key), "--fingerprint", "x")
    )
