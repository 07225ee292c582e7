"""显示完整: one resident's whole ID number and phone, shown on request with a reason.

Only a user with `Permission.FULL_VALUES` (staff, administrators) may ask, and a grid worker never
(their role has not the right; the scope is asked too). The reason is required and goes into the
audit trail (`view-full`) with the record asked for, never the value: the trail says who saw whose
full values, when and why. The window shows what `reveal` returns in the resident's dialog and
nowhere else; nothing is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core.trust import audit, scope
from app.core.trust.roles import Permission, may, require
from app.db.models import Resident
from app.errors import InvalidInput

REASON_MAX = 200


@dataclass(frozen=True)
class FullValues:
    id_number: str
    phone: str


def may_reveal(session: Session) -> bool:
    """Whether the session's user may ask (the window shows 显示完整 only then)."""
    return may(session, Permission.FULL_VALUES)


def reveal(session: Session, resident_id: int, reason: str) -> FullValues:
    """The whole ID number and phone of one resident, recorded as `view-full` with the reason;
    run in a write session (the audit row is written with it)."""
    require(session, Permission.FULL_VALUES)
    why = " ".join((reason or "").split())
    if not why:
        raise InvalidInput("请填写查看完整信息的原因。", "Say why the full values are needed.")
    if len(why) > REASON_MAX:
        raise InvalidInput(
            f"原因不能超过 {REASON_MAX} 个字。", f"The reason is at most {REASON_MAX} characters."
        )
    scope.check_resident(session, resident_id)
    person = session.get(Resident, resident_id)
    if person is None or person.deleted_at is not None:
        raise InvalidInput("此居民已不存在。", "The resident no longer exists.")
    audit.record(
        session,
        audit.VIEW_FULL,
        f"查看居民 {person.id} 的完整证件号和电话，原因：{why}",
        entity="resident",
        record=person.uuid,
    )
    return FullValues(person.id_number or "", person.phone or "")
