"""Group purchase (团购) with published prices: rounds, packages, price history, household orders.

    r = open_round(session, "第3批", copy_previous=True)
    add_package(session, "A 蔬菜套餐", "39.80", "中百仓储", "白菜 2kg; 土豆 1.5kg", reason=None)
    place_order(session, "3-2-502", "A 蔬菜套餐", 2)
    mark_paid(session, "3-2-502", method="wechat"); mark_delivered(session, "H000123")

The community buys on its residents' behalf, so every package's contents and price are published
(`price_notice_content` fills the 团购价格公示, printed by app.core.printing.notices.write_price_notice).
A price that rose more than the threshold (`get_threshold`, a setting, 10 % unless changed) over the
same package in the previous round is refused unless a reason is given; the package is then
flagged, and the flag and reason are shown on the notice and in the window. Prices are kept in fen
(分) as whole numbers; `parse_price` reads "39.80" exactly, and `yuan` prints 3980 as "39.80".

Every operation takes a Session (the caller's transaction) and plain values. A refusal raises
`InvalidInput` (exit 1) or, when there is nothing to do, `AlreadyDone` (exit 3); the caller's
transaction then rolls back, so nothing is changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.common.files import atomic_path
from app.db.base import utcnow
from app.db.models import Building, Household, Resident
from app.db.models_group_buy import (
    MAX_COUNT,
    MAX_PRICE_FEN,
    PAYMENT_METHODS,
    GroupBuyOrder,
    GroupBuyPackage,
    GroupBuyPriceChange,
    GroupBuyRound,
)
from app.db.problems import is_unique_violation
from app.errors import AlreadyDone, InvalidInput

THRESHOLD_SETTING = "group_buy_rise_threshold"
DEFAULT_THRESHOLD = Decimal(10)  # per cent
MAX_CONTENT_QTY = Decimal(10_000)
METHOD_NAMES = {
    "cash": "现金",
    "wechat": "微信",
    "alipay": "支付宝",
    "bank": "转账",
    "other": "其他",
}
_CODE_PREFIX = "TG"


class PriceRiseNeedsReason(InvalidInput):
    """A price more than the threshold above the previous round's, with no reason given."""

    def __init__(self, name: str, previous_fen: int, new_fen: int, pct: Decimal, limit: Decimal):
        super().__init__(
            f"“{name}”价格较上一批次上涨 {pct:.1f}%（{yuan(previous_fen)} → {yuan(new_fen)} 元），"
            f"超过 {limit:g}%，请填写涨价原因；未保存",
            f"The price of '{name}' rose {pct:.1f}% over the previous round ({yuan(previous_fen)} "
            f"→ {yuan(new_fen)} yuan), more than {limit:g}%; give the reason. Nothing saved",
        )
        self.previous_fen = previous_fen
        self.new_fen = new_fen
        self.pct = pct


