"""Meeting minutes on paper, in the form a community office files them (会议纪要).

Header with the community's name, the meeting's data (type, level, time, place, chair, recorder),
attendance and absentees, agenda, discussion, residents' views, decisions, the action items with
owners, due dates and how far they are carried out, attachments, signature lines for the chair and
the recorder, and "第 x 页 共 y 页" on every page. A draft is marked 草稿 across each page and a
superseded version says which amendment replaced it, so a sheet never passes for what it is not.

Residents' names need no masking here (they attended), but an ID number typed into any field is
masked before it reaches paper.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.meetings.action_items import ACTION_STATUS_NAMES, ActionItemRow
from app.core.meetings.minutes import LEVEL_NAMES, office_name
from app.core.meetings.search import MeetingDetail, get_meeting
from app.core.registry.idnumber import mask as mask_id_number
from app.core.trust import audit
from app.db.engine import Database

WEEKDAYS = "一二三四五六日"
NUMERALS = "一二三四五六七八九十"
# an 18-character (or old 15-digit) ID number standing alone in the text
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")


def scrub(text: str | None) -> str:
    """Text as it may be printed: ID numbers masked."""
    return _ID_NUMBER.sub(lambda m: mask_id_number(m.group(1)), text or "")


def _markup(text: str | None) -> str:
    """Plain text (with line breaks) as Paragraph markup."""
    return escape(scrub(text)).replace("\n", "<br/>")


def _chinese_date(day: date) -> str:
    return f"{day.isoformat()}（星期{WEEKDAYS[day.weekday()]}）"


def _time_span(detail: MeetingDetail) -> str:
    text = _chinese_date(detail.held_on)
    if detail.start_time:
        text += " " + detail.start_time.strftime("%H:%M")
        if detail.end_time:
            text += "–" + detail.end_time.strftime("%H:%M")
    return text


def _level_text(detail: MeetingDetail) -> str:
    level = LEVEL_NAMES[detail.level][0]
    if detail.grid_name:
        return f"{level}（{detail.grid_name}）"
    return level


def _item_state(item: ActionItemRow) -> str:
    """The item's state as Paragraph markup: what was done goes on its own line."""
    if item.status == "open":
        return "逾期未办结" if item.overdue else "未办结"
    done = item.done_on.isoformat() if item.done_on else ""
    state = f"{ACTION_STATUS_NAMES[item.status][0]}（{done}）"
    if item.done_note:
        state += "<br/>" + _markup(item.done_note)
    return state


def _status_line(detail: MeetingDetail) -> str:
    if detail.status == "draft":
        return "草稿（未发布，不作为正式纪要）"
    published = detail.published_at.strftime("%Y-%m-%d") if detail.published_at else ""
    if detail.status == "published":
        return f"已发布（{published}）"
    later = f"第 {detail.amended_by_id} 号修正稿" if detail.amended_by_id else "修正稿"
    return f"已被{later}取代"


class _Styles:
    """The paragraph styles, colours and small cell makers every part of the minutes shares."""

    def __init__(self, font: str) -> None:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle(
            "body", fontName=font, fontSize=11, leading=17, wordWrap="CJK", alignment=TA_LEFT
        )
        self.body = base
        self.office = ParagraphStyle(
            "office", parent=base, fontSize=15, leading=22, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontSize=22, leading=30, alignment=TA_CENTER, spaceAfter=2
        )
        self.meta = ParagraphStyle(
            "meta", parent=base, fontSize=10.5, leading=15, alignment=TA_RIGHT
        )
        self.heading = ParagraphStyle(
            "heading", parent=base, fontSize=13, leading=20, spaceBefore=10, spaceAfter=4
        )
        self.cell_style = ParagraphStyle("cell", parent=base, fontSize=10.5, leading=15)
        self.cell_label = ParagraphStyle(
            "label", parent=base, fontSize=10.5, leading=15, alignment=TA_CENTER
        )
        self.small = ParagraphStyle("small", parent=base, fontSize=10, leading=14)
        self.notice = ParagraphStyle(
            "notice", parent=base, fontSize=10.5, leading=16, borderPadding=6
        )
        self.listing = ParagraphStyle(
            "listing", parent=base, leftIndent=22, firstLineIndent=-22, spaceAfter=2
        )
        self.grid_line = colors.HexColor("#444444")
        self.label_bg = colors.HexColor("#eef1f5")

    def p(self, text: str, style: Any = None) -> Any:
        """A paragraph of markup, in the body style unless told."""
        from reportlab.platypus import Paragraph

        return Paragraph(text, style or self.body)

    def label(self, text: str) -> Any:
        """A table's label cell (plain text, centred)."""
        return self.p(escape(text), self.cell_label)

    def cell(self, text: str | None, empty: str = "—") -> Any:
        """A table's value cell: the text as typed (ID numbers masked), or `empty`."""
        return self.p(_markup(text) if text else empty, self.cell_style)


