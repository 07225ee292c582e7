"""Headless commands of the meetings area (../CLI.md, "Meetings"), and the shared `print` group.

`meetings add|edit|publish|list` as CLI.md names them, plus `show`, `amend`, `delete`, `actions`,
`close-action`, `reopen-action` and `attach`, which do headless what the window does. Meetings are
named by their number (the `id` of `meetings list`); a command that makes one prints it last.

The `print` group is shared: several areas print (`print minutes` here, `print notices` from the
printing area). argparse accepts a command name once, so the group is made through
`app.cli.common.group()` by whichever area registers first; every area adds its own subcommand to it
and sets `handler` on that subcommand's parser. The group's one handler, `app.cli.common.dispatch`,
runs the handler of the subcommand given. Each area returns `{"print": dispatch}` from
`register()`; the entries are the same function, so the order in which areas register does not
matter.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import data_dir, dispatch, group, open_data, parse_date
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]

PRINT_COMMAND = "print"


# --- helpers -------------------------------------------------------------------------------------


def _read_json(path: str) -> Any:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"找不到会议文件：{file}", f"Meeting file not found: {file}") from None
    except UnicodeDecodeError:
        raise InvalidInput(
            f"会议文件不是 UTF-8 编码的文本：{file}",
            f"The meeting file is not UTF-8 text: {file}",
        ) from None
    except OSError as exc:
        raise InvalidInput(
            f"无法读取会议文件 {file}：{exc.strerror}", f"Cannot read {file}: {exc.strerror}"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"会议文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：{file}",
            f"The meeting file is not valid JSON (line {exc.lineno}, column {exc.colno}): {file}",
        ) from None


# --- meetings ------------------------------------------------------------------------------------


def cmd_meetings(args: argparse.Namespace, out: Output) -> int:
    handler: Handler = args.meetings_handler
    return handler(args, out)


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings

    data = meetings.input_from_json(_read_json(args.file))
    db, _info = open_data(args)
    with db.session(note="meetings add") as session:
        meeting_id = meetings.create_meeting(session, data)
    out.say(
        f"已记录会议“{data.title.strip()}”（草稿，{len(data.decisions)} 项决定，"
        f"{len(data.action_items)} 项待办），会议编号 {meeting_id}",
        f"Recorded the meeting '{data.title.strip()}' as a draft ({len(data.decisions)} "
        f"decisions, {len(data.action_items)} action items); meeting id {meeting_id}",
    )
    return 0


def cmd_edit(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings
    from app.core.meetings import search

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    raw = _read_json(args.file)
    db, _info = open_data(args)
    with db.session(note="meetings edit") as session:
        base = search.get_meeting(session, meeting_id).to_input()
        data = meetings.input_from_json(raw, base)
        meetings.edit_meeting(session, meeting_id, data)
    out.say(
        f"已修改会议草稿“{data.title.strip()}”，会议编号 {meeting_id}",
        f"Changed the draft '{data.title.strip()}'; meeting id {meeting_id}",
    )
    return 0


def cmd_publish(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings
    from app.core.meetings import search

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    db, _info = open_data(args)
    with db.session(note="meetings publish") as session:
        meetings.publish_meeting(session, meeting_id)
        detail = search.get_meeting(session, meeting_id)
    extra_zh = f"，第 {detail.amends_id} 号纪要已被取代" if detail.amends_id else ""
    extra_en = f"; meeting {detail.amends_id} is superseded" if detail.amends_id else ""
    out.say(
        f"已发布并锁定会议纪要“{detail.title}”{extra_zh}，会议编号 {meeting_id}",
        f"Published and locked the minutes '{detail.title}'{extra_en}; meeting id {meeting_id}",
    )
    return 0


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings
    from app.core.meetings import search

    query = search.MeetingQuery(
        text=args.text or "",
        date_from=parse_date(args.date_from, "起始日期", "The --from date"),
        date_to=parse_date(args.date_to, "截止日期", "The --to date"),
        level=args.level,
        grid=args.grid,
        status=args.status,
    )
    db, _info = open_data(args)
    with db.reading() as session:
        found = search.search_meetings(session, query)
    if args.json:
        out.json({"meetings": [m.as_json() for m in found], "count": len(found)})
        return 0
    if not found:
        out.say("没有符合条件的会议。", "No meetings match.")
        return 0
    lang = 0 if out.lang != "en" else 1
    for m in found:
        status = meetings.STATUS_NAMES[m.status][lang]
        level = meetings.LEVEL_NAMES[m.level][lang]
        overdue = f"，逾期 {m.overdue_action_items}" if m.overdue_action_items else ""
        overdue_en = f", {m.overdue_action_items} overdue" if m.overdue_action_items else ""
        out.say(
            f"{m.id:>5}  {m.held_on.isoformat()}  {status}  {level}  {m.title}  "
            f"（待办 {m.open_action_items}/{m.action_items}{overdue}）",
            f"{m.id:>5}  {m.held_on.isoformat()}  {status}  {level}  {m.title}  "
            f"({m.open_action_items}/{m.action_items} open{overdue_en})",
        )
    out.say(f"共 {len(found)} 次会议", f"{len(found)} meetings")
    return 0


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import action_items, search
    from app.core.meetings import minutes as meetings

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    db, _info = open_data(args)
    with db.reading() as session:
        detail = search.get_meeting(session, meeting_id)
    if args.json:
        out.json(detail.as_json())
        return 0
    lang = 0 if out.lang != "en" else 1
    out.say(
        f"第 {detail.id} 号  {detail.title}（{meetings.STATUS_NAMES[detail.status][0]}）",
        f"Meeting {detail.id}: {detail.title} ({meetings.STATUS_NAMES[detail.status][1]})",
    )
    out.say(f"日期：{detail.held_on.isoformat()}", f"Date: {detail.held_on.isoformat()}")
    for d in detail.decisions:
        mark = ("已落实", "carried out") if d.carried_out else ("", "")
        out.say(
            f"  决定 {d.number}. {d.text} {mark[0]}", f"  decision {d.number}. {d.text} {mark[1]}"
        )
    for a in detail.action_items:
        state = action_items.ACTION_STATUS_NAMES[a.status][lang]
        late = (" 逾期" if lang == 0 else " overdue") if a.overdue else ""
        out.say(
            f"  待办 #{a.id} {a.text} — {a.owner}，{a.due.isoformat()}，{state}{late}",
            f"  action #{a.id} {a.text} — {a.owner}, due {a.due.isoformat()}, {state}{late}",
        )
    return 0


def cmd_amend(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    db, _info = open_data(args)
    with db.session(note="meetings amend") as session:
        new_id = meetings.amend_meeting(session, meeting_id, args.reason)
    out.say(
        f"已为第 {meeting_id} 号纪要建立修正稿（草稿，原纪要保留），会议编号 {new_id}",
        f"Made an amendment of meeting {meeting_id} (a draft; the original is kept); "
        f"meeting id {new_id}",
    )
    return 0


def cmd_delete(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    db, _info = open_data(args)
    with db.session(note="meetings delete") as session:
        meetings.delete_meeting(session, meeting_id, args.reason or "")
    out.say(
        f"已删除会议草稿（留有删除记录），会议编号 {meeting_id}",
        f"Deleted the draft (a tombstone is kept); meeting id {meeting_id}",
    )
    return 0


def cmd_actions(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import action_items
    from app.core.meetings import minutes as meetings

    query = action_items.ActionQuery(
        meeting_id=meetings.parse_meeting_ref(args.meeting) if args.meeting else None,
        owner=args.owner or "",
        open_only=args.open,
        overdue_only=args.overdue,
    )
    db, _info = open_data(args)
    with db.reading() as session:
        rows = action_items.list_action_items(session, query)
        counts = action_items.todo_counts(session)
    if args.json:
        out.json(
            {
                "action_items": [r.as_json() for r in rows],
                "open": counts.open,
                "overdue": counts.overdue,
                "due_soon": counts.due_soon,
                "done": counts.done,
            }
        )
        return 0
    lang = 0 if out.lang != "en" else 1
    for r in rows:
        state = action_items.ACTION_STATUS_NAMES[r.status][lang]
        late = ("逾期 " if lang == 0 else "OVERDUE ") if r.overdue else ""
        out.say(
            f"#{r.id:<5} {late}{r.due.isoformat()}  {r.owner}  {r.text}（{state}；"
            f"第 {r.meeting_id} 号会议）",
            f"#{r.id:<5} {late}{r.due.isoformat()}  {r.owner}  {r.text} ({state}; "
            f"meeting {r.meeting_id})",
        )
    out.say(
        f"共 {len(rows)} 项；全部未办结 {counts.open} 项，其中逾期 {counts.overdue} 项",
        f"{len(rows)} listed; {counts.open} open in all, {counts.overdue} overdue",
    )
    return 0


def cmd_close_action(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import action_items

    db, _info = open_data(args)
    with db.session(note="meetings close-action") as session:
        action_items.close_action_item(
            session, args.item, args.done, args.date, cancelled=args.cancel
        )
    out.say(
        f"已{'取消' if args.cancel else '办结'}待办事项，编号 {args.item}",
        f"{'Cancelled' if args.cancel else 'Closed'} the action item; id {args.item}",
    )
    return 0


def cmd_reopen_action(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import action_items

    db, _info = open_data(args)
    with db.session(note="meetings reopen-action") as session:
        action_items.reopen_action_item(session, args.item)
    out.say(f"已重新打开待办事项，编号 {args.item}", f"Reopened the action item; id {args.item}")
    return 0


def cmd_attach(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import attachments
    from app.core.meetings import minutes as meetings

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    db, _info = open_data(args)
    with db.session(note="meetings attach") as session:
        attachment_id = attachments.add_attachment(
            session,
            meeting_id,
            Path(args.file),
            data_dir(args).attachments,
            args.note,
        )
    out.say(
        f"已把 {Path(args.file).name} 附在第 {meeting_id} 号会议纪要后，附件编号 {attachment_id}",
        f"Attached {Path(args.file).name} to meeting {meeting_id}; attachment id {attachment_id}",
    )
    return 0


def cmd_print_minutes(args: argparse.Namespace, out: Output) -> int:
    from app.core.meetings import minutes as meetings
    from app.core.meetings.paper import print_minutes

    meeting_id = meetings.parse_meeting_ref(args.meeting)
    target = Path(args.out).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"输出文件应以 .pdf 结尾：{target}", f"The output file must end in .pdf: {target}"
        )
    db, _info = open_data(args)
    with db.reading() as session:
        try:
            path = print_minutes(session, meeting_id, target)
        except OSError as exc:
            raise InvalidInput(
                f"无法写入 {target}：{exc.strerror}", f"Cannot write {target}: {exc.strerror}"
            ) from None
    out.say(f"已生成第 {meeting_id} 号会议纪要：{path}", f"Printed meeting {meeting_id} to {path}")
    return 0


def register(sub: Any) -> dict[str, Handler]:
    """Add the meetings commands and `print minutes` to the parser; return their handlers."""
    meetings = sub.add_parser("meetings", help="meeting minutes, decisions and action items")
    cmds = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = cmds.add_parser(name, help=help_text)
        parser.set_defaults(meetings_handler=handler)
        return parser

    p = add("add", cmd_add, "record a meeting from a JSON file (a draft); prints its id last")
    p.add_argument("--file", required=True, help="M.json: title, level, grid, date, place, …")
    p = add("edit", cmd_edit, "change a draft from a JSON file (keys given replace the old)")
    p.add_argument("--meeting", required=True, help="the meeting's id")
    p.add_argument("--file", required=True)
    p = add("publish", cmd_publish, "publish and lock the minutes")
    p.add_argument("--meeting", required=True)
    p = add("list", cmd_list, "list and search the minutes")
    p.add_argument("--json", action="store_true")
    p.add_argument("--text", help="words in the title, agenda, discussion, decisions, …")
    p.add_argument("--level", choices=("community", "grid"))
    p.add_argument("--grid", help="grid code")
    p.add_argument("--from", dest="date_from", help="held on or after (2026-11-01)")
    p.add_argument("--to", dest="date_to", help="held on or before")
    p.add_argument("--status", choices=("draft", "published", "superseded"))
    p = add("show", cmd_show, "one meeting with its decisions and action items")
    p.add_argument("--meeting", required=True)
    p.add_argument("--json", action="store_true")
    p = add("amend", cmd_amend, "start an amendment of published minutes; prints its id last")
    p.add_argument("--meeting", required=True)
    p.add_argument("--reason", required=True)
    p = add("delete", cmd_delete, "delete a draft (kept as a tombstone)")
    p.add_argument("--meeting", required=True)
    p.add_argument("--reason")
    p = add("actions", cmd_actions, "action items: open, overdue, one owner's")
    p.add_argument("--json", action="store_true")
    p.add_argument("--owner")
    p.add_argument("--meeting")
    p.add_argument("--open", action="store_true", help="only open ones")
    p.add_argument("--overdue", action="store_true", help="only overdue ones")
    p = add("close-action", cmd_close_action, "close an action item with what was done")
    p.add_argument("--item", required=True, type=int)
    p.add_argument("--done", required=True, help="what was done (or why it is cancelled)")
    p.add_argument("--date", help="when it was done (default today)")
    p.add_argument("--cancel", action="store_true", help="dropped rather than done")
    p = add("reopen-action", cmd_reopen_action, "reopen an action item closed by mistake")
    p.add_argument("--item", required=True, type=int)
    p = add("attach", cmd_attach, "keep a file with the minutes (in the data folder)")
    p.add_argument("--meeting", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--note")

    printing = group(sub, PRINT_COMMAND, "print documents as PDF (minutes, notices, …)")
    minutes = printing.add_parser("minutes", help="meeting minutes as PDF")
    minutes.set_defaults(handler=cmd_print_minutes)
    minutes.add_argument("--meeting", required=True)
    minutes.add_argument("--out", required=True, help="FILE.pdf")
    return {"meetings": cmd_meetings, PRINT_COMMAND: dispatch}