# --- small helpers -------------------------------------------------------------------------------


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or "unknown")


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def yuan(fen: int) -> str:
    """3980 → "39.80" (exact; never through a float)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


_PRICE = re.compile(r"^(?:¥|￥)?\s*(-?\d+(?:\.\d+)?)\s*(?:元)?$")


def parse_price(value: Any) -> int:
    """A price in yuan ("39.80", "39.8", "39", 39.8 as typed) as whole fen; `InvalidInput` saying
    why for a negative, zero, absurd or sub-fen price."""
    text = _clean(str(value) if value is not None else "")
    m = _PRICE.match(text)
    if not m:
        raise InvalidInput(
            f"价格应写成元，如 39.80：{text or '（空）'}",
            f"The price must be in yuan, such as 39.80: {text or '(empty)'}",
        )
    try:
        amount = Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise InvalidInput(f"价格无效：{text}", f"Invalid price: {text}") from None
    if amount <= 0:
        raise InvalidInput(f"价格应大于零：{text}", f"The price must be more than zero: {text}")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise InvalidInput(
            f"价格最多精确到分（两位小数）：{text}",
            f"A price has at most two decimals (fen): {text}",
        )
    if fen > MAX_PRICE_FEN:
        raise InvalidInput(
            f"价格过高（{text} 元），请核对（上限 {yuan(MAX_PRICE_FEN)} 元）",
            f"The price {text} yuan is implausibly high (at most {yuan(MAX_PRICE_FEN)}); check it",
        )
    return int(fen)


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


def get_threshold(session: Session) -> Decimal:
    """The price rise (per cent over the previous round) beyond which a reason is required."""
    from app.core.office.setup import get_setting

    raw = get_setting(session, THRESHOLD_SETTING)
    try:
        return Decimal(raw) if raw else DEFAULT_THRESHOLD
    except InvalidOperation:
        return DEFAULT_THRESHOLD


def set_threshold(session: Session, value: Any) -> Decimal:
    from app.core.office.setup import set_setting

    try:
        pct = Decimal(_clean(str(value)).rstrip("%"))
    except InvalidOperation:
        raise InvalidInput(
            f"涨价提示比例应为数字（百分比）：{value}",
            f"The price rise threshold must be a number (per cent): {value}",
        ) from None
    if not Decimal(0) <= pct <= Decimal(1000):
        raise InvalidInput(
            f"涨价提示比例应在 0 到 1000 之间：{value}",
            f"The price rise threshold must be 0 to 1000 per cent: {value}",
        )
    set_setting(session, THRESHOLD_SETTING, str(pct))
    return pct


def rise_pct(previous_fen: int, new_fen: int) -> Decimal:
    """The change in per cent (exact decimal), positive for a rise."""
    return (Decimal(new_fen - previous_fen) * 100 / Decimal(previous_fen)).quantize(Decimal("0.1"))


# --- contents ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentLine:
    item: str
    qty: str  # as written, exact ("1.5")
    unit: str

    def text(self) -> str:
        return f"{self.item} {self.qty}{self.unit}"


_CONTENT = re.compile(r"^(.*?\S)\s*[×xX*]?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]{0,6})$")
_SPLIT = re.compile(r"[;；\n、]+")


def parse_contents(text: str) -> list[ContentLine]:
    """ "米 5kg; 油 1L" (or one item a line) as lines of item, quantity and unit."""
    lines: list[ContentLine] = []
    for part in _SPLIT.split(_clean(text).replace("\r", "")):
        part = part.strip().replace("\t", " ")
        if not part:
            continue
        m = _CONTENT.match(part)
        if not m:
            raise InvalidInput(
                f"套餐内容每项应写成“名称 数量单位”，如“米 5kg”：{part}",
                f"Each item of the contents is 'name quantity unit', such as '米 5kg': {part}",
            )
        item, qty_text, unit = m.group(1).strip(), m.group(2), m.group(3).strip()
        qty = Decimal(qty_text)
        if qty <= 0 or qty > MAX_CONTENT_QTY:
            raise InvalidInput(
                f"“{item}”的数量不合理：{qty_text}（应大于 0，不超过 {MAX_CONTENT_QTY}）",
                f"The quantity of '{item}' is not plausible: {qty_text}",
            )
        if len(item) > 40:
            raise InvalidInput(f"品名过长：{item}", f"The item name is too long: {item}")
        lines.append(ContentLine(item, qty_text, unit))
    if not lines:
        raise InvalidInput(
            "请填写套餐内容，如“米 5kg; 油 1L”", "Give the contents, such as '米 5kg; 油 1L'"
        )
    return lines


def _store_contents(lines: Sequence[ContentLine]) -> str:
    return "\n".join(f"{c.item}\t{c.qty}\t{c.unit}" for c in lines)


def contents_of(stored: str) -> list[ContentLine]:
    out = []
    for line in stored.splitlines():
        item, qty, unit = ([*line.split("\t"), "", ""])[:3]
        out.append(ContentLine(item, qty, unit))
    return out


def contents_text(stored: str, sep: str = "；") -> str:
    return sep.join(c.text() for c in contents_of(stored))


# --- rounds --------------------------------------------------------------------------------------


def _live_rounds(session: Session) -> list[GroupBuyRound]:
    return list(
        session.scalars(
            select(GroupBuyRound)
            .where(GroupBuyRound.deleted_at.is_(None))
            .order_by(GroupBuyRound.opens_on, GroupBuyRound.id)
        )
    )


def current_round(session: Session) -> GroupBuyRound | None:
    """The open round, or else the latest one."""
    rounds = _live_rounds(session)
    open_ones = [r for r in rounds if r.status == "open"]
    if open_ones:
        return open_ones[-1]
    return rounds[-1] if rounds else None


def get_round(session: Session, ref: str | None = None) -> GroupBuyRound:
    """A round by code or name; without one, the current round."""
    if not ref:
        got = current_round(session)
        if got is None:
            raise InvalidInput(
                "还没有团购批次，请先开一个批次", "No group-purchase round yet; open one first"
            )
        return got
    wanted = _clean(ref)
    for r in reversed(_live_rounds(session)):
        if r.code == wanted.upper() or r.name == wanted:
            return r
    raise InvalidInput(f"找不到团购批次 {wanted}", f"No group-purchase round {wanted}")


def _previous_round(session: Session, rnd: GroupBuyRound) -> GroupBuyRound | None:
    rounds = _live_rounds(session)
    i = next(i for i, r in enumerate(rounds) if r.id == rnd.id)
    return rounds[i - 1] if i > 0 else None


def _require_open(rnd: GroupBuyRound) -> None:
    if rnd.status != "open":
        raise InvalidInput(
            f"团购批次“{rnd.name}”已结束，不能再修改；未保存",
            f"The round '{rnd.name}' is closed and cannot be changed; nothing saved",
        )


@dataclass(frozen=True)
class RoundResult:
    code: str
    name: str
    copied: int


def _next_code(session: Session) -> str:
    codes = session.scalars(select(GroupBuyRound.code)).all()
    numbers = [int(c[len(_CODE_PREFIX) :]) for c in codes if c[len(_CODE_PREFIX) :].isdigit()]
    return f"{_CODE_PREFIX}{max(numbers, default=0) + 1:04d}"


def open_round(
    session: Session,
    name: str,
    *,
    copy_previous: bool = False,
    opens_on: date | None = None,
    closes_on: date | None = None,
) -> RoundResult:
    """A new round, open for orders; with `copy_previous`, the previous round's packages are
    copied into it (same contents, price and supplier, linked for the price history). Refused
    while another round is open."""
    wanted = _clean(name)
    if not wanted or len(wanted) > 100:
        raise InvalidInput(
            "批次名称不能为空，最多 100 字", "The round name must be 1–100 characters"
        )
    opens = opens_on or date.today()
    if closes_on is not None and closes_on < opens:
        raise InvalidInput(
            f"截止日期 {closes_on} 早于开始日期 {opens}",
            f"The closing date {closes_on} is before the opening date {opens}",
        )
    rounds = _live_rounds(session)
    still_open = [r for r in rounds if r.status == "open"]
    if still_open:
        r = still_open[-1]
        raise InvalidInput(
            f"团购批次“{r.name}”（{r.code}）仍在进行，请先结束它再开新批次",
            f"The round '{r.name}' ({r.code}) is still open; close it first",
        )
    if any(r.name == wanted for r in rounds):
        raise InvalidInput(f"已有名为“{wanted}”的批次", f"There is already a round '{wanted}'")
    previous = rounds[-1] if rounds else None
    rnd = GroupBuyRound(
        code=_next_code(session),
        name=wanted,
        opens_on=opens,
        closes_on=closes_on,
        status="open",
        opened_by=_actor(session),
    )
    session.add(rnd)
    session.flush()
    copied = 0
    if copy_previous and previous is not None:
        now, actor = utcnow(), _actor(session)
        for old in _packages(session, previous.id):
            new = GroupBuyPackage(
                round_id=rnd.id,
                name=old.name,
                contents=old.contents,
                price_fen=old.price_fen,
                supplier=old.supplier,
                previous_id=old.id,
                flagged=False,
            )
            session.add(new)
            session.flush()
            session.add(
                GroupBuyPriceChange(
                    package_id=new.id,
                    old_fen=None,
                    new_fen=new.price_fen,
                    previous_round_fen=old.price_fen,
                    changed_at=now,
                    changed_by=actor,
                )
            )
            copied += 1
    session.flush()
    return RoundResult(rnd.code, rnd.name, copied)


def close_round(session: Session, ref: str | None = None) -> GroupBuyRound:
    rnd = get_round(session, ref)
    if rnd.status == "closed":
        raise AlreadyDone(
            f"团购批次“{rnd.name}”已结束", f"The round '{rnd.name}' is already closed"
        )
    rnd.status = "closed"
    if rnd.closes_on is None or rnd.closes_on < rnd.opens_on:
        rnd.closes_on = max(date.today(), rnd.opens_on)
    session.flush()
    return rnd


@dataclass(frozen=True)
class RoundRow:
    code: str
    name: str
    opens_on: date
    closes_on: date | None
    status: str
    packages: int


def list_rounds(session: Session) -> list[RoundRow]:
    counts: dict[int, int] = dict(
        session.execute(
            select(GroupBuyPackage.round_id, func.count())
            .where(GroupBuyPackage.deleted_at.is_(None))
            .group_by(GroupBuyPackage.round_id)
        )
        .tuples()
        .all()
    )
    return [
        RoundRow(r.code, r.name, r.opens_on, r.closes_on, r.status, int(counts.get(r.id, 0)))
        for r in reversed(_live_rounds(session))
    ]


# --- packages ------------------------------------------------------------------------------------


def _packages(session: Session, round_id: int) -> list[GroupBuyPackage]:
    return list(
        session.scalars(
            select(GroupBuyPackage)
            .where(GroupBuyPackage.round_id == round_id, GroupBuyPackage.deleted_at.is_(None))
            .order_by(GroupBuyPackage.name)
        )
    )


def get_package(session: Session, name: str, rnd: GroupBuyRound) -> GroupBuyPackage:
    wanted = _clean(name)
    pkg = session.scalar(
        select(GroupBuyPackage).where(
            GroupBuyPackage.round_id == rnd.id,
            GroupBuyPackage.name == wanted,
            GroupBuyPackage.deleted_at.is_(None),
        )
    )
    if pkg is None:
        raise InvalidInput(
            f"批次“{rnd.name}”中没有套餐“{wanted}”",
            f"No package '{wanted}' in the round '{rnd.name}'",
        )
    return pkg


def _previous_fen(session: Session, pkg_previous_id: int | None) -> int | None:
    if pkg_previous_id is None:
        return None
    prev = session.get(GroupBuyPackage, pkg_previous_id)
    return prev.price_fen if prev is not None else None


def _judge_price(
    session: Session, name: str, previous_fen: int | None, new_fen: int, reason: str
) -> tuple[bool, str | None]:
    """(flagged, reason) for a price against the previous round's; refused without a reason
    when it rose more than the threshold."""
    if previous_fen is None or new_fen <= previous_fen:
        return False, None
    pct = rise_pct(previous_fen, new_fen)
    limit = get_threshold(session)
    if pct <= limit:
        return False, None
    if not reason:
        raise PriceRiseNeedsReason(name, previous_fen, new_fen, pct, limit)
    return True, reason


@dataclass(frozen=True)
class PackageResult:
    name: str
    price_fen: int
    previous_fen: int | None
    flagged: bool
    reason: str | None
    round_code: str


def add_package(
    session: Session,
    name: str,
    price: Any,
    supplier: str,
    contents: str,
    *,
    reason: str | None = None,
    round_ref: str | None = None,
) -> PackageResult:
    """A package of the (current) round. If the previous round had a package of the same name, it
    is linked to it, and its price is judged against that one's."""
    rnd = get_round(session, round_ref)
    _require_open(rnd)
    wanted = _clean(name)
    if not wanted or len(wanted) > 60:
        raise InvalidInput(
            "套餐名称不能为空，最多 60 字", "The package name must be 1–60 characters"
        )
    fen = parse_price(price)
    who = _clean(supplier)
    if not who or len(who) > 100:
        raise InvalidInput(
            "请填写供应商（最多 100 字）", "Give the supplier (at most 100 characters)"
        )
    lines = parse_contents(contents)
    exists = session.scalar(
        select(GroupBuyPackage.id).where(
            GroupBuyPackage.round_id == rnd.id,
            GroupBuyPackage.name == wanted,
            GroupBuyPackage.deleted_at.is_(None),
        )
    )
    if exists is not None:
        raise InvalidInput(
            f"批次“{rnd.name}”中已有套餐“{wanted}”；修改请用编辑",
            f"The round '{rnd.name}' already has a package '{wanted}'; edit it instead",
        )
    previous_round = _previous_round(session, rnd)
    previous = (
        session.scalar(
            select(GroupBuyPackage).where(
                GroupBuyPackage.round_id == previous_round.id,
                GroupBuyPackage.name == wanted,
                GroupBuyPackage.deleted_at.is_(None),
            )
        )
        if previous_round is not None
        else None
    )
    previous_fen = previous.price_fen if previous is not None else None
    why = (reason or "").strip()
    flagged, kept_reason = _judge_price(session, wanted, previous_fen, fen, why)
    pkg = GroupBuyPackage(
        round_id=rnd.id,
        name=wanted,
        contents=_store_contents(lines),
        price_fen=fen,
        supplier=who,
        previous_id=previous.id if previous is not None else None,
        flagged=flagged,
        rise_reason=kept_reason,
    )
    session.add(pkg)
    session.flush()
    session.add(
        GroupBuyPriceChange(
            package_id=pkg.id,
            old_fen=None,
            new_fen=fen,
            previous_round_fen=previous_fen,
            reason=why or None,
            changed_at=utcnow(),
            changed_by=_actor(session),
        )
    )
    session.flush()
    return PackageResult(wanted, fen, previous_fen, flagged, kept_reason, rnd.code)


