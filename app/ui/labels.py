"""Display names of stored values (tags, residency, status, gender, relation to the head, roles,
kinds of duty and of meeting, categories of supplies) and the words that string values together (张三、李四, 北区（G01）,
3栋), in the interface's language — the one vocabulary of the window.

The database keeps codes (`registered`, `moved_out`, `M`) or the Chinese names the office and its
spreadsheets use (户主, 独居老人). Each table below is written as literals the translation tools can
see (`QT_TRANSLATE_NOOP`), never as variables passed to `tr()`, which the tools cannot read (that
left 户籍 and 在住 in Chinese in English mode). Residency, status, gender and the relations are the
register's own words, kept once in `app.core.registry.vocabulary` (what documents print); the tables
here repeat them only as the literals to translate, and tests/ui/test_vocabulary.py holds the two
equal. Names the office typed itself (its own tags, an unusual relation) are shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

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
ROLES = {  # people on duty (app.core.grids.duty)
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
USER_ROLES = {  # the users' roles (app.core.trust.roles.Role; ROLE_LABELS holds the same words)
    "admin": QT_TRANSLATE_NOOP("UserRole", "管理员"),
    "staff": QT_TRANSLATE_NOOP("UserRole", "工作人员"),
    "grid-worker": QT_TRANSLATE_NOOP("UserRole", "网格员/志愿者"),
    "viewer": QT_TRANSLATE_NOOP("UserRole", "查看"),
}
DUTY_KINDS = (  # the kinds of duty the office picks from (app.db.models_grids.DUTY_KINDS)
    QT_TRANSLATE_NOOP("DutyKind", "卡点值守"),
    QT_TRANSLATE_NOOP("DutyKind", "上门走访"),
    QT_TRANSLATE_NOOP("DutyKind", "物资配送"),
    QT_TRANSLATE_NOOP("DutyKind", "检测协助"),
    QT_TRANSLATE_NOOP("DutyKind", "值班"),
    QT_TRANSLATE_NOOP("DutyKind", "巡查"),
    QT_TRANSLATE_NOOP("DutyKind", "其他"),
)
MEETING_KINDS = (  # the meeting types the editor offers (app.db.models_meetings.MEETING_KINDS)
    QT_TRANSLATE_NOOP("MeetingKind", "领导小组会议"),
    QT_TRANSLATE_NOOP("MeetingKind", "联席会议"),
    QT_TRANSLATE_NOOP("MeetingKind", "居民议事会"),
    QT_TRANSLATE_NOOP("MeetingKind", "网格议事会"),
    QT_TRANSLATE_NOOP("MeetingKind", "党员大会"),
    QT_TRANSLATE_NOOP("MeetingKind", "工作例会"),
)
ROSTER_FIELDS = {  # the columns of a roster (app.core.registry.roster_reading.FIELD_LABELS)
    "name": QT_TRANSLATE_NOOP("RosterField", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("RosterField", "身份证号"),
    "gender": QT_TRANSLATE_NOOP("RosterField", "性别"),
    "birth_date": QT_TRANSLATE_NOOP("RosterField", "出生日期"),
    "phone": QT_TRANSLATE_NOOP("RosterField", "联系电话"),
    "building": QT_TRANSLATE_NOOP("RosterField", "楼栋"),
    "unit": QT_TRANSLATE_NOOP("RosterField", "单元"),
    "room": QT_TRANSLATE_NOOP("RosterField", "门牌号"),
    "address": QT_TRANSLATE_NOOP("RosterField", "住址"),
    "relation": QT_TRANSLATE_NOOP("RosterField", "与户主关系"),
    "category": QT_TRANSLATE_NOOP("RosterField", "人员类别"),
    "residency": QT_TRANSLATE_NOOP("RosterField", "户籍类型"),
    "doc_type": QT_TRANSLATE_NOOP("RosterField", "证件类型"),
    "doc_number": QT_TRANSLATE_NOOP("RosterField", "其他证件号"),
    "status": QT_TRANSLATE_NOOP("RosterField", "状态"),
    "household_code": QT_TRANSLATE_NOOP("RosterField", "户号"),
    "notes": QT_TRANSLATE_NOOP("RosterField", "备注"),
}
SUPPLY_CATEGORIES = (  # app.db.models_supplies.ITEM_CATEGORIES
    QT_TRANSLATE_NOOP("SupplyCategory", "防护用品"),
    QT_TRANSLATE_NOOP("SupplyCategory", "消杀用品"),
    QT_TRANSLATE_NOOP("SupplyCategory", "粮油"),
    QT_TRANSLATE_NOOP("SupplyCategory", "蔬菜副食"),
    QT_TRANSLATE_NOOP("SupplyCategory", "药品"),
    QT_TRANSLATE_NOOP("SupplyCategory", "生活用品"),
    QT_TRANSLATE_NOOP("SupplyCategory", "其他"),
)
SUPPLY_POINTS = (
    QT_TRANSLATE_NOOP("SupplyPoint", "社区仓库"),
)  # app.core.supplies.ledger.DEFAULT_POINT
STEPS = (  # the steps long operations of app.core report to their progress dialog
    QT_TRANSLATE_NOOP("Progress", "读取文件"),
    QT_TRANSLATE_NOOP("Progress", "检查数据"),
    QT_TRANSLATE_NOOP("Progress", "写入"),
    QT_TRANSLATE_NOOP("Progress", "导出"),
    QT_TRANSLATE_NOOP("Progress", "排版"),
    QT_TRANSLATE_NOOP("Progress", "住户"),
    QT_TRANSLATE_NOOP("Progress", "名册"),
)
NONE = QT_TRANSLATE_NOOP("Vocabulary", "（无）")
UNKNOWN = QT_TRANSLATE_NOOP("Vocabulary", "（未知）")
ALL = QT_TRANSLATE_NOOP("Vocabulary", "全部")
# how the window strings values together: 张三、李四 / 张三（3-2-502）/ 3栋 / 北区（G01）
LIST_SEPARATOR = QT_TRANSLATE_NOOP("Vocabulary", "、")
CLAUSE_SEPARATOR = QT_TRANSLATE_NOOP("Vocabulary", "；")
WITH_NOTE = QT_TRANSLATE_NOOP("Vocabulary", "{0}（{1}）")
BUILDING = QT_TRANSLATE_NOOP("Vocabulary", "{0}栋")


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


def user_role_label(role: str) -> str:
    """A user's role (admin, staff, grid-worker, viewer) in the interface's language."""
    return _tr(USER_ROLES[str(role)], "UserRole") if str(role) in USER_ROLES else str(role)


def relation_label(relation: str | None) -> str:
    return _tr(relation, "Relation") if relation in RELATIONS else (relation or "")


def duty_kind_label(kind: str | None) -> str:
    return _tr(kind, "DutyKind") if kind in DUTY_KINDS else (kind or "")


def meeting_kind_label(kind: str | None) -> str:
    return _tr(kind, "MeetingKind") if kind in MEETING_KINDS else (kind or "")


def supply_category_label(category: str | None) -> str:
    return _tr(category, "SupplyCategory") if category in SUPPLY_CATEGORIES else (category or "")


def supply_point_label(point: str | None) -> str:
    return _tr(point, "SupplyPoint") if point in SUPPLY_POINTS else (point or "")


def field_label(field: str) -> str:
    """A column of a roster (name, id_number …) by its name."""
    return _tr(ROSTER_FIELDS[field], "RosterField") if field in ROSTER_FIELDS else field


def step_label(step: str) -> str:
    """A step of a long operation (读取文件, 写入 …) as its progress dialog says it; anything else
    (a file's name) as it is."""
    return _tr(step, "Progress") if step in STEPS else step


def listing(items: Iterable[str]) -> str:
    """Values one after another: 张三、李四 in Chinese, "Zhang San, Li Si" in English."""
    return _tr(LIST_SEPARATOR).join(items)


def clauses(items: Iterable[str]) -> str:
    """Longer values one after another: 米 5kg；油 1L in Chinese, "Rice 5kg; Oil 1L" in English."""
    return _tr(CLAUSE_SEPARATOR).join(items)


def with_note(text: str, note: object) -> str:
    """张三（3-2-502） in Chinese, "Zhang San (3-2-502)" in English."""
    return _tr(WITH_NOTE).format(text, note)


def vulnerable_label(entry: str) -> str:
    """One of a household's vulnerable people as the core names them, 张三（独居老人、慢性病）,
    with the tags in the interface's language."""
    name, bracket, rest = entry.rpartition("（")
    if not bracket or not rest.endswith("）"):
        return entry
    return with_note(name, listing(tag_label(t) for t in rest[:-1].split("、")))


def building_label(number: object) -> str:
    """A building by its number: 3栋, Building 3."""
    return _tr(BUILDING).format(number)


def grid_label(name: str, code: str) -> str:
    """A grid by its name and code: 北区（G01）."""
    return with_note(name, code) if name and name != code else code


def text(key: str) -> str:
    """One of the module's words (NONE, UNKNOWN, ALL, LIST_SEPARATOR …) translated."""
    return _tr(key)


CHINESE = "griddesk_chinese"  # a dynamic property: why the widget's text is Chinese in any language
DOCUMENT = "document"  # the text of a printed document
OWN_NAMES = "own names"  # each language by its own name (简体中文, English)
SYNTAX = "syntax"  # what the office types in a form the records know only in Chinese (3栋2单元)


def mark_chinese(why: str, *widgets: QObject) -> None:
    """Mark widgets whose text is Chinese whatever the window's language, and why: the text of a
    printed document — a door notice, its template and the placeholders ({地址}) written into it,
    the daily report — which PRODUCT.md has printed in Chinese; a language's own name; or the
    form in which something is typed that the records read only in Chinese (a unit: 3栋2单元)."""
    for widget in widgets:
        widget.setProperty(CHINESE, why)
