"""Drawing notices into a PDF: the paper and the arrangement on it (`NoticeLayout`), the A4 design
of a notice, text measured and wrapped (`Typesetter`), the body laid out per household, the page
drawn on a ReportLab canvas with what repeats kept as forms (`NoticeRenderer`), and the Code128
barcode of a household's code (`code128_bars`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.common.pdf import register_cjk_font
from app.core.printing.notice_templates import (
    DATE_BLANK,
    FIELD_BY_NAME,
    HOUSEHOLD,
    NoticeTemplate,
    fields_in,
    fill_placeholders,
    scrub,
    template_fields,
)
from app.errors import InvalidInput


@dataclass(frozen=True)
class NoticeLayout:
    paper: str = "A4"  # A4 / A5
    per_sheet: int = 1  # 1 / 2 / 4
    barcode: bool | None = None  # None: when the template names the household
    cut_marks: bool = True

    def validate(self) -> None:
        if self.paper not in PAPER:
            raise InvalidInput(
                f"纸张应为 A4 或 A5：{self.paper}", f"Paper must be A4 or A5: {self.paper}"
            )
        if self.per_sheet not in (1, 2, 4):
            raise InvalidInput(
                f"每张纸应印 1、2 或 4 份：{self.per_sheet}",
                f"Notices per sheet must be 1, 2 or 4: {self.per_sheet}",
            )

    @property
    def scale(self) -> float:
        """How large a notice prints relative to the A4 design."""
        half = math.sqrt(0.5)  # A5 is A4 scaled by 1/√2
        base = 1.0 if self.paper == "A4" else half
        return base * {1: 1.0, 2: half, 4: 0.5}[self.per_sheet]

    @property
    def body_points(self) -> float:
        """The body text's size on paper, in points."""
        return BODY_SIZES[0] * self.scale


# --- measuring and wrapping ----------------------------------------------------------------------

_NO_LINE_START = set("，。、；：！？）】》」』〕〉”’…—·％,.;:!?)]}%")
_NO_LINE_END = set("（【《「『〔〈“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9@#&_+\-./:%*]+|\s|.", re.S)


class Typesetter:
    """Character widths of the font (cached per character) and wrapping (cached per text).

    Lines break between CJK characters; runs of Latin letters and digits stay whole; a closing
    punctuation mark never starts a line (it hangs past the edge) and an opening one never ends
    one."""

    def __init__(self, font: str) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.font = font
        face = pdfmetrics.getFont(font).face
        self._face_widths: dict[int, float] = face.charWidths
        self._default = float(face.defaultWidth)
        self._widths: dict[str, float] = {}
        self._wraps: dict[tuple[str, float, float, float], tuple[str, ...]] = {}

    def width(self, text: str, size: float) -> float:
        widths = self._widths
        total = 0.0
        for ch in text:
            w = widths.get(ch)
            if w is None:
                w = self._face_widths.get(ord(ch), self._default) / 1000.0
                widths[ch] = w
            total += w
        return total * size

    def wrap(self, text: str, size: float, width: float, indent: float = 0.0) -> tuple[str, ...]:
        key = (text, size, width, indent)
        got = self._wraps.get(key)
        if got is None:
            got = tuple(self._wrap(text, size, width, indent))
            if len(self._wraps) > 20_000:
                self._wraps.clear()
            self._wraps[key] = got
        return got

    def _wrap(self, text: str, size: float, width: float, indent: float) -> Iterator[str]:
        line: list[str] = []
        used = indent
        for token in _TOKEN.findall(text):
            w = self.width(token, size)
            if not line and token.isspace():
                continue
            if used + w <= width + 0.01 or not line:
                if w > width and len(token) > 1:  # a long Latin run: split it anywhere
                    for ch in token:
                        cw = self.width(ch, size)
                        if used + cw > width + 0.01 and line:
                            yield "".join(line)
                            line, used = [], 0.0
                        line.append(ch)
                        used += cw
                    continue
                line.append(token)
                used += w
                continue
            if token[0] in _NO_LINE_START:
                line.append(token)  # hangs past the edge rather than starting a line
                used += w
                continue
            carried: list[str] = []
            while line and line[-1] and line[-1][-1] in _NO_LINE_END and len(line) > 1:
                carried.insert(0, line.pop())
            yield "".join(line).rstrip()
            line = [*carried, token] if not token.isspace() else carried
            used = self.width("".join(line), size)
        if line:
            yield "".join(line).rstrip()


