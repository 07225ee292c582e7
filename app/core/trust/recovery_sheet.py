"""The recovery key sheet: one A4 page to print at set-up and keep in the office safe.

It names the office and its first administrator, gives the key in large letters and says how to
use it (`users recover`, or 忘记密码 on the sign-in screen). A `.txt` file gets the same words as
plain text; either is written owner-only, for printing and then deleting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.core.common.files import write_bytes
from app.core.office.peek import OfficeInfo

_HOW_ZH = (
    "管理员忘记密码时：在登录窗口点“忘记密码”，输入本恢复密钥并设置新密码；或运行命令 "
    "griddesk users recover --recovery-key 本密钥所在文件。",
    "恢复密钥能打开本机构的全部数据：请放入保险柜，不要拍照、不要存在电脑或手机上。",
    "如果恢复密钥遗失而管理员也忘记了密码，数据将无法打开。",
)


def sheet_lines(info: OfficeInfo, admin: str, recovery: str) -> list[str]:
    return [
        "GridDesk 社区应急工作台 — 恢复密钥单",
        f"机构：{info.name}（{info.code}）",
        f"第一个管理员：{admin}",
        f"打印日期：{date.today().isoformat()}",
        "",
        recovery,
        "",
        *_HOW_ZH,
    ]


def write_recovery_key(path: Path, info: OfficeInfo, admin: str, recovery: str) -> Path:
    """The sheet as a PDF (a `.pdf` name) or plain text; returns where it was written."""
    path = path.expanduser().absolute()
    if path.suffix.lower() != ".pdf":
        text = "\n".join(sheet_lines(info, admin, recovery)) + "\n"
        return write_bytes(path, text.encode("utf-8"))
    return write_bytes(path, recovery_pdf(info, admin, recovery))


def recovery_pdf(info: OfficeInfo, admin: str, recovery: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    from app.core.common.pdf import register_cjk_font

    font = register_cjk_font()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setTitle("GridDesk 恢复密钥单")
    width, height = A4
    y = height - 30 * mm
    c.setFont(font, 18)
    c.drawString(25 * mm, y, "GridDesk 社区应急工作台 — 恢复密钥单")
    c.setFont(font, 12)
    for line in sheet_lines(info, admin, recovery)[1:4]:
        y -= 9 * mm
        c.drawString(25 * mm, y, line)
    groups = recovery.split("-")
    y -= 20 * mm
    c.setFont("Courier-Bold", 20)
    for start in range(0, len(groups), 5):
        c.drawString(25 * mm, y, "  ".join(groups[start : start + 5]))
        y -= 11 * mm
    c.setLineWidth(0.8)
    c.rect(20 * mm, y + 4 * mm, width - 40 * mm, (len(groups) + 4) // 5 * 11 * mm + 10 * mm)
    # the instructions wrapped as Chinese wraps (between any two characters, never a lone mark)
    style = ParagraphStyle("how", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    y -= 6 * mm
    for text in _HOW_ZH:
        para = Paragraph(text, style)
        _w, h = para.wrap(width - 50 * mm, y)
        y -= h
        para.drawOn(c, 25 * mm, y)
        y -= 4 * mm
    c.showPage()
    c.save()
    return buf.getvalue()
