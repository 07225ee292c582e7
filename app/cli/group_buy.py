"""`supplies group-buy …`: group purchase (团购) with published prices, headless.

    supplies group-buy round open --name N [--copy-previous]      prints the round's code last
    supplies group-buy package add --name N --price 39.80 --supplier S --contents "米 5kg; 油 1L"
    supplies group-buy order --household H --package N --count K
    supplies group-buy paid|delivered --household H [--package N]
    supplies group-buy list --json | notice --out F.pdf | history --package N --json

Every command calls `app.core.supplies.group_buy`. Exit 1 refused (a price rise beyond the threshold
without a reason, a closed round, an unknown household, a bad count or price) with one line on
stderr and nothing changed; exit 3 when it was already done (already paid, already delivered,
an order already at that count).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import open_data, parse_date

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


def cmd_group_buy(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.group_buy_handler
    return handler(args, out)


def cmd_round_open(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.session(note="group-buy round open") as session:
        r = gb.open_round(
            session,
            args.name,
            copy_previous=args.copy_previous,
            opens_on=parse_date(args.opens),
            closes_on=parse_date(args.closes),
        )
    copied_zh = f"，沿用上一批次 {r.copied} 个套餐" if args.copy_previous else ""
    copied_en = (
        f", {r.copied} packages copied from the previous round" if args.copy_previous else ""
    )
    out.say(
        f"已开团购批次“{r.name}”{copied_zh}，编号 {r.code}",
        f"Opened the group-purchase round '{r.name}'{copied_en}; code {r.code}",
    )
    return 0


def cmd_round_close(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.session(note="group-buy round close") as session:
        r = gb.close_round(session, args.round)
        code, name = r.code, r.name
    out.say(f"团购批次“{name}”已结束 {code}", f"Closed the round '{name}' {code}")
    return 0


def cmd_round_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.reading() as session:
        rows = gb.list_rounds(session)
    if args.json:
        out.json(
            {
                "rounds": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "opens_on": r.opens_on.isoformat(),
                        "closes_on": r.closes_on.isoformat() if r.closes_on else None,
                        "status": r.status,
                        "packages": r.packages,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    if not rows:
        out.say("还没有团购批次", "No group-purchase rounds yet")
    for r in rows:
        out.say(
            f"{r.code}\t{r.name}\t{r.opens_on}\t{'进行中' if r.status == 'open' else '已结束'}",
            f"{r.code}\t{r.name}\t{r.opens_on}\t{r.status}",
        )
    return 0


def cmd_round(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.round_handler
    return handler(args, out)


def _say_package(out: Output, verb_zh: str, verb_en: str, r: Any) -> None:
    from app.core.supplies.group_buy import rise_pct, yuan

    change_zh = change_en = ""
    if r.previous_fen is not None and r.previous_fen != r.price_fen:
        pct = rise_pct(r.previous_fen, r.price_fen)
        change_zh = f"，较上一批次 {pct:+.1f}%"
        change_en = f", {pct:+.1f}% over the previous round"
    flag_zh = f"；⚠ 涨价，原因：{r.reason}" if r.flagged else ""
    flag_en = f"; ⚠ price rise, reason: {r.reason}" if r.flagged else ""
    out.say(
        f"已{verb_zh}套餐“{r.name}”：{yuan(r.price_fen)} 元{change_zh}{flag_zh}",
        f"{verb_en} the package '{r.name}': {yuan(r.price_fen)} yuan{change_en}{flag_en}",
    )


def cmd_package_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.session(note="group-buy package add") as session:
        r = gb.add_package(
            session,
            args.name,
            args.price,
            args.supplier,
            args.contents,
            reason=args.reason,
            round_ref=args.round,
        )
    _say_package(out, "添加", "Added", r)
    return 0


def cmd_package_edit(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.session(note="group-buy package edit") as session:
        r = gb.edit_package(
            session,
            args.name,
            price=args.price,
            supplier=args.supplier,
            contents=args.contents,
            new_name=args.new_name,
            reason=args.reason,
            round_ref=args.round,
        )
    _say_package(out, "修改", "Changed", r)
    return 0


def cmd_package_remove(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.session(note="group-buy package remove") as session:
        gb.remove_package(session, args.name, reason=args.reason or "", round_ref=args.round)
    out.say(f"已删除套餐“{args.name}”", f"Removed the package '{args.name}'")
    return 0


def cmd_package(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.package_handler
    return handler(args, out)


def cmd_order(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.session(note="group-buy order") as session:
        r = group_buy_orders.place_order(
            session, args.household, args.package, args.count, args.round
        )
    verbs = {
        "added": ("订购", "Ordered"),
        "changed": ("改为", "Changed to"),
        "restored": ("重新订购", "Ordered again"),
    }
    zh, en = verbs[r.action]
    out.say(
        f"{r.address_code} {zh}“{r.package}”{r.count} 份，应付 {gb.yuan(r.amount_fen)} 元",
        f"{r.address_code}: {en} {r.count} of '{r.package}', {gb.yuan(r.amount_fen)} yuan due",
    )
    return 0


def cmd_cancel(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.session(note="group-buy cancel") as session:
        r = group_buy_orders.cancel_order(
            session, args.household, args.package, reason=args.reason or "", round_ref=args.round
        )
    refund_zh = f"，已付 {gb.yuan(r.amount_fen)} 元需退还" if r.amount_fen else ""
    refund_en = f"; {gb.yuan(r.amount_fen)} yuan paid to be refunded" if r.amount_fen else ""
    out.say(
        f"已取消 {r.address_code} 的“{r.package}”订单{refund_zh}",
        f"Cancelled the order of {r.address_code} for '{r.package}'{refund_en}",
    )
    return 0


def _packages_text(packages: list[tuple[str, int]]) -> str:
    return "、".join(f"{name}×{count}" for name, count in packages)


def cmd_paid(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.session(note="group-buy paid") as session:
        r = group_buy_orders.mark_paid(
            session,
            args.household,
            args.package,
            amount=args.amount,
            method=args.method,
            round_ref=args.round,
        )
    out.say(
        f"已收款：{r.address_code} {_packages_text(r.packages)}，{gb.yuan(r.amount_fen)} 元",
        f"Paid: {r.address_code} {_packages_text(r.packages)}, {gb.yuan(r.amount_fen)} yuan",
    )
    return 0


def cmd_delivered(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.session(note="group-buy delivered") as session:
        r = group_buy_orders.mark_delivered(
            session, args.household, args.package, round_ref=args.round
        )
    out.say(
        f"已送达：{r.address_code} {_packages_text(r.packages)}",
        f"Delivered: {r.address_code} {_packages_text(r.packages)}",
    )
    return 0


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.reading() as session:
        rnd = gb.get_round(session, args.round)
        totals = group_buy_orders.round_totals(session, rnd)
        orders = group_buy_orders.list_orders(session, rnd)
        threshold = gb.get_threshold(session)
        head = {"code": rnd.code, "name": rnd.name, "status": rnd.status}
        head["opens_on"] = rnd.opens_on.isoformat()
    if args.json:
        out.json(
            {
                "round": head,
                "rise_threshold_percent": str(threshold),
                "packages": [
                    {
                        "name": p.name,
                        "contents": [
                            {"item": c.item, "qty": c.qty, "unit": c.unit} for c in p.contents
                        ],
                        "price": gb.yuan(p.price_fen),
                        "price_fen": p.price_fen,
                        "supplier": p.supplier,
                        "previous_price_fen": p.previous_fen,
                        "change_percent": str(p.change_pct) if p.change_pct is not None else None,
                        "flagged": p.flagged,
                        "reason": p.reason,
                        "households": p.households,
                        "count": p.count,
                        "amount": gb.yuan(p.amount_fen),
                        "amount_fen": p.amount_fen,
                        "paid_fen": p.paid_fen,
                        "delivered_count": p.delivered_count,
                    }
                    for p in totals.packages
                ],
                "orders": [
                    {
                        "household": o.address_code,
                        "household_code": o.household_code,
                        "building": o.building,
                        "package": o.package,
                        "count": o.count,
                        "amount_fen": o.amount_fen,
                        "paid": o.paid,
                        "paid_fen": o.paid_fen,
                        "paid_method": o.paid_method,
                        "delivered": o.delivered,
                    }
                    for o in orders
                ],
                "totals": {
                    "households": totals.households,
                    "count": totals.count,
                    "amount": gb.yuan(totals.amount_fen),
                    "amount_fen": totals.amount_fen,
                    "paid": gb.yuan(totals.paid_fen),
                    "paid_fen": totals.paid_fen,
                    "unpaid_households": totals.unpaid_households,
                    "undelivered_households": totals.undelivered_households,
                },
            }
        )
        return 0
    out.say(f"{head['code']} {head['name']}", f"{head['code']} {head['name']}")
    for p in totals.packages:
        flag = f"\t⚠ 涨价：{p.reason}" if p.flagged else ""
        out.say(
            f"{p.name}\t{gb.yuan(p.price_fen)} 元\t{p.count} 份\t{gb.yuan(p.amount_fen)} 元{flag}",
            f"{p.name}\t{gb.yuan(p.price_fen)}\t{p.count}\t{gb.yuan(p.amount_fen)}{flag}",
        )
    out.say(
        f"合计 {totals.households} 户 {totals.count} 份，应收 {gb.yuan(totals.amount_fen)} 元，"
        f"已收 {gb.yuan(totals.paid_fen)} 元",
        f"Total {totals.households} households, {totals.count} packages, "
        f"{gb.yuan(totals.amount_fen)} yuan due, {gb.yuan(totals.paid_fen)} paid",
    )
    return 0


def cmd_notice(args: argparse.Namespace, out: Output) -> int:
    from app.core.printing.notices import write_price_notice

    db, _info = open_data(args)
    with db.reading() as session:
        path = write_price_notice(session, Path(args.out), args.round, copies=args.copies)
    out.say(f"已生成团购价格公示：{path}", f"Wrote the price notice: {path}")
    return 0


def cmd_history(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    with db.reading() as session:
        rows = gb.price_history(session, args.package, args.round)
    if args.json:
        out.json(
            {
                "package": args.package,
                "rounds": [
                    {
                        "round": r.round_code,
                        "name": r.round_name,
                        "opens_on": r.opens_on.isoformat(),
                        "price": gb.yuan(r.price_fen),
                        "price_fen": r.price_fen,
                        "supplier": r.supplier,
                        "contents": r.contents,
                        "change_percent": str(r.change_pct) if r.change_pct is not None else None,
                        "flagged": r.flagged,
                        "reason": r.reason,
                        "changes": [
                            {
                                "at": at.isoformat(timespec="seconds"),
                                "old_fen": old,
                                "new_fen": new,
                                "reason": reason,
                                "by": by,
                            }
                            for at, old, new, reason, by in r.changes
                        ],
                    }
                    for r in rows
                ],
            }
        )
        return 0
    for r in rows:
        change = f"{r.change_pct:+.1f}%" if r.change_pct is not None else ""
        flag = f"\t⚠ {r.reason}" if r.flagged else ""
        text = f"{r.round_code}\t{r.round_name}\t{gb.yuan(r.price_fen)}\t{change}{flag}"
        out.say(text, text)
    return 0


def cmd_suppliers(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb
    from app.core.supplies import group_buy_orders

    db, _info = open_data(args)
    with db.reading() as session:
        rnd = gb.get_round(session, args.round)
        path = group_buy_orders.export_supplier_xlsx(session, rnd, Path(args.out))
    out.say(f"已导出供应商订货单：{path}", f"Exported the supplier list: {path}")
    return 0


def cmd_threshold(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import group_buy as gb

    db, _info = open_data(args)
    if args.set is not None:
        with db.session(note="group-buy threshold") as session:
            pct = gb.set_threshold(session, args.set)
    else:
        with db.reading() as session:
            pct = gb.get_threshold(session)
    out.say(f"涨价超过 {pct:g}% 须说明原因", f"A price rise above {pct:g}% needs a reason")
    return 0


def register(add: Callable[[str, Handler, str], argparse.ArgumentParser]) -> None:
    """Add `group-buy` under `supplies` (`add` makes a `supplies` action)."""
    p = add(
        "group-buy", cmd_group_buy, "group purchase (团购): rounds, packages, orders, price notice"
    )
    cmds = p.add_subparsers(dest="group_buy_command", metavar="ACTION", required=True)

    def sub(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = cmds.add_parser(name, help=help_text)
        parser.set_defaults(group_buy_handler=handler)
        return parser

    def round_arg(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--round", help="round code or name (default: the current round)")

    r = sub("round", cmd_round, "purchase rounds")
    rounds = r.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    c = rounds.add_parser("open", help="open a round; prints its code last")
    c.set_defaults(round_handler=cmd_round_open)
    c.add_argument("--name", required=True)
    c.add_argument(
        "--copy-previous", action="store_true", help="copy the previous round's packages"
    )
    c.add_argument("--opens", help="opening date (2026-12-01; default today)")
    c.add_argument("--closes", help="closing date")
    c = rounds.add_parser("close", help="close a round: no more orders or price changes")
    c.set_defaults(round_handler=cmd_round_close)
    round_arg(c)
    c = rounds.add_parser("list", help="the rounds")
    c.set_defaults(round_handler=cmd_round_list)
    c.add_argument("--json", action="store_true")

    r = sub("package", cmd_package, "packages of a round")
    packages = r.add_subparsers(dest="package_command", metavar="ACTION", required=True)
    c = packages.add_parser("add", help="add a package to the round")
    c.set_defaults(package_handler=cmd_package_add)
    c.add_argument("--name", required=True)
    c.add_argument("--price", required=True, help="price in yuan, e.g. 39.80")
    c.add_argument("--supplier", required=True)
    c.add_argument("--contents", required=True, help='items, e.g. "米 5kg; 油 1L"')
    c.add_argument("--reason", help="why the price rose (required beyond the threshold)")
    round_arg(c)
    c = packages.add_parser("edit", help="change a package of the round")
    c.set_defaults(package_handler=cmd_package_edit)
    c.add_argument("--name", required=True)
    c.add_argument("--new-name")
    c.add_argument("--price", help="price in yuan, e.g. 39.80")
    c.add_argument("--supplier")
    c.add_argument("--contents")
    c.add_argument("--reason", help="why the price rose (required beyond the threshold)")
    round_arg(c)
    c = packages.add_parser("remove", help="withdraw a package nobody ordered")
    c.set_defaults(package_handler=cmd_package_remove)
    c.add_argument("--name", required=True)
    c.add_argument("--reason")
    round_arg(c)

    c = sub("order", cmd_order, "a household orders a package (or changes the count)")
    c.add_argument("--household", required=True, help="address code 3-2-502 or household code")
    c.add_argument("--package", required=True)
    c.add_argument("--count", required=True)
    round_arg(c)
    c = sub("cancel", cmd_cancel, "cancel a household's order")
    c.add_argument("--household", required=True)
    c.add_argument("--package", required=True)
    c.add_argument("--reason")
    round_arg(c)
    c = sub("paid", cmd_paid, "record payment of a household's orders")
    c.add_argument("--household", required=True)
    c.add_argument("--package", help="only this package")
    c.add_argument("--amount", help="amount in yuan (default: price × count)")
    c.add_argument(
        "--method", default="cash", choices=("cash", "wechat", "alipay", "bank", "other")
    )
    round_arg(c)
    c = sub("delivered", cmd_delivered, "record delivery, as a barcode scan does")
    c.add_argument("--household", required=True)
    c.add_argument("--package", help="only this package")
    round_arg(c)
    c = sub("list", cmd_list, "packages, orders and totals of a round")
    c.add_argument("--json", action="store_true")
    round_arg(c)
    c = sub("notice", cmd_notice, "the price notice for the notice board (PDF)")
    c.add_argument("--out", required=True, help="FILE.pdf")
    c.add_argument("--copies", type=int, default=1)
    round_arg(c)
    c = sub("history", cmd_history, "a package's prices round after round")
    c.add_argument("--package", required=True)
    c.add_argument("--json", action="store_true")
    round_arg(c)
    c = sub("suppliers", cmd_suppliers, "the supplier list and delivery list per building (.xlsx)")
    c.add_argument("--out", required=True, help="FILE.xlsx")
    round_arg(c)
    c = sub("threshold", cmd_threshold, "the price rise (per cent) that needs a reason")
    c.add_argument("--set", help="new threshold in per cent (default 10)")
