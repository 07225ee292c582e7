"""Addresses of households as staff write them: 3栋2单元502室, 3号楼2单元502, 3-2-502 → 3-2-502.

The code form BUILDING-UNIT-ROOM is what the CLI and the barcodes use (CLI.md). A written address
may carry a compound's name in front (幸福里小区3栋2单元502室); only the numbers count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_BUILDING = r"(?P<b>\d{1,4}[A-Za-z]?)"
_UNIT = r"(?P<u>\d{1,2})"
_ROOM = r"(?P<r>[A-Za-z]?\d{1,5}[A-Za-z]?)"
_WRITTEN = re.compile(
    _BUILDING
    + r"\s*(?:栋|幢|号楼|号|楼|座)\s*"
    + _UNIT
    + r"\s*单元\s*"
    + _ROOM
    + r"\s*(?:室|号|房)?\s*$"
)
_CODE = re.compile(r"^" + _BUILDING + r"\s*-\s*" + _UNIT + r"\s*-\s*" + _ROOM + r"$")
# a building and a room without a unit (single-unit buildings): 7栋301 / 7-301
_NO_UNIT = re.compile(
    r"(?:^|[^\d])"
    + _BUILDING
    + r"\s*(?:栋|幢|号楼|号|楼|座|-)\s*(?P<r>[A-Za-z]?\d{3,5}[A-Za-z]?)\s*(?:室|号|房)?\s*$"
)


@dataclass(frozen=True)
class Address:
    building: str
    unit: int
    room: str

    @property
    def code(self) -> str:
        return f"{self.building}-{self.unit}-{self.room}"

    def written(self) -> str:
        return f"{self.building}栋{self.unit}单元{self.room}"


def clean(text: str) -> str:
    """Full-width characters as ASCII, every kind of space removed."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "\u200b\u200c\u200d\ufeff")


def building_number(value: str) -> str | None:
    """3栋 / 3号楼 / 3 / 12A → 3 / 3 / 3 / 12A."""
    m = re.match(r"^[^\d]*?(\d{1,4}[A-Za-z]?)\s*(?:栋|幢|号楼|号|楼|座)?$", clean(value))
    return m.group(1).upper().lstrip("0") or "0" if m else None


def unit_number(value: str) -> int | None:
    m = re.match(r"^(\d{1,2})(?:单元)?$", clean(value))
    return int(m.group(1)) if m else None


def room_number(value: str) -> str | None:
    m = re.match(r"^([A-Za-z]?\d{1,5}[A-Za-z]?)(?:室|号|房)?$", clean(value))
    return m.group(1).upper() if m else None


def parse(text: str) -> Address | None:
    """An address written in one cell or typed in the search box; None if it is not one."""
    value = clean(text)
    m = _CODE.match(value) or _WRITTEN.search(value)
    if m:
        building = m.group("b").upper().lstrip("0") or "0"
        return Address(building, int(m.group("u")), m.group("r").upper())
    m = _NO_UNIT.search(value)
    if m:
        building = m.group("b").upper().lstrip("0") or "0"
        return Address(building, 1, m.group("r").upper())
    return None


def code_prefix(text: str) -> str | None:
    """A partly typed address as a prefix of address codes: 3栋 → 3-, 3栋2单元 → 3-2-, 3-2-50 → 3-2-50.

    None when the text is not the start of an address.
    """
    value = clean(text)
    m = re.match(r"^(\d{1,4}[A-Za-z]?)-(?:(\d{1,2})(?:-([A-Za-z]?\d{0,5}[A-Za-z]?))?)?$", value)
    if m:
        return value.upper()
    full = parse(value)
    if full is not None:
        return full.code
    m = re.match(r"^(\d{1,4}[A-Za-z]?)(?:栋|幢|号楼|楼|座)(?:(\d{1,2})(?:单元)?)?$", value)
    if m:
        building = m.group(1).upper()
        if m.group(2) is not None:
            return (
                f"{building}-{int(m.group(2))}-"
                if value.endswith("单元")
                else f"{building}-{m.group(2)}"
            )
        return f"{building}-"
    return None
