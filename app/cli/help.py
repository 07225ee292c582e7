"""`help --out FILE.pdf [--lang en]`: the user guide as a PDF, the same document the window's
帮助 → 用户手册 → 打印/另存为 PDF… makes (app.core.office.user_guide).

It reads no database, so it works in a data folder that has not been set up: whoever installs the
program can print the guide before the office exists. `--lang` may follow the command (as staff
type it) or come before it, as for every command; the path written is the last word printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output


def cmd_help(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.user_guide import write_guide_pdf

    # `help --lang en` speaks English throughout: the guide, this message and a refusal
    # (printed by app.cli from args.lang)
    if args.guide_lang:
        args.lang = out.lang = args.guide_lang
    lang = args.lang
    target = Path(args.out).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"输出文件应以 .pdf 结尾：{target}", f"The output file must end in .pdf: {target}"
        )
    if not target.parent.is_dir():
        raise InvalidInput(
            f"输出文件夹不存在：{target.parent}",
            f"The output folder does not exist: {target.parent}",
        )
    try:
        write_guide_pdf(target, lang)
    except OSError as exc:
        raise InvalidInput(
            f"无法写入 {target}：{exc.strerror or exc}",
            f"Cannot write {target}: {exc.strerror or exc}",
        ) from None
    out.say(f"已写出用户手册，文件 {target}", f"Wrote the user guide to {target}")
    return 0


def register(sub: Any) -> dict[str, Any]:
    p = sub.add_parser("help", help="the user guide as a PDF")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument(
        "--lang",
        dest="guide_lang",
        choices=("zh", "en"),
        help="the guide's language (default: the global --lang, else Chinese)",
    )
    return {"help": cmd_help}
