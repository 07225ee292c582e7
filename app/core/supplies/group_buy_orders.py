"""Group purchase orders: a household's orders in a round (`place_order`, `cancel_order`), paid and
delivered (`mark_paid`, `mark_delivered`, `set_paid`, `set_delivered`), the order list and its
search, the round's totals, the supplier's list (`supplier_list`, `export_supplier_xlsx`) and the
delivery list by building. Rounds, packages and prices are in `app.core.supplies.group_buy`.

Every operation takes a Session (the caller's transaction) and plain values. A refusal raises
`InvalidInput` (exit 1) or, when there is nothing to do, `AlreadyDone` (exit 3); the caller's
transaction then rolls back, so nothing is changed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.common.files import atomic_path
from app.core.supplies.group_buy import (
    PackageRow,
    _actor,
    _clean,
    _require_open,
    get_package,
    get_round,
    list_packages,
    parse_price,
)
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Household, Resident
from app.db.models_group_buy import (
    MAX_COUNT,
    PAYMENT_METHODS,
    GroupBuyOrder,
    GroupBuyPackage,
    GroupBuyRound,
)
from app.db.problems import is_unique_violation
from app.errors import AlreadyDone, InvalidInput

METHOD_NAMES = {
    "cash": "现金",
    "wechat": "微信",
    "alipay": "支付宝",
    "bank": "转账",
    "other": "其他",
}


def check_count(value: Any) -> int:
    """How many packages a household orders: a whole number from 1 to MAX_COUNT."""
    try:
        count = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput(
            f"份数应为正整数：{value}", f"The count must be a whole number: {value}"
        ) from None
    if count <= 0:
        raise InvalidInput(
            f"份数应大于零：{count}（取消订单请用“取消”）",
            f"The count must be more than zero: {count} (to cancel an order, cancel it)",
        )
    if count > MAX_COUNT:
        raise InvalidInput(
            f"份数过大（{count}），一户一种套餐最多 {MAX_COUNT} 份，请核对",
            f"The count {count} is implausibly large (at most {MAX_COUNT} per household); check it",
        )
    return count


# --- orders --------------------------------------------------------------------------------------


def _household(session: Session, ref: str) -> Household:
    from app.core.registry.lookup import find_household

    wanted = _clean(ref)
    household_id = find_household(session, wanted) if wanted else None
    if household_id is None:
        raise InvalidInput(
            f"找不到住户 {wanted or '（空）'}", f"No household {wanted or '(empty)'}"
        )
    household = session.get(Household, household_id)
    assert household is not None
    return household


@dataclass(frozen=True)
class OrderResult:
    address_code: str
    household_code: str
    package: str
    count: int
    amount_fen: int
    action: str  # added / changed / restored


def place_order(
    session: Session, household_ref: str, package: str, count: Any, round_ref: str | None = None
) -> OrderResult:
    """A household orders `count` of a package (or changes the count of its order). Refused:
    unknown household or package, closed round, a bad count, a delivered order; `AlreadyDone` when
    the order already stands at that count."""
    rnd = get_round(session, round_ref)
    _require_open(rnd)
    n = check_count(count)
    household = _household(session, household_ref)
    pkg = get_package(session, package, rnd)
    order = session.scalar(
        select(GroupBuyOrder).where(
            GroupBuyOrder.round_id == rnd.id,
            GroupBuyOrder.household_id == household.id,
            GroupBuyOrder.package_id == pkg.id,
        )
    )
    action = "added"
    if order is None:
        order = GroupBuyOrder(
            round_id=rnd.id,
            household_id=household.id,
            package_id=pkg.id,
            count=n,
            ordered_at=utcnow(),
        )
        session.add(order)
    elif order.deleted_at is not None:
        # ordered again after a cancellation: the same row comes back (one per round/household/package)
        order.deleted_at, order.delete_reason = None, None
        order.count, order.ordered_at = n, utcnow()
        order.paid, order.paid_fen, order.paid_method, order.paid_at = False, None, None, None
        order.delivered, order.delivered_by, order.delivered_at = False, None, None
        action = "restored"
    else:
        if order.count == n:
            raise AlreadyDone(
                f"{household.address_code} 已订购“{pkg.name}”{n} 份，未改变",
                f"{household.address_code} already ordered {n} of '{pkg.name}'; nothing changed",
            )
        if order.delivered:
            raise InvalidInput(
                f"{household.address_code} 的“{pkg.name}”已送达，不能再改份数",
                f"The order of {household.address_code} for '{pkg.name}' is delivered; "
                "its count cannot change",
            )
        order.count = n
        action = "changed"
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise AlreadyDone(
                f"{household.address_code} 已订购“{pkg.name}”",
                f"{household.address_code} already ordered '{pkg.name}'",
            ) from None
        raise
    return OrderResult(
        household.address_code, household.code, pkg.name, n, n * pkg.price_fen, action
    )


def _orders_of(
    session: Session, rnd: GroupBuyRound, household: Household, package: str | None
) -> list[tuple[GroupBuyOrder, GroupBuyPackage]]:
    q = (
        select(GroupBuyOrder, GroupBuyPackage)
        .join(GroupBuyPackage, GroupBuyPackage.id == GroupBuyOrder.package_id)
        .where(
            GroupBuyOrder.round_id == rnd.id,
            GroupBuyOrder.household_id == household.id,
            GroupBuyOrder.deleted_at.is_(None),
        )
        .order_by(GroupBuyPackage.name)
    )
    if package:
        pkg = get_package(session, package, rnd)
        q = q.where(GroupBuyOrder.package_id == pkg.id)
    found = [(o, p) for o, p in session.execute(q).tuples()]
    if not found:
        what = f"“{_clean(package)}”" if package else ""
        raise InvalidInput(
            f"{household.address_code} 在批次“{rnd.name}”中没有{what}订单",
            f"{household.address_code} has no order{' for ' + _clean(package) if package else ''}"
            f" in the round '{rnd.name}'",
        )
    return found


def cancel_order(
    session: Session,
    household_ref: str,
    package: str,
    *,
    reason: str = "",
    round_ref: str | None = None,
) -> OrderResult:
    """Cancel a household's order (a tombstone); refused once delivered."""
    rnd = get_round(session, round_ref)
    _require_open(rnd)
    household = _household(session, household_ref)
    ((order, pkg),) = _orders_of(session, rnd, household, package)
    if order.delivered:
        raise InvalidInput(
            f"{household.address_code} 的“{pkg.name}”已送达，不能取消",
            f"The order of {household.address_code} for '{pkg.name}' is delivered; "
            "it cannot be cancelled",
        )
    order.deleted_at = utcnow()
    order.delete_reason = _clean(reason) or "cancelled"
    session.flush()
    return OrderResult(
        household.address_code,
        household.code,
        pkg.name,
        order.count,
        order.paid_fen or 0,
        "cancelled",
    )


