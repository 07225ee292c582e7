"""Headless commands for this office's own details (设置 → 本机构信息 in the window):

    office show [--json]
    office set [--name N] [--phone P] [--address A] [--contact C]
               [--code C] [--parent-code S] [--confirm-code-change]

`office set` changes only the values given; an empty value clears the phone, address or contact.
Exit 3 when every value given is the one already recorded. A new office code is refused once this
office has exchanged keys or packages, and needs --confirm-code-change before that (the message
without it names the consequences); see app.core.office.setup. Every command calls app.core.office.setup.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import dispatch, group, open_data
from app.errors import AlreadyDone

if TYPE_CHECKING:
    from app.cli.common import Output
    from app.core.office.setup import OfficeProfile

FIELDS = (
    ("name", "名称", "Name"),
    ("role", "类型", "Role"),
    ("code", "机构代码", "Office code"),
    ("parent_code", "上级街道代码", "Parent street office code"),
    ("phone", "电话", "Phone"),
    ("address", "地址", "Address"),
    ("contact", "联系人", "Contact person"),
)


def _show(out: Output, profile: OfficeProfile) -> None:
    from app.core.office.setup import ROLE_NAMES

    values = profile.as_json()
    for key, zh, en in FIELDS:
        if key == "parent_code" and profile.role != "community":
            continue
        value = values[key]
        if key == "role":
            value = ROLE_NAMES[profile.role][1 if out.lang == "en" else 0]
        out.say(f"{zh}：{value or '（未填）'}", f"{en}: {value or '(none)'}")


def cmd_office_show(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.setup import code_change_refusal, read_profile

    db, _info = open_data(args)
    try:
        with db.reading() as session:
            profile = read_profile(session)
            refusal = code_change_refusal(session)
    finally:
        db.dispose()
    if args.json:
        out.json(
            {
                **profile.as_json(),
                "code_changeable": refusal is None,
                "code_locked_because": refusal.message(out.lang) if refusal else None,
            }
        )
        return 0
    _show(out, profile)
    return 0


def cmd_office_set(args: argparse.Namespace, out: Output) -> int:
    from app.core.office.setup import change_code, plan_code_change, update_profile
    from app.errors import InvalidInput

    given = {
        k: getattr(args, k)
        for k in ("name", "phone", "address", "contact", "code", "parent_code")
        if getattr(args, k) is not None
    }
    if not given:
        args.parser.error(
            "give at least one of --name, --phone, --address, --contact, --code, --parent-code"
        )
    db, _info = open_data(args)
    try:
        with db.session(note="office set") as session:
            changed: list[str] = []
            if args.code is not None or args.parent_code is not None:
                plan = plan_code_change(session, args.code, args.parent_code)
                if plan.changes_code and not args.confirm_code_change:
                    zh, en = plan.consequences()
                    raise InvalidInput(
                        f"{zh.replace(chr(10), ' ')} 确认无误请加 --confirm-code-change。",
                        f"{en.replace(chr(10), ' ')} If that is right, add --confirm-code-change.",
                    )
                plan = change_code(session, args.code, args.parent_code, confirmed=True)
                changed += ["code"] if plan.changes_code else []
                changed += ["parent_code"] if plan.parent_code != plan.old_parent else []
            profile, fields = update_profile(
                session,
                name=args.name,
                phone=args.phone,
                address=args.address,
                contact=args.contact,
            )
            changed += fields
            if not changed:
                raise AlreadyDone(
                    "本机构信息未改变：所给的值与已记录的相同。",
                    "Nothing changed: the values given are those already recorded.",
                )
    finally:
        db.dispose()
    from app.cli.common import data_dir
    from app.core.trust.signin import remember_office

    remember_office(data_dir(args), profile.info)
    names = {key: (zh, en) for key, zh, en in FIELDS}
    out.say(
        f"已更新本机构信息：{'、'.join(names[k][0] for k in changed)}。",
        f"Updated this office's details: {', '.join(names[k][1].lower() for k in changed)}.",
    )
    _show(out, profile)
    return 0


def register(sub: Any) -> dict[str, Any]:
    """Add `office show` and `office set`; return the group's handler."""
    office = group(sub, "office", "this office's details: name, phone, address, contact, code")
    p = office.add_parser("show", help="this office's details")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_office_show)
    p = office.add_parser(
        "set",
        help="change this office's details (only those given; an empty value clears a phone, "
        "address or contact)",
    )
    p.add_argument("--name", help="the office's name, as printed on notices and reports")
    p.add_argument("--phone", help="printed on notices as 社区电话; several numbers joined by 、")
    p.add_argument("--address")
    p.add_argument("--contact", help="the contact person")
    p.add_argument(
        "--code",
        help="a new office code: refused once keys or packages were exchanged; "
        "needs --confirm-code-change",
    )
    p.add_argument(
        "--parent-code", help="a community's street office code (the first 9 digits of its code)"
    )
    p.add_argument(
        "--confirm-code-change",
        action="store_true",
        help="the consequences of a new code are understood: the office's records are stamped "
        "with it, a public key file given out before must be exported again",
    )
    p.set_defaults(handler=cmd_office_set, parser=p)
    return {"office": dispatch}
