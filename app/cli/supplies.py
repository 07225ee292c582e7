"""Headless commands of the supplies area (../CLI.md, "Supplies").

`supplies receive|stock|campaign create|deliver` as CLI.md names them, plus `issue`, `adjust`,
`campaign list`, `undo`, `undelivered`, `signoff` and `needs`, which do headless what the window
does, and `print pickup-slips`. A campaign of several items repeats `--item` and `--qty` (paired
by order; `--per` and `--max` given once apply to every item, or repeated, pair the same way). Every command
calls `app.core.supplies` (`ledger`, `campaigns`, `deliveries`, `needs`); a refused delivery exits 1 (outside the target, not enough on hand,
expired) or 3 (already delivered), with one line on stderr and nothing changed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import dispatch, group, open_data, parse_date
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


def cmd_supplies(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.supplies_handler
    return handler(args, out)


def cmd_receive(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import ledger as supplies

    db, _info = open_data(args)
    with db.session(note="supplies receive") as session:
        m = supplies.receive(
            session,
            args.item,
            args.qty,
            source=args.source,
            source_kind=args.kind,
            donor_kind=args.donor_kind,
            unit=args.unit,
            category=args.category,
            expires_on=parse_date(args.expires),
            point=args.point,
        )
        item = supplies.get_item(session, args.item)
        have = supplies.on_hand(session, item.id)
    out.say(
        f"已入库“{item.name}”{m.qty}{item.unit}（来源：{m.donor}），现有 {have}{item.unit}",
        f"Received {m.qty} {item.unit} of '{item.name}' from {m.donor}; {have} on hand",
    )
    return 0


def cmd_issue(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import ledger as supplies

    db, _info = open_data(args)
    with db.session(note="supplies issue") as session:
        m = supplies.issue(session, args.item, args.qty, reason=args.reason, point=args.point)
        item = supplies.get_item(session, args.item)
    out.say(
        f"已出库“{item.name}”{-m.qty}{item.unit}", f"Issued {-m.qty} {item.unit} of '{item.name}'"
    )
    return 0


def cmd_adjust(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import ledger as supplies

    db, _info = open_data(args)
    with db.session(note="supplies adjust") as session:
        supplies.adjust(session, args.item, args.delta, reason=args.reason, point=args.point)
        item = supplies.get_item(session, args.item)
        have = supplies.on_hand(session, item.id)
    out.say(
        f"已调整“{item.name}”{args.delta:+d}，现有 {have}{item.unit}",
        f"Adjusted '{item.name}' by {args.delta:+d}; {have} on hand",
    )
    return 0


def cmd_stock(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import ledger as supplies

    db, _info = open_data(args)
    with db.reading() as session:
        rows = supplies.stock(session)
    if args.json:
        out.json(
            {
                "items": [
                    {
                        "item": r.item,
                        "unit": r.unit,
                        "on_hand": r.on_hand,
                        "category": r.category,
                        "expires_on": r.expires_on.isoformat() if r.expires_on else None,
                        "expired": r.expired,
                        "received": r.received,
                        "handed_out": r.handed_out,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    if not rows:
        out.say("暂无物资", "No supplies yet")
    for r in rows:
        out.say(f"{r.item}\t{r.on_hand}{r.unit}", f"{r.item}\t{r.on_hand} {r.unit}")
    return 0


def _paired(values: list[Any] | None, n: int, flag: str, default: Any) -> list[Any]:
    """A repeated option paired with the --item values: none (default for all), one (for all) or
    one per item."""
    if not values:
        return [default] * n
    if len(values) == 1:
        return values * n
    if len(values) != n:
        raise InvalidInput(
            f"{flag} 给了 {len(values)} 次，--item 给了 {n} 次：应只给一次（各物资相同）或逐项各给一次",
            f"{flag} is given {len(values)} times for {n} --item: give it once (for every item)"
            " or once per item, in the same order",
        )
    return values


def cmd_campaign_create(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import campaigns as supplies_campaigns
    from app.core.supplies import ledger as supplies

    items: list[str] = args.item
    n = len(items)
    if len(args.qty) != n:
        raise InvalidInput(
            f"--item 给了 {n} 次，--qty 给了 {len(args.qty)} 次：每种物资一个数量，按顺序对应",
            f"{n} --item but {len(args.qty)} --qty: one quantity per item, in the same order",
        )
    qtys = [supplies.check_qty(q) for q in args.qty]
    pers = _paired(args.per, n, "--per", "household")
    maxes = _paired(args.max, n, "--max", None)
    spec = supplies_campaigns.CampaignSpec(
        name=args.name,
        item=items[0],
        qty=qtys[0],
        per=pers[0],
        target=args.target,
        vulnerable_first=not args.no_vulnerable_first,
        max_per_household=maxes[0],
        min_days_since=args.min_days,
        point=args.point,
        more=tuple(
            supplies_campaigns.LineSpec(item, qty, per, cap)
            for item, qty, per, cap in zip(items[1:], qtys[1:], pers[1:], maxes[1:], strict=True)
        ),
    )
    db, _info = open_data(args)
    with db.session(note="supplies campaign create") as session:
        result = supplies_campaigns.create_campaign(session, spec)
    p = result.preview
    for i in p.items:
        if i.shortfall:
            out.say(
                f"“{i.item}”计划发放 {i.needed}{i.unit}，现有 {i.on_hand}{i.unit}，"
                f"缺口 {i.shortfall}{i.unit}（按顺序可先发 {i.covered_households} 户）",
                f"'{i.item}': planned {i.needed} {i.unit} against {i.on_hand} on hand: short by "
                f"{i.shortfall} (the first {i.covered_households} households can be served)",
            )
        elif len(p.items) > 1:
            out.say(
                f"“{i.item}”计划发放 {i.needed}{i.unit}，现有 {i.on_hand}{i.unit}，库存足够",
                f"'{i.item}': planned {i.needed} {i.unit} against {i.on_hand} on hand: enough",
            )
    out.say(
        f"已创建发放“{args.name}”：{p.households} 户（重点户 {p.vulnerable_households}），"
        f"编号 {result.code}",
        f"Created the campaign '{args.name}' for {p.households} households "
        f"({p.vulnerable_households} vulnerable); code {result.code}",
    )
    return 0


def cmd_campaign_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import campaigns as supplies_campaigns

    db, _info = open_data(args)
    with db.reading() as session:
        rows = supplies_campaigns.list_campaigns(session)
    if args.json:
        out.json(
            {
                "campaigns": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "item": r.item,
                        "unit": r.unit,
                        "items": list(r.items),
                        "target": r.target,
                        "per": r.per,
                        "status": r.status,
                        "households": r.households,
                        "delivered": r.delivered,
                    }
                    for r in rows
                ]
            }
        )
        return 0
    for r in rows:
        out.say(
            f"{r.code}\t{r.name}\t{'、'.join(r.items)}\t{r.delivered}/{r.households} 户",
            f"{r.code}\t{r.name}\t{', '.join(r.items)}\t{r.delivered}/{r.households} households",
        )
    return 0


def cmd_campaign(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.campaign_handler
    return handler(args, out)


def cmd_deliver(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import deliveries as supplies_deliveries

    db, _info = open_data(args)
    with db.session(note="supplies deliver") as session:
        r = supplies_deliveries.deliver(session, args.campaign, args.household, how="cli")
    if len(r.lines) > 1:
        out.say(
            f"已发放：{r.address_code} 领取 {r.summary}",
            f"Delivered to {r.address_code}: "
            + ", ".join(f"{x.qty} {x.unit} of '{x.item}'" for x in r.lines),
        )
        return 0
    out.say(
        f"已发放：{r.address_code} 领取“{r.item}”{r.qty}{r.unit}，剩余 {r.on_hand_after}{r.unit}",
        f"Delivered {r.qty} {r.unit} of '{r.item}' to {r.address_code}; {r.on_hand_after} left",
    )
    return 0


def cmd_undo(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import deliveries as supplies_deliveries

    db, _info = open_data(args)
    with db.session(note="supplies undo") as session:
        r = supplies_deliveries.undo_delivery(session, args.campaign, args.household, args.reason)
    back = "、".join(f"{x.item} {x.qty}{x.unit}" for x in r.returned)
    out.say(
        f"已撤销 {r.address_code} 的领取记录，退回库存：{back}",
        f"Undid the delivery to {r.address_code}; back in stock: "
        + ", ".join(f"{x.qty} {x.unit} of '{x.item}'" for x in r.returned),
    )
    return 0


def cmd_undelivered(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import deliveries as supplies_deliveries

    db, _info = open_data(args)
    with db.reading() as session:
        rows = supplies_deliveries.undelivered(session, args.campaign)
    by_grid: dict[str, int] = {}
    for r in rows:
        by_grid[r.grid] = by_grid.get(r.grid, 0) + 1
    if args.json:
        out.json(
            {
                "households": [
                    {
                        "grid": r.grid,
                        "address": r.address_code,
                        "code": r.household_code,
                        "qty": r.qty,
                    }
                    for r in rows
                ],
                "by_grid": by_grid,
            }
        )
        return 0
    for r in rows:
        out.say(f"{r.grid}\t{r.address_code}\t{r.qty}", f"{r.grid}\t{r.address_code}\t{r.qty}")
    for grid, n in by_grid.items():
        out.say(f"{grid}：{n} 户未领取", f"{grid}: {n} households not yet served")
    out.say(f"共 {len(rows)} 户未领取", f"{len(rows)} households not yet served")
    return 0


def cmd_needs(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import needs as supplies_needs

    db, _info = open_data(args)
    with db.reading() as session:
        needs = supplies_needs.needs_list(session)
    path = supplies_needs.export_needs(needs, Path(args.out))
    out.say(
        f"已导出需求清单（{len(needs.households)} 条住户需求）：{path}",
        f"Exported the needs list ({len(needs.households)} unmet needs): {path}",
    )
    return 0


def cmd_signoff(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import sign_off

    db, info = open_data(args)
    with db.reading() as session:
        data = sign_off.signoff_data(session, args.campaign, info.name, args.building)
    path = sign_off.write_signoff_pdf(data, Path(args.out), audit_to=db)
    out.say(
        f"已生成签收表（{len(data.rows)} 户）：{path}",
        f"Wrote the sign-off sheets ({len(data.rows)} households): {path}",
    )
    return 0


def cmd_print_pickup_slips(args: argparse.Namespace, out: Output) -> int:
    from app.core.supplies import sign_off

    db, info = open_data(args)
    with db.reading() as session:
        data = sign_off.signoff_data(session, args.campaign, info.name, args.building)
    path = sign_off.write_pickup_slips_pdf(data, Path(args.out), audit_to=db)
    pages = -(-len(data.rows) // (sign_off.SLIP_COLUMNS * sign_off.SLIP_ROWS))
    out.say(
        f"已生成取货单（{len(data.rows)} 户，{pages} 页）：{path}",
        f"Wrote the pickup slips ({len(data.rows)} households, {pages} pages): {path}",
    )
    return 0


def register(sub: Any) -> dict[str, Handler]:
    """Add the supplies commands to the parser; return their handler."""
    supplies = sub.add_parser("supplies", help="stock ledger, distribution campaigns, deliveries")
    cmds = supplies.add_subparsers(dest="supplies_command", metavar="ACTION", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = cmds.add_parser(name, help=help_text)
        parser.set_defaults(supplies_handler=handler)
        return parser

    p = add("receive", cmd_receive, "a receipt into stock (donation, purchase, allocation)")
    p.add_argument("--item", required=True)
    p.add_argument("--qty", required=True)
    p.add_argument("--unit")
    p.add_argument("--source", required=True, help="donor or supplier")
    p.add_argument("--kind", default="donation", choices=("donation", "purchase", "allocation"))
    p.add_argument("--donor-kind", choices=("enterprise", "organisation", "person", "government"))
    p.add_argument("--category")
    p.add_argument("--expires", help="expiry date (2026-12-31)")
    p.add_argument("--point", help="storage point (default 社区仓库)")
    p = add("issue", cmd_issue, "stock out, with the reason")
    p.add_argument("--item", required=True)
    p.add_argument("--qty", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--point")
    p = add("adjust", cmd_adjust, "correct stock up or down, with the reason")
    p.add_argument("--item", required=True)
    p.add_argument("--delta", required=True, type=int)
    p.add_argument("--reason", required=True)
    p.add_argument("--point")
    p = add("stock", cmd_stock, "stock on hand per item")
    p.add_argument("--json", action="store_true")

    p = add("campaign", cmd_campaign, "distribution campaigns")
    camp = p.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    c = camp.add_parser(
        "create",
        help="plan a distribution; prints its code last",
        description="Plan a distribution of one item or several at once. For several, repeat"
        " --item and --qty, paired by order: --item 米 --qty 1 --item 油 --qty 1 --item 口罩"
        " --qty 10. --per and --max given once apply to every item; repeated, they pair with the"
        " items in the same order.",
    )
    c.set_defaults(campaign_handler=cmd_campaign_create)
    c.add_argument("--name", required=True)
    c.add_argument("--item", required=True, action="append", help="item (repeat for several)")
    c.add_argument(
        "--qty", required=True, action="append", help="share of each --item, in the same order"
    )
    c.add_argument(
        "--per",
        action="append",
        choices=("household", "person", "size"),
        help="household (default), person, or size (per two members); once, or once per item",
    )
    c.add_argument("--target", default="all", help="all, grid:G, building:B, tag:T, list:H,H")
    c.add_argument(
        "--max", type=int, action="append", help="at most this many per household (once/per item)"
    )
    c.add_argument("--min-days", type=int, help="skip households served this item recently")
    c.add_argument("--no-vulnerable-first", action="store_true")
    c.add_argument("--point")
    c = camp.add_parser("list", help="the campaigns with their progress")
    c.set_defaults(campaign_handler=cmd_campaign_list)
    c.add_argument("--json", action="store_true")

    p = add("deliver", cmd_deliver, "record one delivery, as a barcode scan does")
    p.add_argument("--campaign", required=True)
    p.add_argument("--household", required=True, help="address code 3-2-502 or household code")
    p = add("undo", cmd_undo, "undo a delivery recorded by mistake (kept, with the reason)")
    p.add_argument("--campaign", required=True)
    p.add_argument("--household", required=True, help="address code 3-2-502 or household code")
    p.add_argument("--reason", required=True)
    p = add("undelivered", cmd_undelivered, "households of a campaign not yet served, by grid")
    p.add_argument("--campaign", required=True)
    p.add_argument("--json", action="store_true")
    p = add("signoff", cmd_signoff, "print the sign-off sheets of a campaign per building (PDF)")
    p.add_argument("--campaign", required=True)
    p.add_argument("--out", required=True, help="FILE.pdf")
    p.add_argument("--building", help="only this building")
    p = add("needs", cmd_needs, "export the needs list (unmet needs, shortages) as .xlsx")
    p.add_argument("--out", required=True, help="FILE.xlsx")
    from app.cli.group_buy import register as register_group_buy

    register_group_buy(add)

    printing = group(sub, "print", "print documents as PDF (minutes, notices, …)")
    slips = printing.add_parser(
        "pickup-slips", help="pickup slips of a campaign, one per household, 8 to a page (PDF)"
    )
    slips.set_defaults(handler=cmd_print_pickup_slips)
    slips.add_argument("--campaign", required=True)
    slips.add_argument("--building", help="only this building")
    slips.add_argument("--out", required=True, help="FILE.pdf")
    return {"supplies": cmd_supplies, "print": dispatch}
