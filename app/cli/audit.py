"""Headless commands for the audit trail (CLI.md, "Audit"; 审计 in the window), administrator only:

    audit list [--by U] [--since D] [--until D] [--kind K] [--entity E] [--record R] [--json]
    audit export OUT.xlsx [the same filters]      personal values masked

`check` verifies the trail's hash chain (app.core.office.health).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, open_data, parse_date, subcommands

if TYPE_CHECKING:
    from app.cli.common import Output
    from app.core.trust.audit import AuditFilter


def _filters(p: argparse.ArgumentParser) -> None:
    from app.core.trust.kinds import KINDS

    p.add_argument("--by", metavar="USER", help="only what this user did")
    p.add_argument("--since", metavar="DATE", help="from this day on (2026-11-30)")
    p.add_argument("--until", metavar="DATE", help="up to and including this day")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--entity", help="a table: resident, household, …")
    p.add_argument("--record", help="a record's uuid (or id)")


def register(sub: Any) -> dict[str, Any]:
    from app.cli.common import dispatch

    add = subcommands(sub, "audit", "the audit trail (administrator)")
    p = add("list", cmd_list, "who did what and when, oldest first")
    _filters(p)
    p.add_argument("--json", action="store_true")
    p = add("export", cmd_export, "the trail into an .xlsx, personal values masked")
    p.add_argument("out", metavar="OUT.xlsx")
    _filters(p)
    return {"audit": dispatch}


def _filter(args: argparse.Namespace) -> AuditFilter:
    from app.core.trust.audit import AuditFilter

    return AuditFilter(
        by=args.by,
        since=parse_date(args.since, "起始日期", "--since"),
        until=parse_date(args.until, "截止日期", "--until"),
        kind=args.kind,
        entity=args.entity,
        record=args.record,
    )


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.audit import entries

    f = _filter(args)
    db, _info = open_data(args)
    with db.reading() as session:
        rows = entries(session, f)
    if args.json:
        out.json({"entries": [e.as_json() for e in rows]})
        return EXIT_OK
    out.say("时间\t用户\t类别\t对象\t记录\t说明", "time\tuser\tkind\tentity\trecord\tsummary")
    for e in rows:
        line = "\t".join(
            (e.at.strftime("%Y-%m-%d %H:%M:%S"), e.user, e.kind, e.entity, e.record, e.summary)
        )
        out.say(line, line)
    out.say(f"共 {len(rows):,} 条", f"{len(rows):,} entries")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from app.core.trust.audit import export_xlsx

    f = _filter(args)
    db, _info = open_data(args)
    n = export_xlsx(db, Path(args.out), f)
    out.say(
        f"已导出审计记录 {n:,} 条（已脱敏）：{args.out}",
        f"Exported {n:,} audit entries (masked): {args.out}",
    )
    return EXIT_OK
