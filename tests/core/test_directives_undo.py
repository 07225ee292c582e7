"""A community takes back its answer to a street-office directive (app.core.street.directives.undo_answer):
a task ticked by mistake, an allocation's quantity typed wrong. The answer becomes a tombstone that
travels back in the community's next package, so the street office sees the directive open again;
an arrival's stock receipt is reversed on the append-only ledger in the same transaction, never
below zero; the directive can then be answered again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.exchange.returns import export_return_packages
from app.core.street import directives as dv
from app.core.supplies import ledger as supplies
from app.db.models import AuditEntry
from app.db.models_directives import DirectiveAnswer
from app.db.models_supplies import SupplyMovement
from app.errors import AlreadyDone, InvalidInput
from tests.core.exchange_offices import COMMUNITY, Office, export_to, import_into


def _received(offices: dict[str, Office], tmp_path: Path) -> dict[str, str]:
    """A task and an allocation of 500 masks from S, imported at C: their refs by kind."""
    s, c = offices["S"], offices["C"]
    with s.db.session() as session:
        made = {
            spec.kind: dv.add_directive(session, s.info, spec).uuid[: dv.MIN_REF]
            for spec in (
                dv.DirectiveSpec("task", COMMUNITY, "", "排查独居老人用药需求"),
                dv.DirectiveSpec("allocation", COMMUNITY, "", "", item="N95口罩", qty=500),
            )
        }
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "back", to=COMMUNITY)
    import_into(c, sent[0].path)
    return made


def _on_hand(office: Office, item: str) -> int:
    with office.db.reading() as session:
        return sum(r.on_hand for r in supplies.stock(session) if r.item == item)


def _states(office: Office) -> dict[str, str]:
    with office.db.reading() as session:
        rows = dv.list_directives(session, office.info)
    if office.info.is_street_office:
        return {r.kind: r.communities[0].state for r in rows}
    return {r.kind: r.state for r in rows}


def test_undoing_an_arrival_reverses_the_receipt_and_travels_to_the_street_office(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    s, c = offices["S"], offices["C"]
    made = _received(offices, tmp_path)
    had = _on_hand(c, "N95口罩")
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"], note="已走访")
        dv.confirm_arrival(session, c.info, made["allocation"], 5000)  # 500 typed as 5000
    assert _on_hand(c, "N95口罩") == had + 5000
    import_into(s, export_to(c, tmp_path / "usb1"))
    assert _states(s) == {"task": "completed", "allocation": "arrived"}

    with c.db.session(note="directive undo") as session:
        undone = dv.undo_answer(session, c.info, made["allocation"], "数量多打了一个 0")
    assert (undone.kind, undone.qty, undone.unit, undone.on_hand) == ("arrival", 5000, "个", had)
    assert _on_hand(c, "N95口罩") == had
    with c.db.reading() as session:
        # the ledger keeps both lines: the receipt, and an adjustment that takes it back
        lines = session.scalars(
            select(SupplyMovement).order_by(SupplyMovement.id.desc()).limit(2)
        ).all()
        assert [(m.kind, m.qty) for m in lines] == [("adjustment", -5000), ("receipt", 5000)]
        assert "数量多打了一个 0" in (lines[0].reason or "")
        assert made["allocation"] in (lines[0].reason or "")
        assert supplies.verify_balances(session) == []
        answer = session.scalars(
            select(DirectiveAnswer).where(DirectiveAnswer.kind == "arrival")
        ).one()
        assert answer.deleted_at is not None and answer.delete_reason == "数量多打了一个 0"
        # audited: the tombstone and the reversal, each with the operation's note
        audit = {
            (a.record_uuid, a.action)
            for a in session.scalars(select(AuditEntry).where(AuditEntry.note == "directive undo"))
        }
        assert (answer.uuid, "delete") in audit
        assert (lines[0].uuid, "create") in audit
    assert _states(c)["allocation"] == "open"

    # the tombstone travels: the street office sees the allocation open again
    import_into(s, export_to(c, tmp_path / "usb2"))
    states = _states(s)
    assert states["allocation"] not in ("arrived", "completed") and states["task"] == "completed"
    with s.db.reading() as session:
        row = next(r for r in dv.list_directives(session, s.info) if r.kind == "allocation")
    assert row.communities[0].qty_received is None and row.state != "arrived"

    # answered again, with the right figure; the street office sees that one
    with c.db.session() as session:
        dv.confirm_arrival(session, c.info, made["allocation"], 500)
    assert _on_hand(c, "N95口罩") == had + 500
    import_into(s, export_to(c, tmp_path / "usb3"))
    with s.db.reading() as session:
        row = next(r for r in dv.list_directives(session, s.info) if r.kind == "allocation")
    assert (row.communities[0].state, row.communities[0].qty_received) == ("arrived", 500)


def test_undo_and_answer_again_before_the_package_goes(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    """Both the tombstone and the new answer travel in one package: the street office keeps one
    live answer, the new one."""
    s, c = offices["S"], offices["C"]
    made = _received(offices, tmp_path)
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"], note="误点")
    with c.db.session() as session:
        dv.undo_answer(session, c.info, made["task"], "点错了")
    assert _states(c)["task"] == "open"
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"], note="已走访 12 户")
    import_into(s, export_to(c, tmp_path / "usb"))
    with s.db.reading() as session:
        row = next(r for r in dv.list_directives(session, s.info) if r.kind == "task")
        live = session.scalars(
            select(DirectiveAnswer).where(DirectiveAnswer.deleted_at.is_(None))
        ).all()
    assert (row.communities[0].state, row.communities[0].note) == ("completed", "已走访 12 户")
    assert len(live) == 1


def test_undoing_a_task_and_what_is_refused(offices: dict[str, Office], tmp_path: Path) -> None:
    s, c = offices["S"], offices["C"]
    made = _received(offices, tmp_path)
    # nothing answered yet: nothing to undo, exit 3
    with c.db.session() as session, pytest.raises(AlreadyDone, match="没有可撤回"):
        dv.undo_answer(session, c.info, made["task"], "点错了")
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"])
    # a reason is required; only the community that received it undoes; not at the street office
    with c.db.session() as session, pytest.raises(InvalidInput, match="原因"):
        dv.undo_answer(session, c.info, made["task"], "  ")
    with s.db.session() as session, pytest.raises(InvalidInput):
        dv.undo_answer(session, s.info, made["task"], "点错了")
    with c.db.session() as session:
        undone = dv.undo_answer(session, c.info, made["task"], "点错了")
    assert (undone.kind, undone.qty) == ("completion", None)
    assert _states(c)["task"] == "open"
    # twice: nothing changed
    with c.db.session() as session, pytest.raises(AlreadyDone):
        dv.undo_answer(session, c.info, made["task"], "点错了")
    with c.db.session() as session:
        dv.complete_task(session, c.info, made["task"], note="这次真的完成了")
    assert _states(c)["task"] == "completed"
    # once the street office has cancelled the task, its answer no longer changes
    with s.db.session() as session:
        dv.cancel_directive(session, s.info, made["task"], "重复下发")
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "cancel", to=COMMUNITY)
    import_into(c, sent[0].path)
    with c.db.session() as session, pytest.raises(InvalidInput, match="已撤销"):
        dv.undo_answer(session, c.info, made["task"], "点错了")


def test_an_arrival_whose_goods_went_out_cannot_be_undone(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c = offices["C"]
    made = _received(offices, tmp_path)
    with c.db.session() as session:
        dv.confirm_arrival(session, c.info, made["allocation"], 500)
    left = _on_hand(c, "N95口罩") - 380
    with c.db.session() as session:
        supplies.issue(session, "N95口罩", left, reason="发往卡点")
    assert _on_hand(c, "N95口罩") == 380
    with c.db.session() as session, pytest.raises(InvalidInput) as refused:
        dv.undo_answer(session, c.info, made["allocation"], "数量填错")
    assert "仅剩 380个" in refused.value.zh and "500个" in refused.value.zh
    assert "only 380" in refused.value.en
    # nothing changed: the stock, the answer
    assert _on_hand(c, "N95口罩") == 380
    assert _states(c)["allocation"] == "arrived"
