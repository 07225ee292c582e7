"""The user guide: resources/guide/guide.<lang>.md, read through importlib.resources so the frozen
program finds it, and typeset as an A4 PDF for the desk drawer.

    guide_text(lang) -> str                      the Markdown (the help window shows it as it is)
    parse_guide(text) -> list[Block]             headings, paragraphs, lists, tables
    write_guide_pdf(out, lang) -> Path           the PDF, written atomically
    column_shares(rows) -> list[float]           how a table's width is shared (PDF and window)
    SHORTCUTS_HEADING[lang]                      the section the 帮助 menu's 快捷键一览 opens

The guide is our own text, so the Markdown read here is the small part of it the guide uses:
`#`–`###` headings, paragraphs, `-` and `1.` lists (one level of nesting), pipe tables and inline
**bold**, `code` and backslash escapes. Anything else stays as plain text rather than failing:
a clerk printing the guide must get a guide. The help window renders the same file with Qt's own
Markdown reader; `help --out FILE.pdf` and the window's 打印/另存为 PDF… call write_guide_pdf.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Literal
from unicodedata import east_asian_width

from app import __version__
from app.core.common.files import write_atomically
from app.core.common.pdf import (
    PAGES_EN,
    PAGES_ZH,
    Footer,
    font_file,
    numbered_canvas,
    register_cjk_font,
)

_TITLES = {"zh": "GridDesk 社区应急工作台 用户手册", "en": "GridDesk user guide"}
_FOOTERS = {"zh": "GridDesk {0} 用户手册", "en": "GridDesk {0} user guide"}
_PAGES = {"zh": PAGES_ZH, "en": PAGES_EN}
# the section the 帮助 menu's 快捷键一览 opens (a ## heading of each guide)
SHORTCUTS_HEADING = {"zh": "快捷键", "en": "Keyboard shortcuts"}


def guide_lang(lang: str | None) -> str:
    """English when asked for, Chinese otherwise (as the interface falls back)."""
    return "en" if lang == "en" else "zh"


def guide_text(lang: str | None) -> str:
    """The guide's Markdown in `lang` (zh or en)."""
    name = f"guide.{guide_lang(lang)}.md"
    return resources.files("resources").joinpath("guide", name).read_text(encoding="utf-8")


# --- reading the Markdown ----------------------------------------------------------------------

BlockKind = Literal["heading", "paragraph", "bullets", "numbers", "table"]


@dataclass(frozen=True)
class Item:
    """One list item: its text and the items nested under it."""

    text: str
    children: tuple[Item, ...] = ()
    numbered: bool = False  # whether the nested list is numbered


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""  # heading and paragraph (Markdown inline markup kept)
    level: int = 0  # heading level, 1–3
    items: tuple[Item, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default=())  # a table: header row first


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^(\s*)\d+[.)]\s+(.*)$")
_RULE_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cells(line: str) -> tuple[str, ...]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return tuple(cell.strip() for cell in re.split(r"(?<!\\)\|", inner))


