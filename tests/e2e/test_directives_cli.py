"""`main.py directive …` and return packages run as processes, through files alone: the street
office issues a notice, a task and an allocation; the community imports the return package, does
the task, confirms the allocation into stock, sends its package back; the street office sees it;
receipts both ways; `exchange pending` and `exchange resend`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_exchange_cli import Run, griddesk, refused

STREET, COMMUNITY = "420106001", "420106001001"


@pytest.fixture
def offices(tmp_path: Path) -> dict[str, Path]:
    home, street, community = tmp_path / "home", tmp_path / "S", tmp_path / "C"
    assert griddesk(home, street, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, street, "keys", "export-public", str(tmp_path / "S.pub")).code == 0
    assert griddesk(home, community, "keys", "export-public", str(tmp_path / "C.pub")).code == 0
    assert griddesk(home, community, "keys", "enroll", str(tmp_path / "S.pub")).code == 0
    assert griddesk(home, street, "keys", "enroll", str(tmp_path / "C.pub")).code == 0
    return {"home": home, "S": street, "C": community, "tmp": tmp_path}


def _ok(run: Run) -> Run:
    assert run.code == 0, (run.out, run.err)
    return run


def _json(run: Run) -> dict[str, object]:
    return dict(json.loads(_ok(run).out))


def test_directives_round_trip_through_files_alone(offices: dict[str, Path]) -> None:
    home, s, c, tmp = (offices[k] for k in ("home", "S", "C", "tmp"))

    def street(*args: str) -> Run:
        return griddesk(home, s, *args, lang="en")

    def community(*args: str) -> Run:
        return griddesk(home, c, *args, lang="en")

    notice = _ok(street("directive", "add", "--kind", "notice", "--to", "all",
                        "--title", "明日核酸检测", "--text", "早 8 点开始"))  # fmt: skip
    assert notice.last_word == "1"
    task = _ok(street("directive", "add", "--kind", "task", "--to", COMMUNITY,
                      "--text", "排查独居老人", "--due", "2026-12-01"))  # fmt: skip
    alloc = _ok(street("directive", "add", "--kind", "allocation", "--to", COMMUNITY,
                       "--item", "大米", "--qty", "40", "--unit", "袋"))  # fmt: skip
    line = refused(street("directive", "add", "--kind", "notice", "--to", "999", "--title", "x",
                          "--text", "y"))  # fmt: skip
    assert "999" in line
    refused(community("directive", "add", "--kind", "notice", "--to", "all", "--title", "x",
                      "--text", "y"))  # fmt: skip
    refused(community("exchange", "export", "--out", str(tmp / "x"), "--to", STREET))

    export = _ok(street("exchange", "export", "--out", str(tmp / "usb")))
    package = Path(export.last_word)
    assert package.is_file() and package.parent == tmp / "usb"
    refused(street("exchange", "export", "--out", str(tmp / "usb")), 3)  # nothing new
    pending = _json(street("exchange", "pending", "--json"))
    assert pending["count"] == 1

    imported = _ok(community("exchange", "import", str(package)))
    assert "3 added" in imported.out
    assert "already imported" in refused(community("exchange", "import", str(package)), 3)
    listed = _json(community("directive", "list", "--json"))["directives"]
    assert isinstance(listed, list)
    by_kind = {d["kind"]: d for d in listed}
    assert {k: d["state"] for k, d in by_kind.items()} == {
        "notice": "received",
        "task": "open",
        "allocation": "open",
    }
    task_ref, alloc_ref = by_kind["task"]["ref"], by_kind["allocation"]["ref"]
    assert task.last_word == "2" and alloc.last_word == "3"

    refused(community("directive", "done", alloc_ref))  # not a task
    _ok(community("directive", "done", task_ref, "--note", "已走访"))
    refused(community("directive", "done", task_ref), 3)
    refused(community("directive", "receive", alloc_ref, "--qty", "-4"))
    _ok(community("directive", "receive", alloc_ref, "--qty", "38"))
    stock = _json(community("supplies", "stock", "--json"))["items"]
    assert isinstance(stock, list)
    assert [(i["item"], i["on_hand"]) for i in stock] == [("大米", 38)]

    # the answers go back in the community's own package; receipts both ways
    back = Path(_ok(community("exchange", "export", "--out", str(tmp / "usb2"))).last_word)
    _ok(street("exchange", "import", str(back)))
    seen = _json(street("directive", "list", "--json"))["directives"]
    assert isinstance(seen, list)
    states = {d["kind"]: d["communities"][0] for d in seen}
    assert states["task"]["state"] == "completed" and states["task"]["note"] == "已走访"
    assert (states["allocation"]["state"], states["allocation"]["qty_received"]) == (
        "arrived",
        38,
    )
    receipt = Path(_ok(community("exchange", "receipt", "--out", str(tmp / "r"))).last_word)
    _ok(street("exchange", "import-receipt", str(receipt)))
    assert _json(street("exchange", "pending", "--json"))["count"] == 0
    refused(street("exchange", "resend", "--out", str(tmp / "again")), 3)
    # the community's own package is pending until the street office's receipt comes
    assert _json(community("exchange", "pending", "--json"))["count"] == 1
    again = _ok(community("exchange", "resend", "--out", str(tmp / "again")))
    assert Path(again.last_word).read_bytes() == back.read_bytes()
    assert _ok(street("check")) and _ok(community("check"))
