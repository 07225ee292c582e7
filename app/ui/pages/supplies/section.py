"""首页 · 物资: the campaigns under way with what is still to be handed out, and the items whose stock
does not cover it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.core.supplies import campaigns as supplies_campaigns
from app.core.supplies import needs
from app.ui.context import AppContext
from app.ui.home_section import HomeSection


class SuppliesSection(HomeSection):
    """首页 · 物资: the distributions under way (households served of those planned) and the items
    whose stock does not cover what is still to be handed out."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from app.ui.pages.grids.tab import muted

        super().__init__(ctx, self.tr("物资"), parent)
        self.detail = muted("")
        self.body.addWidget(self.detail)
        self.campaigns: list[supplies_campaigns.CampaignRow] = []
        self.shortages: list[needs.ItemNeed] = []

    def refresh(self) -> None:
        db = self.ctx.db

        def run(
            _progress: Any,
        ) -> tuple[list[supplies_campaigns.CampaignRow], list[needs.ItemNeed]]:
            with db.reading() as session:
                campaigns = [
                    c for c in supplies_campaigns.list_campaigns(session) if c.status == "open"
                ]
                return campaigns, [n for n in needs.shortages(session) if n.shortage > 0]

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(
        self, result: tuple[list[supplies_campaigns.CampaignRow], list[needs.ItemNeed]]
    ) -> None:
        self.campaigns, self.shortages = result
        served = sum(c.delivered for c in self.campaigns)
        planned = sum(c.households for c in self.campaigns)
        if not self.campaigns:
            summary = self.tr("没有进行中的发放")
        else:
            summary = self.tr("进行中发放 {0} 项，已领 {1} / {2} 户").format(
                len(self.campaigns), f"{served:,}", f"{planned:,}"
            )
        if self.shortages:
            summary += self.tr("；库存不足 {0} 种").format(len(self.shortages))
        elif self.campaigns:
            summary += self.tr("；库存足够")
        self.summary.setText(summary)
        lines = [
            self.tr("{0}：已领 {1} / {2} 户").format(
                c.name, f"{c.delivered:,}", f"{c.households:,}"
            )
            for c in self.campaigns[:4]
        ]
        if len(self.campaigns) > 4:
            lines[-1] += "…"
        if self.shortages:
            lines.append(
                self.tr("缺口：")
                + self.tr("、").join(
                    self.tr("{0} 缺 {1}{2}").format(n.item, f"{n.shortage:,}", n.unit)
                    for n in self.shortages[:6]
                )
                + ("…" if len(self.shortages) > 6 else "")
            )
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        self.filled.emit()
