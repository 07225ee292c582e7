"""Who may do what: the four roles, what each may do, and the signed-in user an operation runs as.

The signed-in user (`Principal`) rides on the session (`session.info["principal"]`, set by
`Database.session()` / `Database.reading()` from `Database.principal`), so an operation checks it
where it does its work — the window and the commands obey the same rule because they call the same
operation. An office with no users (made before users existed; the window asks for its first
administrator) has no principal, and nothing is refused.

| role | may |
|---|---|
| 管理员 admin | everything: users, settings, keys, restore, the audit trail, and all the daily work |
| 工作人员 staff | the daily work of every page; full values on request (audited), `export --full` |
| 网格员/志愿者 grid-worker | their own grids' households only, always masked; deliveries, check-in, visits |
| 查看 viewer | reports and counts, nothing personal |
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, StrEnum, auto
from typing import Any

from app.errors import GridDeskError


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    GRID_WORKER = "grid-worker"
    VIEWER = "viewer"


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.ADMIN: ("管理员", "Administrator"),
    Role.STAFF: ("工作人员", "Staff"),
    Role.GRID_WORKER: ("网格员/志愿者", "Grid worker / volunteer"),
    Role.VIEWER: ("查看", "Viewer"),
}


class Permission(Flag):
    PERSONAL = auto()  # read people's records (a grid worker: those of their grids only)
    WRITE = auto()  # the daily work: record, change, deliver, check in
    FULL_VALUES = auto()  # see a full ID number or phone on request; `export residents --full`
    USERS = auto()  # add users, change roles, reset passwords
    SETTINGS = auto()  # the office's profile and code, keys and enrolment
    RESTORE = auto()  # put a backup back
    AUDIT = auto()  # read and export the audit trail
    REPORTS = auto()  # reports and counts
    EXCHANGE = auto()  # export and import packages
    PRINT_PERSONAL = auto()  # door lists, sign-off sheets and rosters (masked)


_DAILY = (
    Permission.PERSONAL
    | Permission.WRITE
    | Permission.REPORTS
    | Permission.EXCHANGE
    | Permission.PRINT_PERSONAL
)
ROLE_PERMISSIONS: dict[Role, Permission] = {
    Role.ADMIN: ~Permission(0),
    Role.STAFF: _DAILY | Permission.FULL_VALUES,
    Role.GRID_WORKER: Permission.PERSONAL | Permission.WRITE | Permission.PRINT_PERSONAL,
    Role.VIEWER: Permission.REPORTS,
}

# what a refusal names, per permission
_WHAT: dict[Permission, tuple[str, str]] = {
    Permission.PERSONAL: ("查看居民信息", "see residents' records"),
    Permission.WRITE: ("录入或修改数据", "record or change data"),
    Permission.FULL_VALUES: ("查看完整证件号和电话", "see full ID numbers and phones"),
    Permission.USERS: ("管理用户", "manage users"),
    Permission.SETTINGS: ("更改设置和密钥", "change settings and keys"),
    Permission.RESTORE: ("恢复备份", "restore a backup"),
    Permission.AUDIT: ("查看审计记录", "read the audit trail"),
    Permission.REPORTS: ("查看报表", "see reports"),
    Permission.EXCHANGE: ("导出或导入数据包", "export or import packages"),
    Permission.PRINT_PERSONAL: ("打印名单", "print lists of people"),
}


@dataclass(frozen=True)
class Principal:
    """The signed-in user: name, role and, for a grid worker, the codes of their grids."""

    name: str
    role: Role
    grids: frozenset[str] = frozenset()

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def scoped(self) -> bool:
        """Whether this user sees only their own grids' households."""
        return self.role is Role.GRID_WORKER

    @property
    def label(self) -> tuple[str, str]:
        return ROLE_LABELS[self.role]


class NotPermitted(GridDeskError):
    """The signed-in user's role does not allow this; nothing was read or changed."""

    def __init__(self, principal: Principal, permission: Permission) -> None:
        zh_role, en_role = principal.label
        zh, en = _WHAT.get(permission, ("执行此操作", "do this"))
        super().__init__(
            f"无权限：{principal.name}（{zh_role}）不能{zh}。",
            f"Not permitted: {principal.name} ({en_role}) may not {en}.",
        )


class OutsideGrids(GridDeskError):
    """A grid worker asked for a record outside their grids; nothing was read."""

    def __init__(self, principal: Principal, what: tuple[str, str]) -> None:
        super().__init__(
            f"无权限：{principal.name} 只能查看所负责网格（{'、'.join(sorted(principal.grids))}）"
            f"的住户，{what[0]}不在其中。",
            f"Not permitted: {principal.name} sees only the households of their grids "
            f"({', '.join(sorted(principal.grids))}); {what[1]} is outside them.",
        )


def principal_of(session: Any) -> Principal | None:
    """The user a session works for; None in an office without users."""
    found = session.info.get("principal")
    return found if isinstance(found, Principal) else None


def require(session: Any, permission: Permission) -> Principal | None:
    """Refuse (NotPermitted) unless the session's user may; returns that user (None: no users)."""
    principal = principal_of(session)
    if principal is not None and not principal.may(permission):
        raise NotPermitted(principal, permission)
    return principal


def may(session: Any, permission: Permission) -> bool:
    principal = principal_of(session)
    return principal is None or principal.may(permission)
