"""What the daily report says: each section counted from the records (`build_daily_report`) and
the shapes they take (`DailyReport`, `Section`, `Table`, `Chart`), before any of it is put on paper
(`daily_report`).

Sections: 人口与住户 (residents by status and residency, the day's changes from the audit trail),
重点人群 (vulnerable people by tag), 网格与在岗人员 (grids, their workers, residents per worker, the
roster by role), 值班与到岗 (the day's shifts, who came, who did not, cadres on paper), 物资收发
(stock on hand per item, received and handed out that day, campaigns with households served of
households planned, shortages from the needs list), 诉求, 重点人群随访 (follow-up visits due,
recorded and missed; app.core.requests.visits), 会议待办 (action items open, overdue,
closed). Every figure is counted from what is recorded; an area
that records nothing yet says so in words, and no figure is shown for it.

Counts of people and grids are as recorded when the report is made; the day's changes, shifts and
overdue items are those of the report's date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.core.grids import duty as duty_core
from app.core.grids import duty_checkin, duty_shifts
from app.core.grids.structure import DEFAULT_MAX_RESIDENTS_PER_WORKER, RATIO_SETTING
from app.core.meetings import action_items
from app.core.office.setup import get_setting
from app.core.office.stats import office_stats, vulnerable_tags
from app.core.registry.vocabulary import RESIDENCY, STATUS
from app.core.requests.figures import NONE_KEY, accountability
from app.core.requests.requests import CATEGORY_LABELS, OPEN_STATUSES, Category
from app.core.supplies import campaigns as supplies_campaigns
from app.core.supplies import deliveries
from app.core.supplies import ledger as supplies_core
from app.core.supplies import needs as supplies_needs
from app.core.trust import scope
from app.db.events import created_count
from app.db.models import AuditEntry, Grid, Household, Office, Resident
from app.db.models_grids import PERSON_ROLES, DutyPerson
from app.db.models_meetings import ActionItem, Meeting
from app.db.models_requests import ServiceRequest
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


def figure_text(value: int) -> str:
    """A count as the report prints it, in the text and in the PDF's tables: 12,345."""
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
        f"在册住户 {figure_text(stats['households'])} 户，在住居民 {figure_text(stats['residents'])} 人，"
        f"楼栋 {figure_text(stats['buildings'])} 栋，网格 {figure_text(stats['grids'])} 个。"
    )
    if stats["unassigned_households"]:
        s.lines.append(f"尚有 {figure_text(stats['unassigned_households'])} 户未划入网格。")
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
        f"重点人群 {figure_text(stats['vulnerable'])} 人（一人可有多个标签），涉及 {figure_text(len(any_household))} 户。"
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
    households, residents, tagged = _grid_residents(session)
    workers, by_role, roster = _grid_roster(session)
    limit = _residents_per_worker_limit(session)
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


def _grid_residents(
    session: Session,
) -> tuple[dict[int | None, int], dict[int | None, int], dict[int | None, int]]:
    """Per grid (None: households in no grid): households, residents living there, and those of
    them in a vulnerable group — counted apart from the table they fill, as one query each."""
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
    return households, residents, tagged


def _grid_roster(session: Session) -> tuple[dict[int | None, int], dict[str, int], bool]:
    """The roster of people on duty: grid workers per grid, people per role, and whether anyone
    is on it at all (without a roster the section says so rather than showing zeros)."""
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
    return workers, by_role, bool(people)


def _residents_per_worker_limit(session: Session) -> int:
    """The office's limit of residents per grid worker (the grids' setting), else the default."""
    limit_text = get_setting(session, RATIO_SETTING)
    return (
        int(limit_text)
        if limit_text and limit_text.isdigit()
        else (DEFAULT_MAX_RESIDENTS_PER_WORKER)
    )


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


def _request_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _request_hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _requests(session: Session, day: date, now: datetime) -> Section:
    """居民诉求: the day's requests received and done, what is open and overdue now, and the
    accountability figures per category, grid and person on duty; no resident named (overdue
    requests are listed by number, category, grid and who has them)."""
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
        f"{_request_pct(figures['done_on_time_pct'])}，办结用时中位数 {_request_hours(figures['median_hours_to_done'])} "
        f"小时；回访 {figures['called_back']:,} 件，满意 {figures['satisfied']:,} 件。"
    )
    rows: list[tuple[Any, ...]] = []
    for code, c in figures["by_category"].items():
        today = day_counts.get(code, (0, 0))
        if not c["received"]:
            continue
        rows.append(
            (
                c["label"],
                today[0],
                today[1],
                c["open"],
                c["overdue"],
                _request_pct(c["done_on_time_pct"]),
            )
        )
    s.tables.append(
        Table(
            ("类别", "当日收到", "当日办结", "未办结", "其中超期", "按期办结率"),
            rows,
            (4, 2, 2, 2, 2, 2.4),
            "按类别",
        )
    )
    s.tables.append(_request_table("网格", figures["by_grid"], "按网格"))
    s.tables.append(_request_table("承办人", figures["by_person"], "按承办人"))
    overdue = _overdue_requests(session, where, at)
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


def _request_table(what: str, by: dict[str, dict[str, Any]], caption: str) -> Table:
    rows: list[tuple[Any, ...]] = [
        (
            "未派单" if key == NONE_KEY else key,
            f["received"],
            f["done"],
            _request_pct(f["done_on_time_pct"]),
            _request_hours(f["median_hours_to_done"]),
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


def _overdue_requests(session: Session, where: list[Any], at: datetime) -> list[tuple[Any, ...]]:
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


def _visits(session: Session, day: date, now: datetime) -> Section:
    """重点人群随访: the day's follow-up visits per kind of plan (app.core.requests.visits), counted
    without making the day's visits; counts only, naming no one."""
    from app.core.requests import visits

    s = Section("visits", "重点人群随访")
    if not visits.has_plans(session):
        s.lines.append("尚无随访计划：没有为独居老人、慢性病患者或居家隔离人员安排随访。")
        return s
    counts = visits.visit_counts(session, day, now=now)
    s.lines.extend(visits.counts_lines(counts))
    rows = [
        (
            visits.PLAN_LABELS[kind][0],
            k["due"],
            k["recorded"],
            k["due"] - k["recorded"],
            k["missed"],
        )
        for kind in visits.PlanKind
        if (k := counts["by_kind"][kind.value])["due"]
    ]
    if rows:
        s.tables.append(
            Table(
                ("随访类型", "应随访（人次）", "已记录", "未完成", "已过时未随访"),
                rows,
                widths=(3, 1.2, 1, 1, 1.2),
            )
        )
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
            + "、".join(f"{n.item}缺 {figure_text(n.shortage)}{n.unit}" for n in short)
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
        _requests(session, day, now),
        _visits(session, day, now),
        _meetings(session, day),
    ]
    return DailyReport(
        office=office.name if office else "",
        office_code=office.code if office else "",
        day=day,
        generated_at=now,
        sections=sections,
    )