def edit_package(
    session: Session,
    name: str,
    *,
    price: Any = None,
    supplier: str | None = None,
    contents: str | None = None,
    new_name: str | None = None,
    reason: str | None = None,
    round_ref: str | None = None,
) -> PackageResult:
    """Change a package of an open round; a new price is judged against the previous round's as
    when adding (a price rise beyond the threshold needs a reason)."""
    rnd = get_round(session, round_ref)
    _require_open(rnd)
    pkg = get_package(session, name, rnd)
    why = (reason or "").strip()
    if new_name is not None and _clean(new_name) != pkg.name:
        renamed = _clean(new_name)
        if not renamed or len(renamed) > 60:
            raise InvalidInput(
                "套餐名称不能为空，最多 60 字", "The package name must be 1–60 characters"
            )
        if any(p.name == renamed for p in _packages(session, rnd.id)):
            raise InvalidInput(
                f"批次中已有套餐“{renamed}”", f"The round already has a package '{renamed}'"
            )
        pkg.name = renamed
    if supplier is not None:
        who = _clean(supplier)
        if not who or len(who) > 100:
            raise InvalidInput(
                "请填写供应商（最多 100 字）", "Give the supplier (at most 100 characters)"
            )
        pkg.supplier = who
    if contents is not None:
        pkg.contents = _store_contents(parse_contents(contents))
    previous_fen = _previous_fen(session, pkg.previous_id)
    if price is not None:
        fen = parse_price(price)
        if fen != pkg.price_fen:
            flagged, kept = _judge_price(session, pkg.name, previous_fen, fen, why)
            session.add(
                GroupBuyPriceChange(
                    package_id=pkg.id,
                    old_fen=pkg.price_fen,
                    new_fen=fen,
                    previous_round_fen=previous_fen,
                    reason=why or None,
                    changed_at=utcnow(),
                    changed_by=_actor(session),
                )
            )
            pkg.price_fen = fen
            pkg.flagged, pkg.rise_reason = flagged, kept
    if why and pkg.flagged and price is None:
        pkg.rise_reason = why  # a better reason for a rise already flagged
    session.flush()
    return PackageResult(
        pkg.name, pkg.price_fen, previous_fen, pkg.flagged, pkg.rise_reason, rnd.code
    )