# --- the design of a notice (an A4 page, in points) ---------------------------------------------

MM = 72 / 25.4
DESIGN_W, DESIGN_H = 210 * MM, 297 * MM
PAPER = {"A4": (210 * MM, 297 * MM), "A5": (148 * MM, 210 * MM)}
MARGIN_X = 20 * MM
TOP = 15 * MM
BOTTOM = 13 * MM
BODY_W = DESIGN_W - 2 * MARGIN_X
HEADER_SIZE = 17.0
TITLE_SIZE = 32.0
HEADER_Y = DESIGN_H - TOP - HEADER_SIZE  # baseline of the community's name
RULE_Y = HEADER_Y - 11
TITLE_Y = RULE_Y - 20 - TITLE_SIZE
BODY_TOP = TITLE_Y - 18
SEAL_X = DESIGN_W - MARGIN_X - 92  # centre of the signature and of the seal's place
NAME_Y = BOTTOM + 92
DATE_Y = NAME_Y - 27
BARCODE_X, BARCODE_Y = MARGIN_X, BOTTOM + 22
SEAL_LABEL = "（盖章处）"
SEAL_R = 54.0  # the seal's circle, where the community's name and the date are written
SEAL_MIN_SIZE = 8.0
FOOTER_H = 150.0  # signature, seal place, barcode
BODY_BOTTOM = BOTTOM + FOOTER_H
BODY_SIZES = (16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0)
LEADING = 1.72
PARA_GAP = 0.35  # extra space after a paragraph, in lines of the body size
RED = (0.70, 0.15, 0.12)
BARCODE_MODULE = 1.4  # narrowest bar, in points at A4 size (0.49 mm)
BARCODE_HEIGHT = 38.0
_TABLE_SPLIT = re.compile(r"\s*[|｜\t]\s*")


def _is_table_row(line: str) -> bool:
    return "|" in line or "｜" in line or "\t" in line


@dataclass(frozen=True)
class Line:
    """A line of text as drawn: x and baseline y in design points, size, text."""

    x: float
    y: float
    size: float
    text: str


@dataclass
class _Block:
    """Paragraphs laid out at a body size, relative to the block's top-left corner."""

    lines: list[Line]
    rules: list[tuple[float, float, float, float]]  # table grid lines (x1, y1, x2, y2)
    height: float
    dynamic: bool  # depends on the household: drawn on every notice
    key: tuple[str, ...]  # the texts it shows (the cache key of a static block)


class _Compiled:
    """A template prepared for a job: paragraphs with the fields they use."""

    def __init__(self, template: NoticeTemplate) -> None:
        self.template = template
        self.title_source = template.title.strip()
        self.paragraphs = [
            (line, fields_in(line)) for line in template.body.replace("\r", "").split("\n")
        ]
        self.uses = template_fields(template)
        self.names_household = any(FIELD_BY_NAME[k].scope == HOUSEHOLD for k in self.uses)


