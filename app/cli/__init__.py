"""Argument parsing and the headless commands (../CLI.md). Each command calls an app.core
operation and prints what it did; none has logic of its own."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from app.cli.common import EXIT_FAILED, EXIT_OK, Output, data_dir, open_data
from app.core.office.datadir import DataDir
from app.errors import GridDeskError, InvalidInput

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="griddesk", description="GridDesk 社区应急工作台 — with no command, opens the window."
    )
    p.add_argument(
        "--version",
        action="store_true",
        help="show the version, the schema revision, the data folder and its office, and exit",
    )
    p.add_argument(
        "--data-dir",
        help="data folder (default: the platform's user data folder; GRIDDESK_DATA_DIR overrides)",
    )
    p.add_argument(
        "--database-url",
        metavar="URL",
        help="keep the database on a PostgreSQL server (postgresql+psycopg://USER@HOST/DBNAME); "
        "given to init it is remembered in the data folder (GRIDDESK_DATABASE_URL overrides)",
    )
    p.add_argument(
        "--lang", choices=("zh", "en"), help="language (default zh, or as set in the window)"
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the demo community (made on first use, kept apart from real data)",
    )
    p.add_argument(
        "--user",
        help="the user a command runs as, once the office has users (GRIDDESK_USER); the "
        "password from GRIDDESK_PASSWORD or a prompt",
    )
    p.add_argument("--verbose", action="store_true", help=argparse.SUPPRESS)
    # the start-up benchmark: quit once the window is shown / the dashboard is filled; the
    # frozen program's smoke test: once a PDF is shown in the print preview (QtPdf)
    p.add_argument("--exit-after", choices=("shown", "ready", "preview"), help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    init = sub.add_parser("init", help="set up a community office or a street office")
    init.add_argument("--role", required=True, choices=("community", "street-office"))
    init.add_argument("--code", required=True, help="civil-affairs code, e.g. 420106001001")
    init.add_argument("--name", required=True)
    init.add_argument("--parent-code", help="the street office's code (for a community)")
    init.add_argument(
        "--admin",
        metavar="NAME",
        help="the first administrator (default GRIDDESK_USER); the password from "
        "GRIDDESK_PASSWORD or a prompt",
    )
    init.add_argument(
        "--recovery-key-out",
        metavar="FILE",
        help="write the recovery key to FILE instead of printing it (print it, then delete FILE)",
    )

    demo = sub.add_parser("demo", help="fill a realistic demo community")
    demo.add_argument("--residents", type=int, default=3000)
    demo.add_argument("--seed", type=int, default=20200123, help=argparse.SUPPRESS)

    sub.add_parser("check", help="integrity, foreign keys, migration state")
    stats = sub.add_parser("stats", help="counts")
    stats.add_argument("--json", action="store_true")
    _register_areas(sub)
    return p


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    from app.cli.common import USER_ENV, say_recovery_key
    from app.cli.users import new_password
    from app.core.trust.signin import setup_with_admin

    datadir = data_dir(args)
    admin = args.admin or os.environ.get(USER_ENV)
    if not admin:
        if not sys.stdin.isatty():
            raise InvalidInput(
                "请用 --admin 用户名（或 GRIDDESK_USER）指定第一个管理员，密码由 GRIDDESK_PASSWORD "
                "给出或在终端中按提示输入。",
                "Name the first administrator with --admin NAME (or GRIDDESK_USER); the password "
                "comes from GRIDDESK_PASSWORD or a prompt on a terminal.",
            )
        admin = input("第一个管理员的用户名 / first administrator: ").strip()
    password = new_password("GRIDDESK_PASSWORD", admin)
    info, recovery = setup_with_admin(
        datadir, args.role, args.code, args.name, args.parent_code, admin, password
    )
    from app import logsetup

    logsetup.configure(datadir.logs, verbose=args.verbose)  # its logs/ exists from now on
    say_recovery_key(out, info, admin, recovery, args.recovery_key_out)
    kind = "社区" if info.role == "community" else "街道办"
    out.say(
        f"已设置{kind}“{info.name}”，管理员 {admin}，数据文件夹 {datadir.root}，"
        f"机构代码 {info.code}",
        f"Set up {info.role} '{info.name}', administrator {admin}, in {datadir.root}; "
        f"office code {info.code}",
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.demo import fill_demo

    db, info = open_data(args)
    started = time.perf_counter()
    with db.session(note="demo") as session:
        result = fill_demo(session, args.residents, seed=args.seed)
    took = time.perf_counter() - started
    out.say(
        f"已为{info.name}生成演示数据：{result.residents:,} 人，{result.households:,} 户，"
        f"{result.buildings} 栋楼，{result.grids} 个网格（{took:.1f} 秒）",
        f"Demo data for {info.name}: {result.residents:,} residents, {result.households:,} "
        f"households, {result.buildings} buildings, {result.grids} grids ({took:.1f} s)",
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.health import check_database

    db, _info = open_data(args)
    report = check_database(db, data_dir(args))
    for zh, en in report.problems:
        print(en if out.lang == "en" else zh, file=sys.stderr)
    if report.healthy:
        out.say(
            f"数据库正常（{'、'.join(report.checked)}）",
            f"Database healthy ({', '.join(report.checked)})",
        )
        return EXIT_OK
    return EXIT_FAILED


def cmd_stats(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.stats import office_stats

    db, info = open_data(args)
    with db.reading() as session:
        data = office_stats(session)
        communities = None
        if info.is_street_office:
            from app.core.exchange.importing import community_summaries

            communities = community_summaries(session)
    data = {"office": {"code": info.code, "name": info.name, "role": info.role}, **data}
    if communities is not None:
        data["communities"] = communities
    if args.json:
        out.json(data)
    else:
        out.say(
            f"{info.name}：{data['households']:,} 户，{data['residents']:,} 人，"
            f"{data['grids']} 个网格，{data['buildings']} 栋楼，重点人群 {data['vulnerable']:,} 人",
            f"{info.name}: {data['households']:,} households, {data['residents']:,} residents, "
            f"{data['grids']} grids, {data['buildings']} buildings, {data['vulnerable']:,} vulnerable",
        )
    return EXIT_OK


Handler = Callable[[argparse.Namespace, Output], int]

COMMANDS: dict[str, Handler] = {
    "init": cmd_init,
    "demo": cmd_demo,
    "check": cmd_check,
    "stats": cmd_stats,
}

# Each area adds its commands from its own module: `register(subparsers) -> {command: handler}`.
# The modules import app.core lazily inside their handlers, so building the parser stays cheap.
AREA_MODULES: tuple[str, ...] = (
    "app.cli.meetings",
    "app.cli.registry",
    "app.cli.printing",
    "app.cli.grids",
    "app.cli.duty",
    "app.cli.exchange",
    "app.cli.supplies",
    "app.cli.requests",
    "app.cli.visits",
    "app.cli.street",
    "app.cli.office",
    "app.cli.backups",
    "app.cli.help",
    "app.cli.users",
    "app.cli.audit",
)


def _register_areas(sub: Any) -> None:
    import importlib

    for name in AREA_MODULES:
        COMMANDS.update(importlib.import_module(name).register(sub))


def run(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    if args.version:  # before anything touches the data folder (logs): it only reads
        from app.cli.version import cmd_version

        return cmd_version(args)
    if args.database_url:  # read where the database is opened, as GRIDDESK_DATABASE_URL is
        from app.core.office.database_url import ENV_VAR

        before = os.environ.get(ENV_VAR)
        os.environ[ENV_VAR] = args.database_url
        try:
            return _run(args)
        finally:
            if before is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = before
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    datadir = DataDir.resolve(
        DataDir.demo().root if args.demo and not args.data_dir else args.data_dir
    )
    from app import logsetup

    log_path = logsetup.configure(datadir.logs, verbose=args.verbose)
    if args.command is None:
        from app.ui.application import run_gui

        return run_gui(args, datadir)
    args.lang = args.lang or "zh"
    out = Output(args.lang)
    try:
        return COMMANDS[args.command](args, out)
    except GridDeskError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # the reader went away (`… --json | head`): nothing to say to it; stdout is pointed at
        # the null device so that the interpreter's last flush does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(
            "已中断，未完成的操作已撤销。"
            if args.lang != "en"
            else "Interrupted; the unfinished operation was rolled back.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except Exception:
        log.exception("bug in command %s", args.command)
        where = log_path or ("上方" if args.lang != "en" else "above")
        print(
            f"内部错误，已记录到日志：{where}"
            if args.lang != "en"
            else f"Internal error; details in the log: {where}",
            file=sys.stderr,
        )
        return EXIT_FAILED


def entry() -> None:
    sys.exit(run())