def build_story(detail: MeetingDetail, office: str, printed_at: datetime) -> list[Any]:
    """The flowables of the minutes, in the order of the filed form: masthead, the meeting's data,
    the numbered sections, how far the decisions are carried out, attachments, signatures."""
    from reportlab.platypus import KeepTogether, Spacer

    st = _Styles(register_cjk_font())
    story = _masthead(detail, office, st)
    story.append(_meeting_table(detail, st))
    story.extend(_sections(detail, st))
    story.append(Spacer(1, 2 * _MM))
    story.append(_progress(detail, printed_at, st))
    story.extend(_attachments(detail, st))
    story.append(KeepTogether([Spacer(1, 10 * _MM), _signatures(st)]))
    return story


_MM = 72 / 25.4  # reportlab.lib.units.mm, without importing ReportLab with this module


def _masthead(detail: MeetingDetail, office: str, st: _Styles) -> list[Any]:
    """Office, title, number and state under a red rule; then, boxed, what this version amends or
    that it was superseded, so a sheet never passes for the version in force when it is not."""
    from reportlab.lib import colors
    from reportlab.platypus import HRFlowable, Spacer

    story: list[Any] = [
        st.p(escape(office or ""), st.office),
        st.p("会 议 纪 要", st.title),
        st.p(
            f"纪要编号：第 {detail.id} 号 &nbsp;|&nbsp; 状态：{escape(_status_line(detail))}",
            st.meta,
        ),
        Spacer(1, 2 * _MM),
        HRFlowable(width="100%", thickness=1.6, color=colors.HexColor("#9b1c1c")),
        Spacer(1, 4 * _MM),
    ]
    if detail.amends_id is not None:
        story.append(
            _boxed(
                st.p(
                    f"本纪要是第 {detail.amends_id} 号纪要"
                    f"“{_markup(detail.amends_title)}”的修正稿，原纪要存档备查。"
                    f"<br/>修正原因：{_markup(detail.amend_reason)}",
                    st.notice,
                )
            )
        )
        story.append(Spacer(1, 3 * _MM))
    if detail.status == "superseded":
        story.append(
            _boxed(
                st.p(
                    f"本纪要已被第 {detail.amended_by_id} 号修正稿取代，仅作存档，请以修正稿为准。",
                    st.notice,
                )
            )
        )
        story.append(Spacer(1, 3 * _MM))
    return story