class _Layouter:
    """Lays out the body of a notice: per household only what depends on the household."""

    def __init__(self, setter: Typesetter, compiled: _Compiled) -> None:
        self.setter = setter
        self.compiled = compiled
        self._static: dict[tuple[tuple[str, ...], float], _Block] = {}

    def body(self, values: Mapping[str, str]) -> tuple[float, list[_Block]]:
        """The blocks of the body and the size that fits (the largest of BODY_SIZES)."""
        texts = self._texts(values)
        room = BODY_TOP - BODY_BOTTOM
        blocks: list[_Block] = []
        for size in BODY_SIZES:
            blocks = self._blocks(texts, size)
            if sum(b.height for b in blocks) <= room:
                return size, blocks
        return BODY_SIZES[-1], blocks  # the smallest size; the rest is cut at the footer

    def _texts(self, values: Mapping[str, str]) -> list[tuple[str, bool, bool]]:
        """(paragraph text, depends on the household, is the salutation)"""
        out: list[tuple[str, bool, bool]] = []
        for i, (line, used) in enumerate(self.compiled.paragraphs):
            dynamic = any(FIELD_BY_NAME[k].scope == HOUSEHOLD for k in used)
            filled = fill_placeholders(line, values) if used or "{" in line else scrub(line)
            parts = filled.split("\n")
            for j, part in enumerate(parts):
                salutation = i == 0 and j == 0 and part.rstrip().endswith(("：", ":"))
                out.append((part, dynamic, salutation))
        return out

    def _blocks(self, texts: list[tuple[str, bool, bool]], size: float) -> list[_Block]:
        """Consecutive paragraphs of the same kind (household or not) make one block."""
        blocks: list[_Block] = []
        run: list[tuple[str, bool]] = []
        run_dynamic: bool | None = None
        for text, dynamic, salutation in texts:
            if run and dynamic != run_dynamic:
                blocks.append(self._block(run, size, bool(run_dynamic)))
                run = []
            run.append((text, salutation))
            run_dynamic = dynamic
        if run:
            blocks.append(self._block(run, size, bool(run_dynamic)))
        return blocks

    def _block(self, run: list[tuple[str, bool]], size: float, dynamic: bool) -> _Block:
        key = tuple(("§" if s else "") + t for t, s in run)
        if not dynamic:
            got = self._static.get((key, size))
            if got is not None:
                return got
        block = self._lay(run, size, dynamic, key)
        if not dynamic:
            if len(self._static) > 5000:
                self._static.clear()
            self._static[(key, size)] = block
        return block

    def _lay(
        self, run: list[tuple[str, bool]], size: float, dynamic: bool, key: tuple[str, ...]
    ) -> _Block:
        leading = size * LEADING
        lines: list[Line] = []
        rules: list[tuple[float, float, float, float]] = []
        y = 0.0  # top of the next line, downwards from the block's top (negative)
        i = 0
        while i < len(run):
            text, salutation = run[i]
            if _is_table_row(text):
                rows = []
                while i < len(run) and _is_table_row(run[i][0]):
                    rows.append([c for c in _TABLE_SPLIT.split(run[i][0].strip(" |｜"))])
                    i += 1
                y = self._table(rows, size, y, lines, rules)
                continue
            i += 1
            if not text.strip():
                y -= leading * 0.5
                continue
            indent = 0.0 if salutation else 2 * size
            wrapped = self.setter.wrap(text.strip(), size, BODY_W, indent)
            for n, part in enumerate(wrapped):
                baseline = y - (leading + size * 0.72) / 2
                lines.append(Line(indent if n == 0 else 0.0, baseline, size, part))
                y -= leading
            y -= size * PARA_GAP
        return _Block(lines, rules, -y, dynamic, key)

    def _table(
        self,
        rows: list[list[str]],
        size: float,
        y: float,
        lines: list[Line],
        rules: list[tuple[float, float, float, float]],
    ) -> float:
        """A ruled table across the body's width; the first row is its header."""
        cols = max(len(r) for r in rows)
        rows = [r + [""] * (cols - len(r)) for r in rows]
        pad = size * 0.4
        natural = [max(self.setter.width(r[c], size) for r in rows) + 2 * pad for c in range(cols)]
        total = sum(natural)
        widths = (
            natural
            if total <= BODY_W
            else [max(w * BODY_W / total, 2 * size + 2 * pad) for w in natural]
        )
        scale = BODY_W / sum(widths)
        widths = [w * scale for w in widths]
        leading = size * 1.45
        y -= size * 0.3
        top = y
        rules.append((0.0, y, BODY_W, y))
        for r, row in enumerate(rows):
            cells = [
                self.setter.wrap(text, size, widths[c] - 2 * pad) for c, text in enumerate(row)
            ]
            height = max(1, *(len(c) for c in cells)) * leading + pad
            x = 0.0
            for c, wrapped in enumerate(cells):
                for n, part in enumerate(wrapped):
                    baseline = y - pad / 2 - n * leading - (leading + size * 0.72) / 2
                    lines.append(Line(x + pad, baseline, size, part))
                x += widths[c]
            y -= height
            rules.append((0.0, y, BODY_W, y))
            if r == 0:
                rules.append((0.0, y + 1.0, BODY_W, y + 1.0))  # a double rule under the header
        x = 0.0
        for w in [0.0, *widths]:
            x += w
            rules.append((x, top, x, y))
        return y - size * PARA_GAP * 2


# --- drawing -------------------------------------------------------------------------------------


