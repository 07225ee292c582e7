"""Reading a package's payload record by record, in bounded steps (docs/exchange-format.md §3.3).

The payload is `{"records": {"<entity>": [{…}, …], …}}`. It is decrypted one 64 KiB chunk at a
time, inflated at most 1 MiB at a time (`exchange_format.inflate`, refused beyond the length its
header declares, itself capped), decoded as UTF-8 as it comes, and parsed one record at a time with
the json module's own scanner. Nothing of it is ever held whole: neither the inflated text (116 MB
for 180,000 residents) nor a second copy of it as a string. What is kept is the records, in
`Batch`es of at most `BATCH_ROWS`, each row as a tuple of values beside the tuple of its keys
(a dict per row costs twice as much, and the scanner would give each row its own copies of the
keys).

Anything but this shape is refused with the reason: another top-level key, an entity named twice,
an entity this program does not know, a record that is not an object, one larger than
`MAX_RECORD_CHARS`, values nested deeper than the interpreter's stack allows, NaN or Infinity, text
after the end.
"""

from __future__ import annotations

import codecs
import json
import json.scanner
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.exchange import package_file as fmt

BATCH_ROWS = 20_000  # records of one entity handed over at a time
MAX_RECORD_CHARS = 4 * 1024 * 1024  # one record's JSON text (a long meeting's minutes: ~100 KiB)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class PayloadRefused(fmt.PackageDamaged):
    """A payload whose shape is not that of §3.3 (signed, so not damaged on the way: written so)."""


def _refused(what: str) -> PayloadRefused:
    return PayloadRefused(
        f"数据包内容不符合格式（{what}），未导入任何内容。",
        f"The package's contents do not follow the format ({what}); nothing was imported.",
    )


@dataclass
class Batch:
    """Up to BATCH_ROWS records of one entity, grouped by their keys (records written by an older
    program may lack newer columns): `groups[keys]` is the list of their values in that order."""

    entity: str
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = field(default_factory=dict)
    rows: int = 0

    def column(self, key: str) -> list[Any]:
        """Every record's value of `key` (None where a record lacks it), group after group."""
        out: list[Any] = []
        for keys, values in self.groups.items():
            if key in keys:
                out.extend(map(itemgetter(keys.index(key)), values))
            else:
                out.extend([None] * len(values))
        return out


class _Constant(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Constant(name)


class _Text:
    """The payload's text as it is inflated: a window `buf[pos:]` refilled piece by piece."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces
        self.buf = ""
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Append the next piece; False at the end of the text."""
        for piece in self.pieces:
            if piece:
                self.buf = self.buf[self.pos :] + piece
                self.pos = 0
                return True
        self.ended = True
        return False

    def peek(self) -> str:
        """The next character after any whitespace ("" at the end)."""
        while True:
            buf, pos = self.buf, self.pos
            pos = _WHITESPACE.match(buf, pos).end()  # type: ignore[union-attr]  # always matches
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self.more():
                return ""

    def expect(self, char: str, what: str) -> None:
        if self.peek() != char:
            raise _refused(f"{what}: expected {char!r}")
        self.pos += 1

    def value(self, scan: Callable[[str, int], tuple[Any, int]], what: str) -> Any:
        """One JSON value starting at the next character, parsed by the json module's scanner;
        the window grows until the value is whole (or proves not to be)."""
        self.peek()
        while True:
            try:
                value, end = scan(self.buf, self.pos)
            except (StopIteration, json.JSONDecodeError):
                if len(self.buf) - self.pos > MAX_RECORD_CHARS:
                    raise _refused(f"{what}: larger than {MAX_RECORD_CHARS:,} characters") from None
                if not self.more():
                    raise _refused(f"{what}: not valid JSON") from None
                continue
            except _Constant as exc:
                raise _refused(f"{what}: {exc} is not a number JSON allows") from None
            except RecursionError:
                raise _refused(f"{what}: values nested too deep") from None
            except ValueError as exc:  # an integer of more than 4,300 digits
                raise _refused(f"{what}: {exc}") from None
            self.pos = end
            return value


def _text(chunks: Iterator[bytes]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        for chunk in chunks:
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise _refused(f"not UTF-8: {exc.reason}") from None


def read_records(
    envelope: fmt.Envelope,
    own: X25519PrivateKey,
    known: Collection[str],
    on_text: Callable[[int], None] | None = None,
) -> Iterator[Batch]:
    """The records of a verified package, entity after entity, in batches (see the module's
    docstring). `known` are the entity names this program reads; `on_text(n)` is told the number
    of bytes inflated so far after each batch."""
    enc = fmt.encryption(envelope)
    inflated = 0

    def counted(chunks: Iterator[bytes]) -> Iterator[bytes]:
        nonlocal inflated
        for chunk in chunks:
            inflated += len(chunk)
            yield chunk

    chunks = fmt.decrypt_chunks(envelope.ciphertext, enc.ephemeral_public, own)
    text = _Text(_text(counted(fmt.inflate(chunks, enc.payload_limit, enc.payload_length))))
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    scan = json.scanner.make_scanner(decoder)  # type: ignore[arg-type]  # it takes a decoder
    text.expect("{", "payload")
    if text.peek() != '"' or text.value(scan, "payload") != "records":
        raise _refused('the payload holds one key, "records"')
    text.expect(":", "payload")
    text.expect("{", "records")
    seen: set[str] = set()
    if text.peek() == "}":
        text.pos += 1
    else:
        while True:
            if text.peek() != '"':
                raise _refused("records: expected an entity name")
            name = text.value(scan, "records")
            if name not in known:
                raise _refused(f"unknown entity {str(name)[:40]!r}")
            if name in seen:
                raise _refused(f"entity {name} given twice")
            seen.add(name)
            text.expect(":", name)
            text.expect("[", name)
            yield from _rows(text, scan, name, on_text, lambda: inflated)
            char = text.peek()
            text.pos += 1
            if char == "}":
                break
            if char != ",":
                raise _refused("records: expected ',' or '}'")
    text.expect("}", "payload")
    if text.peek() != "":
        raise _refused("text after the end of the payload")


def _rows(
    text: _Text,
    scan: Callable[[str, int], tuple[Any, int]],
    name: str,
    on_text: Callable[[int], None] | None,
    inflated: Callable[[], int],
) -> Iterator[Batch]:
    """The records of entity `name`, the array's `[` read; ends after its `]`."""
    if text.peek() == "]":
        text.pos += 1
        return
    batch = Batch(name)
    groups = batch.groups
    rows = 0
    while True:
        buf, pos = text.buf, text.pos
        try:  # the common case, a whole record in the window, without a call more
            row, end = scan(buf, pos)
        except Exception:  # whitespace, the window's end, or a refusal: `value`
            row = text.value(scan, name)
            buf, end = text.buf, text.pos
        if type(row) is not dict:
            raise _refused(f"a {name} record is not an object")
        keys = tuple(row)
        group = groups.get(keys)
        if group is None:
            group = groups[keys] = []
        group.append(tuple(row.values()))
        rows += 1
        char = buf[end] if end < len(buf) else ""  # canonical JSON: no whitespace
        text.pos = end
        if char != "," and char != "]":  # ("" in ",]" would be true)
            char = text.peek()
        text.pos += 1
        if rows >= BATCH_ROWS or char == "]":
            batch.rows = rows
            if on_text is not None:
                on_text(inflated())
            yield batch
            batch = Batch(name)
            groups = batch.groups
            rows = 0
        if char == "]":
            return
        if char != ",":
            raise _refused(f"{name}: expected ',' or ']'")