def remove_package(
    session: Session, name: str, *, reason: str = "", round_ref: str | None = None
) -> None:
    """Withdraw a package nobody has ordered (a tombstone)."""
    rnd = get_round(session, round_ref)
    _require_open(rnd)
    pkg = get_package(session, name, rnd)
    ordered = session.scalar(
        select(func.count())
        .select_from(GroupBuyOrder)
        .where(GroupBuyOrder.package_id == pkg.id, GroupBuyOrder.deleted_at.is_(None))
    )
    if ordered:
        raise InvalidInput(
            f"套餐“{pkg.name}”已有 {ordered} 户订购，不能删除",
            f"'{pkg.name}' has {ordered} orders and cannot be removed",
        )
    pkg.deleted_at = utcnow()
    pkg.delete_reason = _clean(reason) or "withdrawn"
    session.flush()


@dataclass(frozen=True)
class PackageRow:
    id: int
    name: str
    contents: list[ContentLine]
    price_fen: int
    supplier: str
    previous_fen: int | None
    change_pct: Decimal | None
    flagged: bool
    reason: str | None
    households: int
    count: int
    amount_fen: int
    paid_fen: int
    delivered_count: int

    @property
    def contents_text(self) -> str:
        return "；".join(c.text() for c in self.contents)


def list_packages(session: Session, rnd: GroupBuyRound) -> list[PackageRow]:
    """The round's packages with their change over the previous round and their order totals."""
    pkgs = _packages(session, rnd.id)
    prev_ids = [p.previous_id for p in pkgs if p.previous_id is not None]
    prev_fen: dict[int, int] = (
        dict(
            session.execute(
                select(GroupBuyPackage.id, GroupBuyPackage.price_fen).where(
                    GroupBuyPackage.id.in_(prev_ids)
                )
            )
            .tuples()
            .all()
        )
        if prev_ids
        else {}
    )
    sums: dict[int, tuple[int, int, int]] = {}
    for pid, households, count, paid in session.execute(
        select(
            GroupBuyOrder.package_id,
            func.count(),
            func.sum(GroupBuyOrder.count),
            func.sum(func.coalesce(GroupBuyOrder.paid_fen, 0)),
        )
        .where(GroupBuyOrder.round_id == rnd.id, GroupBuyOrder.deleted_at.is_(None))
        .group_by(GroupBuyOrder.package_id)
    ).all():
        sums[pid] = (int(households), int(count or 0), int(paid or 0))
    delivered_counts: dict[int, int] = dict(
        session.execute(
            select(GroupBuyOrder.package_id, func.sum(GroupBuyOrder.count))
            .where(
                GroupBuyOrder.round_id == rnd.id,
                GroupBuyOrder.deleted_at.is_(None),
                GroupBuyOrder.delivered.is_(True),
            )
            .group_by(GroupBuyOrder.package_id)
        )
        .tuples()
        .all()
    )
    rows = []
    for p in pkgs:
        pf = prev_fen.get(p.previous_id) if p.previous_id is not None else None
        households, count, paid = sums.get(p.id, (0, 0, 0))
        rows.append(
            PackageRow(
                id=p.id,
                name=p.name,
                contents=contents_of(p.contents),
                price_fen=p.price_fen,
                supplier=p.supplier,
                previous_fen=pf,
                change_pct=rise_pct(pf, p.price_fen) if pf else None,
                flagged=p.flagged,
                reason=p.rise_reason,
                households=households,
                count=count,
                amount_fen=count * p.price_fen,
                paid_fen=paid,
                delivered_count=int(delivered_counts.get(p.id) or 0),
            )
        )
    return rows


