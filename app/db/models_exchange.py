"""Exchange with other offices: the offices enrolled here and the packages sent and received.

Neither table travels: each office keeps its own view of whom it trusts and what it has seen.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, utcnow


class EnrolledOffice(Base):
    """An office whose public keys were enrolled in person (its enrolment file)."""

    __tablename__ = "enrolled_office"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    signing_public: Mapped[str] = mapped_column(String(64))  # base64 of the raw Ed25519 key
    encryption_public: Mapped[str] = mapped_column(String(64))  # base64 of the raw X25519 key
    fingerprint: Mapped[str] = mapped_column(String(48))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # the chain of packages received from this office: the last one's number and hash
    last_package_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_package_hash: Mapped[str | None] = mapped_column(String(64))
    last_imported_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (CheckConstraint("role IN ('community', 'street-office')", name="role"),)


class ExchangePackage(Base):
    """A package this office wrote (`out`) or imported (`in`), by its number in the chain."""

    __tablename__ = "exchange_package"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    office_code: Mapped[str] = mapped_column(ForeignKey("enrolled_office.code"))
    package_seq: Mapped[int] = mapped_column(Integer)
    package_hash: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(12))  # incremental / full
    since_seq: Mapped[int] = mapped_column(Integer)  # records with since_seq < seq <= up_to_seq
    up_to_seq: Mapped[int] = mapped_column(Integer)
    records: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime | None] = mapped_column(DateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: {entity: records}

    __table_args__ = (
        UniqueConstraint("direction", "office_code", "package_seq", name="uq_exchange_package_seq"),
        CheckConstraint("direction IN ('in', 'out')", name="direction"),
    )