def parse_guide(text: str) -> list[Block]:
    """The blocks of the guide, in order."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", heading.group(2), level=min(len(heading.group(1)), 3)))
            i += 1
            continue
        if line.lstrip().startswith("|"):
            rows: list[tuple[str, ...]] = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                if not _RULE_ROW.match(lines[i].strip()):
                    rows.append(_cells(lines[i]))
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(Block("table", rows=tuple(r + ("",) * (width - len(r)) for r in rows)))
            continue
        if _BULLET.match(line) or _NUMBER.match(line):
            numbered = bool(_NUMBER.match(line)) and not _BULLET.match(line)
            i, items = _list(lines, i)
            blocks.append(Block("numbers" if numbered else "bullets", items=items))
            continue
        paragraph = [line.strip()]
        i += 1
        while i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
            paragraph.append(lines[i].strip())
            i += 1
        blocks.append(Block("paragraph", " ".join(paragraph)))
    return blocks


def _starts_block(line: str) -> bool:
    return bool(
        _HEADING.match(line)
        or line.lstrip().startswith("|")
        or _BULLET.match(line)
        or _NUMBER.match(line)
    )


def _list_line(line: str) -> tuple[int, bool, str] | None:
    """(indent, numbered, text) of a list line, or None."""
    for pattern, numbered in ((_BULLET, False), (_NUMBER, True)):
        m = pattern.match(line)
        if m:
            return len(m.group(1).expandtabs(4)), numbered, m.group(2).strip()
    return None


def _list(lines: list[str], i: int) -> tuple[int, tuple[Item, ...]]:
    """A list from line i (items, and items indented under them), and the line after it."""
    top: list[tuple[str, list[str], bool]] = []  # text, nested texts, nested numbered
    base: int | None = None
    while i < len(lines) and lines[i].strip():
        parsed = _list_line(lines[i])
        if parsed is None:
            if not top or _starts_block(lines[i]):
                break
            # a continuation line belongs to the last item (or its last nested item)
            text, nested, numbered = top[-1]
            if nested:
                nested[-1] += " " + lines[i].strip()
            else:
                top[-1] = (text + " " + lines[i].strip(), nested, numbered)
            i += 1
            continue
        indent, numbered, text = parsed
        if base is None:
            base = indent
        if indent > base and top:
            parent, nested, _was = top[-1]
            nested.append(text)
            top[-1] = (parent, nested, numbered)
        else:
            top.append((text, [], False))
        i += 1
    items = tuple(
        Item(text, tuple(Item(t) for t in nested), numbered) for text, nested, numbered in top
    )
    return i, items


# --- inline markup to ReportLab's paragraph markup ---------------------------------------------

_INLINE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])|\*\*(.+?)\*\*|`([^`]+)`")
STRONG_COLOR = "#0b3a6e"  # bold runs (mostly the names of buttons and areas)
CODE_FONT = "WenQuanYiMicroHeiMono"  # the bundled font's monospaced face, for commands


def inline_markup(text: str) -> str:
    """Markdown inline markup as ReportLab paragraph markup (text escaped).

    The bundled font has no bold face, and ReportLab's CJK line breaking fails on the zero-width
    markers a per-run stroke would need; so a bold run is set in a deeper ink than the text
    around it (headings, whole paragraphs, are stroked: _HeavyParagraph)."""
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(escape(text[pos : m.start()], quote=False))
        if m.group(1) is not None:
            out.append(escape(m.group(1), quote=False))
        elif m.group(2) is not None:
            out.append(f'<font color="{STRONG_COLOR}">{inline_markup(m.group(2))}</font>')
        else:
            out.append(f'<font face="{CODE_FONT}">{escape(m.group(3), quote=False)}</font>')
        pos = m.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


def plain_text(text: str) -> str:
    """Markdown inline markup removed (for the PDF's outline)."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"\*\*(.+?)\*\*|`([^`]+)`", r"\1\2", text))


def _register_code_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if CODE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(CODE_FONT, str(font_file()), subfontIndex=1))
    return CODE_FONT


# --- the PDF ------------------------------------------------------------------------------------


def _heavy_paragraph(text: str, style: Any) -> Any:
    """A paragraph filled and stroked, as the notices' titles are: the bundled font has no bold
    face. The stroke is set where the paragraph begins its text, inside the save/restore the
    paragraph draws in, so nothing after it is stroked."""
    from reportlab.platypus import Paragraph

    class HeavyParagraph(Paragraph):  # type: ignore[misc]
        def beginText(self, x: float, y: float) -> Any:
            tx = super().beginText(x, y)
            self.canv.setLineWidth(self.style.fontSize / 32)
            self.canv.setStrokeColor(self.style.textColor)
            tx.setTextRenderMode(2)
            return tx

    return HeavyParagraph(text, style)


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    ink = colors.HexColor("#1f2933")
    body = ParagraphStyle(
        "body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", textColor=ink
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=2
        ),
        "sub": ParagraphStyle(
            "sub", parent=body, fontSize=10, leading=15, alignment=TA_CENTER, textColor="#555555"
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontSize=15,
            leading=21,
            spaceBefore=12,
            spaceAfter=5,
            textColor="#9b1c1c",
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontSize=12, leading=18, spaceBefore=8, spaceAfter=3, keepWithNext=1
        ),
        "para": ParagraphStyle("para", parent=body, spaceAfter=5),
        "item": ParagraphStyle("item", parent=body, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13),
    }


