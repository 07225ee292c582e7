"""Declarative base, naming convention and the columns every travelling record carries."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuid.uuid4())


def _random_groups(size: int, n: int, keep: bytes = b"", put: bytes = b"") -> list[str]:
    """`n` random groups of `size` bytes as hex, each ANDed with `keep` and ORed with `put` when
    given (all at once, as one large integer), split apart in C."""
    raw = os.urandom(size * n)
    if keep:
        whole = int.from_bytes(raw, "big") & int.from_bytes(keep * n, "big")
        raw = (whole | int.from_bytes(put * n, "big")).to_bytes(size * n, "big")
    return raw.hex(" ", size).split(" ") if n else []


def new_uuids(n: int) -> list[str]:
    """`n` random (version 4) UUIDs for a bulk insert, in ascending order.

    Made from reads of the OS's random source, a group of the five at a time for all `n`, rather
    than `n` calls of `uuid.uuid4()` (1.3 s for 240,000); the version (4) and variant (10xx) bits
    are set by masking. Ascending, so the rows of one insert fill the uuid index in order instead of
    at random places (each is as random as any other version-4 UUID; only the order is chosen).
    """
    made = list(
        map(
            "-".join,
            zip(
                _random_groups(4, n),
                _random_groups(2, n),
                _random_groups(2, n, b"\x0f\xff", b"\x40\x00"),
                _random_groups(2, n, b"\x3f\xff", b"\x80\x00"),
                _random_groups(6, n),
                strict=True,
            ),
        )
    )
    made.sort()
    return made


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# a travelling column's `info` key: the column leaves in packages as the value given (its content
# stays in the office that made it; app.core.exchange.packages)
WITHHELD = "griddesk_withheld"


class Travelling:
    """Columns of a record that leaves the office in exchange packages.

    `uuid` never changes; `origin` is the code of the office that owns the record; `seq` grows per
    origin on every change, so the next package carries "everything after N"; a delete is a
    tombstone (`deleted_at`, `delete_reason`), never a hard delete. The values are stamped by the
    session events in `app.db.events`, not by the code that changes the record.
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    origin: Mapped[str] = mapped_column(String(20), index=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    delete_reason: Mapped[str | None] = mapped_column(Text, default=None)
