"""Street-office mode (app.core.street.communities, app.core.street.summary): the communities side by side,
counted from what their packages brought to the street office, and the aggregated report as PDF
and .xlsx. Community "C" (300 demo residents, stock, a campaign, minutes with action items)
exports; street office "S" imports; "C2" is enrolled at S and has sent nothing."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import event, func, select

from app.core.exchange.packages import export_package
from app.core.meetings import action_items
from app.core.meetings import minutes as meetings
from app.core.office.stats import office_stats
from app.core.street.communities import (
    get_late_after,
    overview_json,
    set_late_after,
    street_only,
    street_overview,
)
from app.core.street.summary import build_sections, write_street_report
from app.core.supplies import campaigns, deliveries, ledger
from app.core.supplies import needs as supplies_needs
from app.db.models import Household
from app.db.models_exchange import ExchangePackage
from app.db.models_supplies import SupplyAllocation, SupplyNeed
from app.errors import InvalidInput
from tests.core.exchange_offices import COMMUNITY, COMMUNITY2, Office, export_to, import_into

TODAY = date.today()


def _fill(c: Office) -> None:
    """Stock, a distribution with five households served, minutes with one overdue item."""
    with c.db.session() as s:
        ledger.receive(s, "口罩", 1000, unit="个", source="区卫健局", source_kind="allocation")
        ledger.receive(s, "蔬菜包", 200, unit="袋", source="某商超", source_kind="purchase")
        ledger.receive(s, "消毒液", 10, unit="瓶", source="爱心人士", donor_kind="person")
        ledger.adjust(s, "消毒液", -10, reason="发往卡点")
        code = campaigns.create_campaign(
            s, campaigns.CampaignSpec(name="蔬菜包发放", item="蔬菜包", qty=1)
        ).code
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                title="防控领导小组会议",
                held_on=TODAY - timedelta(days=5),
                decisions=["申请口罩"],
                action_items=[
                    meetings.ActionItemInput("提交申请单", "陈晓燕", TODAY - timedelta(days=1), 1),
                    meetings.ActionItemInput("排班", "李明", TODAY + timedelta(days=3), 1),
                ],
            ),
        )
    with c.db.reading() as s:
        homes = list(
            s.scalars(
                select(Household.address_code)
                .join(SupplyAllocation, SupplyAllocation.household_id == Household.id)
                .limit(5)
            )
        )
    for h in homes:
        with c.db.session() as s:
            deliveries.deliver(s, code, h)


@pytest.fixture
def sent(offices: dict[str, Office], tmp_path: Path) -> dict[str, Office]:
    _fill(offices["C"])
    import_into(offices["S"], export_to(offices["C"], tmp_path / "usb"))
    return offices


def _row(office: Office, code: str, **kwargs: object):  # type: ignore[no-untyped-def]
    with office.db.reading() as s:
        overview = street_overview(s, **kwargs)  # type: ignore[arg-type]
    return overview, next(r for r in overview.rows if r.code == code)


def test_overview_counts_what_the_community_itself_counts(sent: dict[str, Office]) -> None:
    c, s = sent["C"], sent["S"]
    with c.db.reading() as session:
        own = office_stats(session)
        stock = {r.item: r.on_hand for r in ledger.stock(session)}
        todo = action_items.todo_counts(session)
    overview, row = _row(s, COMMUNITY)
    assert [r.code for r in overview.rows] == [COMMUNITY, COMMUNITY2]
    assert row.name == "办公室C" and row.last_package == 1
    assert (row.residents, row.households, row.vulnerable) == (
        own["residents"],
        own["households"],
        own["vulnerable"],
    )
    assert row.by_tag == own["by_tag"]
    assert (
        {x.item: x.on_hand for x in row.stock}
        == stock
        == {"口罩": 1000, "蔬菜包": 195, "消毒液": 0}
    )
    assert (row.items_in_stock, row.items_out_of_stock) == (2, 1)
    assert (row.open_campaigns, row.delivered_households) == (1, 5)
    assert (row.open_action_items, row.overdue_action_items) == (todo.open, todo.overdue) == (2, 1)
    assert not row.late and row.hours_since is not None and row.hours_since < 1


def test_a_community_that_sent_nothing_is_late_and_has_no_figures(sent: dict[str, Office]) -> None:
    overview, row = _row(sent["S"], COMMUNITY2)
    assert row.late and row.hours_since is None and row.last_package == 0
    assert row.lateness() == "尚未收到数据包"
    assert overview.totals()["late"] == 1
    text = "\n".join(
        " ".join(str(v) for v in r)
        for sec in build_sections(overview)
        for t in sec.tables
        for r in t.rows
    )
    line = next(x for x in text.splitlines() if x.startswith("办公室C2"))
    assert "0" not in line.replace(COMMUNITY2, "")  # "—", never a zero that looks like data


def test_late_after_a_day_since_the_package_was_made(sent: dict[str, Office]) -> None:
    s = sent["S"]
    with s.db.reading() as session:
        made = session.scalar(
            select(ExchangePackage.created_at).where(ExchangePackage.direction == "in")
        )
    assert made is not None
    made_local = made.replace(tzinfo=UTC).astimezone()
    _o, row = _row(s, COMMUNITY, now=made_local + timedelta(hours=23))
    assert not row.late and row.lateness() == "23 小时"
    _o, row = _row(s, COMMUNITY, now=made_local + timedelta(hours=25))
    assert row.late and row.lateness() == "25 小时"
    _o, row = _row(s, COMMUNITY, now=made_local + timedelta(days=3, hours=1))
    assert row.late and row.lateness() == "3 天"


def test_the_late_threshold_is_the_street_offices_setting(sent: dict[str, Office]) -> None:
    s, c = sent["S"], sent["C"]
    with s.db.reading() as session:
        assert get_late_after(session) == 24  # the default
        made = session.scalar(
            select(ExchangePackage.created_at).where(ExchangePackage.direction == "in")
        )
    assert made is not None
    at = made.replace(tzinfo=UTC).astimezone() + timedelta(hours=30)
    overview, row = _row(s, COMMUNITY, now=at)
    assert row.late and overview.late_after_hours == 24
    with s.db.session() as session:
        assert set_late_after(session, s.info, " 48 ") == 48
    with s.db.reading() as session:
        assert get_late_after(session) == 48
    overview, row = _row(s, COMMUNITY, now=at)  # 30 hours: no longer late
    assert not row.late and overview.late_after_hours == 48
    assert overview.totals()["late"] == 1  # C2, which never sent anything, stays late
    _o, row = _row(s, COMMUNITY, now=at + timedelta(hours=19))
    assert row.late
    # the report says the threshold it used
    text = " ".join(line for sec in build_sections(overview) for line in sec.lines)
    assert "超过 48 小时未收到数据包的（逾期）1 个" in text
    assert overview_json(overview)["late_after_hours"] == 48
    # refused: not whole hours, out of range, at a community; nothing changed
    for bad in ("abc", "1.5", "0", "721", "-3"):
        with s.db.session() as session, pytest.raises(InvalidInput, match="逾期阈值"):
            set_late_after(session, s.info, bad)
    with c.db.session() as session, pytest.raises(InvalidInput, match="街道办"):
        set_late_after(session, c.info, 12)
    with s.db.reading() as session:
        assert get_late_after(session) == 48


def test_a_second_package_updates_the_row(sent: dict[str, Office], tmp_path: Path) -> None:
    c, s = sent["C"], sent["S"]
    with c.db.session() as session:
        ledger.receive(session, "口罩", 500, unit="个", source="爱心企业", donor_kind="enterprise")
    import_into(s, export_to(c, tmp_path / "usb2"))
    _o, row = _row(s, COMMUNITY)
    assert row.last_package == 2
    assert {x.item: x.on_hand for x in row.stock}["口罩"] == 1500


def test_one_grouped_query_per_measure_whatever_the_number_of_communities(
    sent: dict[str, Office],
) -> None:
    s = sent["S"]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = s.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        with s.db.reading() as session:
            street_overview(session)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    selects = [x for x in statements if x.lstrip().upper().startswith("SELECT")]
    # residents' requests: one more grouped query; follow-up visits: two (the visits, the plans)
    assert len(selects) <= 15, selects
    assert not any("= ?" in x and "resident.origin = ?" in x for x in selects)


def test_refused_at_a_community(offices: dict[str, Office]) -> None:
    with pytest.raises(InvalidInput, match="街道办"):
        street_only(offices["C"].info)
    street_only(offices["S"].info)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")
def test_pdf_report_shows_communities_side_by_side_with_totals(
    sent: dict[str, Office], tmp_path: Path
) -> None:
    overview, row = _row(sent["S"], COMMUNITY)
    out = write_street_report(overview, tmp_path / "汇总.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "各社区汇总报表" in text
    assert "办公室C2" in text and "尚未收到数据包" in text and "逾期" in text
    population = next(
        x
        for x in text.splitlines()
        if x.strip().startswith("办公室C ") and "—" not in x and f"{row.residents:,}" in x
    )
    assert f"{row.households:,}" in population and f"{row.vulnerable:,}" in population
    total = [x.split() for x in text.splitlines() if x.strip().startswith("合计")]
    assert ["合计", f"{row.households:,}", f"{row.residents:,}", f"{row.vulnerable:,}"] in total
    assert "居民诉求" in text and "各社区登记居民诉求、投诉和举报共 0 件" in text
    assert "生成时间" in text and overview.stamp() in text


def test_xlsx_report_one_row_per_community_and_a_total(
    sent: dict[str, Office], tmp_path: Path
) -> None:
    overview, row = _row(sent["S"], COMMUNITY)
    out = write_street_report(overview, tmp_path / "汇总.xlsx")
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name("各社区汇总").to_python()
    header = rows[4]
    data = {r[0]: dict(zip(header, r, strict=False)) for r in rows[5:]}
    c = data["办公室C"]
    assert (c["机构代码"], c["状态"], c["诉求未办结"], c["诉求超期"]) == (COMMUNITY, "正常", 0, 0)
    assert (c["住户"], c["在住居民"], c["重点人群"]) == (
        row.households,
        row.residents,
        row.vulnerable,
    )
    assert c["独居老人"] == row.by_tag["独居老人"]
    assert (c["进行中发放"], c["已签收户数"], c["未办结待办"], c["其中逾期"]) == (1, 5, 2, 1)
    c2 = data["办公室C2"]
    assert c2["状态"] == "逾期" and c2["在住居民"] == "—"
    assert data["合计"]["在住居民"] == row.residents
    stock = book.get_sheet_by_name("物资库存").to_python()
    assert ["办公室C", COMMUNITY, "口罩", "个", 1000] in [list(r) for r in stock]


def test_report_refuses_other_suffixes(sent: dict[str, Office], tmp_path: Path) -> None:
    overview, _row_c = _row(sent["S"], COMMUNITY)
    with pytest.raises(InvalidInput, match=r"\.pdf"):
        write_street_report(overview, tmp_path / "汇总.docx")
    assert not list(tmp_path.glob("汇总*"))


def test_generated_time_is_local_and_now(sent: dict[str, Office]) -> None:
    overview, _row_c = _row(sent["S"], COMMUNITY)
    assert abs((datetime.now().astimezone() - overview.generated_at).total_seconds()) < 60


# --- what the communities still have to hand out (supply_need, refreshed at each export) ----------


def _export(c: Office, out: Path):  # type: ignore[no-untyped-def]
    return export_package(c.db, c.datadir, c.info, out)


def test_the_street_office_sees_each_communitys_shortage_and_households_waiting(
    offices: dict[str, Office], tmp_path: Path
) -> None:
    c, s = offices["C"], offices["S"]
    with c.db.session() as session:
        ledger.receive(session, "大米", 50, unit="袋", source="区民政局", source_kind="allocation")
        ledger.receive(session, "口罩", 100, unit="个", source="区卫健局", source_kind="allocation")
        code = campaigns.create_campaign(
            session,
            campaigns.CampaignSpec(
                name="米面发放", item="大米", qty=1, more=(campaigns.LineSpec("口罩", 2),)
            ),
        ).code
    with c.db.reading() as session:
        homes = session.scalar(select(func.count()).select_from(SupplyAllocation))
        assert homes is not None and homes > 50
        own = {n.item: n for n in supplies_needs.needs_list(session).items}
    assert (own["大米"].still_to_hand_out, own["大米"].shortage) == (homes, homes - 50)
    assert own["口罩"].shortage == 2 * homes - 100

    import_into(s, _export(c, tmp_path / "usb1").path)
    _o, row = _row(s, COMMUNITY)
    assert [
        (n.item, n.unit, n.needed, n.on_hand, n.shortage, n.households_waiting) for n in row.needs
    ] == [
        ("口罩", "个", 2 * homes, 100, 2 * homes - 100, homes),
        ("大米", "袋", homes, 50, homes - 50, homes),
    ]
    assert row.households_waiting == homes
    assert row.needs_text() == f"口罩 缺 {2 * homes - 100:,}个；大米 缺 {homes - 50:,}袋"
    overview, other = _row(s, COMMUNITY2)
    assert other.needs == [] and other.needs_text() == "—"  # sent nothing: no figure
    assert overview.totals()["communities_short"] == 1

    # the community hands out to five households and receives enough rice: the next package says so
    with c.db.reading() as session:
        first = list(
            session.scalars(
                select(Household.address_code)
                .join(SupplyAllocation, SupplyAllocation.household_id == Household.id)
                .order_by(SupplyAllocation.rank)
                .limit(5)
            )
        )
    for h in first:
        with c.db.session() as session:
            deliveries.deliver(session, code, h)
    with c.db.session() as session:
        ledger.receive(session, "大米", 1000, unit="袋", source="某商超", source_kind="purchase")
    second = _export(c, tmp_path / "usb2")
    assert second.counts["supply_need"] == 2
    import_into(s, second.path)
    _o, row = _row(s, COMMUNITY)
    need = {n.item: n for n in row.needs}
    assert (need["大米"].needed, need["大米"].on_hand, need["大米"].shortage) == (
        homes - 5,
        1045,
        0,
    )
    assert need["口罩"].shortage == 2 * (homes - 5) - 90
    assert row.households_waiting == need["大米"].households_waiting == homes - 5
    assert row.needs_text() == f"口罩 缺 {2 * (homes - 5) - 90:,}个"

    # nothing changed: the next package carries no needs, indeed nothing at all
    third = _export(c, tmp_path / "usb3")
    assert third.kind == "incremental" and third.records == 0 and "supply_need" not in third.counts
    import_into(s, third.path)

    # the campaign ends: nobody waits any more, the rows are tombstoned and travel as such
    with c.db.session() as session:
        campaigns.close_campaign(session, code)
    fourth = _export(c, tmp_path / "usb4")
    assert fourth.counts["supply_need"] == 2
    import_into(s, fourth.path)
    overview, row = _row(s, COMMUNITY)
    assert row.needs == [] and row.households_waiting == 0 and row.needs_text() == "无"
    assert overview.totals()["communities_short"] == 0
    with s.db.reading() as session:
        gone = session.scalars(select(SupplyNeed).where(SupplyNeed.origin == COMMUNITY)).all()
    assert len(gone) == 2 and all(g.deleted_at is not None and g.delete_reason for g in gone)


def test_the_report_shows_the_shortages(offices: dict[str, Office], tmp_path: Path) -> None:
    c, s = offices["C"], offices["S"]
    with c.db.session() as session:
        ledger.receive(session, "大米", 10, unit="袋", source="区民政局", source_kind="allocation")
        campaigns.create_campaign(session, campaigns.CampaignSpec(name="米", item="大米", qty=1))
    import_into(s, _export(c, tmp_path / "usb").path)
    overview, row = _row(s, COMMUNITY)
    short = row.needs[0].shortage
    out = write_street_report(overview, tmp_path / "汇总.xlsx")
    book = CalamineWorkbook.from_path(str(out))
    rows = book.get_sheet_by_name("各社区汇总").to_python()
    data = {r[0]: dict(zip(rows[4], r, strict=False)) for r in rows[5:]}
    assert data["办公室C"]["缺口"] == f"大米 缺 {short:,}袋"
    assert data["办公室C"]["待领户数"] == row.households_waiting
    assert data["办公室C2"]["缺口"] == "—"
    needs = [list(r) for r in book.get_sheet_by_name("物资缺口").to_python()]
    assert ["办公室C", COMMUNITY, "大米", "袋", short + 10, 10, short, short + 10] in needs
    if shutil.which("pdftotext"):
        pdf = write_street_report(overview, tmp_path / "汇总.pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert f"大米 缺 {short:,}袋" in text and "待领户数" in text
