"""Headless commands for grids and their paper (../CLI.md, "Grids and people on duty"):

    grid list [--json]                              coverage of every grid, unassigned households
    grid add --code G --name N                      prints the grid's code last
    grid assign --grid G (--buildings 1-3,7 | --households 3-2-502 H000123 …)
    grid rename | merge | split | remove | buildings | unassigned | history | ratio
    print duty-roster | grid-contacts | grid-households | duty-cards

The roster, duties, check-in and attendance commands are in app.cli.duty. Every command calls the
operation the 网格 page calls (app.core.grids.structure, app.core.grids.assignment,
app.core.grids.paper); none has logic of its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    EXIT_ALREADY,
    EXIT_OK,
    dispatch,
    open_data,
    parse_date,
    subcommands,
)
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


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


def _register_grid(sub: Any) -> None:
    """The `grid` group: coverage, creating, renaming, assigning, merging, splitting."""
    add = subcommands(sub, "grid", "grids: coverage, creating, assigning buildings and households")
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


def _register_print(sub: Any) -> None:
    """The grids' four documents in the shared `print` group."""
    add = subcommands(sub, "print", "print documents as PDF (minutes, notices, …)")
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


def register(sub: Any) -> dict[str, Handler]:
    """Add the grid commands and four `print` documents."""
    _register_grid(sub)
    _register_print(sub)
    return {"grid": dispatch, "print": dispatch}
