"""Group purchase (团购) with published prices: purchase rounds, the packages of each round with
their contents, price and supplier, every price set with its reason, and the orders of households.

Money is held in fen (分) as whole numbers, never as floats: 39.80 yuan is 3980.

Price history is a chain: a package copied into the next round keeps a link (`previous_id`) to the
same package of the round before, so its prices round after round are read by following the links.
A price more than a set percentage above the previous round's is only accepted with a reason; the
package is then `flagged` and carries the reason (`rise_reason`), which the database insists on
(`CHECK (NOT flagged OR length(rise_reason) > 0)`, NULL included). Every price set is kept in
`group_buy_price_change`, with its reason when one was given.

A household orders a package of a round once: `group_buy_order` has a UNIQUE constraint on
(round_id, household_id, package_id), not a partial index. A cancelled order is a tombstone; the
household ordering the package again brings the same row back.

Every table travels to the street office (Travelling columns; ownership by origin).
This module imports nothing from `app.db.models`; households are named by table.
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

ROUND_STATUS = ("open", "closed")
PAYMENT_METHODS = ("cash", "wechat", "alipay", "bank", "other")
MAX_PRICE_FEN = 10_000_00  # 10,000 yuan for one package: more is a typo
MAX_COUNT = 100  # packages of one kind for one household in one round


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class GroupBuyRound(Travelling, Base):
    """A purchase round (批次): a name, its dates, open for orders or closed."""

    __tablename__ = "group_buy_round"

    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (
        Index(
            "uq_group_buy_round_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint(_in("status", ROUND_STATUS), name="status"),
        CheckConstraint("closes_on IS NULL OR closes_on >= opens_on", name="dates"),
    )


class GroupBuyPackage(Travelling, Base):
    """A package (套餐) of a round: what is in it (one line per item: name, quantity, unit, tab
    separated), its price in fen and its supplier; `previous_id` is the same package in the round
    before."""

    __tablename__ = "group_buy_package"

    round_id: Mapped[int] = mapped_column(ForeignKey("group_buy_round.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    contents: Mapped[str] = mapped_column(Text)
    price_fen: Mapped[int] = mapped_column(Integer)
    supplier: Mapped[str] = mapped_column(String(100))
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("group_buy_package.id"), index=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    rise_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index(
            "uq_group_buy_package_round_name",
            "round_id",
            "name",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        CheckConstraint(f"price_fen > 0 AND price_fen <= {MAX_PRICE_FEN}", name="price"),
        CheckConstraint("length(contents) > 0", name="contents"),
        CheckConstraint(
            "NOT flagged OR (rise_reason IS NOT NULL AND length(rise_reason) > 0)", name="reason"
        ),
    )


class GroupBuyPriceChange(Travelling, Base):
    """A price set on a package (when it was added, copied or edited): from what, to what, the
    previous round's price it was compared with, and the reason given."""

    __tablename__ = "group_buy_price_change"

    package_id: Mapped[int] = mapped_column(ForeignKey("group_buy_package.id"), index=True)
    old_fen: Mapped[int | None] = mapped_column(Integer)
    new_fen: Mapped[int] = mapped_column(Integer)
    previous_round_fen: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))

    __table_args__ = (CheckConstraint("new_fen > 0", name="new_fen"),)


class GroupBuyOrder(Travelling, Base):
    """A household's order of a package in a round: how many, paid (how much, how), delivered
    (by whom, when)."""

    __tablename__ = "group_buy_order"

    round_id: Mapped[int] = mapped_column(ForeignKey("group_buy_round.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("group_buy_package.id"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    ordered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    paid_fen: Mapped[int | None] = mapped_column(Integer)
    paid_method: Mapped[str | None] = mapped_column(String(20))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    delivered: Mapped[bool] = mapped_column(Boolean, default=False)
    delivered_by: Mapped[str | None] = mapped_column(String(100))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("round_id", "household_id", "package_id", name="uq_group_buy_order_once"),
        CheckConstraint(f"count >= 1 AND count <= {MAX_COUNT}", name="count"),
        CheckConstraint("paid_fen IS NULL OR paid_fen >= 0", name="paid_fen"),
        CheckConstraint(
            "paid_method IS NULL OR " + _in("paid_method", PAYMENT_METHODS), name="method"
        ),
        CheckConstraint("NOT paid OR paid_fen IS NOT NULL", name="paid"),
    )


GROUP_BUY_MODELS: tuple[type[Travelling], ...] = (
    GroupBuyRound,
    GroupBuyPackage,
    GroupBuyPriceChange,
    GroupBuyOrder,
)
