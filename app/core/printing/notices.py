"""Door notices (门贴), notification letters (告知书) and announcements (公告), printed in batch.

    template = notice_templates.get_template(session, "home-quarantine")  # built in, or a user's
    households = notice_targets.find_households(session, Target("building", "3"))
    result = print_notices(session, "supply-pickup", Target("all"), NoticeLayout(), values, out)

This module holds the print job: the values it fills in (`NoticeValues`), the warnings before
printing (`notice_warnings`), and printing (`print_notices`, `preview_pdf`, `write_price_notice`).
Its parts live beside it: templates and their fields in `notice_templates`, choosing households in
`notice_targets`, drawing the PDF in `notice_pdf`.

A template is a title and a body. The body is plain text, one paragraph a line, with placeholders
in braces — `{户主}`, `{地址}`, `{网格员电话}` … (or their English keys, `{head}`, `{address}`);
`notice_templates.FIELDS` lists them all. Household fields come from the records (the head's name masked as 张*三),
grid fields from the grid and its worker, and the others are given for the print job (dates, time,
place, the community's phone). A value that is not known prints as a blank line to be filled in by
hand — nothing is invented. ID numbers are never printed: any that a user typed into a template or
a value are masked before they reach paper.

Paper: A4 or A5, 1, 2 or 4 notices to a sheet with cut marks; a notice is laid out once on an A4
design page and scaled (2 to a sheet: turned a quarter and scaled by 1/√2, as A-series paper
halves), so every arrangement shows the same lines. An optional Code128 barcode of the household's
code (what a USB scanner at a pickup point reads) sits at the foot.

Speed: notices are drawn straight on a ReportLab canvas, not through platypus. What is the same on
many notices is drawn once per document as a PDF form XObject and placed again on each page: the
frame (header, title, signature, seal place), and each run of paragraphs whose text does not depend
on the household (cached by its final text, so a paragraph naming the grid worker is drawn once per
grid). Text widths are cached per character and wrapped lines per text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.progress import Progress, no_progress
from app.core.printing.notice_pdf import PAPER, NoticeLayout, NoticeRenderer
from app.core.printing.notice_targets import (
    GridWorker,
    HouseholdInfo,
    Households,
    Target,
    find_households,
)
from app.core.printing.notice_templates import (
    FIELD_BY_NAME,
    FIELDS,
    JOB,
    NoticeTemplate,
    chinese_date,
    get_template,
    template_fields,
)
from app.core.trust import audit
from app.db.models import Office
from app.errors import InvalidInput

# --- values of a print job -----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeValues:
    """What a print job fills in that the records do not hold. `community_phone` defaults to the
    office's phone as recorded; a value left empty prints as a blank line."""

    issued: date | None = None  # the notice's date ({日期}); None: today
    start_date: date | None = None
    end_date: date | None = None
    time: str = ""
    place: str = ""
    items: str = ""
    supplier: str = ""
    content: str = ""
    community_phone: str = ""

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> NoticeValues:
        """From `{name: text}` where a name is a placeholder's Chinese name or key (the CLI's
        `--set 地点=社区服务中心`). Dates as 2026-12-01."""
        from app.core.meetings.minutes import parse_date

        kwargs: dict[str, Any] = {}
        for name, raw in values.items():
            f = FIELD_BY_NAME.get(name.strip())
            if f is None or f.scope != JOB or f.key == "community":
                settable = "、".join(
                    x.zh for x in FIELDS if x.scope == JOB and x.key != "community"
                )
                raise InvalidInput(
                    f"不能设置“{name}”；可设置：{settable}",
                    f"Cannot set '{name}'; settable: "
                    + ", ".join(x.key for x in FIELDS if x.scope == JOB and x.key != "community"),
                )
            if f.key in ("date", "start_date", "end_date"):
                attribute = "issued" if f.key == "date" else f.key
                kwargs[attribute] = parse_date(raw, f.zh, f.en) if raw.strip() else None
            else:
                kwargs[f.key] = raw
        return cls(**kwargs)


@dataclass(frozen=True)
class NoticeResult:
    path: Path | None
    notices: int
    pages: int
    template: str
    warnings: list[tuple[str, str]] = field(default_factory=list)


# --- the job -------------------------------------------------------------------------------------


def job_values(session: Session, values: NoticeValues, today: date | None = None) -> dict[str, str]:
    """The job-wide placeholder values (empty where unknown), with the office as recorded."""
    office = session.get(Office, 1)
    return office_job_values(
        office.name if office else "", office.phone if office else None, values, today
    )


