"""What a record in a package may hold, column by column (docs/exchange-format.md §3.3, §7).

The rules come from the models themselves, so they cannot drift from the tables: a column's type
(text of at most its length, an integer that fits the narrower of the two databases, a flag, a
date or time in the format of §3.3), whether it may be null, whether a record may leave it out
(a column with a default may be missing in a package of an older program; one without must be
there), and the allowed values and bounds of its single-column CHECK constraints (`kind IN (…)`,
`qty >= 1`, `count >= 1 AND count <= 100`). A CHECK that ties two columns together (a shift ends
after it starts) is left to the database, which refuses the package naming the constraint.

`convert` checks a whole column of values at once (types by one `map`, bounds by one `min`/`max`,
text formats once per distinct value) and returns them as database values; a refusal names the
record, the column and what is wrong, and never shows an ID number or a phone unmasked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Time,
)

from app.core.common.masking import mask_id_number, mask_phone
from app.db.bulk import per_distinct

# PostgreSQL's INTEGER, the narrower of the two databases' integers (SQLite's are 64-bit)
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# the travelling columns a record must carry (deleted_at and delete_reason may be left out: null)
TRAVELLING_REQUIRED = ("uuid", "origin", "seq", "created_at", "updated_at")
UUID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_UUIDS = re.compile(f"(?:{UUID_PATTERN}\n)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
# columns whose values are shown masked in a refusal
_MASKS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "doc_number": mask_phone,  # a passport or permit number: its last four, as a phone's
}


class RecordInvalid(ValueError):
    """A value a column cannot hold: `column`, the reason in both languages and the index of the
    first record holding such a value."""

    def __init__(self, column: str, zh: str, en: str, index: int) -> None:
        super().__init__(f"{column}: {en}")
        self.column = column
        self.zh = zh
        self.en = en
        self.index = index


@dataclass(frozen=True)
class Rule:
    key: str
    kind: str  # text, integer, boolean, date, datetime, time, ref
    max_length: int | None = None
    nullable: bool = True
    required: bool = False  # every record must carry it
    allowed: frozenset[str] | None = None
    minimum: int | None = None
    maximum: int | None = None
    nonzero: bool = False
    ref: str | None = None  # the referenced entity (the value is its uuid)

    def describe(self) -> str:
        """The rule in words, for the format document's tables."""
        parts = []
        if self.allowed is not None:
            parts.append(" / ".join(f"`{v}`" for v in sorted(self.allowed)))
        low = None if self.minimum in (None, INT_MIN) else self.minimum
        high = None if self.maximum in (None, INT_MAX) else self.maximum
        if low is not None and high is not None:
            parts.append(f"{low}…{high}")
        elif low is not None:
            parts.append(f"≥ {low}")
        elif high is not None:
            parts.append(f"≤ {high}")
        if self.nonzero:
            parts.append("≠ 0")
        return ", ".join(parts)


# -- the rules, read from the models -----------------------------------------------------------

_ENUM_IN = re.compile(r"^(\w+) IN \(('[^']*'(?:, '[^']*')*)\)$")
_ENUM_EQ = re.compile(r"^(\w+) = '([^']*)'$")
_BOUND = re.compile(r"^(\w+) (>=|>|<=|<|<>) (-?\d+)$")


def _conjunct(text: str) -> tuple[str, dict[str, Any]] | None:
    """(column, rule fields) of one single-column condition, or None."""
    text = text.strip()
    nullable = re.match(r"^(\w+) IS NULL OR (.*)$", text)
    if nullable:
        column, rest = nullable.groups()
        found = _conjunct(rest)
        return found if found is not None and found[0] == column else None
    found_in = _ENUM_IN.match(text)
    if found_in:
        values = re.findall(r"'([^']*)'", found_in.group(2))
        return found_in.group(1), {"allowed": frozenset(values)}
    alternatives = [_ENUM_EQ.match(part.strip()) for part in text.split(" OR ")]
    if all(alternatives):
        columns = {m.group(1) for m in alternatives if m}
        if len(columns) == 1:
            return columns.pop(), {"allowed": frozenset(m.group(2) for m in alternatives if m)}
        return None
    bound = _BOUND.match(text)
    if bound:
        column, op, number = bound.group(1), bound.group(2), int(bound.group(3))
        field = {
            ">=": ("minimum", number),
            ">": ("minimum", number + 1),
            "<=": ("maximum", number),
            "<": ("maximum", number - 1),
            "<>": ("nonzero", True),
        }[op]
        if op == "<>" and number != 0:
            return None
        return column, {field[0]: field[1]}
    return None


