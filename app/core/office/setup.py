"""Setting up an office's data folder and opening it; the office's profile and its code.

The profile (name, phone, address, contact person) changes freely in 设置 → 本机构信息 or with
`office set`; every change of it is audited by the session events (app.db.events).

Codes are civil-affairs codes: a street office's has 9 digits, a community's 12, of which the first
9 are its street office's. Set-up and every change keep a community's code under its parent code.

The code is the office's identity in exchange: its records carry it as their `origin`, packages
and key files name the office by it, and the other office enrols it under it. So:

* once this office has enrolled (or trusted) a key, or exported or imported a package, its code
  cannot change: the other office would refuse everything sent under a new code. The refusal says
  so, and what to do instead (a new data folder with the right code, keys enrolled again);
* before that, a wrong code typed at set-up can be corrected, with an explicit confirmation naming
  the consequences (`office set --code … --confirm-code-change`; a ticked box in the window): the
  office's records are stamped with the new code in the same transaction, and a key file given out
  earlier, which still names the old code, has to be exported again.

The parent code alone names no one in exchange: it may change whenever the office's code still
starts with it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.common import scratch
from app.core.office.database_url import check_url, database_url, redacted, remember_url
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.db.engine import Database, make_engine, sqlite_url
from app.db.migrate import current_revision, ensure_current, require_current
from app.db.models import ChangeCounter, Office, Setting
from app.db.problems import explain
from app.errors import (
    AlreadyInitialized,
    DatabaseCorrupt,
    DatabaseProblem,
    GridDeskError,
    InvalidInput,
    NotInitialized,
)

ROLE_NAMES = {"community": ("社区", "community"), "street-office": ("街道办", "street office")}
STREET_CODE_DIGITS = 9
COMMUNITY_CODE_DIGITS = 12
_DIGITS = re.compile(r"^[0-9]+$")
MAX_NAME, MAX_PHONE, MAX_ADDRESS, MAX_CONTACT = 100, 40, 200, 60


def normalise_code(value: str) -> str:
    """A code as typed: full-width digits folded to ASCII, spaces dropped."""
    return "".join(unicodedata.normalize("NFKC", value or "").split())


def check_role(role: str) -> None:
    if role not in ROLE_NAMES:
        raise InvalidInput(
            f"角色应为 community 或 street-office，而不是 {role}",
            f"The role must be community or street-office, not {role}",
        )


def check_codes(role: str, code: str, parent_code: str | None) -> None:
    """A street office's code is 9 digits and it has no parent code; a community's is 12 digits
    and starts with its parent code (9 digits) when one is given."""
    check_role(role)
    if role == "community":
        if not (_DIGITS.match(code) and len(code) == COMMUNITY_CODE_DIGITS):
            raise InvalidInput(
                f"机构代码应为12位数字（社区的民政区划代码，如 420106001001）：{code}",
                "The office code must be 12 digits (a community's civil-affairs code, "
                f"e.g. 420106001001): {code}",
            )
    elif not (_DIGITS.match(code) and len(code) == STREET_CODE_DIGITS):
        raise InvalidInput(
            f"机构代码应为9位数字（街道办的民政区划代码，如 420106001）：{code}",
            "The office code must be 9 digits (a street office's civil-affairs code, "
            f"e.g. 420106001): {code}",
        )
    if parent_code is None:
        return
    if role == "street-office":
        raise InvalidInput(
            f"街道办没有上级街道代码（只有社区填写）：{parent_code}",
            f"A street office has no parent street office code (only a community has one): "
            f"{parent_code}",
        )
    if not (_DIGITS.match(parent_code) and len(parent_code) == STREET_CODE_DIGITS):
        raise InvalidInput(
            f"上级街道代码应为9位数字（街道办的民政区划代码，如 420106001）：{parent_code}",
            "The parent street office code must be 9 digits (a street office's civil-affairs "
            f"code, e.g. 420106001): {parent_code}",
        )
    if not code.startswith(parent_code):
        raise InvalidInput(
            f"社区代码 {code} 不以上级街道代码 {parent_code} 开头：社区代码的前9位就是所属街道办"
            f"的代码（此处为 {code[:STREET_CODE_DIGITS]}）。请核对这两个代码。",
            f"The community code {code} does not start with its street office's code "
            f"{parent_code}: a community code's first 9 digits are its street office's code "
            f"(here {code[:STREET_CODE_DIGITS]}). Check both codes.",
        )


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ProfileInvalid(
            "name", "名称不能为空，且不超过100字。", "The name must be 1-100 characters."
        )
    return name


def validate(role: str, code: str, name: str, parent_code: str | None) -> None:
    check_codes(role, code, parent_code)
    _check_name(name)


def init_office(
    datadir: DataDir,
    role: str,
    code: str,
    name: str,
    parent_code: str | None = None,
    url: str | None = None,
    key: bytes | None = None,
) -> OfficeInfo:
    """Create the data folder, its database at the head revision, and the office's keys.

    The database is the SQLite file in the folder, or on the PostgreSQL server of `url` (else of
    GRIDDESK_DATABASE_URL), which the folder then remembers. Nothing is made when a value is
    refused (a code of the wrong length, a community code not under its parent code). With `key`
    (the database key), it is registered for the folder and the database and the private keys
    are encrypted from the start (app.core.office.encryption).
    """
    code = normalise_code(code)
    parent_code = normalise_code(parent_code or "") or None
    validate(role, code, name, parent_code)
    name = " ".join(name.split())
    if datadir.is_set_up():
        raise AlreadyInitialized(
            f"数据文件夹已设置过：{datadir.root}",
            f"The data folder is already set up: {datadir.root}",
        )
    url = check_url(url) if url else database_url(datadir)
    if key is not None:
        from app.core.office.encryption import use_key

        use_key(datadir, key)  # every file made below is made encrypted
    if url is not None:
        return _init_on_server(datadir, url, role, code, name, parent_code)
    try:
        from app.core.office import keys

        datadir.make_folders()
        keys.make_keys(datadir.keys)
        partial = datadir.root / (datadir.db_path.name + ".new")
        partial.unlink(missing_ok=True)
        engine = make_engine(sqlite_url(partial))
        try:
            ensure_current(engine, None, None)
            db = Database(engine, origin=code)
            with db.session(note="init") as session:
                session.add(
                    Office(id=1, code=code, name=name.strip(), role=role, parent_code=parent_code)
                )
        finally:
            engine.dispose()
        for suffix in ("-wal", "-shm"):
            (datadir.root / (partial.name + suffix)).unlink(missing_ok=True)
        partial.replace(datadir.db_path)  # the database appears whole or not at all
    except (OSError, DBAPIError) as exc:
        known = explain(exc, datadir.root)
        if known is None:
            raise
        raise known from exc
    return OfficeInfo(code=code, name=name.strip(), role=role, parent_code=parent_code)


def _server_problem(exc: DBAPIError, url: str) -> GridDeskError:
    """A PostgreSQL server that cannot be reached or refuses us: one line naming it (no password)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return DatabaseProblem(
        f"无法使用数据库服务器 {redacted(url)}：{reason}",
        f"Cannot use the database server {redacted(url)}: {reason}",
    )


