"""The daily report's 居民诉求 section: the day's requests received and done, what is open and
overdue now, and the accountability figures per category, grid and person on duty
(app.core.requests.figures). It names no resident: the overdue requests are listed by number,
category, grid and who has them, never by household or text."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.core.printing.daily_report_sections import MAX_LISTED, Section, Table
from app.core.requests.figures import NONE_KEY, accountability
from app.core.requests.requests import CATEGORY_LABELS, OPEN_STATUSES, Category
from app.core.trust import scope
from app.db.models import Grid
from app.db.models_grids import DutyPerson
from app.db.models_requests import ServiceRequest


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def requests_section(session: Session, day: date, now: datetime) -> Section:
    s = Section("requests", "居民诉求")
    at = min(now, datetime.combine(day + timedelta(days=1), time()))
    figures = accountability(session, now=at)
    if not figures["received"]:
        s.lines.append("尚无诉求记录：没有登记过居民诉求、投诉或举报。")
        return s
    start, end = datetime.combine(day, time()), datetime.combine(day + timedelta(days=1), time())
    where: list[Any] = [ServiceRequest.deleted_at.is_(None)]
    ids = scope.grid_ids(session)
    if ids is not None:
        where.append(ServiceRequest.grid_id.in_(sorted(ids)))
    received = and_(ServiceRequest.received_at >= start, ServiceRequest.received_at < end)
    done = and_(ServiceRequest.done_at >= start, ServiceRequest.done_at < end)
    day_counts = {
        c: (int(r or 0), int(d or 0))
        for c, r, d in session.execute(
            select(
                ServiceRequest.category,
                func.sum(case((received, 1), else_=0)),
                func.sum(case((done, 1), else_=0)),
            )
            .where(*where)
            .group_by(ServiceRequest.category)
        )
    }
    got_today = sum(r for r, _d in day_counts.values())
    done_today = sum(d for _r, d in day_counts.values())
    s.lines.append(
        f"当日收到诉求 {got_today:,} 件，办结 {done_today:,} 件。现未办结 {figures['open']:,} 件，"
        f"其中超期 {figures['overdue']:,} 件、紧急 {figures['urgent_open']:,} 件。"
        f"累计 {figures['received']:,} 件，办结 {figures['done']:,} 件，按期办结率 "
        f"{_pct(figures['done_on_time_pct'])}，办结用时中位数 {_hours(figures['median_hours_to_done'])} "
        f"小时；回访 {figures['called_back']:,} 件，满意 {figures['satisfied']:,} 件。"
    )
    rows: list[tuple[Any, ...]] = []
    for code, c in figures["by_category"].items():
        today = day_counts.get(code, (0, 0))
        if not c["received"]:
            continue
        rows.append(
            (c["label"], today[0], today[1], c["open"], c["overdue"], _pct(c["done_on_time_pct"]))
        )
    s.tables.append(
        Table(
            ("类别", "当日收到", "当日办结", "未办结", "其中超期", "按期办结率"),
            rows,
            (4, 2, 2, 2, 2, 2.4),
            "按类别",
        )
    )
    s.tables.append(_accountable("网格", figures["by_grid"], "按网格"))
    s.tables.append(_accountable("承办人", figures["by_person"], "按承办人"))
    overdue = _overdue(session, where, at)
    if overdue:
        s.tables.append(
            Table(
                ("编号", "类别", "网格", "承办人", "办理期限", "超期小时"),
                overdue,
                (1.6, 4, 2, 3, 3.6, 2),
                "超期未办结的诉求",
            )
        )
    return s


def _accountable(what: str, by: dict[str, dict[str, Any]], caption: str) -> Table:
    rows: list[tuple[Any, ...]] = [
        (
            "未派单" if key == NONE_KEY else key,
            f["received"],
            f["done"],
            _pct(f["done_on_time_pct"]),
            _hours(f["median_hours_to_done"]),
            f["overdue"],
            f"{f['satisfied']}/{f['called_back']}",
        )
        for key, f in by.items()
    ]
    return Table(
        (what, "收到", "办结", "按期办结率", "用时中位数（小时）", "超期未办", "回访满意"),
        rows,
        (3, 1.6, 1.6, 2.2, 2.6, 2, 2),
        caption,
    )


def _overdue(session: Session, where: list[Any], at: datetime) -> list[tuple[Any, ...]]:
    found = list(
        session.execute(
            select(
                ServiceRequest.id,
                ServiceRequest.category,
                Grid.code,
                DutyPerson.name,
                ServiceRequest.due_at,
            )
            .select_from(ServiceRequest)
            .outerjoin(Grid, Grid.id == ServiceRequest.grid_id)
            .outerjoin(DutyPerson, DutyPerson.id == ServiceRequest.person_id)
            .where(
                *where,
                ServiceRequest.status.in_([x.value for x in OPEN_STATUSES]),
                ServiceRequest.due_at < at,
            )
            .order_by(ServiceRequest.due_at)
            .limit(MAX_LISTED + 1)
        )
    )
    rows: list[tuple[Any, ...]] = [
        (
            n,
            CATEGORY_LABELS[Category(c)][0],
            g or "—",
            p or "—",
            due.strftime("%Y-%m-%d %H:%M"),
            int((at - due).total_seconds() // 3600),
        )
        for n, c, g, p, due in found[:MAX_LISTED]
    ]
    if len(found) > MAX_LISTED:
        more = session.scalar(
            select(func.count())
            .select_from(ServiceRequest)
            .where(
                *where,
                ServiceRequest.status.in_([x.value for x in OPEN_STATUSES]),
                ServiceRequest.due_at < at,
            )
        )
        rows.append((f"…还有 {int(more or 0) - MAX_LISTED} 件", "", "", "", "", ""))
    return rows