def single_column_checks(table: Table) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The table's CHECK constraints that bound one column each, as rule fields per column, and
    the names of those that tie columns together (left to the database)."""
    fields: dict[str, dict[str, Any]] = {}
    cross: list[str] = []
    for constraint in table.constraints:
        if not isinstance(constraint, CheckConstraint):
            continue
        sql = str(constraint.sqltext)
        parts = [] if "(" in sql and " IN (" not in sql else sql.split(" AND ")
        found = [_conjunct(p) for p in parts]
        if not parts or not all(found):
            cross.append(str(constraint.name))
            continue
        for item in found:
            assert item is not None
            fields.setdefault(item[0], {}).update(item[1])
    return fields, cross


def _kind(column: Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Time):
        return "time"
    if isinstance(kind, Integer):
        return "integer"
    if isinstance(kind, String):  # Text included
        return "text"
    raise TypeError(f"{column.table.name}.{column.key}: no exchange rule for {kind!r}")


@cache
def rules(table: Table, refs: tuple[tuple[str, str], ...]) -> dict[str, Rule]:
    """Every column's rule (but the local `id`); `refs` maps reference columns to entities."""
    by_ref = dict(refs)
    checks, _cross = single_column_checks(table)
    out: dict[str, Rule] = {}
    for column in table.columns:
        if column.key == "id":
            continue
        extra = checks.get(column.key, {})
        kind = "ref" if column.key in by_ref else _kind(column)
        length = getattr(column.type, "length", None) if kind == "text" else None
        out[column.key] = Rule(
            key=column.key,
            kind=kind,
            max_length=length,
            nullable=bool(column.nullable),
            required=column.key in TRAVELLING_REQUIRED
            or (not column.nullable and column.default is None and column.server_default is None),
            allowed=extra.get("allowed"),
            minimum=extra.get("minimum", INT_MIN if kind == "integer" else None),
            maximum=extra.get("maximum", INT_MAX if kind == "integer" else None),
            nonzero=bool(extra.get("nonzero")),
            ref=by_ref.get(column.key),
        )
    return out


# -- checking and converting a column ----------------------------------------------------------


def shown(key: str, value: Any) -> str:
    """A value as a refusal may show it: numbers and flags as they are, a phone or an ID number
    masked, other text not at all (a name or an address is nobody's business on a screen)."""
    mask = _MASKS.get(key)
    if mask is not None and isinstance(value, str | int | float) and not isinstance(value, bool):
        return mask(str(value))
    if value is None or isinstance(value, bool | int | float):
        return repr(value)[:40]
    if isinstance(value, str):
        return f"text of {len(value)} characters"
    return type(value).__name__


def _first(values: Sequence[Any], bad: Callable[[Any], bool]) -> int:
    return next(i for i, v in enumerate(values) if bad(v))


def _types(rule: Rule, values: Sequence[Any], allowed: set[type]) -> bool:
    """Refuse a value of another type (or a null where none may be); True if any is null."""
    types = set(map(type, values))
    if types <= allowed:
        return False
    if types <= allowed | {type(None)}:
        if not rule.nullable:
            index = _first(values, lambda v: v is None)
            raise RecordInvalid(rule.key, "不能为空（null）", "may not be null", index)
        return True
    index = _first(values, lambda v: v is not None and type(v) not in allowed)
    zh, en = _KIND_WORDS[rule.kind]
    value = shown(rule.key, values[index])
    raise RecordInvalid(rule.key, f"{value} 不是{zh}", f"{value} is not {en}", index)


_KIND_WORDS = {
    "ref": ("记录的 uuid", "a record's uuid"),
    "boolean": ("true 或 false", "true or false"),
    "integer": ("整数", "a whole number"),
    "text": ("文本", "text"),
    "date": ("日期文本", "a date as text"),
    "datetime": ("时间文本", "a time as text"),
    "time": ("时刻文本", "a time of day as text"),
}


