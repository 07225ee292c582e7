"""Headless commands for the people on duty (../CLI.md, "Grids and people on duty"):

    roster import FILE [--sheet NAME] [--role R] [--dry-run] [--report OUT.json]
    roster list | add | remove | demo
    duty add | list | shifts | assign | board
    checkin CODE [--at "2026-11-30 08:05"] [--in | --out]
    attendance [--json] [--from D] [--to D] [--role cadre]

The grid commands and the printed duty roster and cards are in app.cli.grids. Every command calls
the operation the 网格 page calls (app.core.grids.duty, app.core.grids.duty_shifts,
app.core.grids.duty_checkin, app.core.grids.duty_import, app.core.grids.duty_demo); none has
logic of its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_OK,
    dispatch,
    import_exit,
    open_data,
    parse_date,
    say_rejected,
    subcommands,
    write_json_report,
)
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("T", " "))
    except ValueError:
        raise InvalidInput(
            f"时间应写成 2026-11-30 08:05：{value}", f"Write the time as 2026-11-30 08:05: {value}"
        ) from None


def _clock(value: str) -> tuple[time, time]:
    try:
        start, end = (
            time.fromisoformat(part.strip()) for part in value.replace("–", "-").split("-")
        )
    except ValueError:
        raise InvalidInput(
            f"班次时间应写成 08:00-12:00：{value}", f"Write shift times as 08:00-12:00: {value}"
        ) from None
    return start, end


# --- roster --------------------------------------------------------------------------------------


def cmd_roster_import(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids.duty_import import analyse_roster, apply_roster

    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"找不到文件：{path}", f"No such file: {path}")
    db, _info = open_data(args)
    plan = analyse_roster(db, path, args.sheet, default_role=args.role)
    if not args.dry_run and plan.changes_anything:
        apply_roster(db, plan)
    report = plan.report(out.lang)
    report["dry_run"] = bool(args.dry_run)
    if args.report:
        write_json_report(Path(args.report), report)
    say_rejected(out, plan.rejected)
    verb_zh, verb_en = ("将", "would be ") if args.dry_run else ("", "")
    out.say(
        f"读取 {plan.rows_read:,} 行：{verb_zh}新增人员 {plan.people_added:,} 人，"
        f"{verb_zh}更新 {plan.people_updated:,} 人，未导入 {len(plan.rejected):,} 行，"
        f"提示 {len(plan.warnings):,} 条" + ("（试运行，未写入）" if args.dry_run else ""),
        f"Read {plan.rows_read:,} rows: {plan.people_added:,} people {verb_en}added, "
        f"{plan.people_updated:,} {verb_en}updated, {len(plan.rejected):,} rows rejected, "
        f"{len(plan.warnings):,} warnings"
        + (" (dry run, nothing written)" if args.dry_run else ""),
    )
    return import_exit(plan, path, dry_run=args.dry_run)


def cmd_roster_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty

    db, _info = open_data(args)
    query = duty.PeopleQuery(
        text=args.text or "",
        role=args.role,
        grid=args.grid.upper() if args.grid else None,
        active_only=args.active,
    )
    with db.reading() as session:
        people = duty.list_people(session, query)
    if args.json:
        out.json({"people": [p.as_json(out.lang) for p in people]})
        return EXIT_OK
    for p in people:
        role = duty.role_name(p.role, out.lang)
        grid = p.grid_code or "-"
        out.say(
            f"{p.code:<7} {p.name:<6} {role:<6} {grid:<6} {p.organisation or ''} {p.zone_text}",
            f"{p.code:<7} {p.name:<6} {role:<18} {grid:<6} {p.organisation or ''} {p.zone_text}",
        )
    out.say(f"共 {len(people)} 人", f"{len(people)} people")
    return EXIT_OK


def _resident_at(session: Any, name: str, where: str) -> int:
    from sqlalchemy import select

    from app.core.registry import address
    from app.db.models import Household, Resident

    parsed = address.parse(where)
    if parsed is None:
        raise InvalidInput(f"住址无法识别：{where}", f"Address not understood: {where}")
    found = list(
        session.scalars(
            select(Resident.id)
            .join(Household, Household.id == Resident.household_id)
            .where(
                Household.address_code == parsed.code,
                Resident.name == name,
                Resident.deleted_at.is_(None),
                Household.deleted_at.is_(None),
            )
        )
    )
    if len(found) != 1:
        raise InvalidInput(
            f"{parsed.code} 没有名为 {name} 的居民。", f"No resident named {name} at {parsed.code}."
        )
    return int(found[0])


def cmd_roster_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty

    db, _info = open_data(args)
    with db.session(note="roster add") as session:
        resident_id = _resident_at(session, args.name, args.lives_at) if args.lives_at else None
        person = duty.add_person(
            session,
            duty.PersonInput(
                name=args.name,
                role=duty.role_from_text(args.role) or args.role,
                phone=args.phone,
                grid=args.grid,
                resident_id=resident_id,
                organisation=args.organisation,
                posting_start=parse_date(args.start, "开始日期", "The start"),
                posting_end=parse_date(args.end, "结束日期", "The end"),
                skills=[args.skills] if args.skills else [],
                availability=args.availability,
                zone=args.zone,
                code=args.code,
            ),
        )
        code, name, role = person.code, person.name, person.role
    out.say(
        f"已将{duty.role_name(role)} {name} 加入名册，签到编号 {code}",
        f"Added {duty.role_name(role, 'en')} {name} to the roster; check-in code {code}",
    )
    return EXIT_OK


def cmd_roster_remove(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty

    db, _info = open_data(args)
    with db.session(note="roster remove") as session:
        person = duty.find_person(session, args.person)
        name, code = person.name, person.code
        duty.remove_person(session, person.id, args.reason)
    out.say(f"已将 {name}（{code}）移出名册", f"Took {name} ({code}) off the roster")
    return EXIT_OK


def cmd_roster_demo(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids.duty_demo import fill_demo_roster

    db, _info = open_data(args)
    with db.session(note="demo roster") as session:
        result = fill_demo_roster(session)
    out.say(
        f"已生成演示名册：{result.people} 人，{result.duties} 项任务，{result.shifts} 个班次，"
        f"排班 {result.assignments} 人次，已签到 {result.check_ins} 人次",
        f"Demo roster: {result.people} people, {result.duties} duties, {result.shifts} shifts, "
        f"{result.assignments} assignments, {result.check_ins} check-ins",
    )
    return EXIT_OK


# --- duties --------------------------------------------------------------------------------------


def cmd_duty_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty_shifts

    db, _info = open_data(args)
    with db.session(note="duty add") as session:
        d = duty_shifts.create_duty(session, args.name, args.kind, args.grid, args.place)
        duty_id, name = d.id, d.name
    out.say(
        f"已新建任务“{name}”，任务编号 {duty_id}", f"Added the duty '{name}'; duty id {duty_id}"
    )
    return EXIT_OK


def cmd_duty_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty_shifts

    db, _info = open_data(args)
    with db.reading() as session:
        rows = duty_shifts.list_duties(session)
    if args.json:
        out.json(
            {
                "duties": [
                    {"id": i, "name": n, "kind": k, "grid": g, "place": p} for i, n, k, g, p in rows
                ]
            }
        )
        return EXIT_OK
    for i, n, k, g, p in rows:
        out.say(
            f"{i:>4}  {k}  {n}  {g or ''}  {p or ''}", f"{i:>4}  {k}  {n}  {g or ''}  {p or ''}"
        )
    out.say(f"共 {len(rows)} 项任务", f"{len(rows)} duties")
    return EXIT_OK


def cmd_duty_shifts(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty_shifts

    first = parse_date(args.date, "日期", "The date")
    assert first is not None
    last = parse_date(args.to, "结束日期", "The last day") or first
    start, end = _clock(args.time)
    db, _info = open_data(args)
    with db.session(note="duty shifts") as session:
        shifts = duty_shifts.add_daily_shifts(
            session, args.duty, first, last, start, end, args.needed
        )
        ids = [s.id for s in shifts]
    out.say(
        f"已排 {len(ids)} 个班次（{first} 至 {last}，{args.time}），班次编号 {' '.join(map(str, ids))}",
        f"Added {len(ids)} shifts ({first} to {last}, {args.time}); shift ids {' '.join(map(str, ids))}",
    )
    return EXIT_OK


def cmd_duty_assign(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty, duty_shifts

    db, _info = open_data(args)
    with db.session(note="duty assign") as session:
        ids = [duty.find_person(session, code).id for code in args.person]
        outcome = duty_shifts.assign_people(session, args.shift, ids)
    extra_zh = f"（{'、'.join(outcome.already)} 原已在此班次）" if outcome.already else ""
    extra_en = f" ({', '.join(outcome.already)} already on it)" if outcome.already else ""
    out.say(
        f"已将 {'、'.join(outcome.added)} 排入班次 {args.shift}{extra_zh}",
        f"Put {', '.join(outcome.added)} on shift {args.shift}{extra_en}",
    )
    return EXIT_OK


STATUS_NAMES = {
    "upcoming": ("未开始", "upcoming"),
    "on_duty": ("在岗", "on duty"),
    "done": ("已签退", "done"),
    "late": ("未到", "not arrived"),
    "missed": ("缺勤", "missed"),
}


def cmd_duty_board(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty_shifts

    day = parse_date(args.date, "日期", "The date") or date.today()
    now = _moment(args.at)
    db, _info = open_data(args)
    with db.reading() as session:
        shifts = duty_shifts.day_board(session, day, now)
    missing = [(s, a) for s in shifts for a in s.people if a.status in ("late", "missed")]
    if args.json:
        out.json(
            {
                "date": day.isoformat(),
                "shifts": [
                    {
                        "id": s.id,
                        "duty": s.duty,
                        "kind": s.kind,
                        "starts_at": s.starts_at.isoformat(sep=" ", timespec="minutes"),
                        "ends_at": s.ends_at.isoformat(sep=" ", timespec="minutes"),
                        "needed": s.needed,
                        "people": [
                            {"code": a.code, "name": a.name, "status": a.status} for a in s.people
                        ],
                    }
                    for s in shifts
                ],
                "no_shows": [{"shift": s.id, "code": a.code, "name": a.name} for s, a in missing],
            }
        )
        return EXIT_OK
    lang = 1 if out.lang == "en" else 0
    for s in shifts:
        people = "，".join(f"{a.name}（{STATUS_NAMES[a.status][lang]}）" for a in s.people)
        out.say(
            f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M} {s.duty}：{people or '未排人'}",
            f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M} {s.duty}: {people or 'no one'}",
        )
    out.say(
        f"{day} 共 {len(shifts)} 个班次，未到或缺勤 {len(missing)} 人次",
        f"{day}: {len(shifts)} shifts, {len(missing)} no-shows",
    )
    return EXIT_OK


def cmd_checkin(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty_checkin

    now = _moment(args.at)
    db, _info = open_data(args)
    with db.session(note="check-in") as session:
        if args.check_out:
            result = duty_checkin.check_out(session, args.code, now)
        elif args.check_in:
            result = duty_checkin.check_in(session, args.code, now)
        else:
            result = duty_checkin.scan(session, args.code, now)
    out.say(result.message("zh"), result.message("en"))
    return EXIT_OK


def cmd_attendance(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import duty, duty_checkin

    db, _info = open_data(args)
    role = duty.role_from_text(args.role) if args.role else None
    if args.role and role is None:
        raise InvalidInput(f"未知的人员类别：{args.role}", f"Unknown role: {args.role}")
    with db.reading() as session:
        rows = duty_checkin.attendance(
            session,
            parse_date(args.date_from, "开始日期", "The start"),
            parse_date(args.date_to, "结束日期", "The end"),
            role=role,
        )
    if args.json:
        out.json({"people": [r.as_json(out.lang) for r in rows]})
        return EXIT_OK
    for r in rows:
        paper_zh = "  ⚠ 有名无实？" if r.on_paper else ""
        paper_en = "  ! on paper only?" if r.on_paper else ""
        out.say(
            f"{r.code:<7} {r.name:<6} {duty.role_name(r.role)}  排班 {r.assigned}，到岗 {r.served}，"
            f"缺勤 {r.missed}，{r.hours:.1f} 小时{paper_zh}",
            f"{r.code:<7} {r.name:<6} {duty.role_name(r.role, 'en')}  {r.assigned} assigned, "
            f"{r.served} served, {r.missed} missed, {r.hours:.1f} h{paper_en}",
        )
    out.say(f"共 {len(rows)} 人", f"{len(rows)} people")
    return EXIT_OK


# --- registration --------------------------------------------------------------------------------


def _register_roster(sub: Any) -> None:
    """The `roster` group: import, list, add, remove and the demo roster."""
    add = subcommands(sub, "roster", "people on duty: import, list, add, remove")
    p = add("import", cmd_roster_import, "import a roster (.xlsx/.xls/.csv) with the same care")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME")
    p.add_argument("--role", help="the role of everyone in a file without a 角色 column")
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.add_argument("--report", metavar="OUT.json")
    p = add("list", cmd_roster_list, "the people on duty")
    p.add_argument("--json", action="store_true")
    p.add_argument("--role")
    p.add_argument("--grid")
    p.add_argument("--text", help="name, code, phone, organisation or skill")
    p.add_argument("--active", action="store_true", help="only those on duty today")
    p = add("add", cmd_roster_add, "add a person; prints the check-in code last")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, help="网格员, volunteer, cadre, …")
    p.add_argument("--phone")
    p.add_argument("--grid")
    p.add_argument("--lives-at", help="their address here (links the resident record)")
    p.add_argument("--organisation", help="home unit (cadres), organisation (partners)")
    p.add_argument("--start", help="posting start")
    p.add_argument("--end", help="posting end")
    p.add_argument("--skills")
    p.add_argument("--availability")
    p.add_argument("--zone", help="5,7-9 / 3栋2单元 / 3-2-502")
    p.add_argument("--code", help="a check-in code of your own")
    p = add("remove", cmd_roster_remove, "take someone off the roster")
    p.add_argument("--person", required=True, help="check-in code")
    p.add_argument("--reason")
    add("demo", cmd_roster_demo, "fill a demo roster with duties and this week's shifts")


def _register_duty(sub: Any) -> None:
    """The `duty` group: duties, their shifts, who is on them, the day's board."""
    add = subcommands(sub, "duty", "duties, their shifts and who is on them")
    p = add("add", cmd_duty_add, "add a duty; prints its id last")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, help="卡点值守, 上门走访, 物资配送, 检测协助, 值班, …")
    p.add_argument("--grid")
    p.add_argument("--place")
    p = add("list", cmd_duty_list, "the duties")
    p.add_argument("--json", action="store_true")
    p = add("shifts", cmd_duty_shifts, "add a shift each day; prints the shift ids last")
    p.add_argument("--duty", required=True, type=int)
    p.add_argument("--date", required=True, help="the first day")
    p.add_argument("--to", help="the last day (default: the first)")
    p.add_argument("--time", required=True, help="08:00-12:00 (22:00-06:00 ends next day)")
    p.add_argument("--needed", type=int, default=1)
    p = add("assign", cmd_duty_assign, "put people on a shift")
    p.add_argument("--shift", required=True, type=int)
    p.add_argument("--person", required=True, nargs="+", metavar="CODE")
    p = add("board", cmd_duty_board, "a day's shifts: who is there, late or missing")
    p.add_argument("--date")
    p.add_argument("--at", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")


def _register_checkin(sub: Any) -> None:
    """`checkin CODE`: what a scan at the office does, by hand."""
    checkin = sub.add_parser("checkin", help="check a person in or out by their code (a scan)")
    checkin.add_argument("code", metavar="CODE")
    checkin.add_argument("--at", help="the time, if not now: 2026-11-30 08:05")
    mode = checkin.add_mutually_exclusive_group()
    mode.add_argument("--in", dest="check_in", action="store_true", help="only check in")
    mode.add_argument("--out", dest="check_out", action="store_true", help="only check out")
    checkin.set_defaults(handler=cmd_checkin)


def _register_attendance(sub: Any) -> None:
    """`attendance`: shifts served, missed and hours per person."""
    att = sub.add_parser("attendance", help="shifts served, missed and hours per person")
    att.add_argument("--json", action="store_true")
    att.add_argument("--from", dest="date_from")
    att.add_argument("--to", dest="date_to")
    att.add_argument("--role", help="e.g. cadre (per posting)")
    att.set_defaults(handler=cmd_attendance)


def register(sub: Any) -> dict[str, Handler]:
    """Add the roster, duty, checkin and attendance commands."""
    _register_roster(sub)
    _register_duty(sub)
    _register_checkin(sub)
    _register_attendance(sub)
    return {"roster": dispatch, "duty": dispatch, "checkin": dispatch, "attendance": dispatch}