class NoticeRenderer:
    """Draws notices of one template onto one canvas (one document)."""

    def __init__(
        self,
        canvas: Any,
        template: NoticeTemplate,
        layout: NoticeLayout,
        job: Mapping[str, str],
        setter: Typesetter | None = None,
    ) -> None:
        self.font = register_cjk_font()
        self.canvas = canvas
        self.layout = layout
        self.job = dict(job)
        self.setter = setter or Typesetter(self.font)
        self.compiled = _Compiled(template)
        self.title = fill_placeholders(
            self.compiled.title_source, self.job
        )  # job fields only (checked)
        self.layouter = _Layouter(self.setter, self.compiled)
        self.overflowed = 0  # notices whose body did not fit even at the smallest size
        self.show_barcode = (
            layout.barcode if layout.barcode is not None else self.compiled.names_household
        )
        self._forms: dict[tuple[tuple[str, ...], float], str] = {}
        self._frame: str | None = None
        self._cuts: str | None = None
        self.sheet_w, self.sheet_h = PAPER[layout.paper]
        self.cells = _cells(layout, self.sheet_w, self.sheet_h)
        self.slot = 0
        self.pages = 0

    # --- sheets and cells ---
    def add(self, values: Mapping[str, str], barcode: str | None) -> None:
        """One notice in the next cell (a new sheet when the last is full)."""
        canvas = self.canvas
        if self.slot == 0:
            self.pages += 1
            if self.layout.per_sheet > 1 and self.layout.cut_marks:
                canvas.doForm(self._cut_form())
        x, y, rotate, scale = self.cells[self.slot]
        canvas.saveState()
        canvas.translate(x, y)
        if rotate:
            canvas.rotate(90)
        if scale != 1.0:
            canvas.scale(scale, scale)
        self.draw(values, barcode)
        canvas.restoreState()
        self.slot += 1
        if self.slot == len(self.cells):
            canvas.showPage()
            self.slot = 0

    def finish(self) -> None:
        if self.slot:
            self.canvas.showPage()
            self.slot = 0

    # --- one notice, in design coordinates ---
    def draw(self, values: Mapping[str, str], barcode: str | None) -> None:
        canvas = self.canvas
        canvas.doForm(self._frame_form())
        merged = {**self.job, **values}
        size, blocks = self.layouter.body(merged)
        top = BODY_TOP
        for block in blocks:
            if top - block.height < BODY_BOTTOM - 1:
                # even the smallest size did not fit: the lines that fit, never over the footer
                self.overflowed += 1
                self._draw_block(block, MARGIN_X, top, floor=BODY_BOTTOM)
                break
            if block.dynamic:
                self._draw_block(block, MARGIN_X, top)
            else:
                name = self._form_for(block, size)
                canvas.saveState()
                canvas.translate(MARGIN_X, top)
                canvas.doForm(name)
                canvas.restoreState()
            top -= block.height
        if barcode and self.show_barcode:
            self._barcode(barcode, values.get("address", ""))

    def _draw_block(self, block: _Block, x: float, top: float, floor: float | None = None) -> None:
        """Draw a block at (x, top); with `floor`, only what lies above it."""
        canvas = self.canvas
        font = self.font
        current = 0.0
        for line in _above(block.lines, top, floor):
            if line.size != current:
                canvas.setFont(font, line.size)
                current = line.size
            canvas.drawString(x + line.x, top + line.y, line.text)
        if block.rules:
            canvas.setLineWidth(0.7)
            for x1, y1, x2, y2 in block.rules:
                if floor is None or min(top + y1, top + y2) >= floor:
                    canvas.line(x + x1, top + y1, x + x2, top + y2)

    def _form_for(self, block: _Block, size: float) -> str:
        key = (block.key, size)
        name = self._forms.get(key)
        if name is None:
            name = f"nb{len(self._forms)}"
            canvas = self.canvas
            canvas.beginForm(name, -2, -block.height - 2, BODY_W + 40, 2)
            self._draw_block(block, 0.0, 0.0)
            canvas.endForm()
            self._forms[key] = name
        return name

    def _frame_form(self) -> str:
        if self._frame is None:
            self._frame = "nframe"
            canvas = self.canvas
            canvas.beginForm(self._frame, 0, 0, DESIGN_W, DESIGN_H)
            self._draw_frame()
            canvas.endForm()
        return self._frame

    def _draw_frame(self) -> None:
        """What every notice of the job shares: header, title, signature and seal place."""
        canvas = self.canvas
        font = self.font
        community = self.job.get("community", "")
        # header: the community's name in red over a double red rule
        canvas.setFillColorRGB(*RED)
        canvas.setStrokeColorRGB(*RED)
        canvas.setFont(font, HEADER_SIZE)
        canvas.drawCentredString(DESIGN_W / 2, HEADER_Y, community)
        y = RULE_Y
        canvas.setLineWidth(2.2)
        canvas.line(MARGIN_X, y, DESIGN_W - MARGIN_X, y)
        canvas.setLineWidth(0.7)
        canvas.line(MARGIN_X, y - 3.5, DESIGN_W - MARGIN_X, y - 3.5)
        # the title, a little heavier (the font has no bold face: filled and stroked)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        title = self.title
        size = TITLE_SIZE
        while size > 16 and self.setter.width(title, size) > BODY_W:
            size -= 2
        text = canvas.beginText()
        text.setFont(font, size)
        text.setTextRenderMode(2)
        canvas.setLineWidth(size / 40)
        text.setTextOrigin(DESIGN_W / 2 - self.setter.width(title, size) / 2, TITLE_Y)
        text.textOut(title)
        text.setTextRenderMode(0)  # the mode outlives the text object in PDF's graphics state
        canvas.drawText(text)
        # signature: the community's name and the date, with the place for its seal behind
        cx, name_y, date_y = SEAL_X, NAME_Y, DATE_Y
        canvas.saveState()
        canvas.setStrokeColorRGB(0.62, 0.62, 0.62)
        canvas.setFillColorRGB(0.55, 0.55, 0.55)
        canvas.setLineWidth(0.8)
        canvas.setDash(4, 3)
        canvas.circle(cx, name_y - 4, SEAL_R, stroke=1, fill=0)
        canvas.setFont(font, 9)
        canvas.drawCentredString(cx, name_y - 50, SEAL_LABEL)
        canvas.restoreState()
        # the name and the date inside the seal's circle: smaller type where the circle is
        # narrower than the line at its height, and a long name on two lines
        date_text = self.job.get("date", DATE_BLANK)
        lines = [(community, name_y), (date_text, date_y)]
        if self._seal_size(community, name_y) is None:
            half = (len(community) + 1) // 2
            lines = [(community[:half], name_y + 8), (community[half:], name_y - 8)]
            lines.append((date_text, date_y - 4))
        for line, baseline in lines:
            size = self._seal_size(line, baseline) or SEAL_MIN_SIZE
            canvas.setFont(font, size)
            canvas.drawCentredString(cx, baseline, line)

    def _seal_size(self, line: str, baseline: float) -> float | None:
        """The largest type (15 pt down to SEAL_MIN_SIZE) in which `line`, set on `baseline`, lies
        inside the seal's circle; None when even the smallest does not fit."""
        centre = NAME_Y - 4
        size = 15.0
        while size >= SEAL_MIN_SIZE:
            # the farther of the line's top and bottom from the circle's centre
            reach = max(abs(baseline + 0.9 * size - centre), abs(baseline - 0.25 * size - centre))
            chord = 2 * math.sqrt(max(SEAL_R**2 - reach**2, 0.0)) - 4
            if self.setter.width(line, size) <= chord:
                return size
            size -= 0.5
        return None

    def _barcode(self, code: str, address: str) -> None:
        canvas = self.canvas
        x, y = BARCODE_X, BARCODE_Y
        # one path of rectangles in units of the narrowest bar (ReportLab's Code128 encodes;
        # drawing each bar through canvas.rect costs more than all the rest of a notice)
        bars = " ".join(f"{left} 0 {w} 1 re" for left, w in code128_bars(code))
        canvas.addLiteral(
            f"q 0 g {BARCODE_MODULE} 0 0 {BARCODE_HEIGHT} {x:.2f} {y:.2f} cm {bars} f Q"
        )
        canvas.setFont(self.font, 10)
        canvas.drawString(x, y - 14, f"户号 {code}")
        if address:
            canvas.setFont(self.font, 9)
            canvas.drawString(x, y - 26, address)

    def _cut_form(self) -> str:
        if self._cuts is None:
            self._cuts = "ncuts"
            canvas = self.canvas
            w, h = self.sheet_w, self.sheet_h
            canvas.beginForm(self._cuts, 0, 0, w, h)
            canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
            canvas.setLineWidth(0.5)
            canvas.setDash(3, 3)
            canvas.line(0, h / 2, w, h / 2)
            if self.layout.per_sheet == 4:
                canvas.line(w / 2, 0, w / 2, h)
            canvas.setDash()
            canvas.setLineWidth(0.8)
            tick = 6 * MM
            canvas.line(0, h / 2, tick, h / 2)
            canvas.line(w - tick, h / 2, w, h / 2)
            if self.layout.per_sheet == 4:
                canvas.line(w / 2, 0, w / 2, tick)
                canvas.line(w / 2, h - tick, w / 2, h)
            canvas.endForm()
        return self._cuts

    # --- for the benchmark and the tests: the text one notice shows ---
    def lines_of(self, values: Mapping[str, str]) -> list[Line]:
        """Every line of text of one notice, in design coordinates, as drawn: the frame's, the
        body's and the household code under the barcode."""
        merged = {**self.job, **values}
        _size, blocks = self.layouter.body(merged)
        community = self.job.get("community", "")
        title = self.title
        center = DESIGN_W / 2
        width = self.setter.width
        out = [
            Line(center - width(community, HEADER_SIZE) / 2, HEADER_Y, HEADER_SIZE, community),
            Line(center - width(title, TITLE_SIZE) / 2, TITLE_Y, TITLE_SIZE, title),
        ]
        top = BODY_TOP
        for block in blocks:
            fits = top - block.height >= BODY_BOTTOM - 1
            shown = block.lines if fits else _above(block.lines, top, BODY_BOTTOM)
            out.extend(Line(MARGIN_X + ln.x, top + ln.y, ln.size, ln.text) for ln in shown)
            if not fits:
                break
            top -= block.height
        day = self.job.get("date", DATE_BLANK)
        out.append(Line(SEAL_X - width(community, 15) / 2, NAME_Y, 15, community))
        out.append(Line(SEAL_X - width(day, 15) / 2, DATE_Y, 15, day))
        out.append(Line(SEAL_X - width(SEAL_LABEL, 9) / 2, NAME_Y - 50, 9, SEAL_LABEL))
        code = values.get("household_code", "")
        if code and self.show_barcode:
            out.append(Line(BARCODE_X, BARCODE_Y - 14, 10, f"户号 {code}"))
            out.append(Line(BARCODE_X, BARCODE_Y - 26, 9, values.get("address", "")))
        return out