@dataclass(frozen=True)
class MarkResult:
    address_code: str
    household_code: str
    packages: list[tuple[str, int]]  # name, count
    amount_fen: int  # paid now (mark_paid) / value handed over (mark_delivered)


def mark_paid(
    session: Session,
    household_ref: str,
    package: str | None = None,
    *,
    amount: Any = None,
    method: str = "cash",
    round_ref: str | None = None,
) -> MarkResult:
    """Record payment for a household's unpaid orders (or one package's). Without `amount`, each
    order is paid at its price × count; an amount is only accepted for one package."""
    rnd = get_round(session, round_ref)
    household = _household(session, household_ref)
    if method not in PAYMENT_METHODS:
        raise InvalidInput(
            f"付款方式应为：{'、'.join(METHOD_NAMES.values())}",
            f"The payment method must be one of {', '.join(PAYMENT_METHODS)}",
        )
    found = _orders_of(session, rnd, household, package)
    unpaid = [(o, p) for o, p in found if not o.paid]
    if not unpaid:
        raise AlreadyDone(
            f"{household.address_code} 的订单已付款，未改变",
            f"The orders of {household.address_code} are already paid; nothing changed",
        )
    given: int | None = None
    if amount is not None and str(amount).strip():
        if len(unpaid) != 1:
            raise InvalidInput(
                "指定金额时请只选一个套餐", "Give an amount for one package at a time"
            )
        given = parse_price(amount)
    now, total = utcnow(), 0
    for o, p in unpaid:
        fen = given if given is not None else o.count * p.price_fen
        o.paid, o.paid_fen, o.paid_method, o.paid_at = True, fen, method, now
        total += fen
    session.flush()
    return MarkResult(
        household.address_code,
        household.code,
        [(p.name, o.count) for o, p in unpaid],
        total,
    )


def mark_delivered(
    session: Session,
    household_ref: str,
    package: str | None = None,
    *,
    round_ref: str | None = None,
) -> MarkResult:
    """Record delivery of a household's orders (or one package's), exactly as a barcode scan does;
    `AlreadyDone` when everything was delivered already."""
    rnd = get_round(session, round_ref)
    household = _household(session, household_ref)
    found = _orders_of(session, rnd, household, package)
    waiting = [(o, p) for o, p in found if not o.delivered]
    if not waiting:
        when = max(o.delivered_at for o, _p in found if o.delivered_at is not None)
        raise AlreadyDone(
            f"{household.address_code} 的团购已送达（{when:%m-%d %H:%M}），未改变",
            f"The group purchase of {household.address_code} was already delivered; "
            "nothing changed",
        )
    now, actor = utcnow(), _actor(session)
    for o, _p in waiting:
        o.delivered, o.delivered_by, o.delivered_at = True, actor, now
    session.flush()
    return MarkResult(
        household.address_code,
        household.code,
        [(p.name, o.count) for o, p in waiting],
        sum(o.count * p.price_fen for o, p in waiting),
    )


