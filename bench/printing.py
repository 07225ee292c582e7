"""Printing: 5,000 door notices from the database to a finished PDF, against a raw ReportLab canvas
drawing the same text (every line of every notice, one drawString each) into a PDF saved the same
way (same font, compression and stream encoding), in the same run. Target: ≤ 2× the raw canvas and
≥ 500 pages a second (5,000 pages in ≤ 10 s)."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

from bench.common import Workload, community

NOTICES = 5000


def _raw_canvas(
    pages: list[list[tuple[float, float, float, str]]], pagesize: tuple[float, float]
) -> float:
    from reportlab.pdfgen.canvas import Canvas

    from app.core.common.pdf import register_cjk_font
    from app.core.printing.notices import binary_streams

    font = register_cjk_font()
    start = time.perf_counter()
    canvas = Canvas(BytesIO(), pagesize=pagesize, pageCompression=1)
    for lines in pages:
        for x, y, size, text in lines:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    with binary_streams():
        canvas.save()
    return time.perf_counter() - start


def workloads() -> list[Workload]:
    from reportlab.pdfgen.canvas import Canvas

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.printing import notice_pdf, notice_targets, notice_templates, notices

    folder = community(180_000)
    db, _info = open_office(DataDir(folder))
    codes = tuple(f"H{i:06d}" for i in range(1, NOTICES + 1))
    target = notice_targets.Target("households", households=codes)
    values = notices.NoticeValues(start_date=date(2026, 12, 1), end_date=date(2026, 12, 14))
    out = Path(tempfile.mkdtemp(prefix="griddesk-bench-")) / "notices.pdf"

    def run(layout: notice_pdf.NoticeLayout) -> float:
        start = time.perf_counter()
        with db.reading() as session:
            result = notices.print_notices(session, "home-quarantine", target, layout, values, out)
        took = time.perf_counter() - start
        assert result.notices == NOTICES, result
        return took

    # the baseline's text: exactly the lines each notice shows, laid out beforehand (not timed)
    with db.reading() as session:
        found = notice_targets.find_households(session, target)
        job = notices.job_values(session, values)
    renderer = notice_pdf.NoticeRenderer(
        Canvas(BytesIO()),
        notice_templates.BUILTIN_TEMPLATES["home-quarantine"],
        notice_pdf.NoticeLayout(),
        job,
    )
    pages = [
        [
            (line.x, line.y, line.size, line.text)
            for line in renderer.lines_of(notices.household_values(h, None))
        ]
        for h in found.rows
    ]
    a4 = notice_pdf.PAPER["A4"]

    def baseline() -> float:
        return _raw_canvas(pages, a4)

    return [
        Workload(
            f"{NOTICES:,} door notices 居家健康监测告知书, A4, barcodes, db→PDF",
            lambda: run(notice_pdf.NoticeLayout(paper="A4", per_sheet=1, barcode=True)),
            "raw ReportLab canvas, same text, drawString per line",
            baseline,
            target_seconds=NOTICES / 500,
            target_ratio=2.0,
            repeat=3,
        ),
        Workload(
            f"{NOTICES:,} door notices, 4 to an A4 sheet with cut marks, db→PDF",
            lambda: run(notice_pdf.NoticeLayout(paper="A4", per_sheet=4, barcode=True)),
            "raw ReportLab canvas, same text, drawString per line",
            baseline,
            target_ratio=2.0,
            repeat=3,
        ),
    ]
