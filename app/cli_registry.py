"""Headless commands for households and residents (../CLI.md, "Households and residents"):

    import residents FILE [--sheet NAME] [--dry-run] [--report OUT.json]
    export residents OUT.xlsx [--mask]

Both call the operations the 住户 page calls (app.core.roster_import / roster_export).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli_groups import dispatch, group, write_json_report

EXIT_OK, EXIT_FAILED, EXIT_ALREADY = 0, 1, 3


def register(sub: Any) -> dict[str, Any]:
    imp = group(sub, "import", "import data from files")
    p = imp.add_parser("residents", help="import a roster of residents (.xlsx/.xls/.csv)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.add_argument("--report", metavar="OUT.json", help="write the report as JSON")
    p.set_defaults(handler=cmd_import_residents)

    exp = group(sub, "export", "export data to files")
    p = exp.add_parser("residents", help="export residents to .xlsx in the import's layout")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--mask", action="store_true", help="mask ID numbers and phones")
    p.set_defaults(handler=cmd_export_residents)
    return {"import": dispatch, "export": dispatch}


def cmd_import_residents(args: argparse.Namespace, out: Any) -> int:
    from app.cli import _open
    from app.core.roster_import import import_roster
    from app.errors import InvalidInput

    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"找不到文件：{path}", f"No such file: {path}")
    if args.report:
        report_folder = Path(args.report).parent
        if str(report_folder) and not report_folder.is_dir():
            raise InvalidInput(
                f"报告的文件夹不存在：{report_folder}",
                f"The report's folder does not exist: {report_folder}",
            )
    db, _info = _open(args)
    plan = import_roster(db, path, args.sheet, dry_run=args.dry_run)
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
        f"读取 {plan.rows_read:,} 行：{verb_zh}新增居民 {plan.residents_added:,} 人，"
        f"{verb_zh}更新 {plan.residents_updated:,} 人，{verb_zh}新增住户 {plan.households_added:,} 户，"
        f"未导入 {len(plan.rejected):,} 行，提示 {len(plan.warnings):,} 条"
        + ("（试运行，未写入）" if args.dry_run else ""),
        f"Read {plan.rows_read:,} rows: {plan.residents_added:,} residents {verb_en}added, "
        f"{plan.residents_updated:,} {verb_en}updated, {plan.households_added:,} households "
        f"{verb_en}added, {len(plan.rejected):,} rows rejected, {len(plan.warnings):,} warnings"
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


def cmd_export_residents(args: argparse.Namespace, out: Any) -> int:
    from app.cli import _open
    from app.core.roster_export import export_residents

    db, _info = _open(args)
    result = export_residents(db, Path(args.out), mask=args.mask)
    masked_zh = "（已脱敏）" if result.masked else ""
    masked_en = " (masked)" if result.masked else ""
    out.say(
        f"已导出 {result.residents:,} 人、{result.households:,} 户{masked_zh}：{result.path}",
        f"Exported {result.residents:,} residents in {result.households:,} households"
        f"{masked_en}: {result.path}",
    )
    return EXIT_OK