def _init_on_server(
    datadir: DataDir, url: str, role: str, code: str, name: str, parent_code: str | None
) -> OfficeInfo:
    """`init` with the database on PostgreSQL: the schema (one transaction), the office profile,
    then the URL written into the data folder, which is what makes the folder set up. An init cut
    short leaves a database with no office profile, which the next init completes."""
    from app.core.office import keys

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
            if current is not None and conn.execute(select(Office.code)).first() is not None:
                raise AlreadyInitialized(
                    f"该数据库已有 GridDesk 机构：{redacted(url)}",
                    f"That database already holds a GridDesk office: {redacted(url)}",
                )
        datadir.make_folders()
        keys.make_keys(datadir.keys)
        ensure_current(engine, None, None)
        db = Database(engine, origin=code)
        with db.session(note="init") as session:
            session.add(
                Office(id=1, code=code, name=name.strip(), role=role, parent_code=parent_code)
            )
        remember_url(datadir, url)
    except DBAPIError as exc:
        raise _server_problem(exc, url) from exc
    except OSError as exc:
        known = explain(exc, datadir.root)
        if known is None:
            raise
        raise known from exc
    finally:
        engine.dispose()
    return OfficeInfo(code=code, name=name.strip(), role=role, parent_code=parent_code)


def _open_on_server(url: str) -> tuple[Database, OfficeInfo]:
    engine = make_engine(url)
    try:
        ensure_current(engine, None, None)  # the server's own backups (pg_dump) are its admin's
        with engine.connect() as conn:
            row = conn.execute(
                select(Office.code, Office.name, Office.role, Office.parent_code)
            ).first()
    except DBAPIError as exc:
        engine.dispose()
        raise _server_problem(exc, url) from exc
    except Exception:
        engine.dispose()
        raise
    if row is None:
        engine.dispose()
        raise DatabaseCorrupt(
            f"数据库中没有机构信息：{redacted(url)}",
            f"The database holds no office profile: {redacted(url)}",
        )
    info = OfficeInfo(code=row.code, name=row.name, role=row.role, parent_code=row.parent_code)
    return Database(engine, origin=info.code), info


