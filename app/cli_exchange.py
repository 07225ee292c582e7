"""Headless commands for the exchange with the street office (../CLI.md, "Exchange with the street
office"):

    keys export-public OUT            this office's enrolment file; prints the fingerprint
    keys enroll FILE [--replace]      community: trust the street office; street office: enrol a
                                      community
    exchange export --out DIR [--full]      the next package; prints its path last
    exchange import FILE...                  0 imported, 3 already imported, 1 refused
    exchange receipt --out DIR               street office: signed receipts
    exchange import-receipt FILE             community: marks its packages received

Every command calls app.core.exchange or app.core.exchange_keys; none has logic of its own.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_groups import dispatch, group
from app.errors import GridDeskError

if TYPE_CHECKING:
    from app.cli import Output

Handler = Callable[[argparse.Namespace, "Output"], int]
EXIT_OK, EXIT_FAILED, EXIT_ALREADY = 0, 1, 3


def _datadir(args: argparse.Namespace) -> Any:
    from app.core.datadir import DataDir

    return DataDir.resolve(args.data_dir)


def _open(args: argparse.Namespace) -> Any:
    from app.core.office import open_office

    return open_office(_datadir(args))


def cmd_export_public(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange_keys import export_public

    db, info = _open(args)
    try:
        path, fingerprint = export_public(_datadir(args), info, Path(args.out))
    finally:
        db.dispose()
    out.say(
        f"已写出{info.name}（{info.code}）的公钥文件。请当面核对指纹：{fingerprint}\n{path}",
        f"Wrote the public key file of {info.name} ({info.code}). Compare the fingerprint in "
        f"person: {fingerprint}\n{path}",
    )
    return EXIT_OK


def cmd_enroll(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange_keys import enroll, read_enrolment

    enrolment = read_enrolment(Path(args.file))
    db, info = _open(args)
    try:
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
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange import export_package

    db, info = _open(args)
    try:
        result = export_package(db, _datadir(args), info, Path(args.out), full=args.full)
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


def _order(paths: list[Path]) -> list[Path]:
    """Packages of one sender in their chain order, however they were named or listed."""
    from app.core import exchange_format as fmt

    def key(item: tuple[int, Path]) -> tuple[int, str, int, int]:
        index, path = item
        try:
            with path.open("rb") as fh:
                manifest = fmt.split(fh.read()).manifest
            return (0, str(manifest["sender"]["code"]), int(manifest["package_seq"]), index)
        except (OSError, GridDeskError, KeyError, TypeError, ValueError):
            return (1, "", 0, index)

    return [p for _i, p in sorted(enumerate(paths), key=key)]


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange import import_package

    db, info = _open(args)
    datadir = _datadir(args)
    imported = already = refused = 0
    try:
        for path in _order([Path(f) for f in args.files]):
            try:
                result = import_package(db, datadir, info, path)
            except GridDeskError as exc:
                print(f"{path}: {exc.message(out.lang)}", file=sys.stderr)
                if exc.exit_code == EXIT_ALREADY:
                    already += 1
                else:
                    refused += 1
                continue
            imported += 1
            out.say(
                f"已导入{result.sender_name}（{result.sender}）第 {result.package_seq} 号数据包："
                f"新增 {result.inserted:,}，更新 {result.updated:,}，未变 {result.unchanged:,}。 "
                f"{path}",
                f"Imported package {result.package_seq} of {result.sender_name} "
                f"({result.sender}): {result.inserted:,} added, {result.updated:,} updated, "
                f"{result.unchanged:,} unchanged. {path}",
            )
    finally:
        db.dispose()
    if refused:
        return EXIT_FAILED
    if imported:
        return EXIT_OK
    return EXIT_ALREADY


def cmd_receipt(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange import write_receipts

    db, info = _open(args)
    try:
        paths = write_receipts(db, _datadir(args), info, Path(args.out))
    finally:
        db.dispose()
    for path in paths:
        out.say(f"已写出回执：\n{path}", f"Wrote receipt:\n{path}")
    return EXIT_OK


def cmd_import_receipt(args: argparse.Namespace, out: Output) -> int:
    from app.core.exchange import import_receipt

    db, info = _open(args)
    try:
        result = import_receipt(db, _datadir(args), info, Path(args.file))
    finally:
        db.dispose()
    got = ", ".join(str(n) for n in result.acknowledged)
    missing = ", ".join(str(n) for n in result.unacknowledged) or "—"
    out.say(
        f"街道办 {result.street_office} 已确认收到数据包：{got}。尚未确认：{missing}",
        f"Street office {result.street_office} acknowledged packages: {got}. "
        f"Not yet acknowledged: {missing}",
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
        "--replace", action="store_true", help="replace an office enrolled with another key"
    )
    p.set_defaults(handler=cmd_enroll)

    ex = group(sub, "exchange", "packages, receipts")
    p = ex.add_parser("export", help="write the next package for the street office")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--full", action="store_true", help="every record, not only the changes")
    p.set_defaults(handler=cmd_export)
    p = ex.add_parser("import", help="verify and import packages")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(handler=cmd_import)
    p = ex.add_parser("receipt", help="street office: write signed receipts")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(handler=cmd_receipt)
    p = ex.add_parser("import-receipt", help="community: mark packages as received")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_import_receipt)
    return {"keys": dispatch, "exchange": dispatch}
