"""Headless commands of requests and complaints (../CLI.md, "Requests and visits").

    requests add --category C --text T [--household H] [--phone P] [--priority P] [--channel CH]
    requests assign --request ID (--to PERSON | --grid G)
    requests start|done|callback|reopen|show --request ID …
    requests list [--status S] [--category C] [--grid G] [--overdue] [--open] [--json]
    requests deadlines [--set CATEGORY PRIORITY HOURS] [--json]
    requests needs [--out FILE.xlsx|FILE.pdf] [--json]
    requests slips --out FILE.pdf [--grid G] ;  requests scan --code CODE --outcome T
    report requests [--since D] [--until D] [--json]

Every command calls app.core.requests; a refusal exits 1 (a step out of order, an empty outcome, an
unknown household) or 3 (done or called back already), with one line on stderr and nothing changed.
`--household` takes the household as the other commands do: its address code (3-2-502) or its
code (H000123). `requests add` prints the request's number last.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import dispatch, group, open_data, parse_date, subcommands
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output


def _when(row_time: datetime | None) -> str | None:
    return row_time.isoformat(sep=" ", timespec="minutes") if row_time else None


def _json_row(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "uuid": r.uuid,
        "category": r.category.value,
        "status": r.status.value,
        "priority": r.priority.value,
        "channel": r.channel.value,
        "text": r.text,
        "household": r.household,
        "grid": r.grid_code,
        "assigned_to": r.assigned_to,
        "phone": r.phone_masked or None,
        "received_at": _when(r.received_at),
        "due_at": _when(r.due_at),
        "done_at": _when(r.done_at),
        "overdue": r.overdue,
        "outcome": r.outcome,
        "satisfied": r.satisfied,
        "anonymous": r.anonymous,
    }


def _status_words(r: Any, lang: str) -> str:
    from app.core.requests.requests import STATUS_LABELS

    zh, en = STATUS_LABELS[r.status]
    return en if lang == "en" else zh


def _household_id(session: Any, ref: str | None) -> int | None:
    if not ref:
        return None
    from app.core.registry.lookup import find_household

    found = find_household(session, ref)
    if found is None:
        raise InvalidInput(f"找不到住户 {ref}", f"No household {ref}")
    return found


def _due(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip().replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise InvalidInput(
        f"办理期限不是有效时间（应为 2026-12-01 18:00）：{value}",
        f"The deadline is not a valid time (expected 2026-12-01 18:00): {value}",
    )


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import CATEGORY_LABELS, log_request

    db, _info = open_data(args)
    with db.session(note="requests add") as session:
        row = log_request(
            session,
            args.category,
            args.text,
            household_id=_household_id(session, args.household),
            phone=args.phone,
            priority=args.priority,
            channel=args.channel,
            about_user=args.about,
            grid_code=args.grid,
            due_at=_due(args.due),
        )
    if row.anonymous:
        out.say(
            "注意：这是匿名诉求（没有住户，也没有回访电话），办结后无法回访。",
            "Note: this request is anonymous (no household, no callback number); it cannot be "
            "called back.",
        )
    zh, en = CATEGORY_LABELS[row.category]
    where = row.household or ("匿名" if out.lang != "en" else "anonymous")
    out.say(
        f"已登记{zh}诉求（{where}），办理期限 {_when(row.due_at)}，编号 {row.id}",
        f"Logged a request ({en}, {where}), due {_when(row.due_at)}; number {row.id}",
    )
    return 0


def _person_id(session: Any, ref: str) -> int:
    from sqlalchemy import select

    from app.core.grids.duty import find_person
    from app.db.models_grids import DutyPerson

    try:
        return int(find_person(session, ref).id)
    except InvalidInput:
        named = list(
            session.scalars(
                select(DutyPerson.id).where(
                    DutyPerson.name == ref.strip(), DutyPerson.deleted_at.is_(None)
                )
            )
        )
        if len(named) == 1:
            return int(named[0])
        if len(named) > 1:
            raise InvalidInput(
                f"有 {len(named)} 位在岗人员叫 {ref}，请用编号指明。",
                f"{len(named)} people on duty are called {ref}; give the code.",
            ) from None
        raise


def cmd_assign(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import assign

    if not args.to and not args.grid:
        raise InvalidInput("请用 --to 或 --grid 指明派给谁。", "Give --to PERSON or --grid G.")
    db, _info = open_data(args)
    with db.session(note="requests assign") as session:
        person = _person_id(session, args.to) if args.to else None
        row = assign(session, args.request, person_id=person, grid_code=args.grid)
    to = row.assigned_to or row.grid_code or ""
    out.say(f"诉求 {row.id} 已派单给 {to}", f"Request {row.id} assigned to {to}")
    return 0


def cmd_start(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import start

    db, _info = open_data(args)
    with db.session(note="requests start") as session:
        row = start(session, args.request)
    out.say(f"诉求 {row.id} 处理中", f"Request {row.id} in progress")
    return 0


def cmd_done(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import finish

    db, _info = open_data(args)
    with db.session(note="requests done") as session:
        row = finish(session, args.request, args.outcome)
    late = "" if row.done_on_time else "（已超期）"
    late_en = "" if row.done_on_time else " (late)"
    out.say(f"诉求 {row.id} 已办结{late}", f"Request {row.id} done{late_en}")
    return 0


def _yes_no(value: str) -> bool:
    v = value.strip().lower()
    if v in ("yes", "y", "true", "1", "是", "满意"):
        return True
    if v in ("no", "n", "false", "0", "否", "不满意"):
        return False
    raise InvalidInput(f"--satisfied 应为 yes 或 no：{value}", f"--satisfied is yes or no: {value}")


def cmd_callback(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import callback

    satisfied = _yes_no(args.satisfied)
    db, _info = open_data(args)
    with db.session(note="requests callback") as session:
        row = callback(session, args.request, satisfied, note=args.note)
    out.say(
        f"诉求 {row.id} 已回访：{'满意' if row.satisfied else '不满意'}",
        f"Request {row.id} called back: {'satisfied' if row.satisfied else 'not satisfied'}",
    )
    return 0


def cmd_reopen(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import reopen

    db, _info = open_data(args)
    with db.session(note="requests reopen") as session:
        row = reopen(session, args.request, args.reason)
    out.say(
        f"诉求 {row.id} 已重新打开（{_status_words(row, 'zh')}），办理期限 {_when(row.due_at)}",
        f"Request {row.id} reopened ({_status_words(row, 'en')}), due {_when(row.due_at)}",
    )
    return 0


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import RequestFilter, list_requests, status_of

    f = RequestFilter(
        status=status_of(args.status) if args.status else None,
        category=args.category,
        grid=args.grid,
        overdue=args.overdue,
        open_only=args.open,
        text=args.text,
    )
    db, _info = open_data(args)
    with db.reading() as session:
        if args.household:
            f = RequestFilter(
                **{**f.__dict__, "household_id": _household_id(session, args.household)}
            )
        rows = list_requests(session, f, limit=args.limit)
    if args.json:
        out.json({"requests": [_json_row(r) for r in rows]})
        return 0
    if not rows:
        out.say("没有符合条件的诉求", "No requests")
    for r in rows:
        flag = "！超期 " if r.overdue else ""
        flag_en = "! OVERDUE " if r.overdue else ""
        where = r.household or "匿名"
        out.say(
            f"{r.id}\t{flag}{_status_words(r, 'zh')}\t{r.category.value}\t{where}\t"
            f"期限 {_when(r.due_at)}\t{r.text[:30]}",
            f"{r.id}\t{flag_en}{_status_words(r, 'en')}\t{r.category.value}\t"
            f"{r.household or 'anonymous'}\tdue {_when(r.due_at)}\t{r.text[:30]}",
        )
    return 0


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.requests import history, request_row

    db, _info = open_data(args)
    with db.reading() as session:
        row = request_row(session, args.request)
        steps = history(session, args.request, out.lang)  # its words in the output's language
    if args.json:
        out.json(
            {
                **_json_row(row),
                "history": [{"at": _when(at), "by": who, "what": what} for at, who, what in steps],
            }
        )
        return 0
    out.say(
        f"诉求 {row.id}：{_status_words(row, 'zh')}，{row.household or '匿名'}，"
        f"期限 {_when(row.due_at)}{'（超期）' if row.overdue else ''}\n{row.text}",
        f"Request {row.id}: {_status_words(row, 'en')}, {row.household or 'anonymous'}, due "
        f"{_when(row.due_at)}{' (overdue)' if row.overdue else ''}\n{row.text}",
    )
    for at, who, what in steps:
        out.say(f"  {_when(at)}  {who}  {what}", f"  {_when(at)}  {who}  {what}")
    return 0


def cmd_deadlines(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import deadlines

    db, _info = open_data(args)
    if args.set:
        category, priority, hours = args.set
        with db.session(note="requests deadlines") as session:
            deadlines.set_deadline(session, category, priority, hours)
    with db.reading() as session:
        table = deadlines.deadlines(session)
    if args.json:
        out.json(
            {
                "deadlines": [
                    {
                        "category": d.category.value,
                        "priority": d.priority.value,
                        "hours": d.hours,
                        "default_hours": d.default_hours,
                    }
                    for d in table
                ]
            }
        )
        return 0
    for d in table:
        out.say(f"{d.label}\t{d.hours} 小时", f"{d.category.value} {d.priority.value}\t{d.hours} h")
    return 0


def cmd_needs(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests import needs

    db, _info = open_data(args)
    if args.out:
        where = needs.write_needs(db, Path(args.out))
        out.say(f"需求清单已写入 {where}", f"The needs list is in {where}")
        return 0
    with db.reading() as session:
        rows = needs.needs_list(session)
    if args.json:
        out.json({"needs": [needs.as_dict(r) for r in rows]})
        return 0
    if not rows:
        out.say("暂无未办结的需求", "No open needs")
    for r in rows:
        out.say(
            f"{r.label}\t{r.grid or '-'}\t{r.building or '-'}\t{r.open} 件（超期 {r.overdue}）",
            f"{r.category}\t{r.grid or '-'}\t{r.building or '-'}\t{r.open} open "
            f"({r.overdue} overdue)",
        )
    return 0


def cmd_slips(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.slips import write_work_orders

    db, _info = open_data(args)
    where = write_work_orders(db, Path(args.out), grid=args.grid, day=parse_date(args.date))
    out.say(f"派单单已写入 {where}", f"The work-order slips are in {where}")
    return 0


def cmd_scan(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.slips import record_scanned

    db, _info = open_data(args)
    with db.session(note="requests scan") as session:
        row = record_scanned(session, args.code, args.outcome)
    out.say(f"诉求 {row.id} 已办结", f"Request {row.id} done")
    return 0


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    from app.core.requests.figures import accountability

    db, _info = open_data(args)
    with db.reading() as session:
        data = accountability(session, since=parse_date(args.since), until=parse_date(args.until))
    if args.json:
        out.json(data)
        return 0
    pct = data["done_on_time_pct"]
    med = data["median_hours_to_done"]
    out.say(
        f"收到 {data['received']} 件，办结 {data['done']} 件（按期 "
        f"{'-' if pct is None else f'{pct}%'}，中位用时 {'-' if med is None else f'{med} 小时'}），"
        f"超期未办 {data['overdue']} 件，回访满意 {data['satisfied']}/{data['called_back']}",
        f"Received {data['received']}, done {data['done']} (on time "
        f"{'-' if pct is None else f'{pct}%'}, median {'-' if med is None else f'{med} h'}), "
        f"overdue {data['overdue']}, satisfied {data['satisfied']}/{data['called_back']}",
    )
    for code, g in data["by_grid"].items():
        out.say(
            f"  网格 {code}：收到 {g['received']}，办结 {g['done']}，超期 {g['overdue']}",
            f"  grid {code}: received {g['received']}, done {g['done']}, overdue {g['overdue']}",
        )
    return 0


def register(sub: Any) -> dict[str, Any]:
    """Add `requests …` and `report requests` to the parser."""
    from app.core.requests.vocabulary import Category, Channel, Priority, Status

    add = subcommands(sub, "requests", "residents' requests and complaints (诉求)")

    def request_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--request", required=True, help="the request's number")

    p = add("add", cmd_add, "log a request; prints its number last")
    p.add_argument("--category", required=True, choices=[c.value for c in Category])
    p.add_argument("--text", required=True)
    p.add_argument("--household", help="address code (3-2-502) or household code")
    p.add_argument("--phone", help="callback number")
    p.add_argument("--priority", default="normal", choices=[x.value for x in Priority])
    p.add_argument("--channel", default="phone", choices=[x.value for x in Channel])
    p.add_argument("--grid", help="the grid, when no household is named")
    p.add_argument("--about", help="staff-complaint: the user it is about")
    p.add_argument("--due", help="a deadline other than the category's (2026-12-01 18:00)")

    p = add("assign", cmd_assign, "send it to a person on duty or a grid")
    request_arg(p)
    p.add_argument("--to", help="a person on duty (code or name)")
    p.add_argument("--grid")
    p = add("start", cmd_start, "the person it was sent to has started")
    request_arg(p)
    p = add("done", cmd_done, "close it with its outcome")
    request_arg(p)
    p.add_argument("--outcome", required=True)
    p = add("callback", cmd_callback, "record the callback")
    request_arg(p)
    p.add_argument("--satisfied", required=True, help="yes or no")
    p.add_argument("--note")
    p = add("reopen", cmd_reopen, "open a done request again")
    request_arg(p)
    p.add_argument("--reason", required=True)
    p = add("list", cmd_list, "the requests, newest first")
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument("--category", choices=[c.value for c in Category])
    p.add_argument("--grid")
    p.add_argument("--household")
    p.add_argument("--text", help="words of the text or the address")
    p.add_argument("--overdue", action="store_true")
    p.add_argument("--open", action="store_true", help="not done yet")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p = add("show", cmd_show, "one request and its history")
    request_arg(p)
    p.add_argument("--json", action="store_true")
    p = add("deadlines", cmd_deadlines, "the deadline per category and priority (设置)")
    p.add_argument("--set", nargs=3, metavar=("CATEGORY", "PRIORITY", "HOURS"))
    p.add_argument("--json", action="store_true")
    p = add("needs", cmd_needs, "需求清单: open needs by category, grid and building")
    p.add_argument("--out", help="FILE.xlsx or FILE.pdf")
    p.add_argument("--json", action="store_true")
    p = add("slips", cmd_slips, "work-order slips of the open requests, per grid (PDF)")
    p.add_argument("--out", required=True)
    p.add_argument("--grid")
    p.add_argument("--date", help="the day printed on them (default today)")
    p = add("scan", cmd_scan, "a slip scanned back: its request done with the outcome")
    p.add_argument("--code", required=True, help="the slip's barcode (R12) or household code")
    p.add_argument("--outcome", required=True)

    reports = group(sub, "report", "reports built from the records")
    r = reports.add_parser("requests", help="accountability figures of requests")
    r.add_argument("--since", help="from this day (received)")
    r.add_argument("--until", help="up to this day")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_report)
    return {"requests": dispatch, "report": dispatch}
