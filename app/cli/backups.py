"""Headless commands for backups (CLI.md, "Backups"; 文件 → 备份与恢复… in the window):

    backup [--to DIR]            a checked backup now into backups/ (and a copy into DIR)
    backup list [--json]         the backups, newest first
    restore FILE|latest          the backup back in place of the database, the current one kept

Each calls app.core.office.backups, as the window's dialog does. A PostgreSQL office is told that its
backups are the server's (exit 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import data_dir, open_access

if TYPE_CHECKING:
    from app.cli.common import Output

REASON_NAMES = {
    "manual": ("手动", "manual"),
    "daily": ("每日自动", "daily"),
    "before-import": ("导入前", "before import"),
    "before-upgrade": ("升级前", "before upgrade"),
    "before-restore": ("恢复前", "before restore"),
}


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def cmd_backup(args: argparse.Namespace, out: Output) -> int:
    if args.backup_what == "list":
        return cmd_backup_list(args, out)
    from app.core.office.backups import make_backup

    to = Path(args.to).expanduser().absolute() if args.to else None
    by, _unverified = _signed_in(args, None)  # the key that reads and writes the copies
    made = make_backup(data_dir(args), "manual", to=to, by=by)
    b = made.backup
    if made.copy is not None:
        out.say(f"已复制一份到 {made.copy}", f"Copied to {made.copy}")
    out.say(
        f"已备份并检查通过：居民 {_count(b.residents)} 人，{_count(b.households)} 户，文件 {b.path}",
        f"Backed up and checked: {_count(b.residents)} residents, {_count(b.households)} "
        f"households, file {b.path}",
    )
    return 0


def cmd_backup_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.backups import list_backups

    _signed_in(args, None)
    backups = list_backups(data_dir(args))
    if args.json:
        out.json({"backups": [b.as_json(out.lang) for b in backups]})
        return 0
    if not backups:
        out.say("还没有备份。运行 backup 做第一份备份。", "No backups yet. Run backup to make one.")
        return 0
    for b in backups:
        zh_reason, en_reason = REASON_NAMES.get(b.reason, (b.reason, b.reason))
        when = b.created_at.strftime("%Y-%m-%d %H:%M")
        state = (
            ("未检查", "not checked")
            if b.ok is None
            else ("检查通过", "checked ok")
            if b.ok
            else ("未通过检查", "FAILED its check")
        )
        out.say(
            f"{when}  {zh_reason}  居民 {_count(b.residents)} 人  {_count(b.households)} 户  "
            f"{state[0]}  {b.path}",
            f"{when}  {en_reason}  {_count(b.residents)} residents  {_count(b.households)} "
            f"households  {state[1]}  {b.path}",
        )
    return 0


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.backups import restore

    by, unverified = _signed_in(args, "restore")
    done = restore(data_dir(args), args.source, by=by, admin_unverified=unverified)
    when = done.created_at.strftime("%Y-%m-%d %H:%M") if done.created_at else None
    out.say(
        f"已恢复{f' {when} 的' if when else ''}备份 {done.source}：居民 {_count(done.residents)} 人，"
        f"{_count(done.households)} 户。",
        f"Restored the backup{f' of {when}' if when else ''} {done.source}: "
        f"{_count(done.residents)} residents, {_count(done.households)} households.",
    )
    if done.kept is None:  # there was no database file: nothing to keep
        out.say(
            f"数据库检查正常（{'、'.join(done.checked)}），文件 {data_dir(args).db_path}",
            f"Database healthy ({', '.join(done.checked)}), file {data_dir(args).db_path}",
        )
        return 0
    out.say(
        f"数据库检查正常（{'、'.join(done.checked)}）。恢复前的数据库已另存为 {done.kept.path}",
        f"Database healthy ({', '.join(done.checked)}). The database as it was is kept as "
        f"{done.kept.path}",
    )
    return 0


def _signed_in(args: argparse.Namespace, restoring: str | None) -> tuple[str | None, bool]:
    """Sign in for work on the database file (its key registered; the database closed again);
    a restore needs an administrator. When the database cannot be opened at all (damaged: what a
    restore is for, and what a backup must refuse with its own words), a user whose password opens
    the keyring goes on, their role not yet known (True beside the name): a restore then reads it
    in the backup chosen and goes ahead only for an administrator, keeping the damaged file."""
    from app.core.office.backups import require_sqlite
    from app.core.trust.roles import Permission, require
    from app.core.trust.signin import has_users, unlock_only
    from app.errors import DatabaseProblem

    datadir = data_dir(args)
    require_sqlite(datadir, restoring=bool(restoring))  # a server's backups are its own
    try:
        access = open_access(args)
    except DatabaseProblem:
        if has_users(datadir):
            from app.cli.common import credentials

            name, password = credentials(args)
            unlock_only(datadir, name, password)
            return name, True
        return None, False
    try:
        if restoring:
            with access.db.reading() as session:
                require(session, Permission.RESTORE)
    finally:
        access.close_database()
    return (access.principal.name if access.principal is not None else None), False


def register(sub: Any) -> dict[str, Any]:
    """Add `backup`, `backup list` and `restore`; return their handlers."""
    p = sub.add_parser(
        "backup",
        help="a checked backup now into the data folder's backups/ (backup list: the backups)",
    )
    p.add_argument("--to", metavar="DIR", help="also copy the backup into DIR (a USB stick)")
    inner = p.add_subparsers(dest="backup_what", metavar="WHAT")
    listing = inner.add_parser("list", help="the backups, newest first")
    listing.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "restore",
        help="put a backup back in place of the database (the current one is kept aside)",
    )
    p.add_argument(
        "source",
        metavar="FILE|latest",
        help="a backup file, or latest: the newest good backup of this office",
    )
    return {"backup": cmd_backup, "restore": cmd_restore}