def _writable(folder: Path) -> bool:
    """Whether files can be made in `folder` (a read-only mount or share says no)."""
    return os.access(folder, os.W_OK)


def open_office(datadir: DataDir, *, daily_backup: bool = True) -> tuple[Database, OfficeInfo]:
    """Open a set-up data folder, upgrading its schema if needed (backup first); a SQLite
    database is also backed up at the first opening of each day and before bulk imports
    (app.core.office.backups). The window passes `daily_backup=False` and makes that backup on its
    database worker instead (seconds at 180,000 residents, with the window already usable)."""
    if not datadir.is_set_up():
        raise NotInitialized(
            f"数据文件夹尚未设置：{datadir.root}。请先运行 init（或在窗口中完成首次设置）。",
            f"The data folder is not set up: {datadir.root}. Run init first "
            "(or finish the first-run set-up in the window).",
        )
    url = database_url(datadir)
    if url is not None:
        db, info = _open_on_server(url)
        db.scratch = _scratch_folder(datadir)  # the folder still holds keys, logs and exports
        return db, info
    read_only = not _writable(datadir.root)
    engine = make_engine(sqlite_url(datadir.db_path, read_only=read_only))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        if read_only:
            require_current(engine, datadir.db_path)  # nothing can be upgraded in place
        else:
            ensure_current(engine, datadir.db_path, datadir.backups)
        with engine.connect() as conn:
            row = conn.execute(
                select(Office.code, Office.name, Office.role, Office.parent_code)
            ).first()
    except (OSError, DBAPIError) as exc:
        engine.dispose()
        known = explain(exc, datadir.db_path)
        if known is None:
            raise
        raise known from exc
    except Exception:
        engine.dispose()
        raise
    if row is None:
        engine.dispose()
        raise DatabaseCorrupt(
            f"数据库中没有机构信息：{datadir.db_path}",
            f"The database holds no office profile: {datadir.db_path}",
        )
    info = OfficeInfo(code=row.code, name=row.name, role=row.role, parent_code=row.parent_code)
    db = Database(engine, origin=info.code)
    db.scratch = _scratch_folder(datadir)
    from app.core.office import backups

    db.before_write = backups.BeforeBulkImport(datadir)  # a checked backup before bulk imports
    if daily_backup and not read_only:
        backups.daily_backup(datadir)  # at the first opening of the day; a small file read after
    return db, info


def _scratch_folder(datadir: DataDir) -> Path | None:
    """This process's private folder for work in progress, after clearing what killed processes
    left there (app.core.common.scratch); None when the data folder cannot be written (read-only)."""
    try:
        scratch.sweep(datadir.root)
        return scratch.process_folder(datadir.root)
    except OSError:
        return None


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


# --- the profile ---------------------------------------------------------------------------------


