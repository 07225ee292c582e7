"""The office's users: adding them, their roles and grids, passwords, disabling.

A user is a row in the database (name, role, grids, active) and a wrapper of the database key in the
keyring (app.core.trust.keyring). Only an administrator manages users; the last active
administrator cannot be disabled or lose the role, and nobody disables themself. Every change is an
audit entry of kind `user` that names the user and the change, never a password.

The keyring file is written inside the database transaction, before its commit: if the commit then
fails, the new wrapper names a user the database does not know, and signing in as it is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.trust import audit
from app.core.trust.keyring import Keyring, SignInFailed, check_password, normalise_name
from app.core.trust.roles import ROLE_LABELS, Permission, Principal, Role, require
from app.db.base import utcnow
from app.db.models import Grid
from app.db.models_users import UserAccount, UserGrid
from app.errors import InvalidInput

MAX_NAME = 40
_NAME = re.compile(r"^[\w.\-@\u3400-\u9fff]+$")


@dataclass(frozen=True)
class UserView:
    name: str
    role: Role
    grids: tuple[str, ...]
    active: bool
    created_at: datetime
    last_sign_in: datetime | None

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": str(self.role),
            "grids": list(self.grids),
            "active": self.active,
        }


def check_name(name: str) -> str:
    name = normalise_name(name)
    if not name or len(name) > MAX_NAME or not _NAME.match(name):
        raise InvalidInput(
            f"用户名应为 1–{MAX_NAME} 个汉字、字母、数字或 . - _ @，不能有空格：{name or '（空）'}",
            f"A user name is 1–{MAX_NAME} Chinese characters, letters, digits or . - _ @, with "
            f"no spaces: {name or '(empty)'}",
        )
    return name


def _view(user: UserAccount) -> UserView:
    return UserView(
        user.name,
        Role(user.role),
        tuple(g.grid_code for g in user.grids),
        bool(user.active),
        user.created_at,
        user.last_sign_in,
    )


def list_users(session: Session) -> list[UserView]:
    require(session, Permission.USERS)
    return [_view(u) for u in session.scalars(select(UserAccount).order_by(UserAccount.name))]


def count_users(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserAccount)) or 0)


def _user(session: Session, name: str) -> UserAccount:
    user = session.scalar(select(UserAccount).where(UserAccount.name == normalise_name(name)))
    if user is None:
        raise InvalidInput(f"没有用户 {name}", f"No user named {name}")
    return user


def _check_grids(session: Session, role: Role, grids: list[str]) -> list[str]:
    codes = sorted({g.strip() for g in grids if g.strip()})
    if role is not Role.GRID_WORKER:
        if codes:
            raise InvalidInput(
                "只有网格员/志愿者按网格分配（--grid）。",
                "Only a grid worker is given grids (--grid).",
            )
        return []
    if not codes:
        raise InvalidInput(
            "网格员/志愿者至少要分配一个网格（--grid 网格编号）。",
            "A grid worker needs at least one grid (--grid CODE).",
        )
    known = set(
        session.scalars(select(Grid.code).where(Grid.code.in_(codes), Grid.deleted_at.is_(None)))
    )
    missing = [c for c in codes if c not in known]
    if missing:
        raise InvalidInput(
            f"没有这些网格：{'、'.join(missing)}（网格编号见 grid list）",
            f"No such grids: {', '.join(missing)} (see grid list for the codes)",
        )
    return codes


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(UserAccount)
            .where(UserAccount.role == Role.ADMIN.value, UserAccount.active.is_(True))
        )
        or 0
    )


def add_user(
    session: Session,
    ring: Keyring,
    key: bytes,
    name: str,
    role: Role,
    password: str,
    grids: list[str] | None = None,
) -> UserView:
    """A new user who signs in with `password`. The first user of an office (its first
    administrator) is added without a signed-in user; every other needs an administrator."""
    first = count_users(session) == 0
    by = None if first else require(session, Permission.USERS)
    name = check_name(name)
    check_password(password)
    if first and role is not Role.ADMIN:
        raise InvalidInput("第一个用户须为管理员。", "The first user must be an administrator.")
    codes = _check_grids(session, role, grids or [])
    if session.scalar(select(UserAccount.id).where(UserAccount.name == name)) is not None:
        raise InvalidInput(f"已有用户 {name}", f"There is already a user named {name}")
    user = UserAccount(
        name=name,
        role=role.value,
        active=True,
        created_by=by.name if by else None,
        grids=[UserGrid(grid_code=c) for c in codes],
    )
    session.add(user)
    session.flush()
    zh_role = ROLE_LABELS[role][0]
    audit.record(
        session,
        "user",
        f"添加用户 {name}（{zh_role}{'，网格 ' + '、'.join(codes) if codes else ''}）",
        entity="user",
        record=name,
    )
    ring.set_password(name, password, key)
    ring.save()
    return _view(user)


def set_role(session: Session, name: str, role: Role, grids: list[str] | None = None) -> UserView:
    principal = require(session, Permission.USERS)
    user = _user(session, name)
    codes = _check_grids(session, role, grids or [])
    if user.role == Role.ADMIN.value and role is not Role.ADMIN and _active_admins(session) <= 1:
        raise InvalidInput(
            "不能取消最后一个管理员的管理员角色。",
            "The last administrator cannot lose the role.",
        )
    if principal is not None and principal.name == user.name and role is not Role.ADMIN:
        raise InvalidInput(
            "不能取消自己的管理员角色，请由另一位管理员操作。",
            "You cannot take away your own administrator role; ask another administrator.",
        )
    before = (user.role, tuple(g.grid_code for g in user.grids))
    user.role = role.value
    user.grids = [UserGrid(grid_code=c) for c in codes]
    session.flush()
    if before != (role.value, tuple(codes)):
        audit.record(
            session,
            "user",
            f"{user.name} 的角色由 {ROLE_LABELS[Role(before[0])][0]} 改为 {ROLE_LABELS[role][0]}"
            f"{'，网格 ' + '、'.join(codes) if codes else ''}",
            entity="user",
            record=user.name,
        )
    return _view(user)


def set_active(session: Session, name: str, active: bool) -> UserView:
    principal = require(session, Permission.USERS)
    user = _user(session, name)
    if not active:
        if principal is not None and principal.name == user.name:
            raise InvalidInput("不能停用自己。", "You cannot disable yourself.")
        if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
            raise InvalidInput(
                "不能停用最后一个管理员。", "The last administrator cannot be disabled."
            )
    if bool(user.active) != active:
        user.active = active
        session.flush()
        audit.record(
            session,
            "user",
            f"{'启用' if active else '停用'}用户 {user.name}",
            entity="user",
            record=user.name,
        )
    return _view(user)


def reset_password(
    session: Session, ring: Keyring, key: bytes, name: str, password: str
) -> UserView:
    """An administrator sets another user's password (the user changes it at will)."""
    require(session, Permission.USERS)
    user = _user(session, name)
    check_password(password)
    audit.record(session, "user", f"重设用户 {user.name} 的密码", entity="user", record=user.name)
    ring.set_password(user.name, password, key)
    ring.save()
    return _view(user)


