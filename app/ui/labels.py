"""Display names of stored values (tags, residency, status, gender, relation to the head) in the
interface's language — the one vocabulary of the window.

The database keeps codes (`registered`, `moved_out`, `M`) or the Chinese names the office and its
spreadsheets use (户主, 独居老人). Each table below is written as literals the translation tools can
see (`QT_TRANSLATE_NOOP`), never as variables passed to `tr()`, which the tools cannot read (that
left 户籍 and 在住 in Chinese in English mode). Names the office typed itself (its own tags, an
unusual relation) are shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

BUILTIN_TAGS = (
    QT_TRANSLATE_NOOP("Tags", "独居老人"),
    QT_TRANSLATE_NOOP("Tags", "空巢老人"),
    QT_TRANSLATE_NOOP("Tags", "残疾人"),
    QT_TRANSLATE_NOOP("Tags", "慢性病"),
    QT_TRANSLATE_NOOP("Tags", "孕产妇"),
    QT_TRANSLATE_NOOP("Tags", "婴幼儿"),
    QT_TRANSLATE_NOOP("Tags", "低保"),
    QT_TRANSLATE_NOOP("Tags", "特困"),
)

RESIDENCY = {
    "registered": QT_TRANSLATE_NOOP("Vocabulary", "户籍"),
    "migrant": QT_TRANSLATE_NOOP("Vocabulary", "流动"),
    "abroad": QT_TRANSLATE_NOOP("Vocabulary", "境外"),
}
STATUS = {
    "active": QT_TRANSLATE_NOOP("Vocabulary", "在住"),
    "moved_out": QT_TRANSLATE_NOOP("Vocabulary", "迁出"),
    "deceased": QT_TRANSLATE_NOOP("Vocabulary", "死亡"),
}
GENDER = {
    "M": QT_TRANSLATE_NOOP("Vocabulary", "男"),
    "F": QT_TRANSLATE_NOOP("Vocabulary", "女"),
}
RELATIONS = (
    QT_TRANSLATE_NOOP("Relation", "户主"),
    QT_TRANSLATE_NOOP("Relation", "配偶"),
    QT_TRANSLATE_NOOP("Relation", "子"),
    QT_TRANSLATE_NOOP("Relation", "女"),
    QT_TRANSLATE_NOOP("Relation", "父亲"),
    QT_TRANSLATE_NOOP("Relation", "母亲"),
    QT_TRANSLATE_NOOP("Relation", "儿媳"),
    QT_TRANSLATE_NOOP("Relation", "女婿"),
    QT_TRANSLATE_NOOP("Relation", "孙子"),
    QT_TRANSLATE_NOOP("Relation", "孙女"),
    QT_TRANSLATE_NOOP("Relation", "外孙子"),
    QT_TRANSLATE_NOOP("Relation", "外孙女"),
    QT_TRANSLATE_NOOP("Relation", "兄弟姐妹"),
    QT_TRANSLATE_NOOP("Relation", "祖父母"),
    QT_TRANSLATE_NOOP("Relation", "其他"),
)
ROLES = {  # people on duty (app.core.duty)
    "staff": QT_TRANSLATE_NOOP("Role", "社区工作人员"),
    "grid_leader": QT_TRANSLATE_NOOP("Role", "网格长"),
    "grid_worker": QT_TRANSLATE_NOOP("Role", "网格员"),
    "building_leader": QT_TRANSLATE_NOOP("Role", "楼长"),
    "unit_leader": QT_TRANSLATE_NOOP("Role", "单元长"),
    "party_member": QT_TRANSLATE_NOOP("Role", "党员"),
    "volunteer": QT_TRANSLATE_NOOP("Role", "志愿者"),
    "cadre": QT_TRANSLATE_NOOP("Role", "下沉干部"),
    "social_worker": QT_TRANSLATE_NOOP("Role", "社工"),
    "partner": QT_TRANSLATE_NOOP("Role", "共建单位"),
}
NONE = QT_TRANSLATE_NOOP("Vocabulary", "（无）")
UNKNOWN = QT_TRANSLATE_NOOP("Vocabulary", "（未知）")
ALL = QT_TRANSLATE_NOOP("Vocabulary", "全部")


def _tr(text: str, context: str = "Vocabulary") -> str:
    return QCoreApplication.translate(context, text)


def tag_label(name: str) -> str:
    return _tr(name, "Tags") if name in BUILTIN_TAGS else name


def residency_label(code: str | None) -> str:
    return _tr(RESIDENCY[code]) if code in RESIDENCY else (code or "")


def status_label(code: str | None) -> str:
    return _tr(STATUS[code]) if code in STATUS else (code or "")


def gender_label(code: str | None) -> str:
    """M/F (or 男/女 as the core's rows carry them) in the interface's language."""
    code = {"男": "M", "女": "F"}.get(code or "", code or "")
    return _tr(GENDER[code]) if code in GENDER else ""


def role_label(role: str) -> str:
    return _tr(ROLES[role], "Role") if role in ROLES else role


def relation_label(relation: str | None) -> str:
    return _tr(relation, "Relation") if relation in RELATIONS else (relation or "")


def text(key: str) -> str:
    """One of the module's words (NONE, UNKNOWN, ALL) translated."""
    return _tr(key)
