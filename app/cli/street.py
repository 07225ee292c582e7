"""Headless commands of street-office mode (../CLI.md, "Notices and reports"):

    report street --out FILE.pdf|FILE.xlsx [--json]
    street late-after [HOURS] [--json]

The communities side by side with totals, the same report the 数据交换 page's overview saves
(app.core.street.summary); refused at a community office. The file made is the last word printed.
`street late-after` shows, or with HOURS sets, how long without a package makes a community late
(逾期) in the overview and the report (app.core.street.communities, the 逾期阈值 control of the overview).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import dispatch, group, open_data
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output


def _target_file(value: str) -> Path:
    target = Path(value).expanduser().absolute()
    if target.suffix.lower() not in (".pdf", ".xlsx"):
        raise InvalidInput(
            f"输出文件应以 .pdf 或 .xlsx 结尾：{target}",
            f"The output file must end in .pdf or .xlsx: {target}",
        )
    if not target.parent.is_dir():
        raise InvalidInput(
            f"输出文件夹不存在：{target.parent}",
            f"The output folder does not exist: {target.parent}",
        )
    return target


def cmd_report_street(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.communities import overview_json, street_only
    from app.core.street.summary import street_report

    target = _target_file(args.out)
    db, info = open_data(args)
    try:
        street_only(info)
        with db.reading() as session:
            try:
                overview = street_report(session, target)
            except OSError as exc:
                raise InvalidInput(
                    f"无法写入 {target}：{exc.strerror or exc}",
                    f"Cannot write {target}: {exc.strerror or exc}",
                ) from None
    finally:
        db.dispose()
    if args.json:
        out.json({**overview_json(overview), "path": str(target)})
        return 0
    totals = overview.totals()
    out.say(
        f"已生成各社区汇总报表（{totals['communities']} 个社区，逾期 {totals['late']} 个，"
        f"生成于 {overview.stamp()}），文件 {target}",
        f"Made the street report ({totals['communities']} communities, {totals['late']} late, "
        f"at {overview.stamp()}); file {target}",
    )
    return 0


def cmd_street_late_after(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.communities import get_late_after, set_late_after, street_only

    db, info = open_data(args)
    try:
        street_only(info)
        if args.hours is not None:
            with db.session(note="street late-after") as session:
                hours = set_late_after(session, info, args.hours)
        else:
            with db.reading() as session:
                hours = get_late_after(session)
    finally:
        db.dispose()
    if args.json:
        out.json({"late_after_hours": hours})
        return 0
    out.say(
        f"逾期阈值 {hours} 小时：超过 {hours} 小时未收到数据包的社区标为逾期",
        f"Late after {hours} hours: a community with no package for more than {hours} hours "
        "is marked late",
    )
    return 0


def register(sub: Any) -> dict[str, Any]:
    """Add `report street` and `street late-after`; return the groups' handler."""
    reports = group(sub, "report", "reports built from the records")
    p = reports.add_parser(
        "street", help="street office: every community side by side, as PDF or .xlsx"
    )
    p.add_argument("--out", required=True, help="FILE.pdf or FILE.xlsx")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_report_street)
    street = group(sub, "street", "street office settings")
    p = street.add_parser(
        "late-after",
        help="street office: hours without a package after which a community is late "
        "(default 24); shows it, or sets it to HOURS",
    )
    p.add_argument("hours", nargs="?", metavar="HOURS", help="whole hours, 1 to 720")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_street_late_after)
    return {"report": dispatch, "street": dispatch}
