"""Users of this office's program and the grids a grid worker looks after.

Local to the office: users never travel in packages. Their passwords are not here: each user's
wrapper of the database key is in the keyring (app.core.trust.keyring). What a user may do follows
from the role (app.core.trust.roles); changes are recorded in the audit trail as kind `user`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, utcnow


class UserAccount(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # admin / staff / grid-worker / viewer
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(60))
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
    grids: Mapped[list[UserGrid]] = relationship(
        cascade="all, delete-orphan", order_by="UserGrid.grid_code", lazy="selectin"
    )


class UserGrid(Base):
    """A grid (by its code, as the office's grids are named) a grid worker looks after."""

    __tablename__ = "app_user_grid"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True
    )
    grid_code: Mapped[str] = mapped_column(String(20), primary_key=True)
