"""The user guide as the program ships it: both languages found through importlib.resources with
the same sections, the Markdown read as the guide writes it, and the PDF carrying its headings."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.office import user_guide
from app.core.office.user_guide import Block, Item, inline_markup, parse_guide, plain_text


def headings(lang: str) -> list[tuple[int, str]]:
    return [
        (b.level, b.text) for b in parse_guide(user_guide.guide_text(lang)) if b.kind == "heading"
    ]


def test_both_languages_are_found_and_unknown_ones_fall_back_to_chinese():
    zh, en = user_guide.guide_text("zh"), user_guide.guide_text("en")
    assert zh.startswith("# GridDesk 社区应急工作台 用户手册")
    assert en.startswith("# GridDesk user guide")
    assert user_guide.guide_text("fr") == zh
    assert user_guide.guide_text(None) == zh


def test_both_guides_have_the_same_sections_in_the_same_order():
    zh, en = headings("zh"), headings("en")
    assert [level for level, _ in zh] == [level for level, _ in en]
    assert len(zh) > 15
    assert [level for level, _ in zh][:1] == [1]
    for lang, found in (("zh", zh), ("en", en)):
        assert (2, user_guide.SHORTCUTS_HEADING[lang]) in found


def test_both_shortcut_tables_have_the_same_keys():
    def table_keys(lang: str) -> list[str]:
        blocks = parse_guide(user_guide.guide_text(lang))
        start = blocks.index(Block("heading", user_guide.SHORTCUTS_HEADING[lang], level=2))
        table = next(b for b in blocks[start:] if b.kind == "table")
        keys = [row[0] for row in table.rows[1:]]
        # the Chinese table names a few keys in words
        words = {"回车": "Enter", "加号": "+", "减号": "-"}
        for chinese, key in words.items():
            keys = [k.replace(chinese, key) for k in keys]
        return [re.sub(r"[^A-Za-z0-9+\-]", "", k) for k in keys]

    zh, en = table_keys("zh"), table_keys("en")
    assert len(zh) == len(en) > 20
    assert zh == en


def test_the_markdown_the_guide_uses():
    text = """# Title

A paragraph
on two lines.

## Section

1. first
2. second, with
   - a nested point
   - another
3. third

- a bullet

| key | does |
|---|---|
| Ctrl+F | find \\| search |
"""
    assert parse_guide(text) == [
        Block("heading", "Title", level=1),
        Block("paragraph", "A paragraph on two lines."),
        Block("heading", "Section", level=2),
        Block(
            "numbers",
            items=(
                Item("first"),
                Item("second, with", (Item("a nested point"), Item("another"))),
                Item("third"),
            ),
        ),
        Block("bullets", items=(Item("a bullet"),)),
        Block("table", rows=(("key", "does"), ("Ctrl+F", "find \\| search"))),
    ]


def test_inline_markup_is_escaped_and_bold_and_code_are_marked():
    marked = inline_markup("**导入** <b> & 420106\\*\\*1234 `griddesk-cli check`")
    assert f'<font color="{user_guide.STRONG_COLOR}">导入</font>' in marked
    assert "&lt;b&gt; &amp; 420106**1234" in marked
    assert f'<font face="{user_guide.CODE_FONT}">griddesk-cli check</font>' in marked
    assert plain_text("**文件 → 打开** 张\\*三 `check`") == "文件 → 打开 张*三 check"


def test_tables_give_the_wide_column_the_room():
    shares = user_guide.column_shares(
        [("键", "作用说明很长很长的一列文字", "住户"), ("F1", "打开", "主窗口")]
    )
    assert abs(sum(shares) - 1) < 1e-9
    assert shares[1] > shares[0] and shares[1] > shares[2]


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8").split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_carries_every_heading_of_the_guide(tmp_path, lang):
    out = user_guide.write_guide_pdf(tmp_path / f"guide-{lang}.pdf", lang)
    assert out == tmp_path / f"guide-{lang}.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.partial"))
    text = pdf_text(out)
    for _level, heading in headings(lang):
        assert "".join(plain_text(heading).split()) in text, heading
    footer = "第1页共" if lang == "zh" else "Page1of"
    assert footer in text
    other = "认识窗口" if lang == "en" else "Thewindow"
    assert other not in text
