"""The daily report's 重点人群随访 section: the day's follow-up visits (app.core.requests.visits) —
the plans running, the visits due, recorded (reached, not reached, needs help — each of those a
request), still open and missed, temperatures of 37.3 ℃ or more — per kind of plan. Counts only:
it names no resident. Counted without making the day's visits, so a report made from a read-only
look counts the visits the plans call for all the same."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.printing.daily_report_sections import Section, Table
from app.core.requests import visits
from app.db.models_visits import VisitPlan


def visits_section(session: Session, day: date, now: datetime) -> Section:
    s = Section("visits", "重点人群随访")
    if not session.scalar(
        select(func.count()).select_from(VisitPlan).where(VisitPlan.deleted_at.is_(None))
    ):
        s.lines.append("尚无随访计划：没有为独居老人、慢性病患者或居家隔离人员安排随访。")
        return s
    counts = visits.visit_counts(session, day, now=now)
    s.lines.extend(visits.counts_lines(counts))
    rows = []
    for kind in visits.PlanKind:
        k = counts["by_kind"][kind.value]
        if k["due"]:
            rows.append(
                (
                    visits.PLAN_LABELS[kind][0],
                    k["due"],
                    k["recorded"],
                    k["due"] - k["recorded"],
                    k["missed"],
                )
            )
    if rows:
        s.tables.append(
            Table(
                ("随访类型", "应随访（人次）", "已记录", "未完成", "已过时未随访"),
                rows,
                widths=(3, 1.2, 1, 1, 1.2),
            )
        )
    return s
