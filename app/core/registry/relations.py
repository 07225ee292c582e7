"""The relation to the head (与户主关系) when a household's head changes.

A relation is always to the present head, so whenever the head changes (a new head named, a
household split or merged, a head moving out or deleted) the relations of the people under the new
head are worked out again, by these rules:

* the head is 户主;
* the head who steps down gets the relation the user picked, else the reverse of the new head's
  relation to them when it is plain (the new head was their 配偶 → 配偶; their 子/女 → 父亲/母亲
  by gender), else 其他;
* the other members get the relation the user picked, else the one that follows when the new head
  was the old head's child or spouse (儿媳 → 配偶, 孙子 → 子 under a son or daughter; children stay
  children under a spouse), or when the old head becomes the new head's son, daughter or spouse
  (a son's 配偶 → 儿媳, his 子 → 孙子), else 其他;
* members whose head does not change keep their relation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.core.registry.vocabulary import HEAD as HEAD
from app.core.registry.vocabulary import OTHER as OTHER
from app.core.registry.vocabulary import RELATIONS
from app.db.models import Resident

# the relations commonly written in rosters (what the forms offer)
COMMON = RELATIONS

_DESCENDANTS = ("子", "女", "儿媳", "女婿", "孙子", "孙女", "外孙子", "外孙女")
# the old head's members, seen by their child who heads them now
_UNDER_CHILD = {
    "儿媳": "配偶",
    "女婿": "配偶",
    "孙子": "子",
    "孙女": "女",
    "外孙子": "子",
    "外孙女": "女",
}
# … by their spouse who heads them now (the children are the same children)
_UNDER_SPOUSE = {r: r for r in _DESCENDANTS}
# the old head's members, when the old head becomes the new head's son / daughter
_UNDER_FATHER_OF_SON = {"配偶": "儿媳", "子": "孙子", "女": "孙女"}
_UNDER_FATHER_OF_DAUGHTER = {"配偶": "女婿", "子": "外孙子", "女": "外孙女"}


def clean(relation: str | None) -> str | None:
    """A relation as typed (spaces dropped), None when empty."""
    text = "".join((relation or "").split())
    return text or None


def stepped_down(new_head_was: str | None, gender: str | None, picked: str | None = None) -> str:
    """The relation of a head who steps down but stays under the new head."""
    if clean(picked):
        return clean(picked) or OTHER
    if new_head_was == "配偶":
        return "配偶"
    if new_head_was in ("子", "女"):
        return {"M": "父亲", "F": "母亲"}.get(gender or "", OTHER)
    return OTHER


def follows(
    relation: str | None,
    *,
    new_head_was: str | None = None,
    old_head_becomes: str | None = None,
    picked: str | None = None,
) -> str:
    """A member's relation to the new head: `relation` was to the old head, `new_head_was` is the new
    head's relation to the old one, or `old_head_becomes` the old head's relation to the new one."""
    if clean(picked):
        return clean(picked) or OTHER
    table: dict[str, str] = {}
    if new_head_was in ("子", "女"):
        table = _UNDER_CHILD
    elif new_head_was == "配偶" or old_head_becomes == "配偶":
        table = _UNDER_SPOUSE
    elif old_head_becomes == "子":
        table = _UNDER_FATHER_OF_SON
    elif old_head_becomes == "女":
        table = _UNDER_FATHER_OF_DAUGHTER
    return table.get(relation or "", OTHER)


def under(
    family: Sequence[Resident],
    old_head: Resident | None,
    new_head: Resident,
    picked: Mapping[int, str],
) -> dict[int, str]:
    """The relations of `family` (who had `old_head`) under `new_head`: resident id → relation."""
    out: dict[int, str] = {}
    if old_head is new_head:  # their head stays: only what the user picked changes
        return {m.id: r for m in family if m is not new_head and (r := clean(picked.get(m.id)))}
    in_family = new_head in family
    new_head_was = new_head.relation if in_family else None
    becomes: str | None = None
    if old_head is not None and old_head in family:
        becomes = (
            stepped_down(new_head_was, old_head.gender, picked.get(old_head.id))
            if in_family
            else clean(picked.get(old_head.id)) or OTHER
        )
        out[old_head.id] = becomes
    for m in family:
        if m is new_head or m is old_head:
            continue
        out[m.id] = follows(
            m.relation,
            new_head_was=new_head_was,
            old_head_becomes=None if in_family else becomes,
            picked=picked.get(m.id),
        )
    return out


def settle(people: Sequence[Resident], wanted: Mapping[int, str]) -> None:
    """Heads become 户主; the others take the relation `under` worked out for them."""
    for person in people:
        if person.is_head:
            person.relation = HEAD
        elif person.id in wanted and person.relation != wanted[person.id]:
            person.relation = wanted[person.id]