def _order_to_tick(session: Session, order_id: int) -> GroupBuyOrder:
    """A live order the user may tick (a grid worker: of their grids' households)."""
    scope.writing(session)
    order = session.get(GroupBuyOrder, order_id)
    if order is None or order.deleted_at is not None:
        raise InvalidInput("订单不存在或已取消", "The order does not exist or was cancelled")
    scope.check_household(session, order.household_id)
    return order


def set_delivered(session: Session, order_id: int, delivered: bool) -> None:
    """The 已送达 tick of one order in the window (ticking it off again undoes a mistake)."""
    order = _order_to_tick(session, order_id)
    if order.delivered == delivered:
        return
    order.delivered = delivered
    order.delivered_by = _actor(session) if delivered else None
    order.delivered_at = utcnow() if delivered else None
    session.flush()


def set_paid(session: Session, order_id: int, paid: bool, method: str = "cash") -> None:
    """The 已付款 tick of one order in the window: paid at price × count, or not paid."""
    order = _order_to_tick(session, order_id)
    if order.paid == paid:
        return
    pkg = session.get(GroupBuyPackage, order.package_id)
    assert pkg is not None
    if paid:
        order.paid, order.paid_fen = True, order.count * pkg.price_fen
        order.paid_method, order.paid_at = method, utcnow()
    else:
        order.paid, order.paid_fen, order.paid_method, order.paid_at = False, None, None, None
    session.flush()


@dataclass(frozen=True)
class OrderRow:
    id: int
    household_id: int
    address_code: str
    household_code: str
    building: str
    head: str  # masked
    package: str
    count: int
    price_fen: int
    amount_fen: int
    paid: bool
    paid_fen: int | None
    paid_method: str | None
    delivered: bool
    delivered_at: datetime | None
    delivered_by: str | None
    ordered_at: datetime


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text))


def list_orders(
    session: Session, rnd: GroupBuyRound, household_ids: Iterable[int] | None = None
) -> list[OrderRow]:
    """The round's live orders, by address (optionally only some households; a grid worker's:
    those of their grids)."""
    from app.core.common.masking import mask_name

    scope.personal(session)
    q = (
        select(
            GroupBuyOrder,
            GroupBuyPackage.name,
            GroupBuyPackage.price_fen,
            Household.address_code,
            Household.code,
            Building.number,
        )
        .join(GroupBuyPackage, GroupBuyPackage.id == GroupBuyOrder.package_id)
        .join(Household, Household.id == GroupBuyOrder.household_id)
        .join(Building, Building.id == Household.building_id)
        .where(
            GroupBuyOrder.round_id == rnd.id,
            GroupBuyOrder.deleted_at.is_(None),
            scope.household_clause(session),
        )
    )
    if household_ids is not None:
        ids = list(household_ids)
        if not ids:
            return []
        q = q.where(GroupBuyOrder.household_id.in_(ids))
    got = session.execute(q).tuples().all()
    hids = sorted({o.household_id for o, *_ in got})
    heads: dict[int, str] = {}
    if hids:
        for hid, name in session.execute(
            select(Resident.household_id, Resident.name).where(
                Resident.household_id.in_(hids),
                Resident.is_head.is_(True),
                Resident.deleted_at.is_(None),
            )
        ).tuples():
            heads[hid] = mask_name(name)
    rows = [
        OrderRow(
            id=o.id,
            household_id=o.household_id,
            address_code=addr,
            household_code=code,
            building=str(number),
            head=heads.get(o.household_id, ""),
            package=name,
            count=o.count,
            price_fen=price,
            amount_fen=o.count * price,
            paid=o.paid,
            paid_fen=o.paid_fen,
            paid_method=o.paid_method,
            delivered=o.delivered,
            delivered_at=o.delivered_at,
            delivered_by=o.delivered_by,
            ordered_at=o.ordered_at,
        )
        for o, name, price, addr, code, number in got
    ]
    rows.sort(key=lambda r: (_natural(r.address_code), r.package))
    return rows


def search_households(session: Session, query: str) -> list[int]:
    """Households matching what staff typed (name, pinyin, phone or ID tail, address, household
    code), through the registry search."""
    from app.core.registry.search import search

    text = _clean(query)
    if not text:
        return []
    return sorted({h.household_id for h in search(session, text, limit=200)})


@dataclass(frozen=True)
class Totals:
    packages: list[PackageRow]
    households: int
    count: int
    amount_fen: int
    paid_fen: int
    unpaid_households: int
    undelivered_households: int


