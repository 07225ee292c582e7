"""A notice's fields in the window's words: the name a sentence uses (未填写：社区电话) and the hint
that explains what goes in it. (The placeholders themselves, {地址}, are the document's words and
stay Chinese: `app.core.printing.notice_templates.FIELDS`.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_name(key: str) -> str:
    """A placeholder's field by name, as a sentence names it."""
    return {
        "address": QCoreApplication.translate("NoticeField", "地址"),
        "household_code": QCoreApplication.translate("NoticeField", "户号"),
        "head": QCoreApplication.translate("NoticeField", "户主"),
        "members": QCoreApplication.translate("NoticeField", "人数"),
        "grid": QCoreApplication.translate("NoticeField", "网格"),
        "grid_worker": QCoreApplication.translate("NoticeField", "网格员"),
        "grid_worker_phone": QCoreApplication.translate("NoticeField", "网格员电话"),
        "community": QCoreApplication.translate("NoticeField", "社区名称"),
        "community_phone": QCoreApplication.translate("NoticeField", "社区电话"),
        "date": QCoreApplication.translate("NoticeField", "通知日期"),
        "start_date": QCoreApplication.translate("NoticeField", "开始日期"),
        "end_date": QCoreApplication.translate("NoticeField", "结束日期"),
        "time": QCoreApplication.translate("NoticeField", "时间"),
        "place": QCoreApplication.translate("NoticeField", "地点"),
        "items": QCoreApplication.translate("NoticeField", "物资"),
        "supplier": QCoreApplication.translate("NoticeField", "供应商"),
        "content": QCoreApplication.translate("NoticeField", "内容"),
    }.get(key, key)


def field_hint(key: str) -> str:
    """What goes in a field: the placeholder's tooltip, and the grey text of an empty value."""
    return {
        "address": QCoreApplication.translate("NoticeFieldHint", "住户地址，如 3栋2单元502室"),
        "household_code": QCoreApplication.translate("NoticeFieldHint", "户号（条形码上的号码）"),
        "head": QCoreApplication.translate("NoticeFieldHint", "户主姓名（打码，如 张*三）"),
        "members": QCoreApplication.translate("NoticeFieldHint", "在住人数"),
        "grid": QCoreApplication.translate("NoticeFieldHint", "所在网格"),
        "grid_worker": QCoreApplication.translate("NoticeFieldHint", "网格员（取自在岗人员名册）"),
        "grid_worker_phone": QCoreApplication.translate("NoticeFieldHint", "网格员电话"),
        "community": QCoreApplication.translate("NoticeFieldHint", "社区名称"),
        "community_phone": QCoreApplication.translate(
            "NoticeFieldHint", "社区电话（不填则用 设置 → 本机构信息 中的电话）"
        ),
        "date": QCoreApplication.translate("NoticeFieldHint", "通知日期"),
        "start_date": QCoreApplication.translate("NoticeFieldHint", "开始日期"),
        "end_date": QCoreApplication.translate("NoticeFieldHint", "结束日期"),
        "time": QCoreApplication.translate("NoticeFieldHint", "例如 12月1日 8:00–11:30"),
        "place": QCoreApplication.translate("NoticeFieldHint", "例如 社区服务中心东门"),
        "items": QCoreApplication.translate("NoticeFieldHint", "例如 蔬菜礼包（约 5 公斤）"),
        "supplier": QCoreApplication.translate("NoticeFieldHint", "团购供应商"),
        "content": QCoreApplication.translate("NoticeFieldHint", "多行文字"),
    }[key]
