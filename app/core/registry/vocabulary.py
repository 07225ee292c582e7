"""The words of the register, once: a resident's residency (户籍类型) and status (在住 / 迁出 / 死亡)
as the database stores them and as the office, its spreadsheets and every printed document name
them; the relations to the head (与户主关系), which are stored by their Chinese names; and the
other words rosters use for the same values, understood on import.

The window shows these in its own language through `app.ui.labels`, whose tables are written as
literals the translation tools can read; a test holds them to this module.
"""

from __future__ import annotations

from app.db.models import RESIDENCY as RESIDENCY_CODES
from app.db.models import RESIDENT_STATUS

RESIDENCY = {"registered": "户籍", "migrant": "流动", "abroad": "境外"}
STATUS = {"active": "在住", "moved_out": "迁出", "deceased": "死亡"}
GENDER = {"M": "男", "F": "女"}

HEAD = "户主"
OTHER = "其他"
# the relations commonly written in rosters, the head's own first
RELATIONS = (
    HEAD,
    "配偶",
    "子",
    "女",
    "父亲",
    "母亲",
    "儿媳",
    "女婿",
    "孙子",
    "孙女",
    "外孙子",
    "外孙女",
    "兄弟姐妹",
    "祖父母",
    OTHER,
)
# what a roster may write for the head's own relation
HEAD_WORDS = frozenset({HEAD, "本人", "户主本人"})

# what rosters write, read on import (each value's own name among them)
RESIDENCY_WORDS = {
    "户籍": "registered",
    "户籍人口": "registered",
    "常住": "registered",
    "常住人口": "registered",
    "本地": "registered",
    "流动": "migrant",
    "流动人口": "migrant",
    "外来": "migrant",
    "外来人口": "migrant",
    "暂住": "migrant",
    "境外": "abroad",
    "境外人员": "abroad",
    "外籍": "abroad",
    "外籍人员": "abroad",
}
STATUS_WORDS = {
    "在住": "active",
    "正常": "active",
    "在册": "active",
    "迁出": "moved_out",
    "已迁出": "moved_out",
    "搬离": "moved_out",
    "死亡": "deceased",
    "已故": "deceased",
    "去世": "deceased",
}

assert tuple(RESIDENCY) == RESIDENCY_CODES and tuple(STATUS) == RESIDENT_STATUS


def residency_name(code: str | None) -> str:
    """户籍 for `registered` …; an unknown value as it is."""
    return RESIDENCY.get(code or "", code or "")


def status_name(code: str | None) -> str:
    """在住 for `active` …; an unknown value as it is."""
    return STATUS.get(code or "", code or "")


def gender_name(code: str | None) -> str:
    """男 / 女 for M / F; anything else empty."""
    return GENDER.get(code or "", "")