def _above(lines: list[Line], top: float, floor: float | None) -> list[Line]:
    """The lines of a block placed at `top` whose descenders stay above `floor`."""
    if floor is None:
        return lines
    return [ln for ln in lines if top + ln.y - ln.size * 0.25 >= floor]


def code128_bars(code: str) -> list[tuple[int, int]]:
    """The bars of `code` in Code128 (ReportLab's encoder, with its choice of code sets), as
    (left, width) in units of the narrowest bar."""
    from reportlab.graphics.barcode.code128 import Code128

    symbol = Code128(code, humanReadable=False, quiet=False)
    symbol.validate()
    symbol.encode()
    symbol.decompose()
    bars: list[tuple[int, int]] = []
    left = 0
    for c in symbol.decomposed:
        if "a" <= c <= "z":
            left += ord(c) - 96
        elif "A" <= c <= "Z":
            w = ord(c) - 64
            bars.append((left, w))
            left += w
    return bars


def _cells(layout: NoticeLayout, w: float, h: float) -> list[tuple[float, float, bool, float]]:
    """Where each notice of a sheet goes: (x, y, turned a quarter, scale), in reading order."""
    if layout.per_sheet == 1:
        return [(0.0, 0.0, False, w / DESIGN_W)]
    if layout.per_sheet == 2:
        scale = (h / 2) / DESIGN_W
        # turned: the design's x runs up the sheet, its y to the left; origin at a cell's
        # bottom-right corner
        return [(w, h / 2, True, scale), (w, 0.0, True, scale)]
    scale = (w / 2) / DESIGN_W
    return [
        (0.0, h / 2, False, scale),
        (w / 2, h / 2, False, scale),
        (0.0, 0.0, False, scale),
        (w / 2, 0.0, False, scale),
    ]


__all__ = ["NoticeLayout"]
