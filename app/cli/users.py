"""Headless commands for users (CLI.md, "Sign-in and users"; 设置 → 用户 in the window):

    users add --name N --role admin|staff|grid-worker|viewer [--grid G]...
    users list [--json]
    users reset-password --name N / users disable --name N / users enable --name N
    users set-role --name N --role R [--grid G]...
    users recover --recovery-key FILE [--name N]     no sign-in: the recovery key is the proof

New passwords come from GRIDDESK_NEW_PASSWORD or, on a terminal, a prompt (typed twice); never
from the command line, where other users of the computer could read them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, data_dir, open_access, subcommands
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

NEW_PASSWORD_ENV = "GRIDDESK_NEW_PASSWORD"


def new_password(env: str = NEW_PASSWORD_ENV, who: str = "") -> str:
    """A new password from `env`, or typed twice on a terminal."""
    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput(
            f"请用环境变量 {env} 给出{who}的新密码（或在终端中运行，按提示输入）。",
            f"Give {who or 'the'} new password in {env} (or run on a terminal and type it).",
        )
    first = getpass.getpass(f"{who}新密码 / new password: ")
    again = getpass.getpass("再输入一次 / again: ")
    if first != again:
        raise InvalidInput("两次输入的密码不一样。", "The two passwords differ.")
    return first


def _roles() -> list[str]:
    from app.core.trust.roles import Role

    return [r.value for r in Role]


def register(sub: Any) -> dict[str, Any]:
    from app.cli.common import dispatch

    add = subcommands(sub, "users", "users and their roles (administrator)")
    p = add("add", cmd_add, "add a user (password from GRIDDESK_NEW_PASSWORD or a prompt)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=_roles())
    p.add_argument("--grid", action="append", default=[], help="a grid worker's grid (repeat)")
    p.add_argument(
        "--recovery-key-out",
        metavar="FILE",
        help="the office's first administrator (an office made before users existed): write "
        "the recovery key to FILE instead of printing it",
    )
    p = add("list", cmd_list, "the users, their roles and grids")
    p.add_argument("--json", action="store_true")
    for action, handler, text in (
        ("reset-password", cmd_reset, "set another user's password (GRIDDESK_NEW_PASSWORD)"),
        ("disable", cmd_disable, "disable a user: they can no longer sign in"),
        ("enable", cmd_enable, "enable a disabled user again"),
    ):
        p = add(action, handler, text)
        p.add_argument("--name", required=True)
    p = add("set-role", cmd_set_role, "change a user's role (and a grid worker's grids)")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=_roles())
    p.add_argument("--grid", action="append", default=[])
    p = add(
        "recover",
        cmd_recover,
        "reset the administrator's password with the recovery key printed at init",
    )
    p.add_argument("--recovery-key", required=True, metavar="FILE", help="a file holding the key")
    p.add_argument("--name", help="the administrator (default: the first one)")
    return {"users": dispatch}


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.roles import ROLE_LABELS, Role
    from app.core.trust.users import add_user

    access = open_access(args)
    role = Role(args.role)
    if access.ring is None:  # an office made before users existed
        return _add_first_admin(args, out, access, role)
    password = new_password(who=args.name)
    with access.db.session(note="users") as session:
        assert access.key is not None
        made = add_user(session, access.ring, access.key, args.name, role, password, args.grid)
    zh, en = ROLE_LABELS[role]
    grids = "、".join(made.grids)
    out.say(
        f"已添加用户 {made.name}（{zh}{'，网格 ' + grids if grids else ''}）",
        f"Added user {made.name} ({en}{', grids ' + ', '.join(made.grids) if grids else ''})",
    )
    return EXIT_OK


def _add_first_admin(args: argparse.Namespace, out: Output, access: Any, role: Any) -> int:
    """The first user of an office made before users existed: its administrator, as the window
    asks for one at its first start. The database is encrypted under a new key (a checked backup
    first) and the recovery key shown once, as `init` shows it."""
    from app.cli.common import say_recovery_key
    from app.core.trust.roles import Role
    from app.core.trust.signin import add_first_admin

    try:
        if role is not Role.ADMIN or args.grid:
            raise InvalidInput(
                "先添加管理员：此机构还没有用户，第一个用户须为管理员"
                f"（users add --role admin --name 用户名），然后再添加{args.name}。",
                "Add an administrator first: this office has no users yet, and its first user "
                f"must be an administrator (users add --role admin --name NAME); then add "
                f"{args.name}.",
            )
        password = new_password(who=args.name)
        opened, recovery = add_first_admin(access, args.name, password)
    finally:
        access.db.dispose()
    try:
        assert opened.principal is not None
        name = opened.principal.name
        say_recovery_key(out, opened.info, name, recovery, args.recovery_key_out)
    finally:
        opened.close()
    out.say(
        f"数据库已加密，此后命令须以用户身份运行（--user）。已添加第一个管理员 {name}",
        "The database is encrypted; commands now run as a user (--user). Added the first "
        f"administrator {name}",
    )
    return EXIT_OK


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.roles import ROLE_LABELS
    from app.core.trust.users import list_users

    access = open_access(args)
    with access.db.reading() as session:
        users = list_users(session)
    if args.json:
        out.json({"users": [u.as_json() for u in users]})
        return EXIT_OK
    for u in users:
        zh, en = ROLE_LABELS[u.role]
        state_zh, state_en = ("", "") if u.active else ("（已停用）", " (disabled)")
        out.say(
            f"{u.name}\t{zh}\t{'、'.join(u.grids)}{state_zh}",
            f"{u.name}\t{en}\t{', '.join(u.grids)}{state_en}",
        )
    return EXIT_OK


def cmd_reset(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.users import reset_password

    access = open_access(args)
    password = new_password(who=args.name)
    with access.db.session(note="users") as session:
        assert access.ring is not None and access.key is not None
        reset_password(session, access.ring, access.key, args.name, password)
    out.say(f"已重设 {args.name} 的密码", f"Password of {args.name} reset")
    return EXIT_OK


def _set_active(args: argparse.Namespace, out: Output, active: bool) -> int:
    from app.core.trust.users import set_active

    access = open_access(args)
    with access.db.session(note="users") as session:
        set_active(session, args.name, active)
    out.say(
        f"已{'启用' if active else '停用'}用户 {args.name}",
        f"User {args.name} {'enabled' if active else 'disabled'}",
    )
    return EXIT_OK


def cmd_disable(args: argparse.Namespace, out: Output) -> int:
    return _set_active(args, out, False)


def cmd_enable(args: argparse.Namespace, out: Output) -> int:
    return _set_active(args, out, True)


def cmd_set_role(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.roles import ROLE_LABELS, Role
    from app.core.trust.users import set_role

    access = open_access(args)
    with access.db.session(note="users") as session:
        made = set_role(session, args.name, Role(args.role), args.grid)
    zh, en = ROLE_LABELS[made.role]
    out.say(f"{made.name} 现为{zh}", f"{made.name} is now {en}")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.signin import recover

    path = Path(args.recovery_key)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"无法读取恢复密钥文件：{path}", f"Cannot read the recovery key file: {path}"
        ) from exc
    password = new_password(who="管理员")
    name = recover(data_dir(args), text, password, args.name)
    out.say(
        f"已用恢复密钥重设管理员 {name} 的密码，请用新密码登录。",
        f"The password of administrator {name} was reset with the recovery key; sign in with "
        "the new one.",
    )
    return EXIT_OK
