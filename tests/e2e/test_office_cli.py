"""`main.py init` checking the codes, `office show` / `office set`, and `keys enroll` refusing a
community not under the street office, run as commands (CLI.md, "Foundation")."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.office.datadir import DataDir
from app.core.office.setup import init_office
from tests.e2e.conftest import CJK, INIT, NAME, digest, fingerprint_of, griddesk
from tests.e2e.conftest import COMMUNITY as CODE
from tests.e2e.conftest import STREET as PARENT
from tests.e2e.conftest import refused as assert_one_clear_line


def test_init_refuses_a_community_not_under_its_street_office(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    args = ["init", "--role", "community", "--code", "420106001001", "--name", NAME]
    run = griddesk(home, data, *args, "--parent-code", "420106002")
    line = assert_one_clear_line(run)
    assert "420106001001" in line and "420106002" in line and "开头" in line
    assert not data.exists()  # not even the folder
    english = griddesk(home, data, *args, "--parent-code", "420106002", lang="en")
    line = assert_one_clear_line(english)
    assert "does not start with" in line and not CJK.search(line)
    assert not data.exists()
    street = griddesk(home, data, "init", "--role", "street-office", "--code", CODE,
                      "--name", "水果湖街道")  # fmt: skip
    assert "9位" in assert_one_clear_line(street)
    assert not data.exists()


@pytest.fixture
def office(home: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0
    return data


def show(home: Path, data: Path) -> dict:
    run = griddesk(home, data, "office", "show", "--json")
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_office_details_are_shown_and_set(home: Path, office: Path) -> None:
    shown = show(home, office)
    assert shown == {
        "code": CODE,
        "name": NAME,
        "role": "community",
        "parent_code": PARENT,
        "phone": None,
        "address": None,
        "contact": None,
        "code_changeable": True,
        "code_locked_because": None,
    }
    run = griddesk(home, office, "office", "set", "--phone", "027-85551234",
                   "--address", "百步亭花园路1号", "--contact", "王主任")  # fmt: skip
    assert run.code == 0, run.err
    assert "电话、地址、联系人" in run.out
    assert "027-85551234" in run.out  # and shows what is recorded now
    shown = show(home, office)
    assert (shown["phone"], shown["address"], shown["contact"]) == (
        "027-85551234",
        "百步亭花园路1号",
        "王主任",
    )
    text = griddesk(home, office, "office", "show")
    assert text.code == 0 and "联系人：王主任" in text.out

    same = griddesk(home, office, "office", "set", "--phone", "027-85551234")
    assert "未改变" in assert_one_clear_line(same, code=3)

    before = digest(office / "griddesk.sqlite3")
    bad = griddesk(home, office, "office", "set", "--name", "新名称", "--phone", "12345")
    line = assert_one_clear_line(bad)
    assert "电话" in line and "12345" in line
    assert digest(office / "griddesk.sqlite3") == before  # the good name was not kept either

    usage = griddesk(home, office, "office", "set")
    assert usage.code == 2 and "usage" in usage.err.lower() and "Traceback" not in usage.err


def test_the_code_changes_only_when_confirmed_and_before_any_exchange(
    home: Path, office: Path, tmp_path: Path
) -> None:
    before = digest(office / "griddesk.sqlite3")
    unconfirmed = griddesk(home, office, "office", "set", "--code", "420106001009")
    line = assert_one_clear_line(unconfirmed)
    assert "--confirm-code-change" in line and "公钥文件" in line and "420106001009" in line
    assert digest(office / "griddesk.sqlite3") == before
    wrong = griddesk(home, office, "office", "set", "--parent-code", "420106002")
    assert "开头" in assert_one_clear_line(wrong)

    done = griddesk(home, office, "office", "set", "--code", "420106001009",
                    "--confirm-code-change")  # fmt: skip
    assert done.code == 0, done.err
    assert show(home, office)["code"] == "420106001009"

    street = tmp_path / "street"
    init_office(DataDir(street), "street-office", PARENT, "水果湖街道")
    assert griddesk(home, street, "keys", "export-public", str(tmp_path / "s.pub")).code == 0
    enrolled = griddesk(home, office, "keys", "enroll", str(tmp_path / "s.pub"),
                        "--fingerprint", fingerprint_of(tmp_path / "s.pub"))  # fmt: skip
    assert enrolled.code == 0, enrolled.err
    shown = show(home, office)
    assert shown["code_changeable"] is False and "登记" in shown["code_locked_because"]
    locked = griddesk(home, office, "--lang", "en", "office", "set", "--code", "420106001001",
                      "--confirm-code-change")  # fmt: skip
    line = assert_one_clear_line(locked)
    assert "cannot change" in line and "enrolled" in line
    assert show(home, office)["code"] == "420106001009"


def test_a_street_office_refuses_to_enrol_a_community_not_under_it(
    home: Path, office: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other-street"
    init_office(DataDir(other), "street-office", "420106002", "中南路街道")
    assert griddesk(home, office, "keys", "export-public", str(tmp_path / "c.pub")).code == 0
    before = digest(other / "griddesk.sqlite3")
    run = griddesk(home, other, "keys", "enroll", str(tmp_path / "c.pub"))
    line = assert_one_clear_line(run)
    assert CODE in line and "420106002" in line and "不属于本街道办" in line
    assert digest(other / "griddesk.sqlite3") == before
    # the community may still trust that street office's key, and is told it is not under it
    assert griddesk(home, other, "keys", "export-public", str(tmp_path / "o.pub")).code == 0
    trusted = griddesk(home, office, "keys", "enroll", str(tmp_path / "o.pub"),
                       "--fingerprint", fingerprint_of(tmp_path / "o.pub"))  # fmt: skip
    assert trusted.code == 0, trusted.err
    assert "不以街道办" in trusted.err and "420106002" in trusted.err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_notices_carry_the_office_phone(home: Path, office: Path, tmp_path: Path) -> None:
    assert griddesk(home, office, "demo", "--residents", "200").code == 0
    assert griddesk(home, office, "office", "set", "--phone", "027-86661234").code == 0
    pdf = tmp_path / "pickup.pdf"
    run = griddesk(home, office, "print", "notices", "--template", "supply-pickup",
                   "--building", "1", "--out", str(pdf))  # fmt: skip
    assert run.code == 0, run.err
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    assert "社区电话：027-86661234" in "".join(text.stdout.decode().split())
