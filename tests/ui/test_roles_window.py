"""The window obeys the roles as app/core does: 显示完整 for the roles that may see full values
(with a reason, audited), the resident form masked once the office has users, the household
dialog without its buttons for a viewer, a grid worker's list and filters of their grids."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QToolBar
from sqlalchemy import select

from app.core.registry import lookup
from app.core.trust.roles import NotPermitted, Principal, Role
from app.db.models import AuditEntry, Grid, Household, Resident
from app.ui.context import AppContext
from app.ui.registry_dialogs import HouseholdDialog, ResidentForm


def _someone(ctx: AppContext) -> Resident:
    with ctx.db.reading() as session:
        found = session.scalars(
            select(Resident).where(
                Resident.deleted_at.is_(None),
                Resident.id_number.is_not(None),
                Resident.phone.is_not(None),
                Resident.is_head,
            )
        ).first()
    assert found is not None
    return found


def _as(ctx: AppContext, role: Role, grids: tuple[str, ...] = ()) -> None:
    ctx.db.principal = Principal(f"ui-{role.value}", role, frozenset(grids))


def test_reveal_asks_why_shows_the_full_values_and_audits_the_reason(
    qtbot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = _someone(demo_ctx)
    _as(demo_ctx, Role.STAFF)
    dialog = HouseholdDialog(demo_ctx, person.household_id)
    qtbot.addWidget(dialog)
    assert not dialog.reveal_button.isHidden()
    table = [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())]
    assert person.id_number not in table  # masked until asked
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("核对救助申请", True))
    dialog.table.selectRow(0)
    dialog.reveal_button.click()
    qtbot.waitUntil(lambda: getattr(dialog, "revealed", None) is not None, timeout=5000)
    assert person.id_number in dialog.revealed.text() and person.phone in dialog.revealed.text()
    dialog.revealed.close()
    with demo_ctx.db.reading() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "view-full"))
    assert entry.record_uuid == person.uuid and "核对救助申请" in (entry.note or "")
    assert person.id_number not in (entry.note or "")


def test_a_grid_worker_gets_no_reveal_and_a_viewer_no_household(
    qtbot, demo_ctx: AppContext
) -> None:
    person = _someone(demo_ctx)
    with demo_ctx.db.reading() as session:
        grid = session.scalar(
            select(Grid.code)
            .join(Household, Household.grid_id == Grid.id)
            .where(Household.id == person.household_id)
        )
    assert grid is not None
    _as(demo_ctx, Role.GRID_WORKER, (grid,))
    dialog = HouseholdDialog(demo_ctx, person.household_id)
    qtbot.addWidget(dialog)
    assert dialog.reveal_button.isHidden()
    assert all(not b.isHidden() for b in dialog.buttons.values())  # their grid: their work
    _as(demo_ctx, Role.VIEWER)
    with pytest.raises(NotPermitted):
        HouseholdDialog(demo_ctx, person.household_id)


def test_the_resident_form_is_masked_once_the_office_has_users_and_keeps_what_it_hid(
    qtbot, demo_ctx: AppContext
) -> None:
    person = _someone(demo_ctx)
    _as(demo_ctx, Role.STAFF)
    with demo_ctx.db.reading() as session:
        member = next(
            m
            for m in lookup.household_view(session, person.household_id).members
            if m.id == person.id
        )
    form = ResidentForm(demo_ctx, person.household_id, member)
    qtbot.addWidget(form)
    assert form.id_number.text() != person.id_number and "****" in form.id_number.text()
    assert person.phone not in form.phone.text()
    assert not form.birth.isEnabled()  # no birth date beside the masked number
    data = form.data()
    assert (data.id_number, data.phone) == (person.id_number, person.phone)
    assert data.birth_date == person.birth_date
    form.phone.setText("13900001111")
    assert form.data().phone == "13900001111"


def test_a_grid_workers_window_lists_their_grids_residents_and_grids_only(
    qtbot, demo_ctx: AppContext
) -> None:
    from app.core.grids import structure
    from app.core.grids.assignment import assign_households
    from app.ui.models.registry_model import ResidentTableModel

    db = demo_ctx.db
    with db.session(note="test") as session:
        households = list(session.scalars(select(Household.id).order_by(Household.id)))
        assign_households(session, "G02", households[: len(households) // 2])
    _as(demo_ctx, Role.GRID_WORKER, ("G02",))
    model = ResidentTableModel(db)
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    shown = {model.row_at(r).household_id for r in range(model.rowCount())}  # type: ignore[union-attr]
    assert shown <= set(households[: len(households) // 2])
    with db.reading() as session:
        assert [c.code for c in lookup.filter_options(session).grids] == ["G02"]
        assert [g.code for g in structure.coverage(session).grids] == ["G02"]


@pytest.mark.parametrize("role", [Role.GRID_WORKER, Role.STAFF])
def test_the_office_staffs_planning_is_offered_to_them_only(
    qtbot, demo_ctx: AppContext, role: Role
) -> None:
    """新建发放, a group buy's rounds and prices, and the duty roster's and shifts' editing are the
    office staff's (app/core refuses a grid worker): a grid worker's window does not offer them,
    and keeps what is theirs (printing the week's duty, ordering for their grids' households)."""
    from types import SimpleNamespace

    from app.ui.pages.grids.page import GridsPage
    from app.ui.pages.supplies.page import SuppliesPage

    principal = Principal(
        f"ui-{role.value}", role, frozenset({"G01"} if role is Role.GRID_WORKER else ())
    )
    demo_ctx.db.principal = principal
    demo_ctx.access = SimpleNamespace(principal=principal)  # type: ignore[assignment]
    staff = role is Role.STAFF
    supplies = SuppliesPage(demo_ctx)
    qtbot.addWidget(supplies)
    grids = GridsPage(demo_ctx)
    qtbot.addWidget(grids)
    buy = supplies.group_buy
    planning = [
        supplies.plan_action,
        buy.open_action, buy.close_action, buy.add_action, buy.edit_action,
        grids.duty.add_duty_action, grids.duty.shifts_action, grids.duty.assign_action,
        grids.roster.add_action, grids.roster.import_action, grids.roster.remove_action,
        grids.structure.add_action, grids.structure.merge_action, grids.structure.remove_action,
        grids.structure.assign_action, grids.structure.move_action,
    ]  # fmt: skip
    assert [a.isVisible() for a in planning] == [staff] * len(planning)
    grid_bar = next(  # the bar of 新增/修改/合并/拆分/删除
        o for o in grids.structure.add_action.associatedObjects() if isinstance(o, QToolBar)
    )
    assert grid_bar.isVisibleTo(grids.structure) is staff
    assert grids.duty.print_action.isVisible() and buy.order_button.isVisibleTo(buy)
