"""A community's unmet needs, summed up per item for the street office (`supply_need`).

The needs list (`app.core.supplies.ledger.needs_list`) is counted from the plans of open campaigns
(`supply_allocation`), which stay at the community; the street office cannot count it. So right
before a package's records are collected (`app.core.exchange.packages.export_package`), the community brings
its `supply_need` rows up to date in the same write session:

    refresh_needs(session, origin)      # the number of rows added, changed or tombstoned

One live row per item with unmet shares: still to hand out (`needed`), on hand, the shortage and
the households waiting. A row is written only when one of its figures changed, so a package made
when nothing happened carries none; an item nobody waits for any more is tombstoned (a row once
tombstoned is brought back when the item is needed again).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.supplies.ledger import needs_list
from app.db.base import utcnow
from app.db.models_supplies import SupplyNeed

NO_LONGER_NEEDED = "已无未领份额"


@dataclass(frozen=True)
class _Figures:
    unit: str
    needed: int
    on_hand: int
    shortage: int
    households_waiting: int


def _current(session: Session) -> dict[str, _Figures]:
    needs = needs_list(session)
    waiting: dict[str, set[str]] = {}
    for h in needs.households:
        waiting.setdefault(h.item, set()).add(h.household_code)
    figures: dict[str, _Figures] = {}
    for n in needs.items:
        seen = figures.get(n.item)  # two items named alike (another origin's): added up
        figures[n.item] = _Figures(
            seen.unit if seen else n.unit,
            n.still_to_hand_out + (seen.needed if seen else 0),
            n.on_hand + (seen.on_hand if seen else 0),
            n.shortage + (seen.shortage if seen else 0),
            len(waiting.get(n.item, ())),
        )
    return figures


def _figures(row: SupplyNeed) -> _Figures:
    return _Figures(row.unit, row.needed, row.on_hand, row.shortage, row.households_waiting)


def refresh_needs(session: Session, origin: str) -> int:
    """Bring this office's `supply_need` rows in line with its needs list; return how many rows
    were added, changed or tombstoned (0 when nothing changed)."""
    now = utcnow().replace(microsecond=0)
    current = _current(session)
    rows = list(
        session.scalars(
            select(SupplyNeed)
            .where(SupplyNeed.origin == origin)
            .order_by(SupplyNeed.deleted_at.is_not(None), SupplyNeed.id)
        )
    )
    live: dict[str, SupplyNeed] = {}
    gone: dict[str, SupplyNeed] = {}
    for found in rows:
        (gone if found.deleted_at is not None else live).setdefault(found.item, found)
    changed = 0
    for item, want in current.items():
        row = live.get(item)
        live.pop(item, None)
        if row is not None and _figures(row) == want:
            continue
        if row is None:
            row = gone.get(item)
            if row is None:
                row = SupplyNeed(item=item)
                session.add(row)
            row.deleted_at = None
            row.delete_reason = None
        row.unit = want.unit
        row.needed = want.needed
        row.on_hand = want.on_hand
        row.shortage = want.shortage
        row.households_waiting = want.households_waiting
        row.as_of = now
        changed += 1
    for stale in live.values():
        stale.deleted_at = now
        stale.delete_reason = NO_LONGER_NEEDED
        changed += 1
    if changed:
        session.flush()
    return changed