def change_own_password(
    session: Session, ring: Keyring, key: bytes, name: str, old: str, new: str
) -> None:
    """The signed-in user changes their password, proving the old one first."""
    check_password(new)
    ring.unlock(name, old)  # SignInFailed when the old password is wrong
    audit.record(session, "user", f"{name} 修改了自己的密码", entity="user", record=name)
    ring.set_password(name, new, key)
    ring.save()


def principal_for(session: Session, name: str) -> Principal:
    """The signed-in user as the database knows them; a name the database does not know, or a
    disabled user, is a failed sign-in like a wrong password."""
    user = session.scalar(select(UserAccount).where(UserAccount.name == normalise_name(name)))
    if user is None or not user.active:
        raise SignInFailed()
    return Principal(user.name, Role(user.role), frozenset(g.grid_code for g in user.grids))


def first_admin(session: Session) -> str | None:
    """The administrator the recovery key resets: the earliest active one."""
    return session.scalar(
        select(UserAccount.name)
        .where(UserAccount.role == Role.ADMIN.value, UserAccount.active.is_(True))
        .order_by(UserAccount.id)
        .limit(1)
    )


def note_sign_in(session: Session, name: str) -> None:
    user = session.scalar(select(UserAccount).where(UserAccount.name == name))
    if user is not None:
        user.last_sign_in = utcnow()