class ProfileInvalid(InvalidInput):
    """A value of the profile refused; `field` names it (name, phone, address, contact, code,
    parent_code) so the window can show the message beside it."""

    def __init__(self, field: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.field = field


@dataclass(frozen=True)
class OfficeProfile:
    code: str
    name: str
    role: str
    parent_code: str | None
    phone: str | None
    address: str | None
    contact: str | None

    @property
    def info(self) -> OfficeInfo:
        return OfficeInfo(
            code=self.code, name=self.name, role=self.role, parent_code=self.parent_code
        )

    def as_json(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "name": self.name,
            "role": self.role,
            "parent_code": self.parent_code,
            "phone": self.phone,
            "address": self.address,
            "contact": self.contact,
        }


def _office(session: Session) -> Office:
    office = session.get(Office, 1)
    if office is None:
        raise DatabaseCorrupt("数据库中没有机构信息。", "The database holds no office profile.")
    return office


def read_profile(session: Session) -> OfficeProfile:
    office = _office(session)
    return OfficeProfile(
        office.code,
        office.name,
        office.role,
        office.parent_code,
        office.phone,
        office.address,
        office.contact,
    )


def _check_phone(value: str) -> str | None:
    """One or more numbers (mobile or landline), as `phone_looks_valid` knows them, joined by 、."""
    from app.core.grids.duty import phone_looks_valid

    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    parts = ["".join(p.split()) for p in re.split(r"[、,;/]+", text)]
    parts = [p for p in parts if p]
    joined = "、".join(parts)
    if not parts or not all(phone_looks_valid(p) for p in parts) or len(joined) > MAX_PHONE:
        raise ProfileInvalid(
            "phone",
            f"本机构电话格式不对：{value.strip()}。手机号应为11位，固定电话如 027-88886666；"
            "几个号码用“、”隔开，合计不超过40字。",
            f"The office phone is not a phone number: {value.strip()}. A mobile number has 11 "
            "digits, a landline looks like 027-88886666; separate several numbers with 、 "
            "(40 characters at most).",
        )
    return joined


def _check_line(field: str, value: str, limit: int, zh: str, en: str) -> str | None:
    text = " ".join(value.split())
    if len(text) > limit:
        raise ProfileInvalid(
            field,
            f"{zh}不能超过{limit}字（现为{len(text)}字）。",
            f"The {en} must be at most {limit} characters (it has {len(text)}).",
        )
    return text or None


def update_profile(
    session: Session,
    *,
    name: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    contact: str | None = None,
) -> tuple[OfficeProfile, tuple[str, ...]]:
    """Change the values given (None: left as it is; an empty phone, address or contact clears
    it). Every value is checked before any is written. Returns the profile and the fields that
    changed (none when the values were those already recorded)."""
    wanted: dict[str, str | None] = {}
    if name is not None:
        wanted["name"] = _check_name(name)
    if phone is not None:
        wanted["phone"] = _check_phone(phone)
    if address is not None:
        wanted["address"] = _check_line("address", address, MAX_ADDRESS, "地址", "address")
    if contact is not None:
        wanted["contact"] = _check_line("contact", contact, MAX_CONTACT, "联系人", "contact person")
    office = _office(session)
    changed = tuple(k for k, v in wanted.items() if getattr(office, k) != v)
    for key in changed:
        setattr(office, key, wanted[key])
    session.flush()  # audited here, by the session events
    return read_profile(session), changed


# --- changing the code ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeChange:
    """A change of the office's code and parent code, checked and counted before it is made."""

    old_code: str
    code: str
    old_parent: str | None
    parent_code: str | None
    records: int  # this office's records, stamped with the new code when the code changes

    @property
    def changes_code(self) -> bool:
        return self.code != self.old_code

    @property
    def changes_anything(self) -> bool:
        return self.changes_code or self.parent_code != self.old_parent

    def consequences(self) -> tuple[str, str]:
        """What the change does, in words, for the confirmation."""
        zh: list[str] = []
        en: list[str] = []
        if self.changes_code:
            zh += [
                f"机构代码将由 {self.old_code} 改为 {self.code}。",
                f"· 本机构的 {self.records:,} 条记录将改记在新代码下；",
                "· 此前导出的公钥文件上仍是旧代码：请重新导出公钥文件，再交给对方登记；",
                "· 一旦登记了公钥或导出、导入了数据包，代码就不能再改。",
            ]
            en += [
                f"The office code changes from {self.old_code} to {self.code}.",
                f"- This office's {self.records:,} records are stamped with the new code;",
                "- a public key file exported before still names the old code: export it again "
                "and give the new one to the other office to enrol;",
                "- once a key is enrolled or a package exported or imported, the code cannot "
                "change again.",
            ]
        if self.parent_code != self.old_parent:
            zh.append(
                f"上级街道代码将由 {self.old_parent or '（未填）'} 改为 {self.parent_code or '（不填）'}。"
            )
            en.append(
                f"The parent street office code changes from {self.old_parent or '(none)'} "
                f"to {self.parent_code or '(none)'}."
            )
        return "\n".join(zh), "\n".join(en)


def _travelling_tables() -> list[Any]:
    from app.db import schema

    return [
        t for t in schema.metadata.sorted_tables if {"uuid", "origin", "seq"} <= set(t.c.keys())
    ]


def _count_origin(session: Session, origin: str) -> int:
    total = 0
    for table in _travelling_tables():
        total += int(
            session.scalar(select(func.count()).select_from(table).where(table.c.origin == origin))
            or 0
        )
    return total


def code_change_refusal(session: Session) -> InvalidInput | None:
    """Why this office's code can no longer change (it has exchanged keys or packages), or None."""
    from app.db.models_exchange import EnrolledOffice, ExchangePackage

    office = _office(session)
    enrolled = int(session.scalar(select(func.count()).select_from(EnrolledOffice)) or 0)
    packages = dict(
        session.execute(
            select(ExchangePackage.direction, func.count()).group_by(ExchangePackage.direction)
        )
        .tuples()
        .all()
    )
    zh: list[str] = []
    en: list[str] = []
    if enrolled:
        zh.append(f"登记（信任）了 {enrolled} 个机构的公钥")
        en.append(f"enrolled the keys of {enrolled} office(s)")
    if packages.get("out"):
        zh.append(f"导出了 {packages['out']} 个数据包")
        en.append(f"exported {packages['out']} package(s)")
    if packages.get("in"):
        zh.append(f"导入了 {packages['in']} 个数据包")
        en.append(f"imported {packages['in']} package(s)")
    if not zh:
        return None
    return ProfileInvalid(
        "code",
        f"不能更改机构代码：本机构已{'、'.join(zh)}。机构代码是本机构在数据交换中的身份，对方按 "
        f"{office.code} 识别本机构的公钥和数据包，改用新代码后对方将拒收本机构的数据包，已交换的记录"
        "也对不上。如代码确实有误，请用正确的代码另设数据文件夹（init），再与对方重新登记公钥。",
        f"The office code cannot change: this office has {', '.join(en)}. The code is this "
        f"office's identity in exchange: the other office knows its key and packages as "
        f"{office.code}, would refuse packages under a new code, and the records already "
        "exchanged would no longer match. If the code is wrong, set up a new data folder with the "
        "right code (init) and enrol the keys again.",
    )


def plan_code_change(session: Session, code: str | None, parent_code: str | None) -> CodeChange:
    """Check a new code and parent code (None: as they are; an empty parent code clears it)
    against the rules above; nothing is written."""
    office = _office(session)
    new_code = office.code if code is None else normalise_code(code)
    new_parent = office.parent_code if parent_code is None else normalise_code(parent_code) or None
    try:
        check_codes(office.role, new_code, None)
    except InvalidInput as exc:
        raise ProfileInvalid("code", exc.zh, exc.en) from None
    try:
        check_codes(office.role, new_code, new_parent)
    except InvalidInput as exc:  # the parent code, or the two together: the one being changed
        raise ProfileInvalid(
            "parent_code" if parent_code is not None else "code", exc.zh, exc.en
        ) from None
    plan = CodeChange(office.code, new_code, office.parent_code, new_parent, 0)
    if not plan.changes_code:
        return plan
    refusal = code_change_refusal(session)
    if refusal is not None:
        raise refusal
    if _count_origin(session, new_code):
        raise ProfileInvalid(
            "code",
            f"本机已有机构代码为 {new_code} 的记录，不能改用此代码。",
            f"This database already holds records of the office code {new_code}; "
            "it cannot become this office's code.",
        )
    return replace(plan, records=_count_origin(session, office.code))


def change_code(
    session: Session, code: str | None, parent_code: str | None, *, confirmed: bool
) -> CodeChange:
    """Make the change `plan_code_change` describes, in the session's transaction: the office's
    code and parent code (audited), and, for a new code, every record of this office and its
    change counter re-stamped with it. A new code needs `confirmed` (its consequences shown and
    accepted); the caller's `Database.origin` must follow it."""
    plan = plan_code_change(session, code, parent_code)
    if plan.changes_code and not confirmed:
        zh, en = plan.consequences()
        raise ProfileInvalid(
            "code", f"{zh}\n更改机构代码须先确认以上后果。", f"{en}\nConfirm these first."
        )
    if not plan.changes_anything:
        return plan
    office = _office(session)
    office.code = plan.code
    office.parent_code = plan.parent_code
    session.flush()  # audited by the session events
    if plan.changes_code:
        conn = session.connection()
        for table in _travelling_tables():
            # the stamps say who owns a record, not who changed it: no new seq, no audit per row
            conn.execute(
                update(table).where(table.c.origin == plan.old_code).values(origin=plan.code)
            )
        counters = cast(Table, ChangeCounter.__table__)
        old = session.get(ChangeCounter, plan.old_code)
        new = session.get(ChangeCounter, plan.code)
        if old is not None and new is None:
            conn.execute(
                update(counters).where(counters.c.origin == plan.old_code).values(origin=plan.code)
            )
        elif old is not None and new is not None:
            new.last_seq = max(new.last_seq, old.last_seq)
            session.delete(old)
            session.flush()
        session.expire_all()
    return plan