@dataclass(frozen=True)
class HistoryRow:
    round_code: str
    round_name: str
    opens_on: date
    price_fen: int
    supplier: str
    contents: str
    change_pct: Decimal | None  # over the round before
    flagged: bool
    reason: str | None
    changes: list[tuple[datetime, int | None, int, str | None, str]]  # at, old, new, reason, by


def price_history(session: Session, name: str, round_ref: str | None = None) -> list[HistoryRow]:
    """A package's prices round after round (oldest first), following the links back from the
    package of that name in the given (or current) round, with the price changes in each round."""
    rnd = get_round(session, round_ref)
    pkg: GroupBuyPackage | None = get_package(session, name, rnd)
    chain: list[GroupBuyPackage] = []
    seen: set[int] = set()
    while pkg is not None and pkg.id not in seen:
        seen.add(pkg.id)
        chain.append(pkg)
        pkg = session.get(GroupBuyPackage, pkg.previous_id) if pkg.previous_id else None
    chain.reverse()
    changes: dict[int, list[tuple[datetime, int | None, int, str | None, str]]] = defaultdict(list)
    for c in session.scalars(
        select(GroupBuyPriceChange)
        .where(GroupBuyPriceChange.package_id.in_([p.id for p in chain]))
        .order_by(GroupBuyPriceChange.changed_at, GroupBuyPriceChange.id)
    ):
        changes[c.package_id].append((c.changed_at, c.old_fen, c.new_fen, c.reason, c.changed_by))
    rows: list[HistoryRow] = []
    before: int | None = None
    for p in chain:
        r = session.get(GroupBuyRound, p.round_id)
        assert r is not None
        rows.append(
            HistoryRow(
                round_code=r.code,
                round_name=r.name,
                opens_on=r.opens_on,
                price_fen=p.price_fen,
                supplier=p.supplier,
                contents=contents_text(p.contents),
                change_pct=rise_pct(before, p.price_fen) if before else None,
                flagged=p.flagged,
                reason=p.rise_reason,
                changes=changes.get(p.id, []),
            )
        )
        before = p.price_fen
    return rows


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


