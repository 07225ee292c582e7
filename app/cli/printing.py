"""Headless commands of printing (../CLI.md, "Notices and reports"):

    print notices --template T (--all | --grid G | --building B | --tag T | --households H,…
                  | --copies N) --out FILE.pdf [--paper A4|A5] [--per-sheet 1|2|4]
                  [--barcode | --no-barcode] [--no-cut-marks] [--set 地点=社区服务中心 …]
                  [--content-file FILE]
    print templates [--json]
    report daily [--date D] --out FILE.pdf|FILE.xlsx [--json]

`print` and `report` are groups shared with other areas (app.cli.common: `print minutes` comes
from the meetings area); each subcommand sets its own handler. Both call the operations the 通知打印 and
报表 pages call (app.core.printing.notices, app.core.printing.daily_report). The file made is the last word printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import dispatch, group, open_data
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output


def _target_file(value: str, suffixes: tuple[str, ...]) -> Path:
    target = Path(value).expanduser().absolute()
    if target.suffix.lower() not in suffixes:
        wanted = " 或 ".join(suffixes)
        raise InvalidInput(
            f"输出文件应以 {wanted} 结尾：{target}",
            f"The output file must end in {' or '.join(suffixes)}: {target}",
        )
    if not target.parent.is_dir():
        raise InvalidInput(
            f"输出文件夹不存在：{target.parent}",
            f"The output folder does not exist: {target.parent}",
        )
    return target


def _cannot_write(target: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        f"无法写入 {target}：{exc.strerror or exc}", f"Cannot write {target}: {exc.strerror or exc}"
    )


def _values(args: argparse.Namespace) -> Any:
    from app.core.printing.notices import NoticeValues

    given: dict[str, str] = {}
    for item in args.set or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(
                f"--set 应写成 名称=内容，例如 --set 地点=社区服务中心：{item}",
                f"--set takes NAME=VALUE, e.g. --set place=community-centre: {item}",
            )
        given[name.strip()] = value
    if args.content_file:
        path = Path(args.content_file)
        try:
            given["content"] = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InvalidInput(f"找不到文件：{path}", f"No such file: {path}") from None
        except UnicodeDecodeError:
            raise InvalidInput(
                f"文件不是 UTF-8 编码的文本：{path}", f"Not UTF-8 text: {path}"
            ) from None
    return NoticeValues.from_mapping(given)


def _notice_target(args: argparse.Namespace) -> Any:
    from app.core.printing.notice_targets import Target

    if args.all:
        return Target("all")
    if args.grid:
        return Target("grid", args.grid)
    if args.building:
        return Target("building", args.building)
    if args.tag:
        return Target("tag", args.tag)
    if args.households:
        refs = tuple(r for r in args.households.replace("，", ",").split(",") if r.strip())
        return Target("households", households=refs)
    return Target("copies", copies=args.copies)


def cmd_print_notices(args: argparse.Namespace, out: Output) -> int:
    from app.core.printing import notice_pdf, notice_templates, notices

    target = _target_file(args.out, (".pdf",))
    layout = notice_pdf.NoticeLayout(
        paper=args.paper,
        per_sheet=args.per_sheet,
        barcode=args.barcode,
        cut_marks=not args.no_cut_marks,
    )
    values = _values(args)
    db, _info = open_data(args)
    with db.reading() as session:
        try:
            result = notices.print_notices(
                session, args.template, _notice_target(args), layout, values, target
            )
        except OSError as exc:
            raise _cannot_write(target, exc) from None
        template = notice_templates.get_template(session, args.template)
    for zh, en in result.warnings:
        out.say(f"注意：{zh}", f"Note: {en}")
    if args.json:
        out.json(
            {
                "template": result.template,
                "notices": result.notices,
                "pages": result.pages,
                "paper": layout.paper,
                "per_sheet": layout.per_sheet,
                "warnings": [en if out.lang == "en" else zh for zh, en in result.warnings],
                "path": str(result.path),
            }
        )
        return 0
    out.say(
        f"已生成 {result.notices:,} 份“{template.name}”（{result.pages:,} 页，{layout.paper}，"
        f"每张 {layout.per_sheet} 份），文件 {result.path}",
        f"Printed {result.notices:,} notices '{template.key}' ({result.pages:,} pages, "
        f"{layout.paper}, {layout.per_sheet} to a sheet); file {result.path}",
    )
    return 0


def cmd_print_templates(args: argparse.Namespace, out: Output) -> int:
    from app.core.printing import notice_templates

    db, _info = open_data(args)
    with db.reading() as session:
        found = notice_templates.list_templates(session)
    if args.json:
        out.json(
            {
                "templates": [
                    {
                        "key": t.key,
                        "name": t.name,
                        "title": t.title,
                        "builtin": t.builtin,
                        "placeholders": notice_templates.placeholders(t.title + "\n" + t.body),
                    }
                    for t in found
                ],
                "placeholders": [
                    {"name": f.zh, "key": f.key, "scope": f.scope, "meaning": f.en}
                    for f in notice_templates.FIELDS
                ],
            }
        )
        return 0
    for t in found:
        kind = ("内置", "built-in") if t.builtin else ("自定义", "custom")
        out.say(f"{t.key:<18} {t.name}（{kind[0]}）", f"{t.key:<18} {t.name} ({kind[1]})")
    settable = "、".join(f.zh for f in notice_templates.FIELDS if f.scope == notice_templates.JOB)
    out.say(
        f"可用 --set 填写：{settable}（社区名称，以及未填时的社区电话，取自本机构信息：office set）",
        "Settable with --set: "
        + ", ".join(f.key for f in notice_templates.FIELDS if f.scope == notice_templates.JOB)
        + " (the community's name, and its phone when not set, come from this office's details: "
        "office set)",
    )
    return 0


def cmd_report_daily(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings.minutes import parse_date
    from app.core.printing import daily_report

    target = _target_file(args.out, (".pdf", ".xlsx"))
    day = parse_date(args.date, "日报日期", "The report's date") if args.date else None
    db, _info = open_data(args)
    with db.reading() as session:
        try:
            report = daily_report.daily_report(session, target, day)
        except OSError as exc:
            raise _cannot_write(target, exc) from None
    if args.json:
        out.json(
            {
                "date": report.day.isoformat(),
                "generated_at": report.generated_at.isoformat(timespec="seconds"),
                "sections": [
                    {"key": s.key, "title": s.title, "recorded": s.recorded, "lines": s.lines}
                    for s in report.sections
                ],
                "path": str(target),
            }
        )
        return 0
    out.say(
        f"已生成 {report.day.isoformat()} 日报（生成于 {report.stamp()}），文件 {target}",
        f"Made the daily report of {report.day.isoformat()} (at {report.stamp()}); file {target}",
    )
    return 0


def register(sub: Any) -> dict[str, Any]:
    """Add `print notices`, `print templates` and `report daily`; return their handlers."""
    printing = group(sub, "print", "print documents as PDF (minutes, notices, …)")
    p = printing.add_parser("notices", help="door notices in batch: one per household")
    p.set_defaults(handler=cmd_print_notices)
    p.add_argument(
        "--template",
        required=True,
        help="home-quarantine, supply-pickup, testing, announcement, price, or a custom one",
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every household")
    which.add_argument("--grid", metavar="G", help="the households of grid G (code or name)")
    which.add_argument("--building", metavar="B", help="the households of building B")
    which.add_argument("--tag", metavar="T", help="households with a resident tagged T")
    which.add_argument(
        "--households", metavar="H,…", help="chosen households: codes or addresses (3-2-502)"
    )
    which.add_argument(
        "--copies", type=int, metavar="N", help="N notices for no household (for a board)"
    )
    p.add_argument("--out", required=True, help="FILE.pdf")
    p.add_argument("--paper", choices=("A4", "A5"), default="A4")
    p.add_argument("--per-sheet", type=int, choices=(1, 2, 4), default=1)
    bar = p.add_mutually_exclusive_group()
    bar.add_argument(
        "--barcode",
        dest="barcode",
        action="store_const",
        const=True,
        default=None,
        help="print the household's barcode (default: when the notice names the household)",
    )
    bar.add_argument("--no-barcode", dest="barcode", action="store_const", const=False)
    p.add_argument("--no-cut-marks", action="store_true")
    p.add_argument(
        "--set",
        action="append",
        metavar="NAME=VALUE",
        help="fill a placeholder: --set 时间='12月1日 8:00–11:30' --set 开始日期=2026-12-01",
    )
    p.add_argument("--content-file", metavar="FILE", help="the text of {内容} (UTF-8)")
    p.add_argument("--json", action="store_true")

    t = printing.add_parser("templates", help="list the notice templates and placeholders")
    t.set_defaults(handler=cmd_print_templates)
    t.add_argument("--json", action="store_true")

    reports = group(sub, "report", "reports built from the records")
    d = reports.add_parser("daily", help="the daily report as PDF or .xlsx")
    d.add_argument("--date", help="the day (default today), e.g. 2026-11-29")
    d.add_argument("--out", required=True, help="FILE.pdf or FILE.xlsx")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=cmd_report_daily)
    return {"print": dispatch, "report": dispatch}
