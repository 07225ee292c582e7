"""The door-to-door checklist of a day's follow-up visits (随访清单), per grid, as PDF.

One section per grid: each visit due that day in the order of the addresses, with its number (what
`visits record --visit ID` and the window's quick record take), the time, the address, the
resident's masked name and age, the kind of visit, boxes for the outcome (□已联系 □未联系上
□需帮助), and blanks for the temperature (home quarantine) and a note. A visit already recorded
shows its outcome instead of boxes. Names are masked (张*三), no ID number or phone is printed, and
the age stands in for the birth date (app.core.common.masking). A grid worker prints their grids
only; printing is audited (kind `print`) without a personal value.

The paper's look — A4, the bundled CJK font, numbered pages with the office in the footer, written
atomically — is that of the grids' door list (app.core.grids.paper), whose helpers draw it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.common.masking import MASKED_NOTE
from app.core.grids import paper
from app.core.requests import visits
from app.core.trust import audit
from app.core.trust.roles import Permission, require
from app.db.engine import Database

_KIND_SHORT = {kind: words[0] for kind, words in visits.PLAN_SHORT.items()}
_BOXES = "□已联系 □未联系上 □需帮助"


def _story(office: str, day: date, groups: list[tuple[str, list[visits.VisitRow]]]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from app.core.common.pdf import register_cjk_font

    st = paper._Styles(register_cjk_font())
    e = paper._e
    story: list[Any] = []
    if not groups:
        story.append(Paragraph(e(f"随访清单 · {paper.day_title(day)}"), st.title))
        story.append(Paragraph(e(f"{office} · {day.isoformat()}"), st.subtitle))
        story.append(Paragraph("当日没有需要随访的居民。", st.note))
        return story
    for n, (grid, rows) in enumerate(groups):
        if n:
            story.append(PageBreak())
        open_ = sum(1 for r in rows if not r.recorded)
        story.append(Paragraph(e(f"{grid} 随访清单"), st.title))
        story.append(
            Paragraph(
                e(
                    f"{office} · {day.year}年{paper.day_title(day)} · "
                    f"应随访 {len(rows):,} 人次，待随访 {open_:,} 人次"
                ),
                st.subtitle,
            )
        )
        table: list[list[Any]] = [
            [
                Paragraph(e(h), st.head)
                for h in ("编号", "时间", "住址", "居民", "年龄", "随访", "结果", "体温", "备注")
            ]
        ]
        for r in rows:
            if r.outcome is None:
                result = _BOXES
            else:
                result = "已记录：" + visits.OUTCOME_LABELS[r.outcome][0]
            table.append(
                [
                    Paragraph(str(r.id), st.cell),
                    Paragraph(f"{r.due_at:%H:%M}", st.cell),
                    Paragraph(e(r.household), st.cell),
                    Paragraph(e(r.resident), st.cell),
                    Paragraph("" if r.age is None else f"{r.age}岁", st.cell),
                    Paragraph(e(_KIND_SHORT[r.kind]), st.cell),
                    Paragraph(e(result), st.cell),
                    Paragraph("" if r.temperature is None else f"{r.temperature:.1f}", st.cell),
                    Paragraph(e(r.note or ""), st.cell),
                ]
            )
        story.append(
            paper._table(
                table,
                # 结果 holds its three boxes on one line (□已联系 □未联系上 □需帮助)
                [12 * mm, 12 * mm, 20 * mm, 16 * mm, 12 * mm, 16 * mm, 53 * mm, 12 * mm, 27 * mm],
            )
        )
        story.append(Spacer(1, 3 * mm))
        story.append(
            Paragraph(
                e(
                    f"{MASKED_NOTE}居家隔离须记录体温；“需帮助”将登记为诉求。"
                    "记录时按编号录入（随访 → 记录）。"
                ),
                st.note,
            )
        )
    return story


def write_checklist(
    db: Database,
    out: Path,
    *,
    day: date,
    grid: str | None = None,
    printed_at: datetime | None = None,
) -> Path:
    """Print `day`'s visits (the day's visits made first) for `grid`, or for every grid the user
    sees, one section per grid; the path written."""
    with db.session(note="visits checklist") as session:
        require(session, Permission.PRINT_PERSONAL)
        rows = visits.visits_due(session, day, grid=grid)
        office = paper._office(session)
    groups: dict[str, list[visits.VisitRow]] = {}
    for r in rows:
        groups.setdefault(r.grid or "未分网格", []).append(r)
    ordered = sorted(groups.items())
    title = f"随访清单 {day.isoformat()}" + (f" 网格 {grid}" if grid else "")
    result = paper._build(
        out,
        _story(office, day, ordered),
        title=title,
        footer=f"{office} · {title}",
        printed_at=printed_at,
    )
    audit.record_in(
        db,
        audit.PRINT,
        f"打印随访清单 {day.isoformat()}"
        + (f" 网格 {grid}" if grid else "")
        + f"，{len(rows)} 人次",
        entity="visit",
        record=day.isoformat(),
    )
    return result.path
