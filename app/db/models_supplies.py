"""Supplies: the item catalogue, storage points, the stock ledger, distribution campaigns with their
planned allocations, and the deliveries signed off household by household.

How "never below zero" is held. On hand is the sum of `supply_movement.qty` (signed: receipts
positive, issues and deliveries negative); nobody edits it. Beside the ledger, `supply_balance` keeps
one row per item and storage point with `CHECK (on_hand >= 0)`, and a database trigger (written by migration 0007) adds every
inserted movement to it in the same statement. A movement that would take a point's stock below zero
therefore fails inside the database whatever wrote it (an operation, a script, a bug), and the whole
transaction rolls back; the operations in `app.core.supplies` check first, so the user sees a clear
message, but the database is what guarantees it. Movements are never updated or hard-deleted (a
second trigger refuses an UPDATE of `qty`, `item_id` or `point_id`), so the balance cannot drift;
`app.core.supplies.ledger.verify_balances` compares it with the sum of the ledger.

A campaign hands out one item or several at once (米 5kg + 油 1L + 口罩 10 per household). Its first
item, with its share and rule, is on `supply_campaign` itself (`item_id`, `qty`, `per`,
`max_per_household`, as campaigns have had since revision 0007); each further item is a
`supply_campaign_item` row with its own share and rule. A delivery issues every item of the campaign
in one transaction: one `delivery` movement per item, all carrying the campaign and the household,
and one `supply_delivery` row (pointing at the first item's movement).

A household cannot receive the same campaign twice: `supply_delivery` has a UNIQUE constraint on
(campaign_id, household_id), not a partial index — even a tombstoned delivery keeps its place.
A delivery recorded by mistake is undone by tombstoning it with the reason (its goods go back as
adjustments carrying the campaign and household); served later, the same row is brought back.

Items, points, movements, campaigns and deliveries travel to the street office (Travelling columns,
tombstoned), and so does `supply_need`, the community's needs per item summed up for the street
office. `supply_balance` (a derived total) and `supply_allocation` (the plan of a campaign,
rebuilt from the target when planned again) are this office's own.

Quantities are whole numbers of the item's unit (个, 袋, 箱, 瓶 …): what is handed over at a door.
This module imports nothing from `app.db.models`; households and grids are named by table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Travelling, utcnow

_LIVE = text("deleted_at IS NULL")

ITEM_CATEGORIES = ("防护用品", "消杀用品", "粮油", "蔬菜副食", "药品", "生活用品", "其他")
MOVEMENT_KINDS = (
    "receipt",  # 入库: donation, purchase, allocation from the street office
    "issue",  # 出库 (outside a campaign)
    "transfer_out",  # 调拨出
    "transfer_in",  # 调拨入
    "adjustment",  # 调整, with a reason
    "write_off",  # 过期报废
    "stocktake",  # 盘点: the difference between the count and the ledger
    "delivery",  # 发放 to a household in a campaign
)
SOURCE_KINDS = ("donation", "purchase", "allocation")
DONOR_KINDS = ("enterprise", "organisation", "person", "government")
ALLOCATION_RULES = ("household", "person", "size")
TARGET_KINDS = ("all", "grid", "building", "tag", "list")
CAMPAIGN_STATUS = ("open", "closed")
DELIVERY_HOW = ("scan", "tick", "cli")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class SupplyItem(Travelling, Base):
    """An item of the catalogue (口罩, 米, 蔬菜包 …) with its unit and, if it spoils, its expiry."""

    __tablename__ = "supply_item"

    name: Mapped[str] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(10), default="个")
    category: Mapped[str] = mapped_column(String(20), default="其他")
    expires_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index(
            "uq_supply_item_origin_name",
            "origin",
            "name",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
    )


class SupplyPoint(Travelling, Base):
    """A storage point (社区仓库, a pickup point at a building)."""

    __tablename__ = "supply_point"

    name: Mapped[str] = mapped_column(String(60))
    address: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index(
            "uq_supply_point_origin_name",
            "origin",
            "name",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
    )


class SupplyMovement(Travelling, Base):
    """One line of the stock ledger: who moved how much of what, where, when and why."""

    __tablename__ = "supply_movement"

    item_id: Mapped[int] = mapped_column(ForeignKey("supply_item.id"))
    point_id: Mapped[int] = mapped_column(ForeignKey("supply_point.id"))
    kind: Mapped[str] = mapped_column(String(20))
    qty: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    source_kind: Mapped[str | None] = mapped_column(String(20))
    donor: Mapped[str | None] = mapped_column(String(200))
    donor_kind: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    transfer_uuid: Mapped[str | None] = mapped_column(String(36))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("supply_campaign.id"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))

    __table_args__ = (
        Index("ix_supply_movement_item_point", "item_id", "point_id"),
        Index("ix_supply_movement_campaign_id", "campaign_id"),
        CheckConstraint(_in("kind", MOVEMENT_KINDS), name="kind"),
        CheckConstraint("qty <> 0", name="qty"),
        CheckConstraint(
            "(kind IN ('receipt', 'transfer_in') AND qty > 0)"
            " OR (kind IN ('issue', 'transfer_out', 'write_off', 'delivery') AND qty < 0)"
            " OR kind IN ('adjustment', 'stocktake')",
            name="sign",
        ),
        CheckConstraint(
            "kind <> 'receipt' OR source_kind IN ('donation', 'purchase', 'allocation')",
            name="source",
        ),
        CheckConstraint(
            "kind NOT IN ('adjustment', 'write_off') OR length(reason) > 0", name="reason"
        ),
        CheckConstraint(
            "kind <> 'delivery' OR (campaign_id IS NOT NULL AND household_id IS NOT NULL)",
            name="delivery",
        ),
    )


class SupplyBalance(Base):
    """On hand per item and storage point: kept by a trigger from the ledger, never below zero."""

    __tablename__ = "supply_balance"

    item_id: Mapped[int] = mapped_column(ForeignKey("supply_item.id"), primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("supply_point.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("on_hand >= 0", name="not_negative"),)


class SupplyCampaign(Travelling, Base):
    """A distribution (发放): its first item (further items in `supply_campaign_item`), to a
    target, by a rule, from a storage point.

    `qty` is per household (`per = household`), per member (`person`), or per two members rounded
    up (`size`: 1–2 people one share, 3–4 two, …). `max_per_household` caps a household's share;
    `min_days_since` leaves out households that received the same item that recently.
    """

    __tablename__ = "supply_campaign"

    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_item.id"))
    point_id: Mapped[int] = mapped_column(ForeignKey("supply_point.id"))
    qty: Mapped[int] = mapped_column(Integer)
    per: Mapped[str] = mapped_column(String(20), default="household")
    target_kind: Mapped[str] = mapped_column(String(20), default="all")
    target_value: Mapped[str | None] = mapped_column(Text)
    vulnerable_first: Mapped[bool] = mapped_column(Boolean, default=True)
    max_per_household: Mapped[int | None] = mapped_column(Integer)
    min_days_since: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="open")
    planned_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        Index(
            "uq_supply_campaign_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint("qty >= 1", name="qty"),
        CheckConstraint(_in("per", ALLOCATION_RULES), name="per"),
        CheckConstraint(_in("target_kind", TARGET_KINDS), name="target_kind"),
        CheckConstraint(_in("status", CAMPAIGN_STATUS), name="status"),
        CheckConstraint("max_per_household IS NULL OR max_per_household >= 1", name="max"),
        CheckConstraint("min_days_since IS NULL OR min_days_since >= 1", name="min_days"),
    )


class SupplyCampaignItem(Travelling, Base):
    """A further item of a campaign, beyond the one on `supply_campaign`, with its own share: `qty`
    per household, per member or per two members (`per`), capped at `max_per_household`.

    A household's share of it follows from the member count kept on its allocation, by the same
    rule as the campaign's first item (see `app.core.supplies.campaigns.share_of`)."""

    __tablename__ = "supply_campaign_item"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("supply_campaign.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("supply_item.id"))
    position: Mapped[int] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    per: Mapped[str] = mapped_column(String(20), default="household")
    max_per_household: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("campaign_id", "item_id", name="uq_supply_campaign_item_once"),
        CheckConstraint("position >= 1", name="position"),
        CheckConstraint("qty >= 1", name="qty"),
        CheckConstraint(_in("per", ALLOCATION_RULES), name="per"),
        CheckConstraint("max_per_household IS NULL OR max_per_household >= 1", name="max"),
    )


