"""The daily report (日报) a community sends to its street office, built from the records themselves
and stamped with the time it was made, as PDF (ReportLab, with its own charts) and .xlsx.

    report = build_daily_report(session, date(2026, 11, 29))
    write_daily_report(report, Path("日报.pdf"))      # or .xlsx

Sections: 人口与住户 (residents by status and residency, the day's changes from the audit trail),
重点人群 (vulnerable people by tag), 网格与在岗人员 (grids, their workers, residents per worker, the
roster by role), 值班与到岗 (the day's shifts, who came, who did not, cadres on paper), 物资收发
(stock on hand per item, received and handed out that day, campaigns with households served of
households planned, shortages from the needs list), 诉求, 会议待办 (action items open, overdue,
closed). Every figure is counted from what is recorded; an area
that records nothing yet says so in words, and no figure is shown for it.

Counts of people and grids are as recorded when the report is made; the day's changes, shifts and
overdue items are those of the report's date.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.grids import duty as duty_core
from app.core.grids import duty_checkin, duty_shifts
from app.core.grids.structure import DEFAULT_MAX_RESIDENTS_PER_WORKER, RATIO_SETTING
from app.core.meetings import action_items
from app.core.office.setup import get_setting
from app.core.office.stats import office_stats, vulnerable_tags
from app.core.registry.vocabulary import RESIDENCY, STATUS
from app.core.supplies import campaigns as supplies_campaigns
from app.core.supplies import deliveries
from app.core.supplies import ledger as supplies_core
from app.core.supplies import needs as supplies_needs
from app.db.events import created_count
from app.db.models import AuditEntry, Grid, Household, Office, Resident
from app.db.models_grids import PERSON_ROLES, DutyPerson
from app.db.models_meetings import ActionItem, Meeting
from app.errors import InvalidInput

WEEKDAYS = "一二三四五六日"
NUMERALS = "一二三四五六七八九十"
SHIFT_STATUS = {
    "upcoming": "未开始",
    "on_duty": "在岗",
    "done": "已完成",
    "late": "迟到未签到",
    "missed": "缺岗",
}
MAX_LISTED = 30  # rows of a list (overdue items, no-shows) printed before "…还有 N 项"


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    widths: tuple[float, ...] = ()  # relative column widths (PDF); equal when empty
    caption: str = ""


@dataclass(frozen=True)
class Chart:
    """A bar chart: categories and one value each."""

    title: str
    labels: list[str]
    values: list[float]
    horizontal: bool = True


@dataclass
class Section:
    key: str
    title: str
    recorded: bool = True  # False: this area records nothing yet (the text says so)
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class DailyReport:
    office: str
    office_code: str
    day: date
    generated_at: datetime  # local time
    sections: list[Section]

    @property
    def title(self) -> str:
        return f"{self.office}工作日报"

    def stamp(self) -> str:
        return self.generated_at.strftime("%Y-%m-%d %H:%M:%S")


def chinese_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def _n(value: int) -> str:
    return f"{value:,}"


def _utc_range(day: date) -> tuple[datetime, datetime]:
    """The local calendar day as naive UTC times (as the audit trail stores them)."""
    start = datetime.combine(day, time()).astimezone()
    end = datetime.combine(day + timedelta(days=1), time()).astimezone()
    return (
        start.astimezone(UTC).replace(tzinfo=None),
        end.astimezone(UTC).replace(tzinfo=None),
    )


# --- sections ------------------------------------------------------------------------------------


def _population(session: Session, day: date, stats: dict[str, Any]) -> Section:
    s = Section("population", "人口与住户")
    by_status = dict(
        session.execute(
            select(Resident.status, func.count())
            .where(Resident.deleted_at.is_(None))
            .group_by(Resident.status)
        )
        .tuples()
        .all()
    )
    residency = stats["by_residency"]
    s.lines.append(
        f"在册住户 {_n(stats['households'])} 户，在住居民 {_n(stats['residents'])} 人，"
        f"楼栋 {_n(stats['buildings'])} 栋，网格 {_n(stats['grids'])} 个。"
    )
    if stats["unassigned_households"]:
        s.lines.append(f"尚有 {_n(stats['unassigned_households'])} 户未划入网格。")
    rows: list[tuple[Any, ...]] = [
        ("在住居民", RESIDENCY["registered"], residency["registered"]),
        ("", RESIDENCY["migrant"], residency["migrant"]),
        ("", RESIDENCY["abroad"], residency["abroad"]),
        ("", "小计", stats["residents"]),
        ("不在住（保留记录）", STATUS["moved_out"], by_status.get("moved_out", 0)),
        ("", STATUS["deceased"], by_status.get("deceased", 0)),
    ]
    s.tables.append(Table(("类别", "分项", "人数"), rows, (3, 2, 2), "居民按居住状态与户籍类型"))
    if stats["residents"]:
        s.charts.append(
            Chart(
                "在住居民按户籍类型（人）",
                list(RESIDENCY.values()),
                [residency[k] for k in RESIDENCY],
            )
        )

    # the day's changes, as the audit trail recorded them
    start, end = _utc_range(day)
    changes: dict[tuple[str, str, str | None, str | None], int] = defaultdict(int)
    for entity, action, fld, new, n in session.execute(
        select(
            AuditEntry.entity,
            AuditEntry.action,
            AuditEntry.field,
            AuditEntry.new_value,
            func.count(),
        )
        .where(
            AuditEntry.at >= start,
            AuditEntry.at < end,
            AuditEntry.entity.in_(("resident", "household")),
        )
        .group_by(AuditEntry.entity, AuditEntry.action, AuditEntry.field, AuditEntry.new_value)
    ):
        if action == "update" and fld not in ("status", "household_id", "grid_id"):
            continue
        changes[(entity, action, fld, new if fld == "status" else None)] += n
    # records created: a `create` row each, or one `create_many` row for a bulk import's batch
    created = dict(
        session.execute(
            select(
                AuditEntry.entity,
                func.sum(
                    created_count(AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
                ),
            )
            .where(
                AuditEntry.at >= start,
                AuditEntry.at < end,
                AuditEntry.entity.in_(("resident", "household")),
                AuditEntry.action.in_(("create", "create_many")),
            )
            .group_by(AuditEntry.entity)
        )
        .tuples()
        .all()
    )
    new_residents = int(created.get("resident") or 0)
    new_households = int(created.get("household") or 0)
    moved = changes.get(("resident", "update", "status", "moved_out"), 0)
    died = changes.get(("resident", "update", "status", "deceased"), 0)
    returned = changes.get(("resident", "update", "status", "active"), 0)
    removed = changes.get(("resident", "delete", "deleted_at", None), 0)
    regridded = changes.get(("household", "update", "grid_id", None), 0)
    change_rows: list[tuple[Any, ...]] = [
        ("新登记居民", new_residents),
        ("新登记住户", new_households),
        ("迁出", moved),
        ("死亡登记", died),
        ("恢复在住", returned),
        ("删除居民记录", removed),
        ("调整网格的住户", regridded),
    ]
    s.tables.append(
        Table(("当日变动（据变更记录）", "数量"), change_rows, (5, 2), f"{day.isoformat()} 的变动")
    )
    return s


def _vulnerable(session: Session, stats: dict[str, Any]) -> Section:
    s = Section("vulnerable", "重点人群")
    tags = vulnerable_tags(session)
    if not tags:
        s.lines.append("没有设为重点人群的标签。")
        return s
    households: dict[str, set[int]] = {t: set() for t in tags}
    for hid, value in session.execute(
        select(Resident.household_id, Resident.tags).where(
            Resident.deleted_at.is_(None), Resident.status == "active", Resident.tags != ""
        )
    ):
        for tag in value.strip(",").split(","):
            if tag in households:
                households[tag].add(hid)
    any_household = set().union(*households.values())
    s.lines.append(
        f"重点人群 {_n(stats['vulnerable'])} 人（一人可有多个标签），涉及 {_n(len(any_household))} 户。"
    )
    rows = [(t, stats["by_tag"].get(t, 0), len(households[t])) for t in tags]
    s.tables.append(Table(("标签", "人数", "户数"), list(rows), (3, 2, 2), "按标签统计"))
    s.charts.append(Chart("重点人群按标签（人）", list(tags), [r[1] for r in rows]))
    return s


def _grids(session: Session) -> Section:
    s = Section("grids", "网格与在岗人员")
    grids = session.execute(
        select(Grid.id, Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
    ).all()
    if not grids:
        s.recorded = False
        s.lines.append("尚未划分网格，本节没有数据。")
        return s
    vulnerable = set(vulnerable_tags(session))
    households = dict(
        session.execute(
            select(Household.grid_id, func.count())
            .where(Household.deleted_at.is_(None))
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    )
    residents: dict[int | None, int] = defaultdict(int)
    tagged: dict[int | None, int] = defaultdict(int)
    for gid, tags, n in session.execute(
        select(Household.grid_id, Resident.tags, func.count())
        .join(Household, Resident.household_id == Household.id)
        .where(
            Resident.deleted_at.is_(None),
            Resident.status == "active",
            Household.deleted_at.is_(None),
        )
        .group_by(Household.grid_id, Resident.tags)
    ):
        residents[gid] += n
        if tags and vulnerable & set(tags.strip(",").split(",")):
            tagged[gid] += n
    people = session.execute(
        select(DutyPerson.role, DutyPerson.grid_id, func.count())
        .where(DutyPerson.deleted_at.is_(None), DutyPerson.status == "active")
        .group_by(DutyPerson.role, DutyPerson.grid_id)
    ).all()
    workers: dict[int | None, int] = defaultdict(int)
    by_role: dict[str, int] = defaultdict(int)
    for role, gid, n in people:
        by_role[role] += n
        if role == "grid_worker":
            workers[gid] += n
    limit_text = get_setting(session, RATIO_SETTING)
    limit = (
        int(limit_text)
        if limit_text and limit_text.isdigit()
        else (DEFAULT_MAX_RESIDENTS_PER_WORKER)
    )
    roster = bool(people)
    rows: list[tuple[Any, ...]] = []
    thin: list[str] = []
    labels: list[str] = []
    ratios: list[float] = []
    for gid, code, name in grids:
        n_workers = workers.get(gid, 0)
        if not roster:
            ratio = "—"
        elif n_workers:
            per = residents[gid] / n_workers
            ratio = f"{per:,.0f}"
            labels.append(name)
            ratios.append(round(per))
            if per > limit:
                thin.append(f"{name}（{per:,.0f} 人/名）")
        else:
            ratio = "未配备"
            if residents[gid]:
                thin.append(f"{name}（无网格员）")
        rows.append(
            (
                f"{name}（{code}）",
                households.get(gid, 0),
                residents[gid],
                tagged[gid],
                n_workers if roster else "—",
                ratio,
            )
        )
    if households.get(None):
        rows.append(("未划入网格", households[None], residents[None], tagged[None], "—", "—"))
    s.tables.append(
        Table(
            ("网格", "户数", "在住人数", "重点人群", "网格员", "每名网格员服务人数"),
            rows,
            (4, 2, 2, 2, 2, 3),
            "各网格住户、居民与网格员",
        )
    )
    if not roster:
        s.lines.append(
            "在岗人员名册尚未登记（网格员、志愿者、下沉干部等），网格员人数和服务比无法统计。"
        )
        return s
    names = duty_core.ROLE_NAMES
    role_rows = [(names[r][0], by_role[r]) for r in PERSON_ROLES if by_role.get(r)]
    s.tables.append(Table(("角色", "在册人数"), list(role_rows), (4, 2), "在岗人员名册（在册）"))
    if thin:
        s.lines.append(
            f"人手偏紧（超过每名网格员 {limit:,} 人或未配备网格员）：" + "、".join(thin) + "。"
        )
    else:
        s.lines.append(f"各网格每名网格员服务人数均不超过 {limit:,} 人。")
    if labels:
        s.charts.append(Chart("每名网格员服务的在住人数", labels, ratios))
    return s


def _duty(session: Session, day: date, now: datetime) -> Section:
    s = Section("duty", "值班与到岗")
    board = duty_shifts.day_board(session, day, now)
    if not board:
        s.lines.append(f"{day.isoformat()} 没有排班记录。")
    else:
        needed = sum(x.needed for x in board)
        assigned = sum(len(x.people) for x in board)
        status: dict[str, int] = defaultdict(int)
        for shift in board:
            for a in shift.people:
                status[a.status] += 1
        arrived = status["on_duty"] + status["done"]
        s.lines.append(
            f"当日班次 {len(board)} 个，需 {needed} 人次，已排 {assigned} 人次，"
            f"已签到 {arrived} 人次，迟到未签到 {status['late']} 人次，缺岗 {status['missed']} 人次，"
            f"未开始 {status['upcoming']} 人次（截至 {now:%H:%M}）。"
        )
        rows: list[tuple[Any, ...]] = []
        for shift in board:
            end = shift.ends_at.strftime("%H:%M")
            if shift.ends_at.date() != shift.starts_at.date():
                end = "次日" + end
            came = sum(1 for a in shift.people if a.status in ("on_duty", "done"))
            absent = "、".join(
                f"{a.name}（{SHIFT_STATUS[a.status]}）"
                for a in shift.people
                if a.status in ("late", "missed")
            )
            rows.append(
                (
                    f"{shift.starts_at:%H:%M}–{end}",
                    shift.duty,
                    shift.place or (shift.grid_code or ""),
                    shift.needed,
                    len(shift.people),
                    came,
                    absent or "—",
                )
            )
        s.tables.append(
            Table(
                ("时间", "岗位", "地点/网格", "需", "排", "到", "未到岗"),
                rows,
                (3, 4, 4, 1.2, 1.2, 1.2, 5),
                "当日班次与到岗",
            )
        )
    on_paper = [r for r in duty_checkin.attendance(session, end=day, now=now) if r.on_paper]
    if on_paper:
        s.lines.append(
            "下沉干部已到任但未实际到岗（挂名之嫌）："
            + "、".join(f"{r.name}（{r.organisation or '派出单位未填'}）" for r in on_paper)
            + "。"
        )
    return s


def _not_built(key: str, title: str, what: str) -> Section:
    s = Section(key, title, recorded=False)
    s.lines.append(f"本系统尚未记录{what}（该功能尚未启用），本节没有数据。")
    return s


def _supplies(session: Session, day: date) -> Section:
    s = Section("supplies", "物资收发")
    stock = supplies_core.stock(session)
    campaigns = supplies_campaigns.list_campaigns(session)
    if not stock and not campaigns:
        s.lines.append("尚无物资记录：没有入库，也没有发放。")
        return s
    start, end = _utc_range(day)
    moved = supplies_core.movements_between(session, start, end)
    served = deliveries.delivered_between(session, start, end)
    received_kinds = sum(1 for m in moved.values() if m.received)
    out_kinds = sum(1 for m in moved.values() if m.handed_out)
    expired = [r.item for r in stock if r.expired and r.on_hand]
    s.lines.append(
        f"物资 {len(stock)} 种；当日入库 {received_kinds} 种，发出 {out_kinds} 种，"
        f"发放到户 {sum(served.values())} 户次。"
        + (f"已过期待报废：{'、'.join(expired)}。" if expired else "")
    )
    s.tables.append(
        Table(
            ("物资", "单位", "现有库存", "当日入库", "当日发出", "累计入库", "累计发出", "有效期"),
            [
                (
                    r.item,
                    r.unit,
                    r.on_hand,
                    moved[r.item].received if r.item in moved else 0,
                    moved[r.item].handed_out if r.item in moved else 0,
                    r.received,
                    r.handed_out,
                    (f"{r.expires_on.isoformat()}（已过期）" if r.expired else str(r.expires_on))
                    if r.expires_on
                    else "—",
                )
                for r in stock
            ],
            (3, 1.2, 1.8, 1.8, 1.8, 1.8, 1.8, 3.4),
            "库存与当日收发",
        )
    )
    if campaigns:
        status = {"open": "进行中", "closed": "已结束"}
        rows: list[tuple[Any, ...]] = [
            (
                c.code,
                c.name,
                "、".join(c.items),
                f"{c.delivered} / {c.households}",
                served.get(c.id, 0),
                status.get(c.status, c.status),
            )
            for c in campaigns[:MAX_LISTED]
        ]
        if len(campaigns) > MAX_LISTED:
            rows.append((f"…还有 {len(campaigns) - MAX_LISTED} 次", "", "", "", "", ""))
        s.tables.append(
            Table(
                ("编号", "发放", "物资", "已发 / 应发（户）", "当日发放（户）", "状态"),
                rows,
                (1.6, 4, 3.6, 2.6, 2.2, 1.6),
                "发放进度",
            )
        )
    short = [n for n in supplies_needs.shortages(session) if n.shortage]
    if short:
        s.lines.append(
            "物资缺口（进行中的发放尚需发出而库存不足）："
            + "、".join(f"{n.item}缺 {_n(n.shortage)}{n.unit}" for n in short)
            + "。"
        )
        s.tables.append(
            Table(
                ("物资", "单位", "待发放", "现有库存", "缺口"),
                [(n.item, n.unit, n.still_to_hand_out, n.on_hand, n.shortage) for n in short],
                (3, 1.2, 2, 2, 2),
                "物资缺口（需求清单）",
            )
        )
    elif campaigns:
        s.lines.append("进行中的发放库存足够，没有物资缺口。")
    return s


def _meetings(session: Session, day: date) -> Section:
    s = Section("meetings", "会议与待办事项")
    held = session.scalar(
        select(func.count())
        .select_from(Meeting)
        .where(Meeting.deleted_at.is_(None), Meeting.held_on == day, Meeting.status != "superseded")
    )
    counts = action_items.todo_counts(session, today=day)
    cancelled = sum(
        1 for a in action_items.list_action_items(session, today=day) if a.status == "cancelled"
    )
    closed_today = session.scalar(
        select(func.count())
        .select_from(ActionItem)
        .where(ActionItem.deleted_at.is_(None), ActionItem.done_on == day)
    )
    total = counts.open + counts.done + cancelled
    if not total and not held:
        s.lines.append("尚无会议记录和待办事项。")
        return s
    s.lines.append(
        f"当日召开会议 {held or 0} 次。待办事项共 {total} 项：未办结 {counts.open} 项"
        f"（其中逾期 {counts.overdue} 项，3 日内到期 {counts.due_soon} 项），已完成 {counts.done} 项，"
        f"已取消 {cancelled} 项；当日办结 {closed_today or 0} 项。"
    )
    s.tables.append(
        Table(
            ("状态", "项数"),
            [
                ("未办结", counts.open),
                ("其中逾期", counts.overdue),
                ("已完成", counts.done),
                ("已取消", cancelled),
            ],
            (4, 2),
            "待办事项（现行纪要）",
        )
    )
    overdue = action_items.overdue_action_items(session, today=day)
    if overdue:
        rows: list[tuple[Any, ...]] = [
            (
                a.text,
                a.owner,
                a.due.isoformat(),
                (day - a.due).days,
                f"{a.meeting_date.isoformat()} {a.meeting_title}",
            )
            for a in overdue[:MAX_LISTED]
        ]
        if len(overdue) > MAX_LISTED:
            rows.append((f"…还有 {len(overdue) - MAX_LISTED} 项", "", "", "", ""))
        s.tables.append(
            Table(
                ("逾期事项", "责任人", "时限", "超期天数", "会议"),
                rows,
                (6, 2, 2.4, 1.6, 5),
                "逾期未办结的待办事项",
            )
        )
    return s


def build_daily_report(
    session: Session, day: date | None = None, *, now: datetime | None = None
) -> DailyReport:
    """The report for `day` (default today), counted now from the records."""
    now = now or datetime.now()
    day = day or now.date()
    if day > now.date():
        raise InvalidInput(
            f"不能生成未来日期的日报：{day.isoformat()}",
            f"Cannot report on a future date: {day.isoformat()}",
        )
    office = session.get(Office, 1)
    stats = office_stats(session)
    sections = [
        _population(session, day, stats),
        _vulnerable(session, stats),
        _grids(session),
        _duty(session, day, now),
        _supplies(session, day),
        _not_built("requests", "居民诉求", "居民诉求、投诉和举报"),
        _meetings(session, day),
    ]
    return DailyReport(
        office=office.name if office else "",
        office_code=office.code if office else "",
        day=day,
        generated_at=now,
        sections=sections,
    )


# --- PDF -----------------------------------------------------------------------------------------


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


def _chart_drawing(chart: Chart, font: str, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    n = max(len(chart.labels), 1)
    if chart.horizontal:
        height = 34.0 + n * 20
        drawing = Drawing(width, height)
        bars: Any = HorizontalBarChart()
        label_room = 12 + 10.5 * max(len(label) for label in chart.labels)
        bars.x, bars.y = label_room, 8
        bars.width, bars.height = width - label_room - 60, height - 34
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -4
        bars.categoryAxis.reverseDirection = 1
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.dx = 4
    else:
        height = 170.0
        drawing = Drawing(width, height)
        bars = VerticalBarChart()
        bars.x, bars.y = 40, 26
        bars.width, bars.height = width - 60, height - 56
        bars.categoryAxis.labels.boxAnchor = "n"
        bars.barLabels.boxAnchor = "s"
        bars.barLabels.dy = 3
    bars.data = [list(chart.values)]
    bars.categoryAxis.categoryNames = list(chart.labels)
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 9.5
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.valueMin = 0
    top = max(chart.values, default=0)
    bars.valueAxis.valueMax = max(top * 1.15, 1)
    bars.valueAxis.visibleGrid = 1
    bars.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    bars.bars[0].fillColor = colors.HexColor("#3b6ea8")
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = _thousands
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 8.5
    drawing.add(bars)
    drawing.add(String(0, height - 14, chart.title, fontName=font, fontSize=10.5))
    return drawing


def _pdf_story(report: DailyReport, font: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        HRFlowable,
        KeepTogether,
        Paragraph,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import (
        Table as PdfTable,
    )

    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", parent=body, fontSize=11, leading=17, alignment=TA_CENTER)
    heading = ParagraphStyle(
        "heading", parent=body, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=4
    )
    caption = ParagraphStyle(
        "caption", parent=body, fontSize=9.5, leading=13, textColor="#444444", keepWithNext=1
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13)
    figure = ParagraphStyle("figure", parent=cell, alignment=TA_RIGHT)
    note = ParagraphStyle(
        "note",
        parent=body,
        backColor="#f4f4f4",
        borderPadding=5,
        borderColor="#999999",
        borderWidth=0.6,
    )
    width = 170 * mm
    story: list[Any] = [
        Paragraph(escape(report.title), title),
        Paragraph(f"报表日期：{escape(chinese_day(report.day))}", sub),
        Paragraph(
            f"生成时间：{report.stamp()} · 机构代码 {escape(report.office_code)} · "
            "数据均由本系统记录直接统计",
            sub,
        ),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.4, color=colors.HexColor("#9b1c1c")),
        Spacer(1, 2 * mm),
        Paragraph(
            "统计口径：人口、网格和人员数为生成时的在册记录；当日变动、班次到岗和逾期待办按报表日期统计。",
            caption,
        ),
    ]
    for i, section in enumerate(report.sections):
        parts: list[Any] = [Paragraph(f"{NUMERALS[i]}、{escape(section.title)}", heading)]
        for line in section.lines:
            parts.append(Paragraph(escape(line), body if section.recorded else note))
            parts.append(Spacer(1, 1.5 * mm))
        story.append(KeepTogether(parts))
        for table in section.tables:
            story.append(Spacer(1, 1 * mm))
            if table.caption:
                story.append(Paragraph(escape(table.caption), caption))
            rel = table.widths or tuple(1.0 for _ in table.headers)
            widths = [width * w / sum(rel) for w in rel]
            data = [[Paragraph(escape(h), cell) for h in table.headers]]
            for row in table.rows:
                data.append(
                    [
                        Paragraph(_n(v), figure)
                        if isinstance(v, int)
                        else Paragraph(escape(str(v)), cell)
                        for v in row
                    ]
                )
            t = PdfTable(data, colWidths=widths, repeatRows=1)
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story.append(t)
        for chart in section.charts:
            story.append(Spacer(1, 3 * mm))
            story.append(_chart_drawing(chart, font, width))
    story.append(signature_block(body, width))
    return story


def signature_block(body: Any, width: float) -> Any:
    """The lines a report is signed on: who filled it in, who checked it, when it was sent."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer
    from reportlab.platypus import Table as PdfTable

    blank = "______________"
    sign = PdfTable(
        [
            [
                Paragraph(f"填报人：{blank}", body),
                Paragraph(f"审核人（签字）：{blank}", body),
                Paragraph("报送时间：____年__月__日 __:__", body),
            ]
        ],
        colWidths=[width / 3] * 3,
    )
    return KeepTogether([Spacer(1, 10 * mm), sign])