def set_delivered(session: Session, order_id: int, delivered: bool) -> None:
    """The 已送达 tick of one order in the window (ticking it off again undoes a mistake)."""
    order = session.get(GroupBuyOrder, order_id)
    if order is None or order.deleted_at is not None:
        raise InvalidInput("订单不存在或已取消", "The order does not exist or was cancelled")
    if order.delivered == delivered:
        return
    order.delivered = delivered
    order.delivered_by = _actor(session) if delivered else None
    order.delivered_at = utcnow() if delivered else None
    session.flush()


def set_paid(session: Session, order_id: int, paid: bool, method: str = "cash") -> None:
    """The 已付款 tick of one order in the window: paid at price × count, or not paid."""
    order = session.get(GroupBuyOrder, order_id)
    if order is None or order.deleted_at is not None:
        raise InvalidInput("订单不存在或已取消", "The order does not exist or was cancelled")
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
    """The round's live orders, by address (optionally only some households)."""
    from app.core.common.masking import mask_name

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
        .where(GroupBuyOrder.round_id == rnd.id, GroupBuyOrder.deleted_at.is_(None))
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


# --- the price notice ----------------------------------------------------------------------------


def _change_text(p: PackageRow) -> str:
    if p.previous_fen is None:
        return "新增"
    if p.change_pct is None or p.change_pct == 0:
        return "持平"
    text = f"{p.change_pct:+.1f}%"
    return f"【涨价】{text}" if p.flagged else text


