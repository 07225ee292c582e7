"""Meetings: minutes go from draft to published (locked) to amended, action items are followed to
done and counted, bad input is refused with nothing changed, and every change is audited."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.meetings import action_items, attachments, search
from app.core.meetings import minutes as core
from app.core.meetings.action_items import ActionQuery
from app.core.meetings.minutes import ActionItemInput, MeetingInput
from app.core.meetings.search import MeetingQuery
from app.db.engine import Database
from app.db.models import AuditEntry, ChangeCounter, Grid
from app.db.models_meetings import ActionItem, AgendaItem, Attachment, Decision, Meeting
from app.errors import InvalidInput

COMMUNITY_CODE = "420106001001"
HELD = date(2026, 3, 2)
TODAY = date(2026, 3, 10)


def minutes(**changes: object) -> MeetingInput:
    base = MeetingInput(
        title="第三网格疫情防控议事会",
        held_on=HELD,
        level="grid",
        grid="G03",
        kind="网格议事会",
        start_time="09:30",
        end_time="11:00",
        place="社区党群服务中心",
        chair="刘芳",
        recorder="王磊",
        attendees=["网格长 刘芳", "楼长 陈强", "志愿者 王磊"],
        absentees=["楼长 孙伟（请假）"],
        agenda=["独居老人送菜安排", "团购价格公示"],
        discussion="居民反映蔬菜套餐价格偏高。",
        residents_views="希望送菜时间固定。",
        decisions=["每周二、五为独居老人送菜上门", "团购套餐价格每日公示"],
        action_items=[
            ActionItemInput("整理独居老人名单并分配志愿者", "刘芳", date(2026, 3, 5), 1),
            ActionItemInput("张贴团购价格公示", "陈强", date(2026, 3, 20), 2),
        ],
    )
    return MeetingInput(**{**base.__dict__, **changes})


@pytest.fixture
def grids(db: Database) -> Database:
    with db.session() as session:
        session.add_all(
            [
                Grid(code="G01", name="第一网格"),
                Grid(code="G03", name="第三网格"),
            ]
        )
    return db


def create(db: Database, data: MeetingInput | None = None) -> int:
    with db.session() as session:
        return core.create_meeting(session, data or minutes())


def detail(db: Database, meeting_id: int) -> search.MeetingDetail:
    with db.reading() as session:
        return search.get_meeting(session, meeting_id, today=TODAY)


def counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Meeting, AgendaItem, Decision, ActionItem, Attachment, AuditEntry)
        }


# --- lifecycle -----------------------------------------------------------------------------------


def test_a_meeting_is_recorded_as_a_draft_with_everything_in_it(grids: Database) -> None:
    meeting_id = create(grids)
    d = detail(grids, meeting_id)
    assert d.status == "draft" and not d.locked
    assert (d.title, d.level, d.grid_code, d.grid_name) == (
        "第三网格疫情防控议事会",
        "grid",
        "G03",
        "第三网格",
    )
    assert d.held_on == HELD
    assert (d.start_time.isoformat(), d.end_time.isoformat()) == ("09:30:00", "11:00:00")  # type: ignore[union-attr]
    assert d.attendees == ["网格长 刘芳", "楼长 陈强", "志愿者 王磊"]
    assert d.absentees == ["楼长 孙伟（请假）"]
    assert d.agenda == ["独居老人送菜安排", "团购价格公示"]
    assert [x.text for x in d.decisions] == ["每周二、五为独居老人送菜上门", "团购套餐价格每日公示"]
    assert [(a.text, a.owner, a.due, a.status, a.decision_number) for a in d.action_items] == [
        ("整理独居老人名单并分配志愿者", "刘芳", date(2026, 3, 5), "open", 1),
        ("张贴团购价格公示", "陈强", date(2026, 3, 20), "open", 2),
    ]


def test_records_are_travelling_records_stamped_with_origin_and_seq(grids: Database) -> None:
    meeting_id = create(grids)
    with grids.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        children = [*meeting.agenda_items, *meeting.decisions, *meeting.action_items]
        last = session.scalar(
            select(ChangeCounter.last_seq).where(ChangeCounter.origin == COMMUNITY_CODE)
        )
    assert meeting.origin == COMMUNITY_CODE and len(meeting.uuid) == 36
    assert len(children) == 6
    assert all(c.origin == COMMUNITY_CODE and c.seq >= 1 and c.uuid for c in children)
    assert max(c.seq for c in [meeting, *children]) == last


def test_a_draft_can_be_edited_in_place(grids: Database) -> None:
    meeting_id = create(grids)
    before = detail(grids, meeting_id)
    data = before.to_input()
    changed = MeetingInput(
        **{
            **data.__dict__,
            "title": "第三网格议事会（改）",
            "agenda": ["独居老人送菜安排"],
            "decisions": [*data.decisions, "下周再议电梯维修"],
            "action_items": [
                data.action_items[1],
                ActionItemInput("报电梯维修方案", "赵军", date(2026, 3, 9), 3),
            ],
        }
    )
    with grids.session() as session:
        core.edit_meeting(session, meeting_id, changed)
    after = detail(grids, meeting_id)
    assert after.title == "第三网格议事会（改）"
    assert after.agenda == ["独居老人送菜安排"]
    assert len(after.decisions) == 3
    assert [a.text for a in after.action_items] == ["张贴团购价格公示", "报电梯维修方案"]
    # the kept item is the same record (its id survives), renumbered
    assert after.action_items[0].id == before.action_items[1].id
    assert after.action_items[0].number == 1
    assert after.action_items[1].decision_number == 3
    # removed rows are tombstoned, not deleted
    with grids.reading() as session:
        gone = session.get(ActionItem, before.action_items[0].id)
        assert gone is not None and gone.deleted_at is not None


def test_publishing_locks_the_minutes(grids: Database) -> None:
    meeting_id = create(grids)
    with grids.session() as session:
        core.publish_meeting(session, meeting_id)
    d = detail(grids, meeting_id)
    assert d.status == "published" and d.locked
    assert d.published_at is not None
    before = counts(grids)
    with pytest.raises(InvalidInput) as caught, grids.session() as session:
        core.edit_meeting(session, meeting_id, minutes(title="改过的标题"))
    assert "已发布" in caught.value.zh and "amendment" in caught.value.en
    assert detail(grids, meeting_id).title == "第三网格疫情防控议事会"
    assert counts(grids) == before
    with pytest.raises(InvalidInput, match="已发布过"), grids.session() as session:
        core.publish_meeting(session, meeting_id)
    with pytest.raises(InvalidInput, match="不能删除"), grids.session() as session:
        core.delete_meeting(session, meeting_id)


def test_minutes_naming_nobody_cannot_be_published(grids: Database) -> None:
    meeting_id = create(grids, minutes(chair=None, recorder=None, attendees=[]))
    with pytest.raises(InvalidInput, match="主持人"), grids.session() as session:
        core.publish_meeting(session, meeting_id)
    assert detail(grids, meeting_id).status == "draft"


def test_a_draft_is_deleted_as_a_tombstone(grids: Database) -> None:
    meeting_id = create(grids)
    with grids.session() as session:
        core.delete_meeting(session, meeting_id, "录重了")
    with grids.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.deleted_at is not None
        assert meeting.delete_reason == "录重了"
        assert all(a.deleted_at is not None for a in meeting.action_items)
        assert search.search_meetings(session, today=TODAY) == []
        assert action_items.todo_counts(session, today=TODAY).open == 0
        with pytest.raises(InvalidInput, match="没有编号"):
            search.get_meeting(session, meeting_id)


# --- amendments ----------------------------------------------------------------------------------


def test_an_amendment_is_a_new_linked_draft_and_keeps_the_original(grids: Database) -> None:
    original_id = create(grids)
    with grids.session() as session:
        core.publish_meeting(session, original_id)
    with pytest.raises(InvalidInput, match="修正原因"), grids.session() as session:
        core.amend_meeting(session, original_id, "  ")
    with grids.session() as session:
        amendment_id = core.amend_meeting(session, original_id, "补记缺席人员")
    amendment = detail(grids, amendment_id)
    assert amendment.status == "draft"
    assert amendment.amends_id == original_id and amendment.amend_reason == "补记缺席人员"
    assert amendment.agenda == detail(grids, original_id).agenda
    assert [a.decision_number for a in amendment.action_items] == [1, 2]
    # a second amendment while one is pending is refused
    with pytest.raises(InvalidInput, match="未发布的修正稿"), grids.session() as session:
        core.amend_meeting(session, original_id, "再改")

    # the amendment's draft is edited; the original's text stays as published
    with grids.session() as session:
        data = search.get_meeting(session, amendment_id).to_input()
        core.edit_meeting(
            session,
            amendment_id,
            MeetingInput(**{**data.__dict__, "absentees": ["楼长 孙伟（请假）", "居民代表 李华"]}),
        )
    assert detail(grids, original_id).absentees == ["楼长 孙伟（请假）"]
    assert detail(grids, original_id).amended_by_id == amendment_id

    # follow-up continues on the original until the amendment is published
    first = detail(grids, original_id).action_items[0]
    with pytest.raises(InvalidInput, match="原纪要"), grids.session() as session:
        action_items.close_action_item(
            session, amendment.action_items[0].id, "已分配", date(2026, 3, 4), today=TODAY
        )
    with grids.session() as session:
        action_items.close_action_item(
            session, first.id, "已分配 6 名志愿者", date(2026, 3, 4), today=TODAY
        )
        core.publish_meeting(session, amendment_id)

    assert detail(grids, original_id).status == "superseded"
    published = detail(grids, amendment_id)
    assert published.status == "published"
    carried = published.action_items[0]
    assert (carried.status, carried.done_note, carried.done_on) == (
        "done",
        "已分配 6 名志愿者",
        date(2026, 3, 4),
    )
    # superseded minutes are locked, and their items no longer count
    with pytest.raises(InvalidInput, match="取代"), grids.session() as session:
        core.edit_meeting(session, original_id, minutes())
    with grids.reading() as session:
        todo = action_items.todo_counts(session, today=TODAY)
        rows = action_items.list_action_items(session, ActionQuery(), today=TODAY)
    assert (todo.open, todo.done) == (1, 1)
    assert {r.meeting_id for r in rows} == {amendment_id}


# --- action items --------------------------------------------------------------------------------


def test_overdue_items_are_found_and_closing_records_what_was_done(grids: Database) -> None:
    meeting_id = create(grids)
    with grids.session() as session:
        core.publish_meeting(session, meeting_id)
    with grids.reading() as session:
        overdue = action_items.overdue_action_items(session, today=TODAY)
        todo = action_items.todo_counts(session, today=TODAY)
    assert [(r.text, r.overdue) for r in overdue] == [("整理独居老人名单并分配志愿者", True)]
    assert (todo.open, todo.overdue, todo.done) == (2, 1, 0)

    with grids.session() as session:
        action_items.close_action_item(
            session, overdue[0].id, "名单已更新，6 名志愿者分到各楼", date(2026, 3, 9), today=TODAY
        )
    d = detail(grids, meeting_id)
    closed = d.action_items[0]
    assert closed.status == "done" and not closed.overdue
    assert closed.done_note == "名单已更新，6 名志愿者分到各楼"
    assert closed.done_on == date(2026, 3, 9)
    assert closed.closed_by  # who closed it
    # the decision it carries out now counts as carried out; the other does not
    assert [x.carried_out for x in d.decisions] == [True, False]
    assert d.decisions_carried_out == 1
    with grids.reading() as session:
        assert action_items.overdue_action_items(session, today=TODAY) == []
        (summary,) = search.search_meetings(session, today=TODAY)
    assert (summary.open_action_items, summary.done_action_items) == (1, 1)
    assert (summary.decisions, summary.decisions_carried_out) == (2, 1)

    # closing twice, closing without saying what was done, a date in the future: refused
    with pytest.raises(InvalidInput, match="已完成，不能再次办结"), grids.session() as session:
        action_items.close_action_item(session, closed.id, "again", today=TODAY)
    second = d.action_items[1].id
    for note, when in (("  ", None), ("done", date(2026, 3, 11)), ("done", date(2026, 3, 1))):
        with pytest.raises(InvalidInput), grids.session() as session:
            action_items.close_action_item(session, second, note, when, today=TODAY)
    assert detail(grids, meeting_id).action_items[1].status == "open"

    with grids.session() as session:
        action_items.reopen_action_item(session, closed.id)
    assert detail(grids, meeting_id).action_items[0].status == "open"


def test_cancelled_items_do_not_count_as_outstanding(grids: Database) -> None:
    meeting_id = create(grids)
    item = detail(grids, meeting_id).action_items[1]
    with grids.session() as session:
        action_items.close_action_item(
            session,
            item.id,
            "公告栏改造，改为微信群公示",
            date(2026, 3, 3),
            cancelled=True,
            today=TODAY,
        )
    d = detail(grids, meeting_id)
    assert d.action_items[1].status == "cancelled"
    assert d.decisions[1].carried_out is False  # nothing left that carries it out
    with grids.reading() as session:
        todo = action_items.todo_counts(session, today=TODAY)
    assert (todo.open, todo.done) == (1, 0)


def test_the_owners_list(grids: Database) -> None:
    create(grids)
    create(
        grids,
        minutes(
            title="物业、商超联席会议",
            level="community",
            grid=None,
            action_items=[ActionItemInput("公示第一周价格", "陈强", date(2026, 3, 12))],
        ),
    )
    with grids.reading() as session:
        mine = action_items.list_action_items(session, ActionQuery(owner="陈强"), today=TODAY)
    assert [r.text for r in mine] == ["公示第一周价格", "张贴团购价格公示"]  # by due date


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "zh", "en"),
    [
        ({"title": "  "}, "会议名称", "title"),
        ({"held_on": "2026-02-30"}, "不是有效日期", "not a valid date"),
        ({"held_on": None}, "会议日期不能为空", "required"),
        ({"level": "street"}, "级别", "level"),
        ({"grid": "G99"}, "没有这个网格", "No such grid"),
        ({"level": "community"}, "社区级会议不属于某个网格", "community-level"),
        ({"start_time": "25:00"}, "开始时间", "start time"),
        ({"start_time": "11:00", "end_time": "09:00"}, "结束时间早于", "earlier"),
        (
            {"action_items": [ActionItemInput("张贴公示", "", date(2026, 3, 5))]},
            "没有责任人",
            "no owner",
        ),
        (
            {"action_items": [ActionItemInput("张贴公示", "陈强", None)]},
            "没有完成时限",
            "no due date",
        ),
        (
            {"action_items": [ActionItemInput("张贴公示", "陈强", date(2026, 3, 1))]},
            "早于会议日期",
            "before the meeting",
        ),
        (
            {"action_items": [ActionItemInput("张贴公示", "陈强", date(2026, 3, 5), 7)]},
            "决定事项第7项不存在",
            "decision 7",
        ),
        ({"action_items": [ActionItemInput("", "陈强", date(2026, 3, 5))]}, "没有内容", "no text"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    grids: Database, changes: dict[str, object], zh: str, en: str
) -> None:
    meeting_id = create(grids)
    before = counts(grids)
    snapshot = detail(grids, meeting_id)
    with pytest.raises(InvalidInput) as new, grids.session() as session:
        core.create_meeting(session, minutes(**changes))
    assert zh in new.value.zh and en in new.value.en
    with pytest.raises(InvalidInput), grids.session() as session:
        core.edit_meeting(session, meeting_id, minutes(**changes))
    assert counts(grids) == before  # no meeting, no item, no audit row
    assert detail(grids, meeting_id) == snapshot


def test_an_unknown_action_item_id_changes_nothing(grids: Database) -> None:
    meeting_id = create(grids)
    before = counts(grids)
    snapshot = detail(grids, meeting_id)
    bad = minutes(
        title="新标题", action_items=[ActionItemInput("x", "y", date(2026, 3, 5), id=9999)]
    )
    with pytest.raises(InvalidInput, match="9999"), grids.session() as session:
        core.edit_meeting(session, meeting_id, bad)
    assert counts(grids) == before
    assert detail(grids, meeting_id) == snapshot


# --- the JSON of the command line ----------------------------------------------------------------


def test_input_from_json_reads_the_cli_format() -> None:
    data = core.input_from_json(
        {
            "title": "议事会",
            "level": "grid",
            "date": "2026-11-28",
            "place": "党群服务中心",
            "attendees": ["刘芳", "陈强"],
            "agenda": ["送菜"],
            "discussion": "讨论",
            "decisions": ["每周二送菜"],
            "action_items": [{"text": "整理名单", "owner": "刘芳", "due": "2026-11-30"}],
        }
    )
    assert data.title == "议事会" and data.held_on == "2026-11-28"
    assert data.action_items == [ActionItemInput("整理名单", "刘芳", "2026-11-30")]
    with pytest.raises(InvalidInput, match="titel"):
        core.input_from_json({"titel": "typo"})
    with pytest.raises(InvalidInput, match="列表"):
        core.input_from_json({"title": "x", "agenda": 3})
    with pytest.raises(InvalidInput):
        core.input_from_json(["not", "an", "object"])


def test_editing_from_json_keeps_what_is_not_given_and_the_item_ids(grids: Database) -> None:
    meeting_id = create(grids)
    base = detail(grids, meeting_id).to_input()
    data = core.input_from_json(
        {
            "place": "1 栋架空层",
            "action_items": [{"text": "改", "owner": "刘芳", "due": "2026-03-06"}],
        },
        base,
    )
    assert data.title == base.title and data.place == "1 栋架空层"
    assert data.action_items[0].id == base.action_items[0].id


# --- search --------------------------------------------------------------------------------------


def test_search_by_text_date_level_grid_and_status(grids: Database) -> None:
    a = create(grids)
    b = create(
        grids,
        minutes(
            title="社区疫情防控领导小组会议",
            level="community",
            grid=None,
            held_on=date(2026, 2, 20),
            agenda=["检测点设置"],
            discussion="讨论了本周检测安排。",
            residents_views="",
            decisions=["增设核酸检测点"],
            action_items=[ActionItemInput("联系医护人员", "李明", date(2026, 2, 25))],
        ),
    )
    with grids.session() as session:
        core.publish_meeting(session, b)

    def ids(**query: object) -> list[int]:
        with grids.reading() as session:
            return [
                m.id for m in search.search_meetings(session, MeetingQuery(**query), today=TODAY)
            ]  # type: ignore[arg-type]

    assert ids() == [a, b]  # newest first
    assert ids(text="核酸") == [b]  # in a decision
    assert ids(text="李明") == [b]  # an action item's owner
    assert ids(text="送菜 团购") == [a]  # every word must match
    assert ids(text="100%") == []  # wildcards are literal
    assert ids(date_from=date(2026, 3, 1)) == [a]
    assert ids(date_to=date(2026, 2, 28)) == [b]
    assert ids(level="community") == [b]
    assert ids(grid="G03") == [a]
    assert ids(grid="G01") == []
    assert ids(status="published") == [b]


# --- audit ---------------------------------------------------------------------------------------


def test_every_change_is_in_the_audit_trail(grids: Database) -> None:
    meeting_id = create(grids)
    with grids.session() as session:
        data = search.get_meeting(session, meeting_id).to_input()
        core.edit_meeting(
            session, meeting_id, MeetingInput(**{**data.__dict__, "place": "1 栋架空层"})
        )
    with grids.session() as session:
        core.publish_meeting(session, meeting_id)
    item = detail(grids, meeting_id).action_items[0]
    with grids.session() as session:
        action_items.close_action_item(session, item.id, "已完成", date(2026, 3, 4), today=TODAY)
    with grids.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        trail = [
            (e.action, e.field, e.old_value, e.new_value)
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.record_uuid == meeting.uuid)
                .order_by(AuditEntry.id)
            )
        ]
        item_trail = {
            (e.field, e.new_value)
            for e in session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == "meeting_action_item", AuditEntry.action == "update"
                )
            )
        }
    assert trail[0] == ("create", None, None, None)
    assert ("update", "place", "社区党群服务中心", "1 栋架空层") in trail
    assert ("update", "status", "draft", "published") in trail
    assert ("status", "done") in item_trail and ("done_note", "已完成") in item_trail


# --- attachments ---------------------------------------------------------------------------------


def test_attachments_are_kept_in_the_data_folder(grids: Database, tmp_path: Path) -> None:
    scan = tmp_path / "签字页.pdf"
    scan.write_bytes(b"%PDF-1.4 signed scan")
    folder = tmp_path / "attachments"
    meeting_id = create(grids)
    with grids.session() as session:
        first = attachments.add_attachment(session, meeting_id, scan, folder, "签字扫描件")
    (row,) = detail(grids, meeting_id).attachments
    stored = folder / row.stored_name
    assert stored.read_bytes() == scan.read_bytes()
    assert row.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (row.file_name, row.note) == ("签字页.pdf", "签字扫描件")

    with grids.session() as session:
        attachments.remove_attachment(session, first)
        attachments.add_attachment(session, meeting_id, scan, folder)
        core.publish_meeting(session, meeting_id)
    # published minutes take further attachments, but lose none
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"jpeg")
    with grids.session() as session:
        attachments.add_attachment(session, meeting_id, photo, folder)
    kept = detail(grids, meeting_id).attachments
    assert [a.file_name for a in kept] == ["签字页.pdf", "photo.jpg"]
    with pytest.raises(InvalidInput, match="已发布"), grids.session() as session:
        attachments.remove_attachment(session, kept[0].id)
    with pytest.raises(InvalidInput, match="找不到文件"), grids.session() as session:
        attachments.add_attachment(session, meeting_id, tmp_path / "missing.jpg", folder)


def test_meeting_refs_on_the_command_line() -> None:
    assert core.parse_meeting_ref("12") == 12
    assert core.parse_meeting_ref("#7") == 7
    with pytest.raises(InvalidInput):
        core.parse_meeting_ref("abc")


def test_attendees_are_picked_from_residents_by_name_without_id_numbers(demo_db: Database) -> None:
    from app.db.models import Household, Resident

    with demo_db.reading() as session:
        name, address, id_number = session.execute(
            select(Resident.name, Household.address_code, Resident.id_number)
            .join(Household, Resident.household_id == Household.id)
            .where(Resident.id_number.is_not(None))
            .limit(1)
        ).one()
        found = core.attendee_candidates(session, name)
        assert core.attendee_candidates(session, "  ") == []
        assert core.attendee_candidates(session, "%") == []  # a wildcard is a character
    assert f"{name}（{address}）" in found
    assert not any(id_number in line for line in found)