def _parser(rule: Rule) -> Callable[[str], Any]:
    pattern, parse = {
        "date": (_DATE, date.fromisoformat),
        "datetime": (_DATETIME, datetime.fromisoformat),
        "time": (_TIME, time.fromisoformat),
    }[rule.kind]

    def convert(text: str) -> Any:
        if not pattern.fullmatch(text):
            raise ValueError(text)
        return parse(text)

    return convert


FORMS = {"date": "YYYY-MM-DD", "datetime": "YYYY-MM-DDTHH:MM:SS[.ffffff]", "time": "HH:MM:SS"}


def convert(rule: Rule, values: list[Any]) -> list[Any]:
    """`values` of one column checked against `rule` and converted to database values (dates and
    times parsed, each distinct text once); RecordInvalid on the first that does not fit."""
    if rule.kind == "ref":
        _types(rule, values, {str})
        return values
    if rule.kind == "boolean":
        _types(rule, values, {bool})
        return values
    if rule.kind == "integer":
        has_null = _types(rule, values, {int})
        numbers = [v for v in values if v is not None] if has_null else values
        if numbers:
            low, high = min(numbers), max(numbers)
            if rule.minimum is not None and low < rule.minimum:
                raise RecordInvalid(
                    rule.key,
                    f"{low} 小于 {rule.minimum}",
                    f"{low} is below {rule.minimum}",
                    values.index(low),
                )
            if rule.maximum is not None and high > rule.maximum:
                raise RecordInvalid(
                    rule.key,
                    f"{high} 大于 {rule.maximum}",
                    f"{high} is above {rule.maximum}",
                    values.index(high),
                )
            if rule.nonzero and 0 in numbers:
                raise RecordInvalid(rule.key, "不能为 0", "may not be 0", values.index(0))
        return values
    has_null = _types(rule, values, {str})
    texts = [v for v in values if v is not None] if has_null else values
    if rule.kind == "text":
        if texts and "\x00" in "".join(texts):  # PostgreSQL's text cannot hold it
            index = _first(values, lambda v: v is not None and "\x00" in v)
            raise RecordInvalid(
                rule.key, "含有 NUL 字符（U+0000）", "holds a NUL character (U+0000)", index
            )
        if rule.allowed is not None:
            unknown = set(texts) - rule.allowed
            if unknown:
                bad = min(unknown)
                index = values.index(bad)
                allowed = ", ".join(sorted(rule.allowed))
                raise RecordInvalid(
                    rule.key,
                    f"{bad[:40]!r} 不是 {allowed} 之一",
                    f"{bad[:40]!r} is not one of {allowed}",
                    index,
                )
        if rule.max_length is not None and texts:
            longest = max(map(len, texts))
            if longest > rule.max_length:
                index = _first(values, lambda v: v is not None and len(v) == longest)
                raise RecordInvalid(
                    rule.key,
                    f"{longest} 个字符，最多 {rule.max_length} 个",
                    f"{longest} characters, at most {rule.max_length}",
                    index,
                )
        return values
    parse = _parser(rule)

    def checked(text: str | None) -> Any:
        return None if text is None else parse(text)

    try:
        return per_distinct(checked, values)
    except ValueError:
        index = _first(values, lambda v: v is not None and not _parses(parse, v))
        form = FORMS[rule.kind]
        raise RecordInvalid(
            rule.key, f"不是 {form} 格式的有效值", f"not a valid {form}", index
        ) from None


def _parses(parse: Callable[[str], Any], text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


def uuids_invalid(values: Sequence[Any]) -> int | None:
    """The index of the first value that is not a uuid as GridDesk writes them (lower-case
    hexadecimal in groups of 8-4-4-4-12), or None; one regular expression over all of them (the
    length rules out a value holding a line break and two uuids)."""
    if set(map(type, values)) <= {str}:
        joined = "\n".join(values) + "\n"
        if len(joined) == 37 * len(values) and _UUIDS.fullmatch(joined):
            return None
    return _first(values, lambda v: not (isinstance(v, str) and re.fullmatch(UUID_PATTERN, v)))
