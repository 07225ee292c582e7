"""What every command module shares: exit codes, the printer that speaks the chosen language,
the data folder opened from the command line, dates as typed on it, and the command groups shared by
several areas (`import residents`, `import …`; `export residents`, `export …`): each area adds its
own subcommand to the group; the group's handler dispatches.

    inner = group(subparsers, "export", "export data to files")
    p = inner.add_parser("residents", help=...)
    p.set_defaults(handler=my_handler)
    return {"export": dispatch}
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.core.office.datadir import DataDir

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ALREADY = 0, 1, 2, 3

_INNER = "_griddesk_group"


class Output:
    """What a command prints, in the chosen language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def say(self, zh: str, en: str) -> None:
        print(en if self.lang == "en" else zh)

    def json(self, data: dict[str, Any]) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def data_dir(args: argparse.Namespace) -> DataDir:
    """The data folder the command names (--data-dir), or the usual one."""
    from app.core.office.datadir import DataDir

    return DataDir.resolve(args.data_dir)


def open_data(args: argparse.Namespace) -> Any:
    """The office's database and profile, `(db, info)`, checked and upgraded as at every start,
    signed in as the command's user once the office has users."""
    access = open_access(args)
    return access.db, access.info


def open_access(args: argparse.Namespace) -> Any:
    """The office opened for the command (app.core.trust.signin.Access): as `--user` (or
    GRIDDESK_USER) with the password from GRIDDESK_PASSWORD or a prompt, once it has users."""
    from app.core.trust.signin import has_users, open_unsigned, sign_in

    datadir = data_dir(args)
    if not datadir.is_set_up() or not has_users(datadir):
        return open_unsigned(datadir)
    name, password = credentials(args)
    return sign_in(datadir, name, password, record_now=False)


USER_ENV, PASSWORD_ENV = "GRIDDESK_USER", "GRIDDESK_PASSWORD"


class SignInNeeded(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "此机构已设用户，命令须以用户身份运行：--user 用户名（或 GRIDDESK_USER），密码由 "
            "GRIDDESK_PASSWORD 给出或在终端中按提示输入。",
            "This office has users: a command runs as one. Give --user NAME (or GRIDDESK_USER) "
            "and the password in GRIDDESK_PASSWORD, or type it when asked on a terminal.",
        )


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """Who runs the command and their password; never a password on the command line."""
    import getpass
    import os
    import sys

    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    password = os.environ.get(PASSWORD_ENV)
    if getattr(args, "demo", False) and not getattr(args, "data_dir", None) and not name:
        # the demo's folder (invented people) signs in as its own administrator, as its window does
        from app.core.trust.signin import DEMO_ADMIN, DEMO_PASSWORD

        return DEMO_ADMIN, DEMO_PASSWORD
    tty = sys.stdin.isatty()
    if not name:
        if not tty:
            raise SignInNeeded()
        name = input("用户名 / user: ").strip()
    if password is None:
        if not tty:
            raise SignInNeeded()
        password = getpass.getpass("密码 / password: ")
    return name, password


def say_recovery_key(
    out: Output, info: Any, admin: str, recovery: str, key_out: str | None
) -> None:
    """The recovery key of an office's first administrator, shown this once: printed, or with
    `--recovery-key-out FILE` written there as the sheet to print (`init`; `users add` at an
    office made before users existed)."""
    if key_out:
        from app.core.trust.recovery_sheet import write_recovery_key

        where = write_recovery_key(Path(key_out), info, admin, recovery)
        out.say(
            f"恢复密钥已写入 {where}：请打印后放入保险柜，再删除该文件。",
            f"The recovery key is in {where}: print it, keep it in the office safe, then delete "
            "the file.",
        )
    else:
        out.say(
            f"恢复密钥（只显示这一次，请抄下或打印后放入保险柜；忘记管理员密码时用它重设）：\n{recovery}",
            "Recovery key (shown this once: write it down or print it and keep it in the office "
            f"safe; it resets the administrator's password):\n{recovery}",
        )


def say_rejected(out: Output, rejected: list[Any], shown: int = 20) -> None:
    """The rows an import refused, one line each (row, code, reason), the first `shown` of them;
    the rest are counted and left to the --report file."""
    for problem in rejected[:shown]:
        out.say(
            f"第 {problem.row} 行未导入（{problem.code}）：{problem.message}",
            f"Row {problem.row} rejected ({problem.code}): {problem.message_en}",
        )
    if len(rejected) > shown:
        out.say(
            f"……另有 {len(rejected) - shown} 行未导入，详见报告。",
            f"... {len(rejected) - shown} more rows rejected; see the report.",
        )


def import_exit(plan: Any, path: Path, *, dry_run: bool) -> int:
    """How an import command ends: done (or only tried, with --dry-run); nothing to do when the
    file adds nothing new; refused when not one of its rows could be imported."""
    if dry_run:
        return EXIT_OK
    if not plan.changes_anything:
        if plan.rows_read and len(plan.rejected) == plan.rows_read:
            raise InvalidInput(
                f"没有一行可以导入：{path}（原因见上）",
                f"No row could be imported from {path} (reasons above)",
            )
        return EXIT_ALREADY
    return EXIT_OK


def parse_date(value: str | None, what_zh: str = "日期", what_en: str = "Date") -> date | None:
    """A date typed on the command line (2026-11-30, 2026/11/30, 2026年11月30日, 20261130), or
    None when none was given."""
    if not value:
        return None
    from app.core.registry.roster_reading import read_date

    found = read_date(value)
    if found is None:
        raise InvalidInput(
            f"{what_zh}不是有效日期（应为 2026-11-30）：{value}",
            f"{what_en} is not a valid date (expected 2026-11-30): {value}",
        )
    return found


def group(sub: Any, name: str, help_text: str) -> Any:
    """The subcommands of group `name`, made by whichever area asks first."""
    parser: argparse.ArgumentParser | None = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        inner = parser.add_subparsers(dest=f"{name}_what", metavar="WHAT", required=True)
        setattr(parser, _INNER, inner)
    return getattr(parser, _INNER)


def subcommands(
    sub: Any, name: str, help_text: str
) -> Callable[[str, Callable[[argparse.Namespace, Any], int], str], argparse.ArgumentParser]:
    """A function adding one subcommand of group `name` with its handler, so that an area's
    registration reads as a list of commands and their arguments."""
    cmds = group(sub, name, help_text)

    def add(
        action: str, handler: Callable[[argparse.Namespace, Any], int], text: str
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = cmds.add_parser(action, help=text)
        p.set_defaults(handler=handler)
        return p

    return add


def dispatch(args: argparse.Namespace, out: Any) -> int:
    """The handler of every group: runs the handler its subcommand set."""
    handler = args.handler
    return int(handler(args, out))


def write_json_report(path: Path, data: dict[str, Any]) -> None:
    """A command's --report file, written atomically: it appears whole or not at all."""
    from app.core.common.files import write_bytes

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            f"报告的文件夹不存在：{folder}", f"The report's folder does not exist: {folder}"
        )
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    write_bytes(path, text)
