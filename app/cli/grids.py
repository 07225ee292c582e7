"""Headless commands for grids and the people on duty (../CLI.md, "Grids and people on duty"):

    grid list [--json]                              coverage of every grid, unassigned households
    grid add --code G --name N                      prints the grid's code last
    grid assign --grid G (--buildings 1-3,7 | --households 3-2-502 H000123 …)
    grid rename | merge | split | remove | buildings | unassigned | history | ratio
    roster import FILE [--sheet NAME] [--role R] [--dry-run] [--report OUT.json]
    roster list | add | remove | demo
    duty add | list | shifts | assign | board
    checkin CODE [--at "2026-11-30 08:05"] [--in | --out]
    attendance [--json] [--from D] [--to D] [--role cadre]
    print duty-roster | grid-contacts | grid-households | duty-cards

Every command calls the operation the 网格 page calls (app.core.grids.structure, app.core.grids.duty,
app.core.grids.duty_import, app.core.grids.paper); none has logic of its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_ALREADY,
    EXIT_OK,
    dispatch,
    group,
    open_data,
    parse_date,
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


# --- grid ----------------------------------------------------------------------------------------


def cmd_grid_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.reading() as session:
        cov = structure.coverage(session)
    if args.json:
        out.json(cov.as_json())
        return EXIT_OK
    for g in cov.grids:
        per = g.residents_per_worker
        flag_zh = "  ⚠ 人手不足" if g.flagged else ""
        flag_en = "  ! understaffed" if g.flagged else ""
        out.say(
            f"{g.code:<8} {g.name}：{g.households:,} 户，{g.residents:,} 人，重点人群 {g.vulnerable:,} 人，"
            f"在岗 {g.workers} 人，"
            + (f"每人服务 {per:,.0f} 人" if per is not None else "无人在岗")
            + flag_zh,
            f"{g.code:<8} {g.name}: {g.households:,} households, {g.residents:,} residents, "
            f"{g.vulnerable:,} vulnerable, {g.workers} on duty, "
            + (f"{per:,.0f} residents each" if per is not None else "no one on duty")
            + flag_en,
        )
    out.say(
        f"共 {len(cov.grids)} 个网格；未分网格的住户 {cov.unassigned_households:,} 户；"
        f"人手不足（每人超过 {cov.max_residents_per_worker:,} 人或无人在岗）{len(cov.flagged)} 个",
        f"{len(cov.grids)} grids; {cov.unassigned_households:,} households in no grid; "
        f"{len(cov.flagged)} understaffed (over {cov.max_residents_per_worker:,} residents each, "
        "or no one)",
    )
    return EXIT_OK


def cmd_grid_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.session(note="grid add") as session:
        grid = structure.create_grid(session, args.code, args.name, args.notes)
        code, name = grid.code, grid.name
    out.say(f"已新建网格“{name}”，网格编号 {code}", f"Added the grid '{name}'; grid code {code}")
    return EXIT_OK


def _moved_text(result: Any) -> tuple[str, str]:
    parts_zh = [f"{k or '未分网格'} {n} 户" for k, n in sorted(result.moved_from.items())]
    parts_en = [f"{n} from {k or 'no grid'}" for k, n in sorted(result.moved_from.items())]
    return "、".join(parts_zh), ", ".join(parts_en)


def cmd_grid_assign(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import assignment

    if not args.buildings and not args.households:
        raise InvalidInput(
            "请用 --buildings 指定楼栋（如 1-3,7），或用 --households 指定住户。",
            "Give --buildings (e.g. 1-3,7) or --households.",
        )
    db, _info = open_data(args)
    results = []
    with db.session(note="grid assign") as session:
        if args.buildings:
            results.append(
                assignment.assign_buildings(session, args.grid, args.buildings, note=args.note)
            )
        if args.households:
            results.append(
                assignment.assign_households(session, args.grid, args.households, note=args.note)
            )
    moved = sum(r.households_moved for r in results)
    already = sum(r.households_already for r in results)
    for r in results:
        if r.gaps:
            out.say(
                f"范围中没有这些楼号，已跳过：{'、'.join(r.gaps)}",
                f"No buildings with these numbers in the ranges; skipped: {', '.join(r.gaps)}",
            )
    if moved == 0:
        out.say(
            f"这些住户（{already:,} 户）已在网格 {results[0].grid} 中，没有改动。",
            f"These households ({already:,}) are in grid {results[0].grid} already; nothing changed.",
        )
        return EXIT_ALREADY
    zh, en = _moved_text(results[0]) if len(results) == 1 else ("", "")
    buildings = results[0].buildings if args.buildings else []
    out.say(
        f"已将 {moved:,} 户划入网格 {results[0].grid}"
        + (f"（楼栋 {','.join(buildings)}）" if buildings else "")
        + (f"，来自 {zh}" if zh else "")
        + (f"；另有 {already:,} 户原已在此网格" if already else ""),
        f"Moved {moved:,} households into grid {results[0].grid}"
        + (f" (buildings {','.join(buildings)})" if buildings else "")
        + (f": {en}" if en else "")
        + (f"; {already:,} were there already" if already else ""),
    )
    return EXIT_OK


def cmd_grid_rename(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.session(note="grid rename") as session:
        grid = structure.rename_grid(session, args.grid, name=args.name, new_code=args.code)
        code, name = grid.code, grid.name
    out.say(f"网格已改为“{name}”，网格编号 {code}", f"The grid is now '{name}'; grid code {code}")
    return EXIT_OK


def cmd_grid_merge(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import assignment

    db, _info = open_data(args)
    with db.session(note="grid merge") as session:
        result = assignment.merge_grids(session, args.sources, args.into)
    out.say(
        f"已将网格 {'、'.join(result.merged)} 并入 {result.target}：{result.households_moved:,} 户，"
        f"{result.people_moved} 名在岗人员；网格编号 {result.target}",
        f"Merged grid(s) {', '.join(result.merged)} into {result.target}: "
        f"{result.households_moved:,} households, {result.people_moved} people on duty; "
        f"grid code {result.target}",
    )
    return EXIT_OK


def cmd_grid_split(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import assignment

    db, _info = open_data(args)
    with db.session(note="grid split") as session:
        result = assignment.split_grid(
            session,
            args.grid,
            args.code,
            args.name,
            buildings=args.buildings,
            households=args.households or (),
        )
    out.say(
        f"已从网格 {args.grid.upper()} 拆出新网格，{result.households_moved:,} 户；网格编号 {result.grid}",
        f"Split a new grid off {args.grid.upper()} with {result.households_moved:,} households; "
        f"grid code {result.grid}",
    )
    return EXIT_OK


def cmd_grid_remove(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.session(note="grid remove") as session:
        structure.remove_grid(session, args.grid, args.reason)
    out.say(f"已删除空网格 {args.grid.upper()}", f"Removed the empty grid {args.grid.upper()}")
    return EXIT_OK


def cmd_grid_buildings(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.reading() as session:
        rows = structure.buildings_overview(session, args.grid.upper() if args.grid else None)
    if args.json:
        out.json(
            {
                "buildings": [
                    {
                        "number": b.number,
                        "units": b.units,
                        "floors": b.floors,
                        "grid": b.grid_code,
                        "households": b.households,
                        "households_by_grid": b.by_grid,
                        "unassigned_households": b.unassigned,
                    }
                    for b in rows
                ]
            }
        )
        return EXIT_OK
    for b in rows:
        split = "，".join(f"{k or '未分'} {n}" for k, n in sorted(b.by_grid.items()))
        out.say(
            f"{b.number:>5} 栋  {b.units} 单元 {b.floors} 层  {b.households:>5} 户  {split}",
            f"{b.number:>5}  {b.units} units {b.floors} floors  {b.households:>5} households  {split}",
        )
    out.say(f"共 {len(rows)} 栋", f"{len(rows)} buildings")
    return EXIT_OK


def cmd_grid_unassigned(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.reading() as session:
        total, rows = structure.unassigned_households(session, limit=args.limit)
    if args.json:
        out.json(
            {
                "unassigned_households": total,
                "households": [
                    {"code": r.code, "address": r.address_code, "members": r.members} for r in rows
                ],
            }
        )
        return EXIT_OK
    for r in rows:
        out.say(
            f"{r.address_code:<12} {r.code}  {r.members} 人",
            f"{r.address_code:<12} {r.code}  {r.members} people",
        )
    out.say(f"未分网格的住户共 {total:,} 户", f"{total:,} households in no grid")
    return EXIT_OK


def cmd_grid_history(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    with db.reading() as session:
        address_code, rows = structure.household_history(session, args.household)
    if args.json:
        out.json(
            {
                "household": address_code,
                "history": [
                    {
                        "grid": r.grid_code,
                        "name": r.grid_name,
                        "from": r.started_at.isoformat(sep=" ", timespec="seconds"),
                        "to": r.ended_at.isoformat(sep=" ", timespec="seconds")
                        if r.ended_at
                        else None,
                        "how": r.how,
                        "by": r.actor,
                        "note": r.note,
                    }
                    for r in rows
                ],
            }
        )
        return EXIT_OK
    for r in rows:
        until = r.ended_at.strftime("%Y-%m-%d %H:%M") if r.ended_at else "至今"
        until_en = r.ended_at.strftime("%Y-%m-%d %H:%M") if r.ended_at else "now"
        out.say(
            f"{r.started_at:%Y-%m-%d %H:%M} — {until}  {r.grid_code} {r.grid_name}",
            f"{r.started_at:%Y-%m-%d %H:%M} — {until_en}  {r.grid_code} {r.grid_name}",
        )
    out.say(f"住户 {address_code}（时间为 UTC）", f"Household {address_code} (times in UTC)")
    return EXIT_OK


def cmd_grid_ratio(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import structure

    db, _info = open_data(args)
    if args.set is not None:
        with db.session(note="grid ratio") as session:
            structure.set_max_residents_per_worker(session, args.set)
    with db.reading() as session:
        value = structure.max_residents_per_worker(session)
    out.say(
        f"每名在岗人员服务居民超过 {value:,} 人的网格标为人手不足",
        f"Grids with more than {value:,} residents per person on duty are flagged",
    )
    return EXIT_OK


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
    for problem in plan.rejected[:20]:
        out.say(
            f"第 {problem.row} 行未导入（{problem.code}）：{problem.message}",
            f"Row {problem.row} rejected ({problem.code}): {problem.message_en}",
        )
    if len(plan.rejected) > 20:
        out.say(
            f"……另有 {len(plan.rejected) - 20} 行未导入，详见报告。",
            f"... {len(plan.rejected) - 20} more rows rejected; see the report.",
        )
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
    if args.dry_run:
        return EXIT_OK
    if not plan.changes_anything:
        if plan.rows_read and len(plan.rejected) == plan.rows_read:
            raise InvalidInput(
                f"没有一行可以导入：{path}（原因见上）",
                f"No row could be imported from {path} (reasons above)",
            )
        return EXIT_ALREADY
    return EXIT_OK


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


# --- print ---------------------------------------------------------------------------------------


def _print_done(out: Output, path: Path, pages: int, what_zh: str, what_en: str) -> int:
    out.say(
        f"已生成{what_zh}，共 {pages} 页，文件 {path}",
        f"Printed the {what_en}, {pages} pages, to {path}",
    )
    return EXIT_OK


def cmd_print_duty_roster(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import paper as print_grids

    day = parse_date(args.week, "日期", "The date") or date.today()
    db, _info = open_data(args)
    result = print_grids.print_duty_roster(db, day, Path(args.out), grid=args.grid)
    return _print_done(out, result.path, result.pages, "一周值班表", "week's duty roster")


def cmd_print_grid_contacts(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import paper as print_grids

    db, _info = open_data(args)
    result = print_grids.print_contact_sheets(db, Path(args.out), grids=args.grid or None)
    return _print_done(out, result.path, result.pages, "网格联系表", "grid contact sheets")


def cmd_print_grid_households(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import paper as print_grids

    db, _info = open_data(args)
    result = print_grids.print_worker_list(db, args.grid, Path(args.out))
    return _print_done(out, result.path, result.pages, "网格走访清单", "grid worker's list")


def cmd_print_duty_cards(args: argparse.Namespace, out: Output) -> int:
    from app.core.grids import paper as print_grids

    db, _info = open_data(args)
    result = print_grids.print_duty_cards(db, Path(args.out), codes=args.person or None)
    return _print_done(out, result.path, result.pages, "签到工作证", "check-in cards")


# --- registration --------------------------------------------------------------------------------


def register(sub: Any) -> dict[str, Handler]:
    """Add the grid, roster, duty, checkin and attendance commands and four `print` documents."""

    def commands(
        name: str, help_text: str
    ) -> Callable[[str, Handler, str], argparse.ArgumentParser]:
        cmds = group(sub, name, help_text)

        def add(action: str, handler: Handler, text: str) -> argparse.ArgumentParser:
            p: argparse.ArgumentParser = cmds.add_parser(action, help=text)
            p.set_defaults(handler=handler)
            return p

        return add

    add = commands("grid", "grids: coverage, creating, assigning buildings and households")
    p = add("list", cmd_grid_list, "every grid with households, residents, people on duty")
    p.add_argument("--json", action="store_true")
    p = add("add", cmd_grid_add, "add a grid; prints its code last")
    p.add_argument("--code", required=True, help="G01, 3, XF-1 …")
    p.add_argument("--name", required=True)
    p.add_argument("--notes")
    p = add("assign", cmd_grid_assign, "move buildings' or single households into a grid")
    p.add_argument("--grid", required=True)
    p.add_argument("--buildings", help="building numbers and ranges: 1-3,7")
    p.add_argument("--households", nargs="+", metavar="H", help="3-2-502 or household codes")
    p.add_argument("--note", help="why (kept in the history)")
    p = add("rename", cmd_grid_rename, "rename a grid (or change its code)")
    p.add_argument("--grid", required=True)
    p.add_argument("--name")
    p.add_argument("--code", help="a new code")
    p = add("merge", cmd_grid_merge, "fold grids into another")
    p.add_argument("--into", required=True, help="the grid that remains")
    p.add_argument("--from", dest="sources", nargs="+", required=True, metavar="G")
    p = add("split", cmd_grid_split, "make a new grid of part of a grid")
    p.add_argument("--grid", required=True, help="the grid to split")
    p.add_argument("--code", required=True, help="the new grid's code")
    p.add_argument("--name", required=True, help="the new grid's name")
    p.add_argument("--buildings", help="the buildings that go to the new grid: 5-6")
    p.add_argument("--households", nargs="+", metavar="H")
    p = add("remove", cmd_grid_remove, "remove an empty grid")
    p.add_argument("--grid", required=True)
    p.add_argument("--reason")
    p = add("buildings", cmd_grid_buildings, "buildings with their households per grid")
    p.add_argument("--grid")
    p.add_argument("--json", action="store_true")
    p = add("unassigned", cmd_grid_unassigned, "households in no grid")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p = add("history", cmd_grid_history, "the grids a household was in, from when to when")
    p.add_argument("--household", required=True, help="3-2-502 or a household code")
    p.add_argument("--json", action="store_true")
    p = add("ratio", cmd_grid_ratio, "show or set residents per person on duty before a flag")
    p.add_argument("--set", type=int, metavar="N")

    add = commands("roster", "people on duty: import, list, add, remove")
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

    add = commands("duty", "duties, their shifts and who is on them")
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

    checkin = sub.add_parser("checkin", help="check a person in or out by their code (a scan)")
    checkin.add_argument("code", metavar="CODE")
    checkin.add_argument("--at", help="the time, if not now: 2026-11-30 08:05")
    mode = checkin.add_mutually_exclusive_group()
    mode.add_argument("--in", dest="check_in", action="store_true", help="only check in")
    mode.add_argument("--out", dest="check_out", action="store_true", help="only check out")
    checkin.set_defaults(handler=cmd_checkin)

    att = sub.add_parser("attendance", help="shifts served, missed and hours per person")
    att.add_argument("--json", action="store_true")
    att.add_argument("--from", dest="date_from")
    att.add_argument("--to", dest="date_to")
    att.add_argument("--role", help="e.g. cadre (per posting)")
    att.set_defaults(handler=cmd_attendance)

    add = commands("print", "print documents as PDF (minutes, notices, …)")
    p = add("duty-roster", cmd_print_duty_roster, "the week's duty roster as PDF")
    p.add_argument("--week", help="a day of the week (default: this week)")
    p.add_argument("--grid")
    p.add_argument("--out", required=True, help="FILE.pdf")
    p = add("grid-contacts", cmd_print_grid_contacts, "who answers for which building, per grid")
    p.add_argument("--grid", nargs="*", help="grid codes (default: every grid)")
    p.add_argument("--out", required=True)
    p = add("grid-households", cmd_print_grid_households, "a grid worker's door-to-door list")
    p.add_argument("--grid", required=True)
    p.add_argument("--out", required=True)
    p = add("duty-cards", cmd_print_duty_cards, "check-in cards with barcodes")
    p.add_argument("--person", nargs="*", metavar="CODE", help="default: everyone on duty")
    p.add_argument("--out", required=True)
    return {
        "grid": dispatch,
        "roster": dispatch,
        "duty": dispatch,
        "checkin": dispatch,
        "attendance": dispatch,
        "print": dispatch,
    }
