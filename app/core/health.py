"""`check`: integrity, foreign keys, migration state and the household invariants."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from app.db.engine import Database
from app.db.migrate import current_revision, head_revision
from app.db.models import Household, Resident


@dataclass
class HealthReport:
    problems: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    checked: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(db: Database) -> HealthReport:
    report = HealthReport()
    with db.reading() as session:
        conn = session.connection()
        if db.is_sqlite:
            result = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).fetchall()]
            report.checked.append("integrity_check")
            if result != ["ok"]:
                report.problems.append(
                    (
                        f"完整性检查失败：{'; '.join(result[:5])}",
                        f"Integrity check failed: {'; '.join(result[:5])}",
                    )
                )
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            report.checked.append("foreign_key_check")
            if broken:
                report.problems.append(
                    (
                        f"外键不一致 {len(broken)} 处（例如表 {broken[0][0]}）",
                        f"{len(broken)} foreign key violations (e.g. table {broken[0][0]})",
                    )
                )
        rev, head = current_revision(conn), head_revision()
        report.checked.append("migration")
        if rev != head:
            report.problems.append(
                (
                    f"数据库结构版本 {rev}，程序需要 {head}",
                    f"Schema revision {rev}, the program needs {head}",
                )
            )
        live_heads = select(Resident.household_id).where(
            Resident.is_head, Resident.deleted_at.is_(None)
        )
        headless = (
            session.scalar(
                select(func.count())
                .select_from(Household)
                .where(Household.deleted_at.is_(None), Household.id.not_in(live_heads))
                .where(
                    Household.id.in_(
                        select(Resident.household_id).where(Resident.deleted_at.is_(None))
                    )
                )
            )
            or 0
        )
        report.checked.append("one_head_per_household")
        if headless:
            report.problems.append(
                (f"{headless} 户没有户主", f"{headless} households have no head")
            )
    return report
