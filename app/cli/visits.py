"""Headless commands for follow-up visits (../CLI.md, "Requests and visits"):

    visits plan --kind home-quarantine|living-alone|chronic --tag T [--days N] [--start D]
    visits plans [--json]
    visits stop --plan ID
    visits due [--date D] [--grid G] [--json]
    visits record --visit ID --outcome reached|not-reached|needs-help [--temperature X] [--note T]
    visits missed [--date D] [--json]
    visits checklist --out F.pdf [--grid G] [--date D]

Every command calls the operation the window calls (app.core.requests.visits,
app.core.requests.checklist); none has logic of its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, dispatch, open_data, parse_date, subcommands

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


def _day(value: str | None, default: date | None = None) -> date:
    return parse_date(value, "日期", "The date") or default or date.today()


def cmd_plan(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    start = parse_date(args.start, "开始日期", "The start")
    db, _info = open_data(args)
    with db.session(note="visits plan") as session:
        p = visits.make_plan(session, args.kind, args.tag, days=args.days, start=start)
    zh, en = visits.PLAN_LABELS[p.kind]
    until_zh = f"至 {p.last_day.isoformat()}" if p.last_day else "直至停止"
    until_en = f"to {p.last_day.isoformat()}" if p.last_day else "until stopped"
    out.say(
        f"已建立随访计划：{zh}，标签“{p.tag}”，{p.residents:,} 人，自 {p.start.isoformat()} "
        f"{until_zh}；计划编号 {p.id}",
        f"Made the visit plan {en} for tag {p.tag}: {p.residents:,} residents, from "
        f"{p.start.isoformat()} {until_en}; plan id {p.id}",
    )
    return EXIT_OK


def cmd_plans(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    db, _info = open_data(args)
    with db.reading() as session:
        plans = visits.list_plans(session)
    if args.json:
        out.json(
            {
                "plans": [
                    {
                        "id": p.id,
                        "kind": str(p.kind),
                        "tag": p.tag,
                        "start": p.start.isoformat(),
                        "days": p.days,
                        "last_day": p.last_day.isoformat() if p.last_day else None,
                        "stopped_at": p.stopped_at.isoformat(timespec="minutes")
                        if p.stopped_at
                        else None,
                        "residents": p.residents,
                        "active": p.active,
                    }
                    for p in plans
                ]
            }
        )
        return EXIT_OK
    for p in plans:
        zh, en = visits.PLAN_LABELS[p.kind]
        state_zh = "进行中" if p.active else ("已停止" if p.stopped_at else "未进行")
        state_en = "active" if p.active else ("stopped" if p.stopped_at else "inactive")
        out.say(
            f"{p.id:>4}  {zh}  {p.tag}  {p.residents:,} 人  {p.start}  {state_zh}",
            f"{p.id:>4}  {en}  {p.tag}  {p.residents:,} residents  {p.start}  {state_en}",
        )
    out.say(f"共 {len(plans)} 项随访计划", f"{len(plans)} visit plans")
    return EXIT_OK


def cmd_stop(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    db, _info = open_data(args)
    with db.session(note="visits stop") as session:
        visits.stop_plan(session, args.plan)
    out.say(f"已停止随访计划 {args.plan}", f"Stopped visit plan {args.plan}")
    return EXIT_OK


def _say_rows(out: Output, rows: list[Any]) -> None:
    from app.core.requests import visits

    for v in rows:
        kind_zh, kind_en = visits.PLAN_SHORT[v.kind]
        if v.outcome is None:
            state_zh, state_en = "待随访", "open"
        else:
            state_zh, state_en = visits.OUTCOME_LABELS[v.outcome]
        temp = f" {v.temperature:.1f}℃" if v.temperature is not None else ""
        out.say(
            f"{v.id:>7}  {v.due_at:%m-%d %H:%M}  {v.grid or '-':<5} {v.household:<10} "
            f"{v.resident:<5} {kind_zh}  {state_zh}{temp}",
            f"{v.id:>7}  {v.due_at:%m-%d %H:%M}  {v.grid or '-':<5} {v.household:<10} "
            f"{v.resident:<5} {kind_en}  {state_en}{temp}",
        )


def cmd_due(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    day = _day(args.date)
    db, _info = open_data(args)
    with db.session(note="visits due") as session:
        rows = visits.visits_due(session, day, grid=args.grid)
    if args.json:
        out.json({"date": day.isoformat(), "visits": [v.as_json() for v in rows]})
        return EXIT_OK
    _say_rows(out, rows)
    open_ = sum(1 for v in rows if v.outcome is None)
    out.say(
        f"{day.isoformat()} 应随访 {len(rows):,} 人次，待随访 {open_:,} 人次",
        f"{day.isoformat()}: {len(rows):,} visits due, {open_:,} still open",
    )
    return EXIT_OK


def cmd_record(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    db, _info = open_data(args)
    with db.session(note="visits record") as session:
        row, request_id = visits.record_visit(
            session, args.visit, args.outcome, temperature=args.temperature, note=args.note
        )
    zh, en = visits.OUTCOME_LABELS[row.outcome] if row.outcome else ("", "")
    temp = f"，体温 {row.temperature:.1f}℃" if row.temperature is not None else ""
    temp_en = f", {row.temperature:.1f} °C" if row.temperature is not None else ""
    if request_id is not None:
        out.say(
            f"已记录随访 {row.id}（{row.household} {row.resident}）：{zh}{temp}；"
            f"已登记诉求 {request_id}",
            f"Recorded visit {row.id} ({row.household} {row.resident}): {en}{temp_en}; "
            f"logged request {request_id}",
        )
    else:
        out.say(
            f"已记录随访 {row.id}（{row.household} {row.resident}）：{zh}{temp}",
            f"Recorded visit {row.id} ({row.household} {row.resident}): {en}{temp_en}",
        )
    return EXIT_OK


def cmd_missed(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import visits

    day = _day(args.date, date.today() - timedelta(days=1))
    db, _info = open_data(args)
    with db.session(note="visits missed") as session:
        rows = visits.missed_visits(session, day, now=datetime.now())
    if args.json:
        out.json({"date": day.isoformat(), "visits": [v.as_json() for v in rows]})
        return EXIT_OK
    _say_rows(out, rows)
    out.say(
        f"{day.isoformat()} 未随访 {len(rows):,} 人次",
        f"{day.isoformat()}: {len(rows):,} visits missed",
    )
    return EXIT_OK


def cmd_checklist(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.checklist import write_checklist

    day = _day(args.date)
    db, _info = open_data(args)
    path = write_checklist(db, Path(args.out), day=day, grid=args.grid)
    out.say(f"随访清单已写入 {path}", f"Wrote the visits checklist: {path}")
    return EXIT_OK


def register(sub: Any) -> dict[str, Handler]:
    """Add the `visits` group."""
    add = subcommands(sub, "visits", "follow-up visits: plans, the day's visits, outcomes")
    p = add("plan", cmd_plan, "make a follow-up plan for the residents with a tag; prints its id")
    p.add_argument("--kind", required=True, help="home-quarantine, living-alone or chronic")
    p.add_argument("--tag", required=True, help="a tag as the window names it, e.g. 独居老人")
    p.add_argument("--days", type=int, help="how many days (home-quarantine: 14)")
    p.add_argument("--start", help="the first day (default today)")
    p = add("plans", cmd_plans, "the follow-up plans")
    p.add_argument("--json", action="store_true")
    p = add("stop", cmd_stop, "stop a plan now")
    p.add_argument("--plan", required=True, type=int)
    p = add("due", cmd_due, "the visits due on a day (default today)")
    p.add_argument("--date")
    p.add_argument("--grid")
    p.add_argument("--json", action="store_true")
    p = add("record", cmd_record, "record a visit; needs-help also logs a request")
    p.add_argument("--visit", required=True, type=int)
    p.add_argument("--outcome", required=True, choices=("reached", "not-reached", "needs-help"))
    p.add_argument("--temperature", help="°C, e.g. 36.8")
    p.add_argument("--note")
    p = add("missed", cmd_missed, "the visits of a day (default yesterday) nobody recorded")
    p.add_argument("--date")
    p.add_argument("--json", action="store_true")
    p = add("checklist", cmd_checklist, "print the door-to-door checklist of a day (PDF)")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--grid")
    p.add_argument("--date", help="default today")
    return {"visits": dispatch}
