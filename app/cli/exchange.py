"""Headless commands for the exchange with the street office (../CLI.md, "Exchange with the street
office"):

    keys export-public OUT            this office's enrolment file; prints the fingerprint
    keys enroll FILE [--fingerprint FP] [--replace]
                                      community: trust the street office; street office: enrol a
                                      community; the fingerprint the other office's screen shows
                                      is typed back on a terminal, or given as FP
    exchange export --out DIR [--to CODE] [--full]
                                      community: the next package for the street office;
                                      street office: the return package of each community
                                      (or of CODE); prints the path last
    exchange import FILE|DIR...              each file (a folder: its .gdpkg files) imported or
                                             refused on its own line; exit 0 all imported,
                                             3 none new, 1 one refused
    exchange receipt --out DIR               street office: signed receipts
    exchange import-receipt FILE             marks this office's packages received
    exchange receipt --out DIR               (at a community: receipt of return packages)
    exchange pending [--to CODE] [--json]    packages sent and not yet acknowledged
    exchange resend --out DIR [--to CODE]    writes those again from exports/
    directive add --kind notice|task|allocation --to CODE|all --title T --text X [--due D]
              [--area A] [--item NAME --qty N --unit U]     street office; prints the id last
    directive list [--json]
    directive cancel ID [--reason R]         street office
    directive done ID [--note N]             community: a task is done
    directive receive ID --qty N [--note N]  community: an allocation arrived (booked into stock)
    directive undo ID --reason R             community: take back its answer (3 if none)

Every command calls app.core.exchange.packages, app.core.exchange.returns, app.core.exchange.enrolment or
app.core.street.directives; none has logic of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_ALREADY, EXIT_FAILED, EXIT_OK, data_dir, dispatch, group, open_data
from app.errors import InvalidInput

if TYPE_CHECKING:
    from app.cli.common import Output

Handler = Callable[[argparse.Namespace, "Output"], int]


def cmd_export_public(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.enrolment import export_public

    db, info = open_data(args)
    try:
        path, fingerprint = export_public(data_dir(args), info, Path(args.out))
    finally:
        db.dispose()
    out.say(
        f"已写出{info.name}（{info.code}）的公钥文件。请当面核对指纹：{fingerprint}\n{path}",
        f"Wrote the public key file of {info.name} ({info.code}). Compare the fingerprint in "
        f"person: {fingerprint}\n{path}",
    )
    return EXIT_OK


def _compared(enrolment: Any, given: str | None, out: Output) -> None:
    """Staff compare the fingerprint with the one on the other office's screen (CLI.md): given
    with --fingerprint, or typed back on a terminal; InvalidInput unless they agree."""
    from app.core.exchange.enrolment import same_fingerprint

    fingerprint = enrolment.fingerprint
    if given is None:
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"请核对指纹：没有终端可输入，请加 --fingerprint（对方屏幕上显示的指纹，空格可省略）。"
                f"此文件为{enrolment.name}（{enrolment.code}），指纹 {fingerprint}；未登记。",
                "Compare the fingerprint: with no terminal to type it on, give --fingerprint "
                f"(as the other office's screen shows it, spaces optional). This file is "
                f"{enrolment.name} ({enrolment.code}), fingerprint {fingerprint}; nothing "
                "enrolled.",
            )
        prompt = (
            f"Key file of {enrolment.name} ({enrolment.code}).\nType the fingerprint shown on "
            "that office's screen (spaces optional): "
            if out.lang == "en"
            else f"{enrolment.name}（{enrolment.code}）的公钥文件。\n请输入对方屏幕上显示的指纹"
            "（空格可省略）："
        )
        try:
            given = input(prompt)
        except EOFError:
            given = ""
    if not same_fingerprint(given, fingerprint):
        raise InvalidInput(
            f"指纹不符，未登记：输入的是 {given.strip()[:60]}，文件中的是 {fingerprint}。"
            "请确认拿到的是对方的公钥文件。",
            f"The fingerprints differ; nothing enrolled: {given.strip()[:60]} was given, the "
            f"file has {fingerprint}. Check that this is the other office's key file.",
        )


def cmd_enroll(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.enrolment import check_enrollable, enroll, not_under, read_enrolment

    enrolment = read_enrolment(Path(args.file))
    db, info = open_data(args)
    try:
        with db.reading() as session:
            check_enrollable(session, info, enrolment)
        _compared(enrolment, args.fingerprint, out)
        with db.session(note="keys enroll") as session:
            how = enroll(session, info, enrolment, replace=args.replace)
    finally:
        db.dispose()
    verb_zh = "已登记" if how == "added" else "已更新登记"
    out.say(
        f"{verb_zh}{enrolment.name}（{enrolment.role}），指纹 {enrolment.fingerprint}。"
        f"机构代码 {enrolment.code}",
        f"{'Enrolled' if how == 'added' else 'Re-enrolled'} {enrolment.name} ({enrolment.role}), "
        f"fingerprint {enrolment.fingerprint}. Office code {enrolment.code}",
    )
    mismatch = not_under(info, enrolment)
    if mismatch is not None:
        print(mismatch[1 if out.lang == "en" else 0], file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.packages import export_package

    db, info = open_data(args)
    try:
        if info.is_street_office:
            return _export_return(args, out, db, info)
        if args.to:
            raise InvalidInput(
                "--to 只用于街道办写回传包；社区的数据包总是发给它信任的街道办。",
                "--to is for a street office's return packages; a community's package always "
                "goes to the street office it trusts.",
            )
        result = export_package(db, data_dir(args), info, Path(args.out), full=args.full)
    finally:
        db.dispose()
    kind_zh = "全量" if result.kind == "full" else "增量"
    out.say(
        f"已写出第 {result.package_seq} 号{kind_zh}数据包（{result.records:,} 条记录，"
        f"收件方 {result.recipient}）：\n{result.path}",
        f"Wrote package {result.package_seq} ({result.kind}, {result.records:,} records, for "
        f"{result.recipient}):\n{result.path}",
    )
    return EXIT_OK


def _export_return(args: argparse.Namespace, out: Output, db: Any, info: Any) -> int:
    from app.core.exchange.returns import export_return_packages

    results = export_return_packages(
        db, data_dir(args), info, Path(args.out), to=args.to, full=args.full
    )
    for result in results:
        kind_zh = "全量" if result.kind == "full" else "增量"
        out.say(
            f"已写出给 {result.recipient} 的第 {result.package_seq} 号{kind_zh}回传包"
            f"（{result.records:,} 条事项）：\n{result.path}",
            f"Wrote return package {result.package_seq} ({result.kind}, {result.records:,} "
            f"directives, for {result.recipient}):\n{result.path}",
        )
    return EXIT_OK


def cmd_pending(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.returns import pending_packages

    db, _info = open_data(args)
    try:
        with db.reading() as session:
            rows = pending_packages(session, data_dir(args), args.to)
    finally:
        db.dispose()
    if args.json:
        out.json({"pending": [r.as_json() for r in rows], "count": len(rows)})
        return EXIT_OK
    for r in rows:
        kept_zh = "" if r.kept else "（exports 中无副本）"
        kept_en = "" if r.kept else " (no copy in exports)"
        out.say(
            f"{r.office_name}（{r.office_code}）第 {r.package_seq} 号，{r.records:,} 条，"
            f"{r.created_at:%Y-%m-%d %H:%M} 写出，未确认收到{kept_zh}：{r.file_name}",
            f"{r.office_name} ({r.office_code}) package {r.package_seq}, {r.records:,} records, "
            f"written {r.created_at:%Y-%m-%d %H:%M}, not acknowledged{kept_en}: {r.file_name}",
        )
    out.say(
        f"共 {len(rows)} 个数据包未确认收到。"
        + ("可用 exchange resend --out DIR 重新写出。" if rows else ""),
        f"{len(rows)} package(s) not acknowledged."
        + (" Write them again with exchange resend --out DIR." if rows else ""),
    )
    return EXIT_OK


def cmd_resend(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.returns import resend_packages

    db, _info = open_data(args)
    try:
        paths = resend_packages(db, data_dir(args), Path(args.out), args.to)
    finally:
        db.dispose()
    for path in paths:
        out.say(f"已重新写出：\n{path}", f"Wrote again:\n{path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    """Each file gets its line (imported: stdout; already imported or refused: stderr, naming
    the file), one refused file never stops the others; the exit code is the worst outcome."""
    from app.core.exchange.history import import_packages

    db, info = open_data(args)
    try:
        outcomes = import_packages(db, data_dir(args), info, [Path(f) for f in args.files])
    finally:
        db.dispose()
    if not outcomes:
        raise InvalidInput("没有找到数据包（.gdpkg）。", "No package (.gdpkg) found.")
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            print(f"{outcome.path}: {outcome.message(out.lang)}", file=sys.stderr)
            continue
        out.say(
            f"已导入{result.sender_name}（{result.sender}）第 {result.package_seq} 号数据包："
            f"新增 {result.inserted:,}，更新 {result.updated:,}，未变 {result.unchanged:,}。 "
            f"{outcome.path}",
            f"Imported package {result.package_seq} of {result.sender_name} "
            f"({result.sender}): {result.inserted:,} added, {result.updated:,} updated, "
            f"{result.unchanged:,} unchanged. {outcome.path}",
        )
        for zh, en in result.warnings:
            out.say(f"注意：{zh}", f"Note: {en}")
    codes = {o.exit_code for o in outcomes}
    if EXIT_FAILED in codes:
        return EXIT_FAILED
    return EXIT_OK if EXIT_OK in codes else EXIT_ALREADY


def cmd_receipt(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.receipts import write_receipts

    db, info = open_data(args)
    try:
        paths = write_receipts(db, data_dir(args), info, Path(args.out))
    finally:
        db.dispose()
    for path in paths:
        out.say(f"已写出回执：\n{path}", f"Wrote receipt:\n{path}")
    return EXIT_OK


def cmd_import_receipt(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange.receipts import import_receipt

    db, info = open_data(args)
    try:
        result = import_receipt(db, data_dir(args), info, Path(args.file))
    finally:
        db.dispose()
    got = ", ".join(str(n) for n in result.acknowledged)
    missing = ", ".join(str(n) for n in result.unacknowledged) or "—"
    out.say(
        f"{result.street_office} 已确认收到数据包：{got}。尚未确认：{missing}",
        f"{result.street_office} acknowledged packages: {got}. Not yet acknowledged: {missing}",
    )
    return EXIT_OK


def register(sub: Any) -> dict[str, Handler]:
    keys = group(sub, "keys", "this office's keys and the offices it trusts")
    p = keys.add_parser("export-public", help="write this office's public key file")
    p.add_argument("out", metavar="OUT")
    p.set_defaults(handler=cmd_export_public)
    p = keys.add_parser("enroll", help="trust another office's public key file")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--fingerprint",
        metavar="FP",
        help="the fingerprint the other office's screen shows (spaces optional); without a "
        "terminal it is required",
    )
    p.add_argument(
        "--replace", action="store_true", help="replace an office enrolled with another key"
    )
    p.set_defaults(handler=cmd_enroll)

    ex = group(sub, "exchange", "packages, receipts")
    p = ex.add_parser(
        "export",
        help="write the next package (street office: a return package per community)",
    )
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument(
        "--to", metavar="CODE", help="street office: only this community's return package"
    )
    p.add_argument("--full", action="store_true", help="every record, not only the changes")
    p.set_defaults(handler=cmd_export)
    p = ex.add_parser("import", help="verify and import packages")
    p.add_argument("files", nargs="+", metavar="FILE", help="a package, or a folder of them")
    p.set_defaults(handler=cmd_import)
    p = ex.add_parser("receipt", help="write signed receipts of the packages imported here")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(handler=cmd_receipt)
    p = ex.add_parser("import-receipt", help="mark this office's packages as received")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_import_receipt)
    p = ex.add_parser("pending", help="packages sent and not yet acknowledged by a receipt")
    p.add_argument("--to", metavar="CODE", help="only those sent to this office")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_pending)
    p = ex.add_parser("resend", help="write the packages not yet acknowledged again")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--to", metavar="CODE", help="only those sent to this office")
    p.set_defaults(handler=cmd_resend)
    _register_directives(sub)
    return {"keys": dispatch, "exchange": dispatch, "directive": dispatch}


# ---------------------------------------------------------------------------------------------
# directives (street office: notices, tasks, allocations; community: done, received)


def cmd_directive_add(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import DirectiveSpec, add_directive, kind_text

    spec = DirectiveSpec(
        kind=args.kind,
        to=args.to,
        title=args.title or "",
        text=args.text or "",
        due=args.due,
        area=args.area,
        item=args.item,
        qty=args.qty,
        unit=args.unit,
    )
    db, info = open_data(args)
    try:
        with db.session(note="directive add") as session:
            directive = add_directive(session, info, spec)
            ident, ref, title = directive.id, directive.uuid[:8], directive.title
    finally:
        db.dispose()
    out.say(
        f"已登记{kind_text(spec.kind)}“{title}”（收件方 {spec.to}，编号 {ref}），"
        f"随下一次回传包发出。事项 {ident}",
        f"Recorded {kind_text(spec.kind, 'en')} '{title}' (to {spec.to}, ref {ref}); it goes "
        f"out in the next return package. Directive {ident}",
    )
    return EXIT_OK


def cmd_directive_list(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import kind_text, list_directives, state_text

    db, info = open_data(args)
    try:
        with db.reading() as session:
            rows = list_directives(session, info)
    finally:
        db.dispose()
    if args.json:
        out.json({"role": info.role, "directives": [r.as_json() for r in rows]})
        return EXIT_OK
    lang = out.lang
    for r in rows:
        states = "，".join(f"{c.code} {state_text(c.state, lang)}" for c in r.communities)
        detail = f" [{states}]" if info.is_street_office and states else ""
        out.say(
            f"{r.id}  {r.ref}  {kind_text(r.kind)}  {r.title}  → {r.addressee}  "
            f"{state_text(r.state)}{detail}",
            f"{r.id}  {r.ref}  {kind_text(r.kind, 'en')}  {r.title}  -> {r.addressee}  "
            f"{state_text(r.state, 'en')}{detail}",
        )
    out.say(f"共 {len(rows)} 条事项。", f"{len(rows)} directive(s).")
    return EXIT_OK


def cmd_directive_cancel(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import cancel_directive

    db, info = open_data(args)
    try:
        with db.session(note="directive cancel") as session:
            directive = cancel_directive(session, info, args.id, args.reason or "")
            title, ident = directive.title, directive.id
    finally:
        db.dispose()
    out.say(
        f"已撤销“{title}”，随下一次回传包通知社区。事项 {ident}",
        f"Cancelled '{title}'; the communities learn it from the next return package. "
        f"Directive {ident}",
    )
    return EXIT_OK


def cmd_directive_done(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import complete_task, find_directive

    db, info = open_data(args)
    try:
        with db.session(note="directive done") as session:
            complete_task(session, info, args.id, args.note or "", args.who)
            directive = find_directive(session, args.id)
            title, ident = directive.title, directive.id
    finally:
        db.dispose()
    out.say(
        f"已登记任务“{title}”完成，随下一次数据包报街道办。事项 {ident}",
        f"Recorded task '{title}' as done; the street office learns it from the next package. "
        f"Directive {ident}",
    )
    return EXIT_OK


def cmd_directive_receive(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import confirm_arrival, find_directive

    db, info = open_data(args)
    try:
        with db.session(note="directive receive") as session:
            answer = confirm_arrival(session, info, args.id, args.qty, args.note or "", args.who)
            directive = find_directive(session, args.id)
            title, ident = directive.title, directive.id
            item, unit, qty = directive.item_name, directive.unit, answer.qty_received
    finally:
        db.dispose()
    out.say(
        f"已确认“{title}”到货 {qty}{unit}{item}，已入库。事项 {ident}",
        f"Confirmed the arrival of {qty} {unit} {item} for '{title}'; received into stock. "
        f"Directive {ident}",
    )
    return EXIT_OK


def cmd_directive_undo(args: argparse.Namespace, out: Output) -> int:
    from app.core.street.directives import undo_answer

    db, info = open_data(args)
    try:
        with db.session(note="directive undo") as session:
            undone = undo_answer(session, info, args.id, args.reason)
    finally:
        db.dispose()
    if undone.qty is not None:
        out.say(
            f"已撤回“{undone.title}”的到货登记，库存冲减 {undone.qty}{undone.unit}{undone.item}"
            f"（现有 {undone.on_hand}{undone.unit}），可重新登记到货；随下一次数据包报街道办。"
            f"事项 {undone.directive_id}",
            f"Took back the arrival for '{undone.title}': {undone.qty} {undone.unit} "
            f"{undone.item} taken out of stock ({undone.on_hand} left); it can be recorded again "
            f"and the street office learns it from the next package. "
            f"Directive {undone.directive_id}",
        )
    else:
        out.say(
            f"已撤回任务“{undone.title}”的完成登记，可重新登记；随下一次数据包报街道办。"
            f"事项 {undone.directive_id}",
            f"Took back the completion of task '{undone.title}'; it can be recorded again and "
            f"the street office learns it from the next package. Directive {undone.directive_id}",
        )
    return EXIT_OK


def _register_directives(sub: Any) -> None:
    d = group(sub, "directive", "street office notices, tasks and supply allocations")
    p = d.add_parser("add", help="street office: a notice, task or allocation for a community")
    p.add_argument("--kind", required=True, choices=("notice", "task", "allocation"))
    p.add_argument("--to", required=True, metavar="CODE", help="a community's code, or all")
    p.add_argument("--title", metavar="T")
    p.add_argument("--text", metavar="X")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="a task's due date")
    p.add_argument("--area", metavar="A", help="a task's grid or area")
    p.add_argument("--item", metavar="NAME", help="an allocation's item")
    p.add_argument("--qty", metavar="N", help="an allocation's quantity")
    p.add_argument("--unit", metavar="U", help="an allocation's unit (default 个)")
    p.set_defaults(handler=cmd_directive_add)
    p = d.add_parser("list", help="directives and their state")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_directive_list)
    p = d.add_parser("cancel", help="street office: cancel a directive")
    p.add_argument("id", metavar="ID", help="its id, or the first 8 characters of its uuid")
    p.add_argument("--reason", metavar="R")
    p.set_defaults(handler=cmd_directive_cancel)
    p = d.add_parser("done", help="community: a task received is done")
    p.add_argument("id", metavar="ID", help="its id, or the first 8 characters of its uuid")
    p.add_argument("--note", metavar="N")
    p.add_argument("--who", metavar="NAME")
    p.set_defaults(handler=cmd_directive_done)
    p = d.add_parser("receive", help="community: an allocation arrived (booked into stock)")
    p.add_argument("id", metavar="ID", help="its id, or the first 8 characters of its uuid")
    p.add_argument("--qty", required=True, metavar="N")
    p.add_argument("--note", metavar="N")
    p.add_argument("--who", metavar="NAME")
    p.set_defaults(handler=cmd_directive_receive)
    p = d.add_parser(
        "undo",
        help="community: take back the answer to a directive (a task's completion, or an "
        "allocation's arrival, whose stock receipt is reversed)",
    )
    p.add_argument("id", metavar="ID", help="its id, or the first 8 characters of its uuid")
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (kept with the record)")
    p.set_defaults(handler=cmd_directive_undo)