def price_notice_content(session: Session, round_ref: str | None = None) -> tuple[str, str] | None:
    """The 内容 and 供应商 of the 团购价格公示 for the (current) round: a table of every package
    (contents, price, change over the previous round, and the supplier when there are several),
    then each flagged rise with its reason. None when there is no round with packages."""
    try:
        rnd = get_round(session, round_ref)
    except InvalidInput:
        if round_ref:
            raise
        return None
    packages = list_packages(session, rnd)
    if not packages:
        return None
    suppliers = list(dict.fromkeys(p.supplier for p in packages))
    several = len(suppliers) > 1
    lines = [f"批次：{rnd.name}，{rnd.opens_on:%Y-%m-%d} 起"]
    lines.append("套餐|内容|单价（元）|较上批" + ("|供应商" if several else ""))
    for p in packages:
        row = f"{p.name}|{p.contents_text}|{yuan(p.price_fen)}|{_change_text(p)}"
        lines.append(row + (f"|{p.supplier}" if several else ""))
    for p in packages:
        if p.flagged and p.previous_fen is not None:
            lines.append(
                f"【涨价说明】“{p.name}”由上批 {yuan(p.previous_fen)} 元涨至 {yuan(p.price_fen)} 元"
                f"（{p.change_pct:+.1f}%），原因：{p.reason}"
            )
    return "\n".join(lines), "、".join(suppliers)
