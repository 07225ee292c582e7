"""Command groups shared by several areas (`import residents`, `import …`; `export residents`,
`export …`): each area adds its own subcommand to the group; the group's handler dispatches.

    inner = group(subparsers, "export", "export data to files")
    p = inner.add_parser("residents", help=...)
    p.set_defaults(handler=my_handler)
    return {"export": dispatch}
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

_INNER = "_griddesk_group"


def group(sub: Any, name: str, help_text: str) -> Any:
    """The subcommands of group `name`, made by whichever area asks first."""
    parser: argparse.ArgumentParser | None = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_text)
        inner = parser.add_subparsers(dest=f"{name}_what", metavar="WHAT", required=True)
        setattr(parser, _INNER, inner)
    return getattr(parser, _INNER)


def dispatch(args: argparse.Namespace, out: Any) -> int:
    """The handler of every group: runs the handler its subcommand set."""
    handler = args.handler
    return int(handler(args, out))


def write_json_report(path: Path, data: dict[str, Any]) -> None:
    """A command's --report file, written atomically: it appears whole or not at all."""
    from app.core.pdf import write_atomically
    from app.errors import InvalidInput

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(
            f"报告的文件夹不存在：{folder}", f"The report's folder does not exist: {folder}"
        )
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    write_atomically(path, lambda fh: fh.write(text))
