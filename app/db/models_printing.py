"""Printing: the notice templates an office writes for itself (the built-in ones live in code,
app.core.printing.notice_templates.BUILTIN_TEMPLATES).

A template is a record like any other that staff change: it carries the `Travelling` columns, so
every change is stamped and audited by the session events and a deleted template is tombstoned.
Templates are the office's own working documents; they are not listed among the models that
exchange packages carry.
"""

from __future__ import annotations

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Travelling

_LIVE = text("deleted_at IS NULL")


class NoticeTemplateRecord(Travelling, Base):
    """A user's notice template: `code` (custom-1, custom-2 …) names it on the command line,
    `name` in the window; `based_on` is the built-in template it was copied from, if any."""

    __tablename__ = "notice_template"

    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text, default="")
    based_on: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        Index(
            "uq_notice_template_origin_code",
            "origin",
            "code",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
        Index(
            "uq_notice_template_origin_name",
            "origin",
            "name",
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        ),
    )
