"""Type-ahead search over the registry from one box, as staff type while on the phone.

What the box understands, decided from what was typed:

* a name or its start (张三, 张) — the name index of live residents;
* pinyin, full or initials (zhangsan, zhangs, zs) — the letters are expanded into the characters
  that can stand at each position (from `name_char`, which holds every name character once with all
  its readings, so 单 answers to shan and dan), then the name index is walked for those characters;
* the last 4–18 digits of an ID number or a phone (1234, 13812345678) — one probe of each of the
  two tail indexes (revision 0014), then an exact comparison of the tail;
* an address or its start (3-2-502, 3栋2单元502, 3-2, 3栋) and 1–3 digits as a building number;
* a household code as printed on its barcode (H000123).

Results are residents (live ones, moved-out and deceased marked), at most `limit`, with ID numbers
and phones masked for the screen. A grid worker finds the residents of their grids only: each kind
is asked for more candidates (`SCOPED_FACTOR`), and the details keep those of their grids
(app.core.trust.scope) — the one place a hit is made, so no other grid's resident is shown. A
viewer, who sees no one's record, is refused.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, bindparam, text
from sqlalchemy.orm import Session

from app.core.common.masking import mask_id_number, mask_phone
from app.core.registry import address
from app.core.trust import scope

DEFAULT_LIMIT = 50
SCOPED_FACTOR = 20  # a grid worker's search asks each kind for this many times `limit`
MAX_NAME_LENGTH = 6  # positions a pinyin query may cover
MAX_PREFIXES = 6000  # two-character name prefixes one pinyin query may probe
_TOP = "\U0010ffff"  # sorts after every character: name < c + _TOP ⇔ name starts with c (or less)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^\d+[xX]?$")
_HOUSEHOLD_CODE = re.compile(r"^[hH]\d{2,}$")
_ADDRESS_WORDS = re.compile(r"栋|幢|号楼|单元|室")


@dataclass(frozen=True)
class Hit:
    """One resident found, as the result list shows it (masked)."""

    resident_id: int
    household_id: int
    name: str
    gender: str | None
    id_masked: str
    phone_masked: str
    address_code: str
    household_code: str
    relation: str | None
    is_head: bool
    status: str
    matched: str  # name, pinyin, id_tail, phone_tail, address, household_code
    community: str = ""  # the code of the office that owns the record


def normalise(query: str) -> str:
    """Full-width as ASCII, spaces of every kind removed, Latin letters lower-cased."""
    cleaned = address.clean(query)
    return cleaned.lower() if cleaned.isascii() else cleaned


def kind_of(query: str) -> str:
    """What a normalised query is taken to be."""
    if not query:
        return "empty"
    if _HOUSEHOLD_CODE.match(query):
        return "household_code"
    if _DIGITS.match(query):
        return "tail" if len(query) >= 4 else "address"
    if _ADDRESS_WORDS.search(query) or (
        not _CJK.search(query) and address.code_prefix(query) is not None
    ):
        return "address"
    if _LATIN.match(query):
        return "pinyin"
    if _CJK.search(query):
        return "name"
    return "none"


class CharTable:
    """Characters of residents' names and their readings, loaded once and refreshed when it grew."""

    def __init__(self) -> None:
        self._count = -1
        self.readings: dict[str, tuple[str, ...]] = {}
        self.syllables: set[str] = set()

    def refresh(self, session: Session) -> None:
        count = session.execute(text("SELECT count(*) FROM name_char")).scalar_one()
        if count == self._count:
            return
        readings = {
            ch: tuple(r.split())
            for ch, r in session.execute(text("SELECT ch, readings FROM name_char"))
        }
        self.readings = readings
        self.syllables = {s for rs in readings.values() for s in rs}
        self._count = count

    def chars_where(self, token: str, exact: bool) -> list[str]:
        """Characters with a reading equal to (exact) or starting with `token`; those for which it
        is the first (most common) reading come first: z → 张 before 丁 (zheng is 丁's rare one)."""
        ranked = []
        for ch, rs in self.readings.items():
            for rank, r in enumerate(rs):
                if r == token or (not exact and r.startswith(token)):
                    ranked.append((min(rank, 1), ch))
                    break
        return [ch for _rank, ch in sorted(ranked)]