def _meeting_table(detail: MeetingDetail, st: _Styles) -> Any:
    """The meeting's data as the form's label/value grid (name, type and level, time and place,
    chair and recorder, who attended and who did not)."""
    from reportlab.platypus import Table, TableStyle

    label, cell = st.label, st.cell
    rows = [
        [label("会议名称"), cell(detail.title), "", ""],
        [label("会议类型"), cell(detail.kind), label("会议级别"), cell(_level_text(detail))],
        [label("会议时间"), cell(_time_span(detail)), label("会议地点"), cell(detail.place)],
        [label("主持人"), cell(detail.chair), label("记录人"), cell(detail.recorder)],
        [
            st.p(f"出席人员<br/>（{len(detail.attendees)} 人）", st.cell_label),
            cell("、".join(detail.attendees)),
            "",
            "",
        ],
        [label("缺席人员"), cell("、".join(detail.absentees), "无"), "", ""],
    ]
    table = Table(rows, colWidths=[24 * _MM, 61 * _MM, 24 * _MM, 61 * _MM])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, st.grid_line),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), st.label_bg),
                ("BACKGROUND", (2, 1), (2, 3), st.label_bg),
                ("SPAN", (1, 0), (3, 0)),
                ("SPAN", (1, 4), (3, 4)),
                ("SPAN", (1, 5), (3, 5)),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _sections(detail: MeetingDetail, st: _Styles) -> list[Any]:
    """一、会议议题 … 五、待办事项, numbered in Chinese; an empty section says （无） rather than
    vanishing, so a reader sees it was considered."""
    story: list[Any] = []

    def heading(number: int, text: str) -> None:
        story.append(st.p(f"{NUMERALS[number]}、{escape(text)}", st.heading))

    def numbered(items: list[str]) -> None:
        if not items:
            story.append(st.p("（无）"))
        for i, text in enumerate(items, 1):
            story.append(st.p(f"{i}. {_markup(text)}", st.listing))

    def prose(text: str) -> None:
        story.append(st.p(_markup(text) if text.strip() else "（无）"))

    heading(0, "会议议题")
    numbered(detail.agenda)
    heading(1, "讨论情况")
    prose(detail.discussion)
    heading(2, "居民意见")
    prose(detail.residents_views)
    heading(3, "决定事项")
    numbered([d.text for d in detail.decisions])
    heading(4, "待办事项")
    story.append(_action_items(detail, st) if detail.action_items else st.p("（无）"))
    return story


def _action_items(detail: MeetingDetail, st: _Styles) -> Any:
    """The action items as a table whose header repeats on every page: what, who, by when, and
    how far it is carried out (with the decision it carries out, when it names one)."""
    from reportlab.platypus import Table, TableStyle

    head = [st.label(t) for t in ("序号", "事项", "责任人", "完成时限", "落实情况")]
    body = []
    for item in detail.action_items:
        what = _markup(item.text)
        if item.decision_number:
            what += f'<br/><font size="9">（落实决定事项第 {item.decision_number} 项）</font>'
        body.append(
            [
                st.p(str(item.number), st.cell_label),
                st.p(what, st.cell_style),
                st.p(_markup(item.owner), st.cell_style),
                st.p(item.due.isoformat(), st.cell_label),
                st.p(_item_state(item), st.cell_style),
            ]
        )
    items = Table(
        [head, *body],
        colWidths=[12 * _MM, 58 * _MM, 22 * _MM, 26 * _MM, 52 * _MM],
        repeatRows=1,
    )
    items.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, st.grid_line),
                ("BACKGROUND", (0, 0), (-1, 0), st.label_bg),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return items


def _progress(detail: MeetingDetail, printed_at: datetime, st: _Styles) -> Any:
    """How far the decisions and action items are carried out, as of the moment of printing:
    the figures a later reader checks the sheet against."""
    done = sum(1 for a in detail.action_items if a.status == "done")
    counted = sum(1 for a in detail.action_items if a.status != "cancelled")
    overdue = sum(1 for a in detail.action_items if a.overdue)
    return st.p(
        f"落实情况（截至 {printed_at.strftime('%Y-%m-%d %H:%M')}）：决定 "
        f"{len(detail.decisions)} 项，已落实 {detail.decisions_carried_out} 项；"
        f"待办 {counted} 项，已完成 {done} 项，逾期 {overdue} 项",
        st.small,
    )


def _attachments(detail: MeetingDetail, st: _Styles) -> list[Any]:
    """附件: each attachment by name, size and note (the files themselves stay in the database)."""
    from reportlab.platypus import Spacer

    if not detail.attachments:
        return []
    story: list[Any] = [Spacer(1, 3 * _MM), st.p("附件：", st.body)]
    for i, a in enumerate(detail.attachments, 1):
        size = f"{max(a.size // 1024, 1)} KB"
        note = f"，{_markup(a.note)}" if a.note else ""
        story.append(st.p(f"{i}. {_markup(a.file_name)}（{size}{note}）", st.listing))
    return story


