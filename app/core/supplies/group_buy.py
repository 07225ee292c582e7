"""Group purchase (团购) with published prices: rounds, packages, price history, the price notice.

    r = open_round(session, "第3批", copy_previous=True)
    add_package(session, "A 蔬菜套餐", "39.80", "中百仓储", "白菜 2kg; 土豆 1.5kg", reason=None)

Households' orders, payment and delivery, and the lists made from them, are in
`app.core.supplies.group_buy_orders` (`place_order`, `mark_paid`, `mark_delivered`, ...).

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.trust import scope
from app.db.base import utcnow
from app.db.models_group_buy import (
    MAX_PRICE_FEN,
    GroupBuyOrder,
    GroupBuyPackage,
    GroupBuyPriceChange,
    GroupBuyRound,
)
from app.errors import AlreadyDone, InvalidInput

THRESHOLD_SETTING = "group_buy_rise_threshold"
DEFAULT_THRESHOLD = Decimal(10)  # per cent
MAX_CONTENT_QTY = Decimal(10_000)
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


# a round, its packages and prices, and the price-rise threshold are the office's to set; grid
# workers take their grids' orders
ROUNDS = ("开团、定价或结束团购", "opening, pricing or closing a group buy")


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


def get_threshold(session: Session) -> Decimal:
    """The price rise (per cent over the previous round) beyond which a reason is required."""
    from app.core.office.setup import get_setting

    raw = get_setting(session, THRESHOLD_SETTING)
    try:
        return Decimal(raw) if raw else DEFAULT_THRESHOLD
    except InvalidOperation:
        return DEFAULT_THRESHOLD


def set_threshold(session: Session, value: Any) -> Decimal:
    scope.whole_register(session, ROUNDS)
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
    scope.whole_register(session, ROUNDS)
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
    scope.whole_register(session, ROUNDS)
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
    scope.whole_register(session, ROUNDS)
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
    scope.whole_register(session, ROUNDS)
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
    scope.whole_register(session, ROUNDS)
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
