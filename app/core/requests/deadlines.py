"""The deadline of a request per category and priority: hours from its receipt, kept in the
settings table (`requests.deadline.<category>.<priority>`) and changed in 设置; a category not set
there has the default below (urgent medical 2 h, daily supplies 24 h, complaints 3 days …).

    due_for(session, Category.MEDICAL, Priority.URGENT, received)   # received + 2 h
    set_deadline(session, Category.SUPPLIES, Priority.NORMAL, 12)   # an administrator's setting
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.requests.vocabulary import (
    CATEGORY_LABELS,
    Category,
    Priority,
    category_of,
    priority_of,
)
from app.core.trust.roles import Permission, require
from app.db.models import Setting
from app.errors import InvalidInput

_PREFIX = "requests.deadline."
MAX_HOURS = 24 * 90

# hours: (urgent, normal)
DEFAULT_HOURS: dict[Category, tuple[int, int]] = {
    Category.MEDICAL: (2, 24),
    Category.SUPPLIES: (12, 24),
    Category.CARE: (4, 24),
    Category.SANITATION: (24, 72),
    Category.REPAIR: (24, 72),
    Category.GROUP_BUY: (24, 72),
    Category.STAFF_COMPLAINT: (72, 72),
    Category.REPORT: (72, 72),
    Category.INQUIRY: (24, 48),
    Category.OTHER: (24, 72),
}


@dataclass(frozen=True)
class Deadline:
    category: Category
    priority: Priority
    hours: int
    default_hours: int

    @property
    def label(self) -> str:
        """就医用药（紧急）: 2 小时"""
        zh = CATEGORY_LABELS[self.category][0]
        return f"{zh}（{'紧急' if self.priority is Priority.URGENT else '一般'}）"


def _key(category: Category, priority: Priority) -> str:
    return f"{_PREFIX}{category.value}.{priority.value}"


def default_hours(category: Category, priority: Priority) -> int:
    urgent, normal = DEFAULT_HOURS[category]
    return urgent if priority is Priority.URGENT else normal


def _parse(value: str | None) -> int | None:
    try:
        hours = int(str(value))
    except (TypeError, ValueError):
        return None
    return hours if 0 < hours <= MAX_HOURS else None


def deadline_hours(session: Session, category: Category, priority: Priority) -> int:
    """The hours a request of this category and priority has, as set (or the default)."""
    row = session.get(Setting, _key(Category(category), Priority(priority)))
    got = _parse(row.value) if row is not None else None
    return got if got is not None else default_hours(Category(category), Priority(priority))


def due_for(
    session: Session, category: Category, priority: Priority, received_at: datetime
) -> datetime:
    return received_at + timedelta(hours=deadline_hours(session, category, priority))


def deadlines(session: Session) -> list[Deadline]:
    """Every category and priority with its hours (one read), for 设置."""
    stored = {
        key: value
        for key, value in session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like(f"{_PREFIX}%"))
        )
    }
    out = []
    for category in Category:
        for priority in Priority:
            default = default_hours(category, priority)
            got = _parse(stored.get(_key(category, priority)))
            out.append(Deadline(category, priority, got or default, default))
    return out


def set_deadline(
    session: Session, category: Category | str, priority: Priority | str, hours: int
) -> None:
    """Change the hours a category and priority have (requests logged from now on); an
    administrator's setting. Refused: not a whole number of hours from 1 to 90 days."""
    require(session, Permission.SETTINGS)
    cat, prio = category_of(category), priority_of(priority)
    try:
        value = int(str(hours).strip())
    except ValueError:
        value = 0
    if not 0 < value <= MAX_HOURS:
        raise InvalidInput(
            f"办理期限应为 1 到 {MAX_HOURS} 小时：{hours}",
            f"A deadline is from 1 to {MAX_HOURS} hours: {hours}",
        )
    row = session.get(Setting, _key(cat, prio))
    if row is None:
        session.add(Setting(key=_key(cat, prio), value=str(value)))
    else:
        row.value = str(value)
    session.flush()