def _signatures(st: _Styles) -> Any:
    """Lines for the chair's and the recorder's signatures and dates, signed on paper."""
    from reportlab.platypus import Table, TableStyle

    blank = "_" * 14
    signatures = Table(
        [
            [
                st.p("主持人（签字）：", st.body),
                st.p(blank),
                st.p("记录人（签字）：", st.body),
                st.p(blank),
            ],
            [
                st.p("日期：", st.body),
                st.p("______年____月____日"),
                st.p("日期：", st.body),
                st.p("______年____月____日"),
            ],
        ],
        colWidths=[36 * _MM, 49 * _MM, 36 * _MM, 49 * _MM],
    )
    signatures.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return signatures


def _boxed(flowable: Any) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    box = Table([[flowable]], colWidths=["100%"])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#444444")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f6f6")),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _stamped(stamp: str | None, font: str) -> Any:
    """What draws `stamp` (a draft, superseded minutes) on every page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    width = A4[0]

    def on_page(canvas: Any, _doc: Any) -> None:
        # a stamp in the top margin of every page, clear of the text (so copying the text or
        # searching it is not disturbed, as a diagonal watermark would)
        if not stamp:
            return
        canvas.saveState()
        canvas.setFont(font, 12)
        text_width = canvas.stringWidth(stamp, font, 12)
        box_w, box_h = text_width + 8 * mm, 8 * mm
        x, y = width - 20 * mm - box_w, A4[1] - 15 * mm
        canvas.setStrokeColor(colors.HexColor("#9b1c1c"))
        canvas.setFillColor(colors.HexColor("#9b1c1c"))
        canvas.setLineWidth(1.2)
        canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
        canvas.drawCentredString(x + box_w / 2, y + 2.4 * mm, stamp)
        canvas.restoreState()

    return on_page


def write_minutes_pdf(
    detail: MeetingDetail,
    office: str,
    out: Path,
    *,
    printed_at: datetime | None = None,
    audit_to: Database | Session | None = None,
) -> Path:
    """Write the minutes to `out` (atomically: whole or not at all); `audit_to` (the database, or
    a session on it) records the print in the audit trail."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = register_cjk_font()
    printed_at = printed_at or datetime.now()
    story = build_story(detail, office, printed_at)
    stamp = {"draft": "草稿 · 未发布", "superseded": "已被修正 · 仅存档"}.get(detail.status)
    footer = Footer(
        f"{office} · 会议纪要（第 {detail.id} 号）",
        f"打印于 {printed_at.strftime('%Y-%m-%d %H:%M')}",
        rule=15,
    )
    on_page = _stamped(stamp, font)

    def produce(fh: BinaryIO) -> None:
        doc = SimpleDocTemplate(
            fh,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=22 * mm,
            title=f"会议纪要 {scrub(detail.title)}",
            author=office,
            subject=f"{detail.held_on.isoformat()} {scrub(detail.title)}",
            creator="GridDesk",
        )
        doc.build(
            story,
            onFirstPage=on_page,
            onLaterPages=on_page,
            canvasmaker=numbered_canvas(footer, font),
        )

    path = write_atomically(Path(out), produce)
    if audit_to is not None:
        audit.record_in(audit_to, audit.PRINT, f"打印会议纪要 第 {detail.id} 号", entity="meeting")
    return path


def print_minutes(
    session: Session,
    meeting_id: int,
    out: Path,
    *,
    today: date | None = None,
    printed_at: datetime | None = None,
) -> Path:
    """The minutes of one meeting as a PDF at `out`; returns the path."""
    detail = get_meeting(session, meeting_id, today=today)
    return write_minutes_pdf(
        detail, office_name(session), out, printed_at=printed_at, audit_to=session
    )


def default_file_name(detail: MeetingDetail) -> str:
    """会议纪要-2026-11-28-第三网格疫情防控议事会-12.pdf (characters a file system refuses removed)."""
    title = re.sub(r'[\\/:*?"<>|\s]+', "", scrub(detail.title))[:40] or "会议"
    return f"会议纪要-{detail.held_on.isoformat()}-{title}-{detail.id}.pdf"
