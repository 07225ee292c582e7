"""The street office's table model: every enrolled community side by side, a late one saying 逾期 in
words, in bold, on a tinted cell. The community's code and the time its last package was made are
in the tooltips of its name and of 距今, so that the columns fit a 1366-pixel-wide screen.
"""

from __future__ import annotations

from app.core.street import communities as core
from app.ui.labels import clauses, tag_label
from app.ui.models.requests import category_label
from app.ui.models.rows import ALIGN_RIGHT, RowsModel


class CommunitiesModel(RowsModel[core.CommunityRow]):
    late_after_hours = core.LATE_AFTER_HOURS  # the overview's threshold, for the tooltip

    (
        COL_NAME,
        COL_PACKAGE,
        COL_AGE,
        COL_STATE,
        COL_HOUSEHOLDS,
        COL_RESIDENTS,
        COL_VULNERABLE,
        COL_STOCK,
        COL_CAMPAIGNS,
        COL_NEEDS,
        COL_ACTIONS,
        COL_REQUESTS,
        COL_VISITS,
    ) = range(13)
    NUMBERS = (
        COL_PACKAGE,
        COL_HOUSEHOLDS,
        COL_RESIDENTS,
        COL_VULNERABLE,
        COL_STOCK,
        COL_ACTIONS,
        COL_REQUESTS,
    )

    def header_texts(self) -> list[str]:
        return [
            self.tr("社区"),
            self.tr("最近\n数据包"),
            self.tr("距今"),
            self.tr("状态"),
            self.tr("住户"),
            self.tr("在住居民"),
            self.tr("重点人群"),
            self.tr("库存\n品种"),
            self.tr("进行中发放\n（已签收户）"),
            self.tr("缺口"),
            self.tr("未办结\n待办"),
            self.tr("诉求未办结\n（超期）"),
            self.tr("随访"),
        ]

    def text(self, row: core.CommunityRow, column: int) -> str:
        sent = bool(row.last_package)
        none = "—"
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_PACKAGE:
            return self.tr("第 {0} 号").format(row.last_package) if sent else none
        if column == self.COL_AGE:
            if row.hours_since is None:
                return self.tr("尚未收到")
            return core.age_text(row.hours_since)
        if column == self.COL_STATE:
            return self.tr("逾期") if row.late else self.tr("正常")
        if not sent:
            return none
        if column == self.COL_HOUSEHOLDS:
            return f"{row.households:,}"
        if column == self.COL_RESIDENTS:
            return f"{row.residents:,}"
        if column == self.COL_VULNERABLE:
            return f"{row.vulnerable:,}"
        if column == self.COL_STOCK:
            if row.items_out_of_stock:
                return self.tr("{0}（缺 {1}）").format(row.items_in_stock, row.items_out_of_stock)
            return f"{row.items_in_stock}"
        if column == self.COL_CAMPAIGNS:
            return self.tr("{0} 项（{1} 户）").format(
                row.open_campaigns, f"{row.delivered_households:,}"
            )
        if column == self.COL_NEEDS:
            short = row.short
            if not short:
                if row.needs:
                    return self.tr("{0} 户待领").format(f"{row.households_waiting:,}")
                return self.tr("无")
            if len(short) <= 2:
                return clauses(
                    self.tr("{0} 缺 {1}{2}").format(n.item, f"{n.shortage:,}", n.unit)
                    for n in short
                )
            return self.tr("{0} 项缺口（{1} 户待领）").format(
                len(short), f"{row.households_waiting:,}"
            )
        if column == self.COL_ACTIONS:
            if row.overdue_action_items:
                return self.tr("{0}（逾期 {1}）").format(
                    row.open_action_items, row.overdue_action_items
                )
            return f"{row.open_action_items}"
        if column == self.COL_REQUESTS:
            if row.requests.overdue:
                return self.tr("{0}（超期 {1}）").format(
                    f"{row.requests.open:,}", f"{row.requests.overdue:,}"
                )
            return f"{row.requests.open:,}"
        if column == self.COL_VISITS:
            v = row.visits
            if not (v.plans or v.due_today or v.missed or v.needs_help):
                return self.tr("无计划")
            return self.tr("今日 {0}/{1} · 漏访 {2} · 需帮助 {3}").format(
                f"{v.recorded_today:,}", f"{v.due_today:,}", f"{v.missed:,}", f"{v.needs_help:,}"
            )
        return none

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column in self.NUMBERS else None

    def emphasis(self, row: core.CommunityRow, column: int) -> bool:
        if column in (self.COL_NAME, self.COL_AGE, self.COL_STATE):
            return row.late
        if column == self.COL_ACTIONS:
            return row.overdue_action_items > 0
        if column == self.COL_NEEDS:
            return bool(row.short)
        if column == self.COL_REQUESTS:
            return row.requests.overdue > 0
        if column == self.COL_VISITS:
            return row.visits.missed > 0 or row.visits.needs_help > 0
        return False

    def tooltip(self, row: core.CommunityRow, column: int) -> str | None:
        if column == self.COL_NAME:
            return self.tr("机构代码 {0}").format(row.code)
        if column == self.COL_AGE and row.last_package_at is not None:
            return self.tr("数据包生成于 {0}").format(core.local_time(row.last_package_at))
        if column == self.COL_VULNERABLE and row.last_package:
            return "\n".join(
                self.tr("{0}：{1}").format(tag_label(t), f"{n:,}")
                for t, n in row.by_tag.items()
                if n
            )
        if column == self.COL_STOCK and row.stock:
            return "\n".join(
                self.tr("{0}：{1}").format(s.item, f"{s.on_hand:,} {s.unit}") for s in row.stock
            )
        if column == self.COL_NEEDS and row.needs:
            return "\n".join(
                (
                    self.tr("{0}：缺 {1}{2}（待发 {3}，库存 {4}；{5} 户待领）")
                    if n.shortage
                    else self.tr("{0}：库存够发（待发 {3}，库存 {4}；{5} 户待领）")
                ).format(
                    n.item,
                    f"{n.shortage:,}",
                    n.unit,
                    f"{n.needed:,}",
                    f"{n.on_hand:,}",
                    f"{n.households_waiting:,}",
                )
                for n in row.needs
            )
        if column == self.COL_REQUESTS and row.last_package:
            r = row.requests
            lines = [
                self.tr("收到 {0} 件，已办结 {1} 件（按期 {2} 件），回访满意 {3}/{4}").format(
                    f"{r.received:,}",
                    f"{r.done:,}",
                    f"{r.done_on_time:,}",
                    r.satisfied,
                    r.called_back,
                )
            ]
            lines += [
                self.tr("{0}：未办结 {1}，超期 {2}").format(category_label(code), c.open, c.overdue)
                for code, c in sorted(row.requests_by_category.items())
                if c.open
            ]
            return "\n".join(lines)
        if column == self.COL_VISITS and row.last_package:
            v = row.visits
            return "\n".join(
                (
                    self.tr("执行中的随访计划 {0} 项").format(v.plans),
                    self.tr("今日应随访 {0} 人次，已记录 {1} 人次").format(
                        f"{v.due_today:,}", f"{v.recorded_today:,}"
                    ),
                    self.tr("漏访：近 {0} 天已过时间、未记录的随访 {1} 人次").format(
                        core.VISIT_WEEK_DAYS, f"{v.missed:,}"
                    ),
                    self.tr("需帮助：近 {0} 天随访发现需要帮助 {1} 人次").format(
                        core.VISIT_WEEK_DAYS, f"{v.needs_help:,}"
                    ),
                    self.tr("各社区打开当日随访清单后才有当日的随访；不含被随访人的任何信息。"),
                )
            )
        if column == self.COL_STATE and row.late:
            if row.hours_since is None:
                return self.tr("尚未收到数据包")
            return self.tr("超过 {0} 小时未收到数据包").format(self.late_after_hours)
        return None
