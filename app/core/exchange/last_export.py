"""The last package this office wrote, as the window's status bar names it (上次导出).

Read from the sent-packages records themselves, so a package written by the command line, by the
window or as a street office's return package is named alike, and there is no second copy to go
stale. Kept apart from app.core.exchange.history, which loads the package code: the window reads
this at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models_exchange import ExchangePackage


@dataclass(frozen=True)
class LastExport:
    created_at: datetime  # UTC, as recorded
    file_name: str

    def text(self) -> str:
        """2026-11-29 18:05 420106001001-420106001-000012.gdpkg, on the office's local clock."""
        local = self.created_at.replace(tzinfo=UTC).astimezone()
        return f"{local:%Y-%m-%d %H:%M} {self.file_name}"


def last_export(session: Session) -> LastExport | None:
    """The newest package this office wrote, or None when it has written none."""
    row = session.execute(
        select(ExchangePackage.created_at, ExchangePackage.file_name)
        .where(ExchangePackage.direction == "out")
        .order_by(ExchangePackage.created_at.desc(), ExchangePackage.id.desc())
        .limit(1)
    ).first()
    return LastExport(row.created_at, row.file_name) if row else None
