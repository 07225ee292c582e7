"""Table models of the 网格 page: grids, buildings, households, people on duty, shifts, the people
of a shift, attendance, coverage and a household's grid history.

Each is a list of plain rows (dataclasses from app.core) shown through `COL_*` columns with
translated headers; `parent.isValid()` is guarded as a table model must. Personal data is masked
for the screen (phones as 138****5678); the edit dialogs show what is needed in full.
"""

from __future__ import annotations

from datetime import datetime

from app.core.common.masking import mask_phone
from app.core.grids import duty, duty_checkin, duty_shifts
from app.core.grids import structure as grids
from app.ui.labels import clauses, duty_kind_label, listing, role_label, vulnerable_label, with_note
from app.ui.models.rows import ALIGN_CENTER, ALIGN_RIGHT, WARN_BACKGROUND, Index, RowsModel, bold

__all__ = ["ALIGN_CENTER", "ALIGN_RIGHT", "WARN_BACKGROUND", "Index", "RowsModel", "bold"]


def role_text(role: str) -> str:
    return role_label(role)


# --- grid structure ------------------------------------------------------------------------------


class GridModel(RowsModel[grids.GridRow]):
    COL_CODE, COL_NAME, COL_HOUSEHOLDS, COL_BUILDINGS = range(4)

    def header_texts(self) -> list[str]:
        return [self.tr("编号"), self.tr("名称"), self.tr("户数"), self.tr("楼栋")]

    def text(self, row: grids.GridRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_HOUSEHOLDS:
            return f"{row.households:,}"
        return f"{row.buildings}"

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column >= self.COL_HOUSEHOLDS else None


class BuildingModel(RowsModel[grids.BuildingRow]):
    COL_NUMBER, COL_UNITS, COL_FLOORS, COL_HOUSEHOLDS, COL_GRID, COL_SPLIT, COL_UNASSIGNED = range(
        7
    )

    def header_texts(self) -> list[str]:
        return [
            self.tr("楼栋"),
            self.tr("单元"),
            self.tr("层数"),
            self.tr("住户"),
            self.tr("所属网格"),
            self.tr("住户分布"),
            self.tr("未分网格"),
        ]

    def text(self, row: grids.BuildingRow, column: int) -> str:
        if column == self.COL_NUMBER:
            return self.tr("{0}栋").format(row.number)
        if column == self.COL_UNITS:
            return f"{row.units}"
        if column == self.COL_FLOORS:
            return f"{row.floors}"
        if column == self.COL_HOUSEHOLDS:
            return f"{row.households:,}"
        if column == self.COL_GRID:
            return row.grid_code or self.tr("（未分）")
        if column == self.COL_SPLIT:
            nowhere = self.tr("未分")
            return listing(f"{code or nowhere} {n}" for code, n in sorted(row.by_grid.items()))
        return self.tr("{0} 户").format(row.unassigned) if row.unassigned else ""

    def alignment(self, column: int) -> int | None:
        if column in (self.COL_UNITS, self.COL_FLOORS, self.COL_HOUSEHOLDS):
            return ALIGN_RIGHT
        return None

    def emphasis(self, row: grids.BuildingRow, column: int) -> bool:
        return column == self.COL_UNASSIGNED and row.unassigned > 0

    def tooltip(self, row: grids.BuildingRow, column: int) -> str | None:
        if row.mixed:
            return self.tr("这栋楼的住户分在不同网格（或有未分网格的住户）")
        return None


class HouseholdModel(RowsModel[grids.HouseholdRow]):
    COL_ADDRESS, COL_CODE, COL_HEAD, COL_MEMBERS, COL_GRID, COL_VULNERABLE, COL_PHONE = range(7)

    def header_texts(self) -> list[str]:
        return [
            self.tr("住址"),
            self.tr("户号"),
            self.tr("户主"),
            self.tr("人数"),
            self.tr("网格"),
            self.tr("重点人群"),
            self.tr("电话"),
        ]

    def text(self, row: grids.HouseholdRow, column: int) -> str:
        if column == self.COL_ADDRESS:
            return row.address_code
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_HEAD:
            return row.head or ""
        if column == self.COL_MEMBERS:
            return f"{row.members}"
        if column == self.COL_GRID:
            return row.grid_code or self.tr("未分网格")
        if column == self.COL_VULNERABLE:
            return clauses(vulnerable_label(v) for v in row.vulnerable)
        return mask_phone(row.phone)

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column == self.COL_MEMBERS else None

    def emphasis(self, row: grids.HouseholdRow, column: int) -> bool:
        return column == self.COL_GRID and row.grid_code is None

    def tooltip(self, row: grids.HouseholdRow, column: int) -> str | None:
        if column == self.COL_VULNERABLE and row.vulnerable:
            return "\n".join(vulnerable_label(v) for v in row.vulnerable)
        return None


class HistoryModel(RowsModel[grids.HistoryRow]):
    COL_GRID, COL_FROM, COL_TO, COL_HOW, COL_ACTOR, COL_NOTE = range(6)

    def header_texts(self) -> list[str]:
        return [
            self.tr("网格"),
            self.tr("从"),
            self.tr("到"),
            self.tr("方式"),
            self.tr("操作人"),
            self.tr("说明"),
        ]

    def how_text(self, how: str) -> str:
        return {
            "initial": self.tr("建档时"),
            "building": self.tr("按楼栋划分"),
            "household": self.tr("单户调整"),
            "merge": self.tr("网格合并"),
            "split": self.tr("网格拆分"),
            "recorded": self.tr("已有记录"),
        }.get(how, how)

    def text(self, row: grids.HistoryRow, column: int) -> str:
        if column == self.COL_GRID:
            return f"{row.grid_code} {row.grid_name}"
        if column == self.COL_FROM:
            return local_time(row.started_at)
        if column == self.COL_TO:
            return local_time(row.ended_at) if row.ended_at else self.tr("至今")
        if column == self.COL_HOW:
            return self.how_text(row.how)
        if column == self.COL_ACTOR:
            return row.actor
        return row.note or ""


def local_time(utc: datetime) -> str:
    """A UTC time from the records as the office's local clock shows it."""
    from datetime import UTC

    return utc.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# --- the roster ----------------------------------------------------------------------------------


class PersonModel(RowsModel[duty.PersonRow]):
    (
        COL_CODE,
        COL_NAME,
        COL_ROLE,
        COL_GRID,
        COL_PHONE,
        COL_ORGANISATION,
        COL_PERIOD,
        COL_SKILLS,
        COL_ZONE,
        COL_RESIDENT,
        COL_STATUS,
    ) = range(11)

    def header_texts(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("姓名"),
            self.tr("类别"),
            self.tr("网格"),
            self.tr("电话"),
            self.tr("单位"),
            self.tr("在岗期"),
            self.tr("技能 / 可服务时间"),
            self.tr("责任区"),
            self.tr("住址（居民）"),
            self.tr("状态"),
        ]

    def text(self, row: duty.PersonRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_ROLE:
            return role_text(row.role)
        if column == self.COL_GRID:
            return row.grid_code or ""
        if column == self.COL_PHONE:
            return mask_phone(row.phone)
        if column == self.COL_ORGANISATION:
            return row.organisation or ""
        if column == self.COL_PERIOD:
            if not row.posting_start and not row.posting_end:
                return ""
            start = row.posting_start.isoformat() if row.posting_start else "…"
            end = row.posting_end.isoformat() if row.posting_end else "…"
            return f"{start} — {end}"
        if column == self.COL_SKILLS:
            parts = [listing(row.skills)] if row.skills else []
            if row.availability:
                parts.append(row.availability)
            return " · ".join(parts)
        if column == self.COL_ZONE:
            return row.zone_text
        if column == self.COL_RESIDENT:
            return row.resident_address or ""
        return self.tr("在岗") if row.status == "active" else self.tr("已离岗")

    def emphasis(self, row: duty.PersonRow, column: int) -> bool:
        return column == self.COL_STATUS and row.status != "active"


# --- shifts and attendance -----------------------------------------------------------------------


def status_text(status: str) -> str:
    from PySide6.QtCore import QCoreApplication

    words = {
        "upcoming": QCoreApplication.translate("GridModels", "未开始"),
        "on_duty": QCoreApplication.translate("GridModels", "在岗"),
        "done": QCoreApplication.translate("GridModels", "已签退"),
        "late": QCoreApplication.translate("GridModels", "未到"),
        "missed": QCoreApplication.translate("GridModels", "缺勤"),
    }
    return words.get(status, status)


class ShiftModel(RowsModel[duty_shifts.ShiftRow]):
    COL_TIME, COL_DUTY, COL_KIND, COL_PLACE, COL_COUNT, COL_PEOPLE = range(6)

    def header_texts(self) -> list[str]:
        return [
            self.tr("时间"),
            self.tr("任务"),
            self.tr("类型"),
            self.tr("地点 / 网格"),
            self.tr("人数"),
            self.tr("人员及状态"),
        ]

    def text(self, row: duty_shifts.ShiftRow, column: int) -> str:
        if column == self.COL_TIME:
            end = row.ends_at.strftime("%H:%M")
            if row.ends_at.date() != row.starts_at.date():
                end = self.tr("次日") + end
            return f"{row.starts_at:%H:%M}–{end}"
        if column == self.COL_DUTY:
            return row.duty
        if column == self.COL_KIND:
            return duty_kind_label(row.kind)
        if column == self.COL_PLACE:
            return " · ".join(x for x in (row.place, row.grid_code) if x)
        if column == self.COL_COUNT:
            text = f"{len(row.people)} / {row.needed}"
            return text + (self.tr("（缺 {0}）").format(row.short) if row.short else "")
        people = (with_note(a.name, status_text(a.status)) for a in row.people)
        return listing(people) or self.tr("未排人")

    def emphasis(self, row: duty_shifts.ShiftRow, column: int) -> bool:
        if column == self.COL_COUNT:
            return row.short > 0
        if column == self.COL_PEOPLE:
            return any(a.status in ("late", "missed") for a in row.people)
        return False

    def alignment(self, column: int) -> int | None:
        return ALIGN_CENTER if column == self.COL_COUNT else None


class ShiftPeopleModel(RowsModel[duty_shifts.AssignmentRow]):
    COL_CODE, COL_NAME, COL_ROLE, COL_STATUS, COL_IN, COL_OUT = range(6)

    def header_texts(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("姓名"),
            self.tr("类别"),
            self.tr("状态"),
            self.tr("签到"),
            self.tr("签退"),
        ]

    def text(self, row: duty_shifts.AssignmentRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_ROLE:
            return role_text(row.role)
        if column == self.COL_STATUS:
            return status_text(row.status)
        if column == self.COL_IN:
            return row.checked_in_at.strftime("%H:%M") if row.checked_in_at else ""
        return row.checked_out_at.strftime("%H:%M") if row.checked_out_at else ""

    def emphasis(self, row: duty_shifts.AssignmentRow, column: int) -> bool:
        return column == self.COL_STATUS and row.status in ("late", "missed")


class AttendanceModel(RowsModel[duty_checkin.AttendanceRow]):
    (
        COL_CODE,
        COL_NAME,
        COL_ROLE,
        COL_ORGANISATION,
        COL_GRID,
        COL_PERIOD,
        COL_ASSIGNED,
        COL_SERVED,
        COL_MISSED,
        COL_UPCOMING,
        COL_HOURS,
        COL_NOTE,
    ) = range(12)

    def header_texts(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("姓名"),
            self.tr("类别"),
            self.tr("单位"),
            self.tr("网格"),
            self.tr("统计期"),
            self.tr("排班"),
            self.tr("到岗"),
            self.tr("缺勤"),
            self.tr("待上岗"),
            self.tr("小时"),
            self.tr("提示"),
        ]

    def text(self, row: duty_checkin.AttendanceRow, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_ROLE:
            return role_text(row.role)
        if column == self.COL_ORGANISATION:
            return row.organisation or ""
        if column == self.COL_GRID:
            return row.grid_code or ""
        if column == self.COL_PERIOD:
            if row.period_start is None and row.period_end is None:
                return self.tr("全部")
            start = row.period_start.isoformat() if row.period_start else "…"
            end = row.period_end.isoformat() if row.period_end else "…"
            return f"{start} — {end}"
        if column == self.COL_ASSIGNED:
            return f"{row.assigned}"
        if column == self.COL_SERVED:
            return f"{row.served}"
        if column == self.COL_MISSED:
            return f"{row.missed}"
        if column == self.COL_UPCOMING:
            return f"{row.upcoming}"
        if column == self.COL_HOURS:
            return f"{row.hours:.1f}"
        return self.tr("有名无实？下沉后未到岗") if row.on_paper else ""

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if self.COL_ASSIGNED <= column <= self.COL_HOURS else None

    def emphasis(self, row: duty_checkin.AttendanceRow, column: int) -> bool:
        if column == self.COL_NOTE:
            return row.on_paper
        return column == self.COL_MISSED and row.missed > 0


# --- coverage ------------------------------------------------------------------------------------


class CoverageModel(RowsModel[grids.GridCoverage]):
    (
        COL_CODE,
        COL_NAME,
        COL_HOUSEHOLDS,
        COL_RESIDENTS,
        COL_VULNERABLE,
        COL_WORKERS,
        COL_PER_WORKER,
        COL_STATE,
    ) = range(8)

    def header_texts(self) -> list[str]:
        return [
            self.tr("编号"),
            self.tr("名称"),
            self.tr("户数"),
            self.tr("居民"),
            self.tr("重点人群"),
            self.tr("在岗人员"),
            self.tr("每人服务居民"),
            self.tr("状态"),
        ]

    def text(self, row: grids.GridCoverage, column: int) -> str:
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_HOUSEHOLDS:
            return f"{row.households:,}"
        if column == self.COL_RESIDENTS:
            return f"{row.residents:,}"
        if column == self.COL_VULNERABLE:
            return f"{row.vulnerable:,}"
        if column == self.COL_WORKERS:
            return f"{row.workers}"
        if column == self.COL_PER_WORKER:
            per = row.residents_per_worker
            return f"{per:,.0f}" if per is not None else self.tr("无人在岗")
        if not row.flagged:
            return self.tr("正常")
        if row.workers == 0:
            return self.tr("人手不足：无人在岗")
        return self.tr("人手不足：超过 {0} 人/人").format(row.max_residents_per_worker)

    def tooltip(self, row: grids.GridCoverage, column: int) -> str | None:
        if column == self.COL_WORKERS and row.by_role:
            return "\n".join(f"{role_text(r)} {n}" for r, n in sorted(row.by_role.items()))
        return None

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if self.COL_HOUSEHOLDS <= column <= self.COL_PER_WORKER else None

    def emphasis(self, row: grids.GridCoverage, column: int) -> bool:
        return row.flagged and column in (self.COL_PER_WORKER, self.COL_STATE)
