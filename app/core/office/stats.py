"""Counts for the dashboard and `stats --json`, straight from the records.

A grid worker counts the households and residents of their grids (app.core.trust.scope); everyone
else the whole office. Counts are no one's personal data: a viewer gets them too."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.registry.vocabulary import RESIDENCY
from app.core.trust import scope
from app.db.models import Building, Grid, Household, Resident, Tag

ACTIVE_RESIDENT = (Resident.deleted_at.is_(None), Resident.status == "active")


def vulnerable_tags(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).where(Tag.vulnerable).order_by(Tag.position)))


def office_stats(session: Session) -> dict[str, Any]:
    """households, residents, grids, buildings, vulnerable, unassigned, by residency, by tag."""
    in_scope = scope.household_clause(session)
    mine = scope.resident_clause(session)
    households = (
        session.scalar(
            select(func.count())
            .select_from(Household)
            .where(Household.deleted_at.is_(None), in_scope)
        )
        or 0
    )
    unassigned = (
        session.scalar(
            select(func.count())
            .select_from(Household)
            .where(Household.deleted_at.is_(None), Household.grid_id.is_(None), in_scope)
        )
        or 0
    )
    residents = (
        session.scalar(select(func.count()).select_from(Resident).where(*ACTIVE_RESIDENT, mine))
        or 0
    )
    own_grids = scope.grid_ids(session)
    if own_grids is None:
        grids = (
            session.scalar(select(func.count()).select_from(Grid).where(Grid.deleted_at.is_(None)))
            or 0
        )
    else:
        grids = len(own_grids)
    buildings_q = select(func.count()).select_from(Building).where(Building.deleted_at.is_(None))
    if own_grids is not None:  # the buildings their households are in
        buildings_q = select(func.count(func.distinct(Household.building_id))).where(
            Household.deleted_at.is_(None), in_scope
        )
    buildings = session.scalar(buildings_q) or 0
    by_residency = {
        r: n
        for r, n in session.execute(
            select(Resident.residency, func.count())
            .where(*ACTIVE_RESIDENT, mine)
            .group_by(Resident.residency)
        )
    }
    # one pass over the tag strings: each distinct combination counted once, then split
    tag_names = vulnerable_tags(session)
    by_tag = dict.fromkeys(tag_names, 0)
    vulnerable = 0
    for tags, n in session.execute(
        select(Resident.tags, func.count())
        .where(*ACTIVE_RESIDENT, Resident.tags != "", mine)
        .group_by(Resident.tags)
    ):
        hit = False
        for tag in tags.strip(",").split(","):
            if tag in by_tag:
                by_tag[tag] += n
                hit = True
        if hit:
            vulnerable += n
    return {
        "households": households,
        "residents": residents,
        "grids": grids,
        "buildings": buildings,
        "vulnerable": vulnerable,
        "unassigned_households": unassigned,
        "by_residency": {k: by_residency.get(k, 0) for k in RESIDENCY},
        "by_tag": by_tag,
    }