def render_pdf(report: DailyReport, fh: BinaryIO) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = register_cjk_font()
    doc = SimpleDocTemplate(
        fh,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{report.title} {report.day.isoformat()}",
        author=report.office,
        subject=f"日报 {report.day.isoformat()}，生成于 {report.stamp()}",
        creator="GridDesk",
    )
    footer = f"{report.office} 日报 {report.day.isoformat()} · 生成于 {report.stamp()}"
    doc.build(_pdf_story(report, font), canvasmaker=numbered_canvas(Footer(footer), font))


# --- xlsx ----------------------------------------------------------------------------------------


def render_xlsx(report: DailyReport, fh: BinaryIO) -> None:
    """One sheet 日报 with every section (text, tables, Excel's own bar charts)."""
    import xlsxwriter  # type: ignore[import-untyped]

    # the workbook is made in memory and written to `fh` in one piece: a full disk then fails
    # that one write, cleanly, instead of leaving the writer's zip half-closed
    made = io.BytesIO()
    book = xlsxwriter.Workbook(made, {"in_memory": True})
    book.set_properties(
        {
            "title": f"{report.title} {report.day.isoformat()}",
            "author": report.office,
            "comments": f"生成于 {report.stamp()}，由 GridDesk 从记录统计",
        }
    )
    sheet = book.add_worksheet("日报")
    title = book.add_format({"bold": True, "font_size": 16})
    heading = book.add_format({"bold": True, "font_size": 12, "bottom": 1})
    header = book.add_format({"bold": True, "bg_color": "#E8ECF2", "border": 1})
    cell = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "num_format": "#,##0"})
    note = book.add_format({"italic": True, "font_color": "#555555"})
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 6, 14)
    row = 0
    sheet.write(row, 0, report.title, title)
    row += 1
    sheet.write(row, 0, f"报表日期：{chinese_day(report.day)}")
    row += 1
    sheet.write(row, 0, f"生成时间：{report.stamp()}（数据均由本系统记录直接统计）")
    row += 2
    for i, section in enumerate(report.sections):
        sheet.write(row, 0, f"{NUMERALS[i]}、{section.title}", heading)
        row += 1
        for line in section.lines:
            sheet.write(row, 0, line, None if section.recorded else note)
            row += 1
        for table in section.tables:
            if table.caption:
                sheet.write(row, 0, table.caption, note)
                row += 1
            for c, h in enumerate(table.headers):
                sheet.write_string(row, c, h, header)
            first = row + 1
            for values in table.rows:
                row += 1
                for c, v in enumerate(values):
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        sheet.write_number(row, c, v, number)
                    else:
                        sheet.write_string(row, c, str(v), cell)
            row += 2
        for chart in section.charts:
            # the chart's figures beside it, so Excel's own chart has cells to refer to
            sheet.write(row, 0, f"图：{chart.title}", note)
            first = row + 1
            for label, value in zip(chart.labels, chart.values, strict=True):
                row += 1
                sheet.write_string(row, 0, label, cell)
                sheet.write_number(row, 1, value, number)
            last = row
            xl = book.add_chart({"type": "bar"})
            xl.add_series(
                {
                    "name": chart.title,
                    "categories": ["日报", first, 0, last, 0],
                    "values": ["日报", first, 1, last, 1],
                    "data_labels": {"value": True},
                    "fill": {"color": "#3B6EA8"},
                }
            )
            xl.set_title({"name": chart.title, "name_font": {"size": 11}})
            xl.set_legend({"none": True})
            xl.set_y_axis({"reverse": True})
            height = max(220, 40 + 24 * len(chart.labels))
            xl.set_size({"width": 520, "height": height})
            sheet.insert_chart(first - 1, 3, xl)
            row = max(row, first - 1 + height // 20) + 2
        row += 1
    sheet.write(row, 0, "填报人：")
    sheet.write(row, 2, "审核人（签字）：")
    sheet.write(row, 4, "报送时间：")
    book.close()
    fh.write(made.getvalue())


def write_daily_report(report: DailyReport, out: Path) -> Path:
    """Write the report as PDF or .xlsx (by the file's suffix), atomically."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return write_atomically(out, lambda fh: render_pdf(report, fh))
    if suffix == ".xlsx":
        return write_atomically(out, lambda fh: render_xlsx(report, fh))
    raise InvalidInput(
        f"日报只能保存为 .pdf 或 .xlsx：{out.name}",
        f"The daily report is saved as .pdf or .xlsx: {out.name}",
    )


def daily_report(
    session: Session, out: Path, day: date | None = None, *, now: datetime | None = None
) -> DailyReport:
    """Build the report for `day` and write it to `out` (.pdf or .xlsx)."""
    if Path(out).suffix.lower() not in (".pdf", ".xlsx"):
        raise InvalidInput(
            f"日报只能保存为 .pdf 或 .xlsx：{Path(out).name}",
            f"The daily report is saved as .pdf or .xlsx: {Path(out).name}",
        )
    report = build_daily_report(session, day, now=now)
    write_daily_report(report, out)
    return report


def default_file_name(day: date, suffix: str = ".pdf") -> str:
    return f"日报-{day.isoformat()}{suffix}"