class SupplyAllocation(Base):
    """The plan of a campaign: each household in its target, its share, and its place in the queue
    (`rank`: vulnerable households first when the campaign says so, then by address)."""

    __tablename__ = "supply_allocation"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("supply_campaign.id"), primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
    vulnerable: Mapped[bool] = mapped_column(Boolean, default=False)
    rank: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_supply_allocation_household_id", "household_id"),
        CheckConstraint("qty >= 1", name="qty"),
    )


class SupplyDelivery(Travelling, Base):
    """A household signed for its share of a campaign (scanned, ticked or from the CLI)."""

    __tablename__ = "supply_delivery"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("supply_campaign.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    movement_id: Mapped[int] = mapped_column(ForeignKey("supply_movement.id"))
    qty: Mapped[int] = mapped_column(Integer)
    delivered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    delivered_by: Mapped[str] = mapped_column(String(100))
    how: Mapped[str] = mapped_column(String(10), default="scan")

    __table_args__ = (
        UniqueConstraint("campaign_id", "household_id", name="uq_supply_delivery_once"),
        CheckConstraint("qty >= 1", name="qty"),
        CheckConstraint(_in("how", DELIVERY_HOW), name="how"),
    )


class SupplyNeed(Travelling, Base):
    """What a community still has to hand out, per item, as it stood at its last export: the
    unmet shares of its open campaigns (`needed`), on hand, the `shortage` (needed beyond on hand)
    and how many households wait for the item. The street office cannot count this itself (the
    allocations stay at the community), so the community refreshes these rows from its needs list
    right before it writes a package (`app.core.supplies.needs.refresh_needs`): a row changes only when
    its figures do, and an item nobody waits for any more is tombstoned."""

    __tablename__ = "supply_need"

    item: Mapped[str] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(10))
    needed: Mapped[int] = mapped_column(Integer)
    on_hand: Mapped[int] = mapped_column(Integer)
    shortage: Mapped[int] = mapped_column(Integer)
    households_waiting: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index(
            "uq_supply_need_origin_item",
            "origin",
            "item",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint("needed >= 0 AND on_hand >= 0 AND shortage >= 0", name="figures"),
        CheckConstraint("households_waiting >= 0", name="waiting"),
    )


SUPPLY_MODELS: tuple[type[Travelling], ...] = (
    SupplyItem,
    SupplyPoint,
    SupplyCampaign,
    SupplyCampaignItem,
    SupplyMovement,
    SupplyDelivery,
    SupplyNeed,
)
