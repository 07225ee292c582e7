"""Text as people type it, without what nobody types on purpose: control characters (NUL, the
terminal's escape sequences, C1 controls) and the invisible marks that reorder or hide what is
shown (bidi overrides such as U+202E and isolates such as U+2066, zero-width characters, the soft
hyphen). A name holding them would look like another name on screen, or rewrite the terminal a
command prints it to; they are removed wherever text enters (the forms, the imports, packages)."""

from __future__ import annotations

import re

# every character removed (tab, line feed and carriage return are spaces to the callers, which
# collapse whitespace; they are not in this set)
INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 controls, DEL
    "\u200b-\u200f\u2060\ufeff\u00ad\u061c"  # zero-width, LRM/RLM, word joiner, BOM, soft hyphen
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def strip_invisible(text: str) -> str:
    """`text` without control, bidi and zero-width characters."""
    return _INVISIBLE.sub("", text)


def has_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None