def office_job_values(
    community: str, phone: str | None, values: NoticeValues, today: date | None = None
) -> dict[str, str]:
    return {
        "community": community,
        "community_phone": values.community_phone.strip() or (phone or ""),
        "date": chinese_date(values.issued or today or date.today()),
        "start_date": chinese_date(values.start_date) if values.start_date else "",
        "end_date": chinese_date(values.end_date) if values.end_date else "",
        "time": values.time.strip(),
        "place": values.place.strip(),
        "items": values.items.strip(),
        "supplier": values.supplier.strip(),
        "content": values.content.strip("\n"),
    }


def household_values(h: HouseholdInfo, worker: GridWorker | None) -> dict[str, str]:
    return {
        "address": h.address,
        "household_code": h.code,
        "head": h.head,
        "members": str(h.members) if h.members else "",
        "grid": h.grid_name or "",
        "grid_worker": worker.name if worker else "",
        "grid_worker_phone": (worker.phone or "") if worker else "",
    }


def _barcode_value(code: str) -> str | None:
    return code if code and all(32 <= ord(c) < 127 for c in code) else None


def notice_warnings(
    compiled_uses: Iterable[str],
    job: Mapping[str, str],
    found: Households,
    layout: NoticeLayout,
) -> list[tuple[str, str]]:
    """What the user should know before the stack goes to the doors (zh, en)."""
    uses = set(compiled_uses)
    out: list[tuple[str, str]] = []
    if uses & {"grid_worker", "grid_worker_phone"}:
        if not found.roster_exists:
            out.append(
                (
                    "网格员名册尚未建立：通知上的网格员姓名和电话留空，请手写填写。",
                    "No roster of grid workers yet: the worker's name and phone are left blank "
                    "to be written in by hand.",
                )
            )
        else:
            grids = {h.grid_id for h in found.rows if h.grid_id is not None}
            without = sorted(g for g in grids if g not in found.workers)
            if without:
                out.append(
                    (
                        f"{len(without)} 个网格未登记网格员，这些通知上的网格员留空。",
                        f"{len(without)} grids have no worker recorded; left blank there.",
                    )
                )
    if "grid" in uses and any(h.grid_id is None for h in found.rows):
        n = sum(1 for h in found.rows if h.grid_id is None)
        out.append((f"{n} 户未划入网格，网格一栏留空。", f"{n} households have no grid."))
    missing = [
        FIELD_BY_NAME[k].zh
        for k in sorted(uses)
        if FIELD_BY_NAME[k].scope == JOB and not job.get(k)
    ]
    if missing:
        out.append(
            (
                "未填写：" + "、".join(missing) + "（印为空白横线，可手写）。",
                "Not filled in: "
                + ", ".join(FIELD_BY_NAME[FIELD_BY_NAME[m].key].key for m in missing)
                + " (printed as blank lines).",
            )
        )
    if layout.body_points < 7:
        out.append(
            (
                f"正文印出约 {layout.body_points:.1f} 磅，可能难以阅读；建议每张少印几份或用 A4 纸。",
                f"Body text prints at about {layout.body_points:.1f} pt and may be hard to read.",
            )
        )
    return out


def render_notices(
    fh: BinaryIO,
    template: NoticeTemplate,
    found: Households,
    layout: NoticeLayout,
    job: Mapping[str, str],
    *,
    copies: int = 0,
    progress: Progress = no_progress,
) -> Rendered:
    """Draw one notice per household of `found` (or `copies` notices for no household) into
    `fh` as a PDF; returns the number of pages (and of notices cut short)."""
    from reportlab.pdfgen.canvas import Canvas

    layout.validate()
    canvas = Canvas(
        fh,
        pagesize=PAPER[layout.paper],
        pageCompression=1,
        invariant=0,
    )
    canvas.setTitle(template.title)
    canvas.setAuthor(job.get("community", ""))
    canvas.setSubject(template.name)
    canvas.setCreator("GridDesk")
    renderer = NoticeRenderer(canvas, template, layout, job)
    total = len(found.rows) if found.rows else copies
    label = f"{template.name}"
    progress(0, total, label)
    if found.rows:
        workers = found.workers
        for i, h in enumerate(found.rows, 1):
            worker = workers.get(h.grid_id) if h.grid_id is not None else None
            renderer.add(household_values(h, worker), _barcode_value(h.code))
            if i % 200 == 0:
                progress(i, total, label)
    else:
        for i in range(1, copies + 1):
            renderer.add({}, None)
            if i % 200 == 0:
                progress(i, total, label)
    renderer.finish()
    progress(total, total, label)
    with binary_streams():
        canvas.save()
    return Rendered(renderer.pages, renderer.overflowed)


