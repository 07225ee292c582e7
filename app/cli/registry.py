"""Headless commands for households and residents (../CLI.md, "Households and residents"):

    import residents FILE [--sheet NAME] [--dry-run] [--report OUT.json] [--rejected OUT.xlsx]
    export residents OUT.xlsx [--mask | --full]
    duplicates list [--kind K] [--json]
    duplicates decide --pair ID --action merge|keep|correct [--keep R] [--set FIELD=VALUE]
                      [--note TEXT]
    household show --household H [--json]
    household split --household H --members R1,R2 [--head R] [--address A] [--stays-head R]
                    [--relation R=REL]
    household merge --into H --from H2[,H3] [--head R] [--relation R=REL]
    household move --resident R --to H [--relation REL]
    household set-head --household H --resident R [--old-head-relation REL]
    print residents [--grid G | --building B | --tag T] --out FILE.pdf

Each calls the operation the 住户 page calls (app.core.registry.roster_import / roster_export / duplicates /
households / registry / roster_print). Households are named as everywhere on the command line: by
address code (3-2-502) or household code (H000123); residents by their record number (the `id`
that `household show` and `duplicates list` print), their ID number, or HOUSEHOLD/NAME
(3-2-502/张三; within --household, the name alone).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    EXIT_ALREADY,
    EXIT_OK,
    dispatch,
    group,
    import_exit,
    open_data,
    say_rejected,
    write_json_report,
)


def register(sub: Any) -> dict[str, Any]:
    imp = group(sub, "import", "import data from files")
    p = imp.add_parser("residents", help="import a roster of residents (.xlsx/.xls/.csv)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.add_argument("--report", metavar="OUT.json", help="write the report as JSON")
    p.add_argument(
        "--rejected",
        metavar="OUT.xlsx",
        help="save the rows not imported, in the file's columns with the reason, to correct them "
        "and import again",
    )
    p.set_defaults(handler=cmd_import_residents)

    exp = group(sub, "export", "export data to files")
    p = exp.add_parser("residents", help="export residents to .xlsx in the import's layout")
    p.add_argument("out", metavar="OUT.xlsx")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--mask",
        action="store_true",
        help="mask ID numbers and phones (the default once the office has users)",
    )
    how.add_argument(
        "--full",
        action="store_true",
        help="whole ID numbers and phones: needs the right to full values; audited",
    )
    p.set_defaults(handler=cmd_export_residents)
    _register_duplicates(sub)
    _register_household(sub)
    prn = group(sub, "print", "print documents as PDF")
    p = prn.add_parser(
        "residents",
        help="the household roster (members, masked ID numbers and phones, tags) as PDF",
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--grid", metavar="G", help="only this grid (code or name)")
    scope.add_argument("--building", metavar="B", help="only this building (e.g. 3)")
    scope.add_argument("--tag", metavar="T", help="only households with a member tagged T")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_print_residents)
    return {
        "import": dispatch,
        "export": dispatch,
        "duplicates": dispatch,
        "household": dispatch,
        "print": dispatch,
    }


def _register_duplicates(sub: Any) -> None:
    dup = group(sub, "duplicates", "possible duplicate residents, and what a person decides")
    p = dup.add_parser(
        "list",
        help="groups of possible duplicates side by side (same ID number; same name and birth "
        "date in two households; one phone across households), each with its pair ID",
    )
    p.add_argument("--kind", choices=("same_id", "same_person", "shared_phone"))
    p.add_argument("--json", action="store_true", help='{"groups": [{"id", "kind", ...}]}')
    p.set_defaults(handler=cmd_duplicates_list)
    p = dup.add_parser(
        "decide",
        help="decide a group: merge (one person: fold the others into --keep, default the "
        "first listed), keep (different people: not listed again), correct (--set FIELD=VALUE "
        "on --keep's record); the decision goes into the audit trail",
    )
    p.add_argument("--pair", required=True, metavar="ID", help="as `duplicates list` prints it")
    p.add_argument("--action", required=True, choices=("merge", "keep", "correct"))
    p.add_argument("--keep", metavar="R", help="merge: the record kept; correct: the one fixed")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="correct: name, id_number, phone, birth_date, gender or doc_number",
    )
    p.add_argument("--note", default="", help="why (kept in the audit trail)")
    p.set_defaults(handler=cmd_duplicates_decide)


RESIDENT_HELP = (
    "a resident: the record number `household show` prints, an ID number, or 3-2-502/姓名 "
    "(within --household, the name alone)"
)


def _register_household(sub: Any) -> None:
    hh = group(sub, "household", "households: show, split, merge, move a member, change the head")
    p = hh.add_parser("show", help="a household and its members with their record numbers")
    p.add_argument("--household", required=True, metavar="H", help="3-2-502 or household code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_household_show)
    p = hh.add_parser(
        "split",
        help="some members leave for a new household (prints its code last); relations follow "
        "the new head (a son's wife becomes 配偶) unless --relation says",
    )
    p.add_argument("--household", required=True, metavar="H")
    p.add_argument(
        "--members", required=True, metavar="R1,R2", help="the members who leave: " + RESIDENT_HELP
    )
    p.add_argument("--head", metavar="R", help="head of the new household (default: the first)")
    p.add_argument("--address", metavar="A", help="its address (default: the same address)")
    p.add_argument("--stays-head", metavar="R", help="head of those who stay, if the head leaves")
    p.add_argument("--relation", action="append", default=[], metavar="R=REL")
    p.set_defaults(handler=cmd_household_split)
    p = hh.add_parser(
        "merge",
        help="the members of --from join --into (whose address and code stay); a head who "
        "steps down becomes 其他 unless --relation says",
    )
    p.add_argument("--into", required=True, metavar="H")
    p.add_argument("--from", dest="from_", required=True, metavar="H2[,H3]")
    p.add_argument("--head", metavar="R", help="head of the merged household (default: --into's)")
    p.add_argument("--relation", action="append", default=[], metavar="R=REL")
    p.set_defaults(handler=cmd_household_merge)
    p = hh.add_parser("move", help="move a resident to another household")
    p.add_argument("--resident", required=True, metavar="R", help=RESIDENT_HELP)
    p.add_argument("--to", required=True, metavar="H")
    p.add_argument("--relation", metavar="REL", help="relation to its head (default 其他)")
    p.set_defaults(handler=cmd_household_move)
    p = hh.add_parser(
        "set-head", help="make a member the head (exit 3 if already); the relations follow"
    )
    p.add_argument("--household", required=True, metavar="H")
    p.add_argument("--resident", required=True, metavar="R", help=RESIDENT_HELP)
    p.add_argument("--old-head-relation", metavar="REL", help="what the old head becomes")
    p.set_defaults(handler=cmd_household_set_head)


def cmd_import_residents(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.roster_import import import_roster
    from app.core.registry.roster_rejected import check_target, write_rejected
    from app.errors import InvalidInput

    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput(f"找不到文件：{path}", f"No such file: {path}")
    rejected_out = check_target(Path(args.rejected)) if args.rejected else None
    if args.report:
        report_folder = Path(args.report).parent
        if str(report_folder) and not report_folder.is_dir():
            raise InvalidInput(
                f"报告的文件夹不存在：{report_folder}",
                f"The report's folder does not exist: {report_folder}",
            )
    db, _info = open_data(args)
    plan = import_roster(db, path, args.sheet, dry_run=args.dry_run)
    report = plan.report(out.lang)
    report["dry_run"] = bool(args.dry_run)
    if args.report:
        write_json_report(Path(args.report), report)
    say_rejected(out, plan.rejected)
    verb_zh, verb_en = ("将", "would be ") if args.dry_run else ("", "")
    out.say(
        f"读取 {plan.rows_read:,} 行：{verb_zh}新增居民 {plan.residents_added:,} 人，"
        f"{verb_zh}更新 {plan.residents_updated:,} 人，{verb_zh}新增住户 {plan.households_added:,} 户，"
        f"未导入 {len(plan.rejected):,} 行，提示 {len(plan.warnings):,} 条"
        + ("（试运行，未写入）" if args.dry_run else ""),
        f"Read {plan.rows_read:,} rows: {plan.residents_added:,} residents {verb_en}added, "
        f"{plan.residents_updated:,} {verb_en}updated, {plan.households_added:,} households "
        f"{verb_en}added, {len(plan.rejected):,} rows rejected, {len(plan.warnings):,} warnings"
        + (" (dry run, nothing written)" if args.dry_run else ""),
    )
    if rejected_out is not None:
        saved = write_rejected(plan, rejected_out, out.lang)
        out.say(
            f"未导入的 {saved.rows:,} 行已保存（改正后可再导入），文件 {saved.path}",
            f"The {saved.rows:,} rows not imported were saved (to correct and import again), "
            f"file {saved.path}",
        )
    return import_exit(plan, path, dry_run=args.dry_run)


def cmd_export_residents(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.roster_export import export_residents

    db, _info = open_data(args)
    mask = True if args.mask else False if args.full else None
    result = export_residents(db, Path(args.out), mask=mask)
    masked_zh = "（已脱敏）" if result.masked else "（含完整证件号）" if result.full_marked else ""
    masked_en = " (masked)" if result.masked else " (full values)" if result.full_marked else ""
    out.say(
        f"已导出 {result.residents:,} 人、{result.households:,} 户{masked_zh}：{result.path}",
        f"Exported {result.residents:,} residents in {result.households:,} households"
        f"{masked_en}: {result.path}",
    )
    return EXIT_OK


# --- duplicates ----------------------------------------------------------------------------------


def _pair_id(group: Any) -> str:
    return f"{group.kind}:{'-'.join(str(m.id) for m in group.members)}"


def _parse_pair(text: str) -> tuple[str, list[int]]:
    from app.core.registry.duplicates import KINDS
    from app.errors import InvalidInput

    kind, _sep, ids = text.strip().partition(":")
    parts = ids.split("-")
    if kind not in KINDS or len(parts) < 2 or not all(p.isdigit() for p in parts):
        raise InvalidInput(
            f"--pair 应照 duplicates list 所列写，如 same_phone:12-345：{text}",
            f"--pair is written as `duplicates list` prints it, e.g. same_phone:12-345: {text}",
        )
    return kind, [int(p) for p in parts]


_SIDE_FIELDS = (
    ("name", "姓名", "name"),
    ("address_code", "住址", "address"),
    ("household_code", "户号", "household"),
    ("relation", "与户主关系", "relation"),
    ("id_number", "身份证号", "ID number"),
    (
        "age",
        "年龄",
        "age",
    ),  # never the birth date beside a masked ID number (app.core.common.masking)
    ("gender", "性别", "gender"),
    ("phone", "电话", "phone"),
    ("tags", "标签", "tags"),
    ("status", "状态", "status"),
)


def cmd_duplicates_list(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.duplicates import KIND_LABELS, KIND_LABELS_EN, KINDS, find_duplicates

    db, _info = open_data(args)
    kinds = (args.kind,) if args.kind else KINDS
    with db.reading() as session:
        report = find_duplicates(session, kinds)
    if args.json:
        out.json(
            {
                "groups": [
                    {
                        "id": _pair_id(g),
                        "kind": g.kind,
                        "shared": g.shared,
                        "differing": sorted(g.differing()),
                        "members": [
                            {
                                "id": m.id,
                                "name": m.name,
                                "household": m.address_code,
                                "household_code": m.household_code,
                                "relation": m.relation,
                                "is_head": m.is_head,
                                "id_number": m.id_number,
                                "age": m.age or None,
                                "gender": m.gender,
                                "phone": m.phone,
                                "tags": list(m.tags),
                                "status": m.status,
                                "origin": m.origin,
                            }
                            for m in g.members
                        ],
                    }
                    for g in report.groups
                ],
                "counts": {k: report.count(k) for k in kinds},
                "more": report.more,
            }
        )
        return EXIT_OK
    labels = KIND_LABELS_EN if out.lang == "en" else KIND_LABELS
    for g in report.groups:
        out.say(
            f"[{_pair_id(g)}] {labels[g.kind]}：{g.shared}",
            f"[{_pair_id(g)}] {labels[g.kind]}: {g.shared}",
        )
        differing = g.differing()
        for key, zh, en in _SIDE_FIELDS:
            label = en if out.lang == "en" else zh
            mark = "*" if key in differing else " "
            cells = " | ".join(f"{m.value(key) or '-':<18}" for m in g.members)
            print(f"  {mark}{label:<10} {cells}")
    counts_zh = "，".join(f"{KIND_LABELS[k]} {report.count(k)} 组" for k in kinds)
    counts_en = ", ".join(f"{KIND_LABELS_EN[k]}: {report.count(k)}" for k in kinds)
    out.say(f"可能重复：{counts_zh}", f"Possible duplicates: {counts_en}")
    return EXIT_OK


def cmd_duplicates_decide(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry import duplicates
    from app.core.registry.lookup import find_resident
    from app.errors import InvalidInput

    kind, ids = _parse_pair(args.pair)
    db, _info = open_data(args)
    keep: int | None = None
    if args.keep:
        with db.reading() as session:
            keep = find_resident(session, args.keep)
        if keep not in ids:
            raise InvalidInput(
                f"--keep 应是这一组中的一条记录：{' '.join(map(str, ids))}",
                f"--keep must be one of the group's records: {' '.join(map(str, ids))}",
            )
    if args.action != "keep":
        with db.reading() as session:
            listed = {_pair_id(g) for g in duplicates.find_duplicates(session, (kind,)).groups}
        if f"{kind}:{'-'.join(map(str, ids))}" not in listed:
            raise InvalidInput(
                f"这一组已不在可能重复的名单上（已处理？）：{args.pair}",
                f"That group is no longer listed as possible duplicates (decided?): {args.pair}",
            )
    if args.action == "merge":
        kept = keep if keep is not None else ids[0]
        with db.session(note=duplicates.decision_note("merge", kind, args.note)) as session:
            result = duplicates.merge_residents(session, kept, [i for i in ids if i != kept])
        out.say(
            f"已合并 {len(result.merged)} 条重复记录，保留 {result.kept}",
            f"Merged {len(result.merged)} duplicate records into {result.kept}",
        )
        return EXIT_OK
    if args.action == "keep":
        with db.session(note=duplicates.decision_note("keep_both", kind, args.note)) as session:
            recorded = duplicates.keep_both(session, kind, ids)
        if not recorded:
            out.say("这一组已记为不同的人，无需再处理。", "Already recorded as different people.")
            return EXIT_ALREADY
        out.say("已记为不同的人，不再列出。", "Recorded as different people; no longer listed.")
        return EXIT_OK
    if keep is None:
        raise InvalidInput(
            "更正时请用 --keep 指定要更正的记录", "Give the record to correct with --keep"
        )
    changes: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            raise InvalidInput(f"--set 应写作 项=值：{item}", f"--set is FIELD=VALUE: {item}")
        changes[name.strip()] = value.strip()
    with db.session(note=duplicates.decision_note("correct", kind, args.note)) as session:
        changed = duplicates.correct_resident(session, kind, keep, changes)
    out.say(
        f"已更正 {keep}：{'、'.join(changed) or '无变化'}",
        f"Corrected {keep}: {', '.join(changed) or 'nothing changed'}",
    )
    return EXIT_OK if changed else EXIT_ALREADY


# --- households ----------------------------------------------------------------------------------


def _household(session: Any, text: str) -> int:
    from app.core.registry.lookup import find_household
    from app.errors import InvalidInput

    found = find_household(session, text)
    if found is None:
        raise InvalidInput(f"找不到住户 {text}", f"No household {text}")
    return found


def _relations(session: Any, items: list[str], household_id: int | None) -> dict[int, str]:
    from app.core.registry.lookup import find_resident
    from app.errors import InvalidInput

    out: dict[int, str] = {}
    for item in items:
        who, sep, relation = item.partition("=")
        if not sep or not relation.strip():
            raise InvalidInput(
                f"--relation 应写作 居民=关系（如 张三=子）：{item}",
                f"--relation is RESIDENT=RELATION (e.g. 12=子): {item}",
            )
        out[find_resident(session, who, household_id)] = relation.strip()
    return out


def cmd_household_show(args: argparse.Namespace, out: Any) -> int:
    from app.core.common.masking import mask_id_number, mask_phone
    from app.core.registry.lookup import household_view

    db, _info = open_data(args)
    with db.reading() as session:
        view = household_view(session, _household(session, args.household))
    if args.json:
        out.json(
            {
                "id": view.id,
                "code": view.code,
                "address_code": view.address_code,
                "grid": view.grid,
                "members": [
                    {
                        "id": m.id,
                        "name": m.name,
                        "relation": m.relation,
                        "is_head": m.is_head,
                        "id_number": mask_id_number(m.id_number) if m.id_number else None,
                        "phone": mask_phone(m.phone) if m.phone else None,
                    }
                    for m in view.members
                ],
            }
        )
        return EXIT_OK
    out.say(
        f"{view.address_code}（户号 {view.code}）{len(view.members)} 人",
        f"{view.address_code} (household {view.code}), {len(view.members)} members",
    )
    for m in view.members:
        number = mask_id_number(m.id_number) if m.id_number else "-"
        print(f"  {m.id:>8}  {m.name:<8} {m.relation or '-':<6} {number}")
    return EXIT_OK


def cmd_household_split(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.households import split_household
    from app.core.registry.lookup import find_resident, household_view

    db, _info = open_data(args)
    with db.reading() as session:
        home = _household(session, args.household)
        members = [
            find_resident(session, r, home) for r in args.members.replace("，", ",").split(",") if r
        ]
        head = find_resident(session, args.head, home) if args.head else (members or [0])[0]
        stays = find_resident(session, args.stays_head, home) if args.stays_head else None
        picked = _relations(session, args.relation, home)
        where = args.address or household_view(session, home).address_code
    with db.session(note="registry: split household") as session:
        made = split_household(session, home, members, where, head, stays, picked)
    out.say(
        f"已分户：{len(members)} 人迁入新户 {made.address_code}，户号 {made.code}",
        f"Split: {len(members)} members into a new household at {made.address_code}, "
        f"code {made.code}",
    )
    return EXIT_OK


def cmd_household_merge(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.households import merge_households
    from app.core.registry.lookup import find_resident, household_view

    db, _info = open_data(args)
    with db.reading() as session:
        into = _household(session, args.into)
        others = [_household(session, h) for h in args.from_.replace("，", ",").split(",") if h]
        if args.head:
            head = find_resident(session, args.head)
        else:
            kept_head = household_view(session, into).head
            head = kept_head.id if kept_head is not None else 0
        picked = _relations(session, args.relation, None)
    with db.session(note="registry: merge households") as session:
        kept = merge_households(session, into, others, head, picked)
    out.say(
        f"已合户：{len(others)} 户并入 {kept.address_code}，户号 {kept.code}",
        f"Merged {len(others)} households into {kept.address_code}, code {kept.code}",
    )
    return EXIT_OK


def cmd_household_move(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.lookup import find_resident, move_resident

    db, _info = open_data(args)
    with db.reading() as session:
        person = find_resident(session, args.resident)
        to = _household(session, args.to)
    with db.session(note="move") as session:
        move_resident(session, person, to, args.relation)
    out.say(f"已将 {person} 迁入 {args.to}", f"Moved {person} to {args.to}")
    return EXIT_OK


def cmd_household_set_head(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.lookup import change_head, find_resident, household_view
    from app.errors import InvalidInput

    db, _info = open_data(args)
    with db.reading() as session:
        home = _household(session, args.household)
        person = find_resident(session, args.resident, home)
        if person not in {m.id for m in household_view(session, home).members}:
            raise InvalidInput(
                f"{args.resident} 不是 {args.household} 的成员",
                f"{args.resident} is not a member of {args.household}",
            )
    with db.session(note="change head") as session:
        changed = change_head(session, person, args.old_head_relation)
    if not changed:
        out.say("此人已是户主，无需更改。", "Already the head; nothing changed.")
        return EXIT_ALREADY
    out.say(f"已将 {person} 设为 {args.household} 的户主", f"{person} now heads {args.household}")
    return EXIT_OK


# --- printing ------------------------------------------------------------------------------------


def cmd_print_residents(args: argparse.Namespace, out: Any) -> int:
    from app.core.registry.roster_print import print_residents
    from app.errors import InvalidInput

    target = Path(args.out).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise InvalidInput(
            f"输出文件应以 .pdf 结尾：{target}", f"The output file must end in .pdf: {target}"
        )
    if not target.parent.is_dir():
        raise InvalidInput(
            f"输出文件夹不存在：{target.parent}",
            f"The output folder does not exist: {target.parent}",
        )
    db, _info = open_data(args)
    try:
        result = print_residents(db, target, grid=args.grid, building=args.building, tag=args.tag)
    except OSError as exc:
        raise InvalidInput(
            f"无法写入 {target}：{exc.strerror or exc}",
            f"Cannot write {target}: {exc.strerror or exc}",
        ) from exc
    out.say(
        f"已生成住户名单（{result.pages} 页）： {result.path}",
        f"Household roster printed ({result.pages} pages): {result.path}",
    )
    return EXIT_OK