def round_totals(session: Session, rnd: GroupBuyRound) -> Totals:
    """Per package and for the round: households, packages ordered, money due and paid (fen)."""
    packages = list_packages(session, rnd)
    base = select(GroupBuyOrder.household_id).where(
        GroupBuyOrder.round_id == rnd.id, GroupBuyOrder.deleted_at.is_(None)
    )
    households = len(set(session.scalars(base).all()))
    unpaid = len(set(session.scalars(base.where(GroupBuyOrder.paid.is_(False))).all()))
    undelivered = len(set(session.scalars(base.where(GroupBuyOrder.delivered.is_(False))).all()))
    return Totals(
        packages=packages,
        households=households,
        count=sum(p.count for p in packages),
        amount_fen=sum(p.amount_fen for p in packages),
        paid_fen=sum(p.paid_fen for p in packages),
        unpaid_households=unpaid,
        undelivered_households=undelivered,
    )


@dataclass(frozen=True)
class SupplierLine:
    supplier: str
    package: str
    contents: str
    price_fen: int
    count: int
    amount_fen: int


def supplier_list(session: Session, rnd: GroupBuyRound) -> list[SupplierLine]:
    """What to order from each supplier: per package, how many in all."""
    return sorted(
        (
            SupplierLine(p.supplier, p.name, p.contents_text, p.price_fen, p.count, p.amount_fen)
            for p in list_packages(session, rnd)
        ),
        key=lambda s: (s.supplier, s.package),
    )


@dataclass(frozen=True)
class BuildingList:
    building: str
    orders: list[OrderRow] = field(default_factory=list)


def delivery_by_building(session: Session, rnd: GroupBuyRound) -> list[BuildingList]:
    """The round's orders grouped by building, in address order, for the volunteers who deliver."""
    groups: dict[str, list[OrderRow]] = defaultdict(list)
    for row in list_orders(session, rnd):
        groups[row.building].append(row)
    return [BuildingList(b, groups[b]) for b in sorted(groups, key=_natural)]


def export_supplier_xlsx(session: Session, rnd: GroupBuyRound, out: Path) -> Path:
    """The supplier list (per package counts) and the delivery list per building as .xlsx,
    written atomically."""
    import xlsxwriter  # type: ignore[import-untyped]

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"导出文件应以 .xlsx 结尾：{out}", f"The export file must end in .xlsx: {out}"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    lines = supplier_list(session, rnd)
    buildings = delivery_by_building(session, rnd)
    with atomic_path(out) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
        money = wb.add_format({"num_format": "0.00"})
        ws = wb.add_worksheet("供应商订货单")
        ws.write_string(0, 0, f"{rnd.name}（{rnd.code}）团购订货单")
        titles: Sequence[str] = ("供应商", "套餐", "内容", "单价（元）", "份数", "金额（元）")
        for col, title in enumerate(titles):
            ws.write_string(1, col, title, head)
        ws.set_column(0, 1, 16)
        ws.set_column(2, 2, 40)
        ws.set_column(3, 5, 12)
        r = 2
        for line in lines:
            ws.write_string(r, 0, line.supplier)
            ws.write_string(r, 1, line.package)
            ws.write_string(r, 2, line.contents)
            ws.write_number(r, 3, Decimal(line.price_fen) / 100, money)
            ws.write_number(r, 4, line.count)
            ws.write_number(r, 5, Decimal(line.amount_fen) / 100, money)
            r += 1
        ws.write_string(r, 0, "合计", head)
        ws.write_number(r, 4, sum(s.count for s in lines))
        ws.write_number(r, 5, Decimal(sum(s.amount_fen for s in lines)) / 100, money)
        ws = wb.add_worksheet("按楼栋配送")
        titles = (
            "楼栋",
            "门牌号",
            "户编号",
            "户主",
            "套餐",
            "份数",
            "金额（元）",
            "已付款",
            "已送达",
        )
        for col, title in enumerate(titles):
            ws.write_string(0, col, title, head)
        ws.set_column(0, 4, 14)
        ws.freeze_panes(1, 0)
        r = 1
        for b in buildings:
            for o in b.orders:
                ws.write_string(r, 0, f"{b.building}栋")
                ws.write_string(r, 1, o.address_code)
                ws.write_string(r, 2, o.household_code)
                ws.write_string(r, 3, o.head)
                ws.write_string(r, 4, o.package)
                ws.write_number(r, 5, o.count)
                ws.write_number(r, 6, Decimal(o.amount_fen) / 100, money)
                ws.write_string(r, 7, "是" if o.paid else "")
                ws.write_string(r, 8, "是" if o.delivered else "")
                r += 1
        wb.close()
    return out