@dataclass(frozen=True)
class Rendered:
    pages: int
    overflowed: int  # notices cut short: the body is too long for the page


def overflow_warning(n: int) -> tuple[str, str]:
    return (
        f"{n} 份通知的正文太长，缩到最小字号仍印不下，超出部分未印出；请精简正文或内容。",
        f"{n} notice(s) have a body too long for the page even at the smallest size; the rest "
        "was left off. Shorten the text.",
    )


@contextmanager
def binary_streams() -> Iterator[None]:
    """Save PDF streams compressed but without ReportLab's ASCII-85 layer (`rl_config.useA85`,
    read when a document is written): the file is 20 % smaller and, with ReportLab's pure-Python
    encoder, written in half the time. Every PDF reader since PDF 1.2 reads binary streams."""
    from reportlab import rl_config

    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def print_notices(
    session: Session,
    template_ref: str | NoticeTemplate,
    target: Target,
    layout: NoticeLayout,
    values: NoticeValues,
    out: Path,
    *,
    progress: Progress = no_progress,
    today: date | None = None,
) -> NoticeResult:
    """Notices for `target` into the PDF `out` (written atomically: whole or not at all)."""
    layout.validate()
    template = (
        template_ref
        if isinstance(template_ref, NoticeTemplate)
        else get_template(session, template_ref)
    )
    if target.kind == "copies" and not 1 <= target.copies <= 1000:
        raise InvalidInput("张贴份数应为 1 到 1000。", "Copies must be 1 to 1000.")
    found = find_households(session, target)
    if template.key == "price" and not values.content.strip():
        values = group_buy_prices(session, values)
    job = job_values(session, values, today)
    warnings = notice_warnings(template_fields(template), job, found, layout)
    rendered = Rendered(0, 0)

    def produce(fh: BinaryIO) -> None:
        nonlocal rendered
        rendered = render_notices(
            fh, template, found, layout, job, copies=target.copies, progress=progress
        )

    path = write_atomically(Path(out), produce)
    if rendered.overflowed:
        warnings.append(overflow_warning(rendered.overflowed))
    notices = len(found.rows) if found.rows else target.copies
    audit.record_in(session, audit.PRINT, f"打印通知 {template.key}，{notices} 份")
    return NoticeResult(path, notices, rendered.pages, template.key, warnings)


def group_buy_prices(session: Session, values: NoticeValues) -> NoticeValues:
    """The `price` notice without a 内容 of its own lists the packages of the current
    group-purchase round, their prices and the reasons for flagged rises (app.core.supplies.group_buy)."""
    from dataclasses import replace

    from app.core.supplies.group_buy import price_notice_content

    filled = price_notice_content(session)
    if filled is None:
        return values
    content, suppliers = filled
    return replace(values, content=content, supplier=values.supplier.strip() or suppliers)


def write_price_notice(
    session: Session, out: Path, round_ref: str | None = None, copies: int = 1
) -> Path:
    """The 团购价格公示 of the (current) group-purchase round as a PDF for the notice board (the
    `price` template, filled from the round's packages)."""
    from app.core.supplies.group_buy import get_round, price_notice_content

    rnd = get_round(session, round_ref)
    filled = price_notice_content(session, rnd.code)
    if filled is None:
        raise InvalidInput(
            f"批次“{rnd.name}”还没有套餐，无可公示", f"The round '{rnd.name}' has no packages yet"
        )
    content, suppliers = filled
    result = print_notices(
        session,
        "price",
        Target("copies", copies=copies),
        NoticeLayout(),
        NoticeValues(content=content, supplier=suppliers),
        Path(out),
    )
    assert result.path is not None
    return result.path


def preview_pdf(
    template: NoticeTemplate, found: Households, layout: NoticeLayout, job: Mapping[str, str]
) -> tuple[bytes, Rendered]:
    """One sheet: the first households of `found` (or notices for no household), as PDF bytes."""
    layout.validate()
    sample = Households(found.rows[: layout.per_sheet], found.workers, found.roster_exists)
    buf = BytesIO()
    rendered = render_notices(buf, template, sample, layout, job, copies=layout.per_sheet)
    return buf.getvalue(), rendered


__all__ = ["NoticeResult", "NoticeValues", "print_notices"]
