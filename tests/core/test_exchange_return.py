"""Return packages from the street office (app.core.exchange.returns, app.core.street.directives): a
notice, a task and an allocation go to a community with the guarantees of every package (signed,
encrypted, chain, replay refused, whole or nothing); the community's answers come back in its own
packages; receipts both ways; packages not acknowledged are listed and written again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.exchange.packages import PackageRefused
from app.core.exchange.receipts import import_receipt, write_receipts
from app.core.exchange.returns import (
    export_return_packages,
    pending_packages,
    resend_packages,
)
from app.core.street import directives as dv
from app.core.supplies import ledger
from app.db.models_directives import Directive, DirectiveAnswer
from app.db.models_exchange import ExchangePackage
from app.db.models_supplies import SupplyMovement
from app.errors import AlreadyDone, GridDeskError, InvalidInput
from tests.core.exchange_offices import COMMUNITY, COMMUNITY2, STREET, Office
from tests.core.exchange_offices import export_to as _export
from tests.core.exchange_offices import import_into as _import


def _send(s: Office, out: Path, to: str | None = None, full: bool = False) -> dict[str, Path]:
    results = export_return_packages(s.db, s.datadir, s.info, out, to=to, full=full)
    return {r.recipient: r.path for r in results}


def _issue_three(s: Office) -> dict[str, str]:
    """A notice to all, a task and an allocation to C; their uuids by kind."""
    specs = [
        dv.DirectiveSpec("notice", "all", "明日核酸检测安排", "请各社区组织居民明早 8 点检测。"),
        dv.DirectiveSpec(
            "task", COMMUNITY, "", "排查独居老人用药需求", due="2026-12-01", area="第3网格"
        ),
        dv.DirectiveSpec("allocation", COMMUNITY, "", "", item="N95口罩", qty=500, unit="个"),
    ]
    made = {}
    with s.db.session() as session:
        for spec in specs:
            made[spec.kind] = dv.add_directive(session, s.info, spec).uuid
    return made


def _state(office: Office) -> tuple[int, int, int, int, str]:
    """What an import may change: directives, answers, packages in, movements; and the file."""
    with office.db.reading() as session:
        counts = tuple(
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Directive, DirectiveAnswer, ExchangePackage, SupplyMovement)
        )
    digest = hashlib.sha256(office.datadir.db_path.read_bytes()).hexdigest()
    return (*counts, digest)  # type: ignore[return-value]


def _on_hand(office: Office, item: str) -> int:
    with office.db.reading() as session:
        return sum(r.on_hand for r in ledger.stock(session) if r.item == item)


def test_directives_go_to_a_community_and_its_answers_come_back(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    s, c = offices["S"], offices["C"]
    made = _issue_three(s)
    with s.db.reading() as session:
        rows = {r.kind: r for r in dv.list_directives(session, s.info)}
    # the notice goes to both communities, the others to C only; nothing sent yet
    assert [x.code for x in rows["notice"].communities] == [COMMUNITY, COMMUNITY2]
    assert [x.code for x in rows["task"].communities] == [COMMUNITY]
    assert {x.state for r in rows.values() for x in r.communities} == {"waiting"}

    sent = _send(s, tmp_path / "usb")
    assert set(sent) == {COMMUNITY, COMMUNITY2}
    with s.db.reading() as session:
        rows = {r.kind: r for r in dv.list_directives(session, s.info)}
    assert rows["task"].communities[0].state == "sent"

    before = _state(c)
    # another community's package: refused, nothing changed
    with pytest.raises(PackageRefused, match="另一机构"):
        _import(c, sent[COMMUNITY2])
    # damaged bytes: refused, nothing changed
    for offset in (10, 200, len(sent[COMMUNITY].read_bytes()) - 100):
        bad = bytearray(sent[COMMUNITY].read_bytes())
        bad[offset] ^= 0x01
        flipped = tmp_path / f"flipped-{offset}.gdpkg"
        flipped.write_bytes(bytes(bad))
        with pytest.raises(GridDeskError) as caught:
            _import(c, flipped)
        assert not isinstance(caught.value, AlreadyDone)
    assert _state(c) == before

    result = _import(c, sent[COMMUNITY])
    assert result.inserted == 3  # type: ignore[attr-defined]
    after = _state(c)
    with pytest.raises(AlreadyDone):
        _import(c, sent[COMMUNITY])
    assert _state(c) == after

    with c.db.reading() as session:
        received = {r.kind: r for r in dv.list_directives(session, c.info)}
    assert {k: r.state for k, r in received.items()} == {
        "notice": "received",
        "task": "open",
        "allocation": "open",
    }
    assert received["task"].due_on is not None and received["task"].area == "第3网格"
    assert received["allocation"].title == "调拨 N95口罩 500个"

    # the community answers: the task done, 480 of the 500 masks arrived
    had = _on_hand(c, "N95口罩")
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"][:8], note="已走访 12 户", who="李四")
        dv.confirm_arrival(session, c.info, made["allocation"][:8], 480, note="少 20 个")
    assert _on_hand(c, "N95口罩") == had + 480
    with c.db.reading() as session:
        movement = session.scalars(
            select(SupplyMovement).order_by(SupplyMovement.id.desc()).limit(1)
        ).one()
        assert movement.source_kind == "allocation" and "调拨 N95口罩 500个" in (
            movement.donor or ""
        )
        states = {r.kind: r.state for r in dv.list_directives(session, c.info)}
    assert states == {"notice": "received", "task": "completed", "allocation": "arrived"}
    with c.db.session() as session, pytest.raises(AlreadyDone):
        dv.complete_task(session, c.info, made["task"][:8])

    # back to the street office in the community's normal package
    _import(s, _export(c, tmp_path / "usb2"))
    with s.db.reading() as session:
        rows = {r.kind: r for r in dv.list_directives(session, s.info)}
    task_state = rows["task"].communities[0]
    assert (task_state.state, task_state.note) == ("completed", "已走访 12 户")
    arrival = rows["allocation"].communities[0]
    assert (arrival.state, arrival.qty_received) == ("arrived", 480)
    assert {x.code: x.state for x in rows["notice"].communities} == {
        COMMUNITY: "sent",
        COMMUNITY2: "sent",
    }


def test_cancelling_travels_and_only_changes_are_sent(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    s, c = offices["S"], offices["C"]
    made = _issue_three(s)
    first = _send(s, tmp_path / "one")
    _import(c, first[COMMUNITY])
    # nothing new: no package for anyone, unless named
    with pytest.raises(AlreadyDone):
        _send(s, tmp_path / "nothing")
    with s.db.session() as session:
        dv.cancel_directive(session, s.info, made["task"][:8], "重复下发")
    with s.db.session() as session, pytest.raises(AlreadyDone):
        dv.cancel_directive(session, s.info, made["task"][:8])
    second = _send(s, tmp_path / "two")
    assert set(second) == {COMMUNITY}  # the task was C's alone: nothing new for C2
    result = _import(c, second[COMMUNITY])
    assert (result.inserted, result.updated) == (0, 1)  # type: ignore[attr-defined]
    with c.db.reading() as session:
        states = {r.kind: r.state for r in dv.list_directives(session, c.info)}
    assert states["task"] == "cancelled"
    with c.db.session() as session, pytest.raises(InvalidInput, match="撤销"):
        dv.complete_task(session, c.info, made["task"][:8])
    # a package skipped is refused as a gap; a full one mends the chain
    _send(s, tmp_path / "three", to=COMMUNITY)
    fourth = _send(s, tmp_path / "four", to=COMMUNITY)
    with pytest.raises(PackageRefused, match="缺少"):
        _import(c, fourth[COMMUNITY])
    full = _send(s, tmp_path / "five", to=COMMUNITY, full=True)
    assert _import(c, full[COMMUNITY]).unchanged == 3  # type: ignore[attr-defined]


def test_bad_directives_are_refused_and_nothing_is_added(offices: dict[str, Office]) -> None:
    s, c = offices["S"], offices["C"]
    bad = [
        (dv.DirectiveSpec("memo", "all", "标题", "正文"), "类别"),
        (dv.DirectiveSpec("notice", "999999", "标题", "正文"), "没有登记"),
        (dv.DirectiveSpec("notice", "all", "", "正文"), "标题"),
        (dv.DirectiveSpec("task", "all", "t", ""), "要做什么"),
        (dv.DirectiveSpec("task", "all", "t", "x", due="明天"), "日期"),
        (dv.DirectiveSpec("allocation", "all", "", "", item="米", qty=0), "大于零"),
        (dv.DirectiveSpec("allocation", "all", "", "", item="", qty=5), "物资名称"),
        (dv.DirectiveSpec("notice", "all", "t", "x", due="2026-12-01"), "期限"),
    ]
    for spec, message in bad:
        with s.db.session() as session, pytest.raises(InvalidInput, match=message):
            dv.add_directive(session, s.info, spec)
    with s.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Directive)) == 0
    with c.db.session() as session, pytest.raises(InvalidInput, match="街道办"):
        dv.add_directive(session, c.info, dv.DirectiveSpec("notice", "all", "t", "x"))
    with pytest.raises(InvalidInput, match="街道办"):
        export_return_packages(c.db, c.datadir, c.info, Path("unused"))


def test_receipts_both_ways_and_packages_not_acknowledged(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    s, c = offices["S"], offices["C"]
    _issue_three(s)
    first = _send(s, tmp_path / "usb")
    _import(c, first[COMMUNITY])
    with s.db.reading() as session:
        pending = pending_packages(session, s.datadir)
    assert [(p.office_code, p.package_seq, p.kept) for p in pending] == [
        (COMMUNITY, 1, True),
        (COMMUNITY2, 1, True),
    ]
    # the community's receipt tells the street office what arrived
    receipts = write_receipts(c.db, c.datadir, c.info, tmp_path / "back")
    assert [p.name for p in receipts] == [f"receipt-{COMMUNITY}-{STREET}-000001.gdrct"]
    got = import_receipt(s.db, s.datadir, s.info, receipts[0])
    assert (got.acknowledged, got.unacknowledged) == ([1], [])  # of the packages sent to C
    with s.db.reading() as session:
        pending = pending_packages(session, s.datadir)
        rows = {r.kind: r for r in dv.list_directives(session, s.info)}
    assert [(p.office_code, p.package_seq) for p in pending] == [(COMMUNITY2, 1)]
    assert {x.code: x.state for x in rows["notice"].communities} == {
        COMMUNITY: "received",
        COMMUNITY2: "sent",
    }
    # written again from exports/: the same bytes
    again = resend_packages(s.db, s.datadir, tmp_path / "again")
    assert [p.read_bytes() for p in again] == [first[COMMUNITY2].read_bytes()]
    # a receipt cannot be taken for the other direction's receipt by a community
    with pytest.raises(PackageRefused):
        import_receipt(c.db, c.datadir, c.info, receipts[0])


def test_a_uuid_prefix_of_digits_only_still_names_its_directive(offices: dict[str, Office]) -> None:
    s = offices["S"]
    with s.db.session() as session:
        directive = dv.add_directive(
            session, s.info, dv.DirectiveSpec("notice", COMMUNITY, "停水通知", "明日停水")
        )
        directive.uuid = "57581467-0000-4000-8000-000000000001"
        number = directive.id
    with s.db.reading() as session:
        assert dv.find_directive(session, "57581467").id == number
        assert dv.find_directive(session, str(number)).uuid.startswith("57581467")
        with pytest.raises(InvalidInput):
            dv.find_directive(session, "99999999")