def segmentations(query: str, syllables: set[str], limit: int = 24) -> list[list[tuple[str, bool]]]:
    """Ways to read `query` as whole syllables, the last possibly cut short: (token, exact) lists.

    zhangs → [(zhang, exact), (s, prefix)], [(zha, exact), (ngs …)] is dropped (no syllable starts
    with ngs); xian → [(xian, exact)], [(xi, exact), (an, exact)], [(xi, exact), (a, prefix)] …
    """
    found: list[list[tuple[str, bool]]] = []
    longest = max((len(s) for s in syllables), default=0)

    def walk(pos: int, tokens: list[tuple[str, bool]]) -> None:
        if len(found) >= limit or len(tokens) > MAX_NAME_LENGTH:
            return
        if pos == len(query):
            found.append(list(tokens))
            return
        rest = query[pos:]
        for end in range(min(len(query), pos + longest), pos, -1):
            piece = query[pos:end]
            if piece in syllables:
                tokens.append((piece, True))
                walk(end, tokens)
                tokens.pop()
        if any(s.startswith(rest) and s != rest for s in syllables):
            found.append([*tokens, (rest, False)])

    walk(0, [])
    return found


class RegistrySearch:
    """The search box's engine; keep one per open database (it caches the character table)."""

    def __init__(self) -> None:
        self.chars = CharTable()
        self.last_ms = 0.0

    def search(self, session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
        started = time.perf_counter()
        own = scope.personal(session)
        wanted = limit
        if own is not None:
            limit = limit * SCOPED_FACTOR
        q = normalise(query)
        kind = kind_of(q)
        found: list[tuple[int, str]] = []
        if kind == "name":
            found = [(i, "name") for i in self._names_starting(session, q, limit)]
        elif kind == "pinyin":
            found = [(i, "pinyin") for i in self._pinyin(session, q, limit)]
        elif kind == "tail":
            found = self._tails(session, q, limit)
        elif kind == "address":
            prefix = address.code_prefix(q) or (f"{q}-" if q.isdigit() else None)
            if prefix:
                found = [(i, "address") for i in self._address(session, prefix, limit)]
        elif kind == "household_code":
            found = [(i, "household_code") for i in self._household_code(session, q, limit)]
        hits = self._details(session, found, own)[:wanted]
        self.last_ms = (time.perf_counter() - started) * 1000
        return hits

    # --- the kinds ---------------------------------------------------------------------------

    @staticmethod
    def _names_starting(session: Session, prefix: str, limit: int) -> list[int]:
        if _on_postgresql(session):
            rows = session.execute(
                text(
                    "SELECT id FROM resident WHERE deleted_at IS NULL "
                    "AND starts_with(name, :prefix) ORDER BY name, id LIMIT :n"
                ),
                {"prefix": prefix, "n": limit},
            )
            return [r[0] for r in rows]
        rows = session.execute(
            text(
                "SELECT id FROM resident INDEXED BY ix_resident_name WHERE deleted_at IS NULL "
                "AND name >= :lo AND name < :hi ORDER BY name, id LIMIT :n"
            ),
            {"lo": prefix, "hi": prefix + _TOP, "n": limit},
        )
        return [r[0] for r in rows]

    def _pinyin(self, session: Session, q: str, limit: int) -> list[int]:
        self.chars.refresh(session)
        patterns: list[list[list[str]]] = []
        if len(q) <= MAX_NAME_LENGTH:  # initials: zs → 张三
            patterns.append([self.chars.chars_where(letter, exact=False) for letter in q])
        for tokens in segmentations(q, self.chars.syllables):
            patterns.append([self.chars.chars_where(t, exact) for t, exact in tokens])
        ids: list[int] = []
        seen: set[int] = set()
        # fewer positions first: for "xian", 冼 before 西安; then as found
        for pattern in sorted(patterns, key=len):
            if any(not s for s in pattern):
                continue
            # names of exactly that many characters first: zs → 张三 before 张三丰
            for exact_length in (True, False) if len(pattern) > 1 else (False,):
                for rid in self._walk_names(session, pattern, limit - len(ids), exact_length):
                    if rid not in seen:
                        seen.add(rid)
                        ids.append(rid)
                if len(ids) >= limit:
                    return ids
        return ids

    @staticmethod
    def _walk_names(
        session: Session, pattern: Sequence[list[str]], limit: int, exact_length: bool = False
    ) -> list[int]:
        """Live residents whose name has a character of pattern[i] at position i (i = 0, 1, …).

        The first two positions become name prefixes (each one index probe, best-ranked first);
        further positions are checked on the index entries. Only first characters that start some
        name are combined, so "zs" probes 张/赵/周… × the s-characters, not every z-character.
        """
        if limit <= 0:
            return []
        if _on_postgresql(session):
            return _walk_names_postgresql(session, pattern, limit, exact_length)
        firsts = [
            r[0]
            for r in session.execute(
                text(
                    "SELECT p.value FROM json_each(:chars) p WHERE EXISTS (SELECT 1 FROM resident "
                    "WHERE name >= p.value AND name < p.value || :top AND deleted_at IS NULL) "
                    "ORDER BY p.key"
                ),
                {"chars": json.dumps(pattern[0]), "top": _TOP},
            )
        ]
        if not firsts:
            return []
        if len(pattern) == 1:
            prefixes = firsts
        else:
            prefixes = [a + b for a in firsts for b in pattern[1]][:MAX_PREFIXES]
        sql = (
            "SELECT r.id FROM json_each(:prefixes) p JOIN resident r INDEXED BY ix_resident_name "
            "ON r.name >= p.value AND r.name < p.value || :top WHERE r.deleted_at IS NULL"
        )
        params: dict[str, object] = {"prefixes": json.dumps(prefixes), "top": _TOP, "n": limit}
        for i, chars in enumerate(pattern[2:], start=3):
            sql += f" AND substr(r.name, {i}, 1) IN (SELECT value FROM json_each(:p{i}))"
            params[f"p{i}"] = json.dumps(chars)
        if exact_length:
            sql += f" AND length(r.name) = {len(pattern)}"
        return [r[0] for r in session.execute(text(sql + " LIMIT :n"), params)]

    @staticmethod
    def _tails(session: Session, q: str, limit: int) -> list[tuple[int, str]]:
        q = q.upper()
        # the tail expressions are those of the two indexes of revision 0014, character for
        # character: the planner uses an expression index only for the very same expression
        if _on_postgresql(session):
            tail_id, tail_phone, end = "right(id_number, 4)", "right(phone, 4)", "right({}, :len)"
        else:
            tail_id, tail_phone, end = (
                "substr(id_number, -4)",
                "substr(phone, -4)",
                "substr({}, -:len)",
            )
        by_id, by_phone = end.format("id_number"), end.format("phone")
        rows = session.execute(
            text(
                f"SELECT id, {by_id} = :q AS by_id FROM resident "
                f"WHERE ({tail_id} = :tail OR {tail_phone} = :tail) AND deleted_at IS NULL "
                f"AND ({by_id} = :q OR {by_phone} = :q) "
                "ORDER BY name, id LIMIT :n"
            ),
            {"tail": q[-4:], "q": q, "len": len(q), "n": limit},
        )
        return [(r[0], "id_tail" if r[1] else "phone_tail") for r in rows]

    @staticmethod
    def _address(session: Session, prefix: str, limit: int) -> list[int]:
        if _on_postgresql(session):
            return _household_prefix_postgresql(session, "address_code", prefix, limit)
        rows = session.execute(
            text(
                "SELECT r.id FROM household h JOIN resident r ON r.household_id = h.id "
                "WHERE h.origin IN (SELECT DISTINCT origin FROM household) "
                "AND h.address_code >= :lo AND h.address_code < :hi "
                "AND h.deleted_at IS NULL AND r.deleted_at IS NULL "
                "ORDER BY h.address_code, r.is_head DESC, r.id LIMIT :n"
            ),
            {"lo": prefix, "hi": prefix + _TOP, "n": limit},
        )
        return [r[0] for r in rows]

    @staticmethod
    def _household_code(session: Session, q: str, limit: int) -> list[int]:
        code = q.upper()
        if _on_postgresql(session):
            return _household_prefix_postgresql(session, "code", code, limit)
        rows = session.execute(
            text(
                "SELECT r.id FROM household h JOIN resident r ON r.household_id = h.id "
                "WHERE h.origin IN (SELECT DISTINCT origin FROM household) "
                "AND h.code >= :lo AND h.code < :hi "
                "AND h.deleted_at IS NULL AND r.deleted_at IS NULL "
                "ORDER BY h.code, r.is_head DESC, r.id LIMIT :n"
            ),
            {"lo": code, "hi": code + _TOP, "n": limit},
        )
        return [r[0] for r in rows]

    @staticmethod
    def _details(
        session: Session, found: Iterable[tuple[int, str]], own: frozenset[int] | None = None
    ) -> list[Hit]:
        """The hits for the residents found, in order; with `own` (a grid worker's grid ids),
        those of these grids only."""
        order = list(found)
        if not order:
            return []
        sql = (
            "SELECT r.id, r.household_id, r.name, r.gender, r.id_number, r.phone, r.relation, "
            "r.is_head, r.status, h.address_code, h.code, r.origin "
            "FROM resident r JOIN household h ON h.id = r.household_id WHERE r.id IN :ids"
        )
        params: dict[str, object] = {"ids": [i for i, _ in order]}
        binds: list[BindParameter[Any]] = [bindparam("ids", expanding=True)]
        if own is not None:
            if not own:
                return []
            sql += " AND h.grid_id IN :own"
            params["own"] = sorted(own)
            binds.append(bindparam("own", expanding=True))
        stmt = text(sql).bindparams(*binds)
        rows = {r[0]: r for r in session.execute(stmt, params)}
        hits = []
        for rid, matched in order:
            r = rows.get(rid)
            if r is None:
                continue
            hits.append(
                Hit(
                    resident_id=r[0],
                    household_id=r[1],
                    name=r[2],
                    gender=r[3],
                    id_masked=mask_id_number(r[4]),
                    phone_masked=mask_phone(r[5]),
                    address_code=r[9],
                    household_code=r[10],
                    relation=r[6],
                    is_head=bool(r[7]),
                    status=r[8],
                    matched=matched,
                    community=r[11],
                )
            )
        return hits


def search(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """One search without a kept engine (the CLI, tests)."""
    return RegistrySearch().search(session, query, limit)


# --- PostgreSQL (a street office or district on a server) --------------------------------------
# The same answers without SQLite's json_each, INDEXED BY and negative substr: prefixes by
# starts_with (no dependence on the server's collation), tails by right(). Street offices search
# rarely; these are plain queries over the same indexes where PostgreSQL can use them.


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _walk_names_postgresql(
    session: Session, pattern: Sequence[list[str]], limit: int, exact_length: bool
) -> list[int]:
    firsts = [
        r[0]
        for r in session.execute(
            text(
                "SELECT p.value FROM json_array_elements_text(CAST(:chars AS json)) "
                "WITH ORDINALITY AS p(value, key) WHERE EXISTS (SELECT 1 FROM resident "
                "WHERE starts_with(name, p.value) AND deleted_at IS NULL) ORDER BY p.key"
            ),
            {"chars": json.dumps(pattern[0])},
        )
    ]
    if not firsts:
        return []
    if len(pattern) == 1:
        prefixes = firsts
    else:
        prefixes = [a + b for a in firsts for b in pattern[1]][:MAX_PREFIXES]
    sql = (
        "SELECT r.id FROM json_array_elements_text(CAST(:prefixes AS json)) "
        "WITH ORDINALITY AS p(value, key) JOIN resident r ON starts_with(r.name, p.value) "
        "WHERE r.deleted_at IS NULL"
    )
    params: dict[str, object] = {"prefixes": json.dumps(prefixes), "n": limit}
    for i, chars in enumerate(pattern[2:], start=3):
        sql += (
            f" AND substr(r.name, {i}, 1) IN (SELECT json_array_elements_text(CAST(:p{i} AS json)))"
        )
        params[f"p{i}"] = json.dumps(chars)
    if exact_length:
        sql += f" AND length(r.name) = {len(pattern)}"
    sql += " ORDER BY p.key, r.name, r.id LIMIT :n"
    return [r[0] for r in session.execute(text(sql), params)]


def _household_prefix_postgresql(
    session: Session, column: str, prefix: str, limit: int
) -> list[int]:
    assert column in ("address_code", "code")  # one of two names written here, never input
    rows = session.execute(
        text(
            "SELECT r.id FROM household h JOIN resident r ON r.household_id = h.id "
            f"WHERE starts_with(h.{column}, :prefix) "
            "AND h.deleted_at IS NULL AND r.deleted_at IS NULL "
            f"ORDER BY h.{column}, r.is_head DESC, r.id LIMIT :n"
        ),
        {"prefix": prefix, "n": limit},
    )
    return [r[0] for r in rows]