def _display_width(text: str) -> int:
    """Width in Latin letters: a Chinese character takes two."""
    return sum(2 if east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def column_shares(rows: Sequence[Sequence[str]]) -> list[float]:
    """Each column's share of a table's width, by how much text it holds on average (a short
    key column, a long 'does' column); the PDF and the help window lay tables out alike."""
    count = max(len(r) for r in rows)
    weights = []
    for c in range(count):
        lengths = [_display_width(plain_text(r[c])) if c < len(r) else 0 for r in rows]
        weights.append(min(max(sum(lengths) / len(lengths), 8.0), 60.0))
    total = sum(weights)
    return [w / total for w in weights]


def _story(blocks: list[Block], lang: str, font: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        HRFlowable,
        ListFlowable,
        ListItem,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    s = _styles(font)
    width = 170 * mm
    story: list[Any] = []

    def para(text: str, style: Any) -> Any:
        return Paragraph(inline_markup(text), style)

    def listing(items: tuple[Item, ...], numbered: bool) -> Any:
        entries = []
        for item in items:
            parts: list[Any] = [para(item.text, s["item"])]
            if item.children:
                parts.append(listing(item.children, item.numbered))
            entries.append(ListItem(parts))
        return ListFlowable(
            entries,
            bulletType="1" if numbered else "bullet",
            start=None if numbered else "•",
            bulletFontName=font,
            bulletFontSize=10.5 if numbered else 9,
            bulletFormat="%s." if numbered else None,
            leftIndent=14,
            bulletDedent=12,
            spaceAfter=4,
        )

    first_title = True
    for block in blocks:
        if block.kind == "heading" and block.level == 1 and first_title:
            first_title = False
            story += [
                _heavy_paragraph(inline_markup(block.text), s["title"]),
                Paragraph(escape(_FOOTERS[lang].format(__version__)), s["sub"]),
                Spacer(1, 2 * mm),
                HRFlowable(width="100%", thickness=1.4, color=colors.HexColor("#9b1c1c")),
                Spacer(1, 3 * mm),
            ]
        elif block.kind == "heading":
            level = 2 if block.level <= 2 else 3
            heading = _heavy_paragraph(inline_markup(block.text), s[f"h{level}"])
            heading._guide_outline = (level - 2, plain_text(block.text))
            story.append(heading)
        elif block.kind == "paragraph":
            story.append(para(block.text, s["para"]))
        elif block.kind in ("bullets", "numbers"):
            story.append(listing(block.items, block.kind == "numbers"))
        elif block.kind == "table" and block.rows:
            data = [[_heavy_paragraph(inline_markup(c), s["cell"]) for c in block.rows[0]]]
            data += [[para(cell, s["cell"]) for cell in row] for row in block.rows[1:]]
            widths = [share * width for share in column_shares(block.rows)]
            table = Table(data, colWidths=widths, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a8f98")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story += [table, Spacer(1, 3 * mm)]
    return story


def render_pdf(text: str, lang: str, fh: BinaryIO) -> None:
    """Typeset the guide's Markdown `text` into `fh` as A4 pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    lang = guide_lang(lang)
    font = register_cjk_font()
    _register_code_font()
    doc = SimpleDocTemplate(
        fh,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_TITLES[lang],
        author="GridDesk",
        subject=_FOOTERS[lang].format(__version__),
        creator="GridDesk",
    )
    marks = iter(range(1_000_000))

    def after_flowable(flowable: Any) -> None:
        # the PDF's outline (bookmarks): one entry per section, as a reader's contents
        outline = getattr(flowable, "_guide_outline", None)
        if outline is not None:
            key = f"section-{next(marks)}"
            doc.canv.bookmarkPage(key)
            doc.canv.addOutlineEntry(outline[1], key, level=outline[0])

    doc.afterFlowable = after_flowable

    canvas = numbered_canvas(Footer(_FOOTERS[lang].format(__version__), pages=_PAGES[lang]), font)
    doc.build(_story(parse_guide(text), lang, font), canvasmaker=canvas)


def write_guide_pdf(out: Path, lang: str | None) -> Path:
    """The guide in `lang` as a PDF at `out` (atomically: whole or not at all)."""
    lang = guide_lang(lang)
    text = guide_text(lang)
    return write_atomically(Path(out), lambda fh: render_pdf(text, lang, fh))
