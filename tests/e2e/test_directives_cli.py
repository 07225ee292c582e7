"""`main.py directive …` and return packages run as commands, through files alone: the street
office issues a notice, a task and an allocation; the community imports the return package, does
the task, confirms the allocation into stock, sends its package back; the street office sees it;
receipts both ways; `exchange pending` and `exchange resend`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import COMMUNITY, STREET, Run, enroll, griddesk, refused


@pytest.fixture
def offices(tmp_path: Path) -> dict[str, Path]:
    home, street, community = tmp_path / "home", tmp_path / "S", tmp_path / "C"
    assert griddesk(home, street, "init", "--role", "street-office", "--code", STREET,
                    "--name", "水果湖街道").code == 0  # fmt: skip
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, street, "keys", "export-public", str(tmp_path / "S.pub")).code == 0
    assert griddesk(home, community, "keys", "export-public", str(tmp_path / "C.pub")).code == 0
    assert enroll(home, community, tmp_path / "S.pub").code == 0
    assert enroll(home, street, tmp_path / "C.pub").code == 0
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


def test_a_community_takes_back_its_answers(offices: dict[str, Path]) -> None:
    """`directive undo ID --reason R`: the stock receipt of an arrival is reversed, refused while
    the goods are out, 3 when there is nothing to take back; the street office sees the directive
    open again after the next package, and it can be answered again."""
    home, s, c, tmp = (offices[k] for k in ("home", "S", "C", "tmp"))

    def street(*args: str) -> Run:
        return griddesk(home, s, *args, lang="en")

    def community(*args: str) -> Run:
        return griddesk(home, c, *args, lang="en")

    _ok(street("directive", "add", "--kind", "task", "--to", COMMUNITY, "--text", "排查独居老人"))
    _ok(street("directive", "add", "--kind", "allocation", "--to", COMMUNITY,
               "--item", "大米", "--qty", "40", "--unit", "袋"))  # fmt: skip
    package = Path(_ok(street("exchange", "export", "--out", str(tmp / "usb"))).last_word)
    _ok(community("exchange", "import", str(package)))
    listed = _json(community("directive", "list", "--json"))["directives"]
    assert isinstance(listed, list)
    refs = {d["kind"]: d["ref"] for d in listed}

    def on_hand() -> int:
        items = _json(community("supplies", "stock", "--json"))["items"]
        assert isinstance(items, list)
        return sum(int(i["on_hand"]) for i in items if i["item"] == "大米")

    # nothing recorded yet: nothing to take back; the reason is required
    assert "nothing changed" in refused(
        community("directive", "undo", refs["task"], "--reason", "点错了"), 3
    )
    usage = community("directive", "undo", refs["task"])
    assert usage.code == 2 and "--reason" in usage.err
    _ok(community("directive", "done", refs["task"]))
    _ok(community("directive", "receive", refs["allocation"], "--qty", "400"))  # meant 40
    assert on_hand() == 400
    back = Path(_ok(community("exchange", "export", "--out", str(tmp / "usb2"))).last_word)
    _ok(street("exchange", "import", str(back)))

    # 390 handed out at a checkpoint: only 10 left, the 400 cannot be taken back
    _ok(community("supplies", "issue", "--item", "大米", "--qty", "390", "--reason", "发往卡点"))
    line = refused(community("directive", "undo", refs["allocation"], "--reason", "多打了 0"))
    assert "only 10" in line and "400" in line
    zh = griddesk(home, c, "directive", "undo", refs["allocation"], "--reason", "多打了 0")
    assert zh.code == 1 and "仅剩 10袋" in zh.err
    assert on_hand() == 10
    _ok(community("supplies", "receive", "--item", "大米", "--qty", "390", "--unit", "袋",
                  "--source", "盘点找回"))  # fmt: skip

    undone = _ok(community("directive", "undo", refs["allocation"], "--reason", "多打了 0"))
    assert "400" in undone.out and undone.last_word == "2"
    assert on_hand() == 0
    assert "nothing changed" in refused(
        community("directive", "undo", refs["allocation"], "--reason", "again"), 3
    )
    task = _ok(community("directive", "undo", refs["task"], "--reason", "点错了"))
    assert "task" in task.out and task.last_word == "1"
    mine = _json(community("directive", "list", "--json"))["directives"]
    assert isinstance(mine, list)
    assert {d["kind"]: d["state"] for d in mine} == {"task": "open", "allocation": "open"}

    # the tombstones travel: the street office sees both open again
    back = Path(_ok(community("exchange", "export", "--out", str(tmp / "usb3"))).last_word)
    _ok(street("exchange", "import", str(back)))
    seen = _json(street("directive", "list", "--json"))["directives"]
    assert isinstance(seen, list)
    # (sent, no longer completed / arrived: the community's receipt has not come yet)
    assert {d["kind"]: d["communities"][0]["state"] for d in seen} == {
        "task": "sent",
        "allocation": "sent",
    }

    # answered again, with the right figure
    _ok(community("directive", "receive", refs["allocation"], "--qty", "40"))
    assert on_hand() == 40
    assert _ok(street("check")) and _ok(community("check"))
