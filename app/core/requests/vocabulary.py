"""The words of requests: categories, statuses, channels and priorities with their labels (中文,
English), and the parsers that turn a typed value into one of them or refuse it (InvalidInput,
naming the values allowed). Kept apart so that the deadlines and the lifecycle both read them."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from app.errors import InvalidInput


class Category(StrEnum):
    MEDICAL = "medical"
    SUPPLIES = "supplies"
    CARE = "care"
    SANITATION = "sanitation"
    REPAIR = "repair"
    GROUP_BUY = "group-buy"
    STAFF_COMPLAINT = "staff-complaint"
    REPORT = "report"
    INQUIRY = "inquiry"
    OTHER = "other"


CATEGORY_LABELS: dict[Category, tuple[str, str]] = {
    Category.MEDICAL: ("就医用药", "Medical care & medicine"),
    Category.SUPPLIES: ("生活物资", "Daily supplies"),
    Category.CARE: ("特殊群体照护", "Care for vulnerable people"),
    Category.SANITATION: ("环境卫生", "Sanitation"),
    Category.REPAIR: ("物业维修", "Repairs"),
    Category.GROUP_BUY: ("团购质量价格", "Group purchase quality & price"),
    Category.STAFF_COMPLAINT: ("对工作人员的投诉", "Complaint about staff"),
    Category.REPORT: ("举报", "Report of wrongdoing"),
    Category.INQUIRY: ("咨询", "Inquiry"),
    Category.OTHER: ("其他", "Other"),
}


class Status(StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CONFIRMED = "confirmed"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.REGISTERED: ("已登记", "Registered"),
    Status.ASSIGNED: ("已派单", "Assigned"),
    Status.IN_PROGRESS: ("处理中", "In progress"),
    Status.DONE: ("已办结", "Done"),
    Status.CONFIRMED: ("已回访", "Called back"),
}
OPEN_STATUSES = (Status.REGISTERED, Status.ASSIGNED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.DONE, Status.CONFIRMED)


class Channel(StrEnum):
    PHONE = "phone"
    WALK_IN = "walk-in"
    GRID_WORKER = "grid-worker"
    MESSAGE = "message"
    HOTLINE = "hotline-12345"
    STREET = "street-office"


CHANNEL_LABELS: dict[Channel, tuple[str, str]] = {
    Channel.PHONE: ("电话", "Phone"),
    Channel.WALK_IN: ("来访", "Walk-in"),
    Channel.GRID_WORKER: ("网格员上报", "Grid worker's report"),
    Channel.MESSAGE: ("留言转录", "Message transcribed"),
    Channel.HOTLINE: ("12345热线转办", "12345 hotline referral"),
    Channel.STREET: ("街道转办", "Street office referral"),
}


class Priority(StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"


PRIORITY_LABELS: dict[Priority, tuple[str, str]] = {
    Priority.URGENT: ("紧急", "Urgent"),
    Priority.NORMAL: ("一般", "Normal"),
}


def _choice(enum: type[Any], value: Any, zh: str, en: str) -> Any:
    try:
        return enum(str(value).strip())
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(
            f"{zh}无效：{value}（可选：{allowed}）", f"Unknown {en}: {value} (one of {allowed})"
        ) from None


def category_of(value: Any) -> Category:
    return _choice(Category, value, "类别", "category")  # type: ignore[no-any-return]


def status_of(value: Any) -> Status:
    return _choice(Status, value, "状态", "status")  # type: ignore[no-any-return]


def priority_of(value: Any) -> Priority:
    return _choice(Priority, value, "优先级", "priority")  # type: ignore[no-any-return]


def channel_of(value: Any) -> Channel:
    return _choice(Channel, value, "来源渠道", "channel")  # type: ignore[no-any-return]
