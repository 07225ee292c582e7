"""The office's own details: codes checked at set-up, the profile changed and audited, the code
changed only before the office has exchanged anything (and then with every record re-stamped), the
office phone on the notices."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.exchange.enrolment import enroll, export_public, read_enrolment
from app.core.office.datadir import DataDir
from app.core.office.health import check_database
from app.core.office.setup import (
    ProfileInvalid,
    change_code,
    code_change_refusal,
    init_office,
    open_office,
    plan_code_change,
    read_profile,
    update_profile,
)
from app.core.printing import notice_pdf, notice_targets, notices
from app.db.engine import Database
from app.db.models import AuditEntry, ChangeCounter, Grid, Household, Resident
from app.errors import InvalidInput
from tests.conftest import COMMUNITY_CODE, STREET_CODE


def office_audit(db: Database) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with db.reading() as session:
        rows = session.execute(
            select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value, AuditEntry.note)
            .where(AuditEntry.entity == "office")
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


# --- codes at set-up -----------------------------------------------------------------------------


def test_a_community_code_not_under_its_street_office_is_refused_and_nothing_is_made(
    tmp_path: Path,
) -> None:
    folder = DataDir(tmp_path / "data")
    with pytest.raises(InvalidInput) as refused:
        init_office(folder, "community", "420106001001", "幸福里社区", "420106002")
    assert "420106001001" in refused.value.zh and "420106002" in refused.value.zh
    assert "开头" in refused.value.zh
    assert "does not start with" in refused.value.en
    assert not tmp_path.joinpath("data").exists()


@pytest.mark.parametrize(
    ("role", "code", "parent", "words"),
    [
        ("community", "420106001", "420106001", "12位"),  # a street office's length
        ("community", "4201060010010", None, "12位"),
        ("street-office", "420106001001", None, "9位"),  # a community's length
        ("street-office", "420106001", "420106", "街道办没有上级街道代码"),
        ("community", "420106001001", "4201060", "上级街道代码应为9位"),
    ],
)
def test_codes_have_the_length_of_their_role(
    tmp_path: Path, role: str, code: str, parent: str | None, words: str
) -> None:
    folder = DataDir(tmp_path / "data")
    with pytest.raises(InvalidInput, match=words):
        init_office(folder, role, code, "名称", parent)
    assert not folder.is_set_up()


def test_codes_typed_in_full_width_are_kept_as_digits(tmp_path: Path) -> None:
    info = init_office(
        DataDir(tmp_path / "data"),
        "community",
        "４２０１０６００１００２",
        "和平社区",
        " 420106001 ",
    )
    assert (info.code, info.parent_code) == ("420106001002", "420106001")


# --- the profile ---------------------------------------------------------------------------------


def test_details_are_saved_normalised_and_audited_field_by_field(
    db: Database, datadir: DataDir
) -> None:
    with db.session(note="设置 本机构信息") as session:
        profile, changed = update_profile(
            session,
            name=" 幸福里社区居委会 ",
            phone="027-8555 1234，13800001111",
            address="江岸区  百步亭花园路1号",
            contact="王主任",
        )
    assert changed == ("name", "phone", "address", "contact")
    assert profile.phone == "027-85551234、13800001111"
    assert profile.address == "江岸区 百步亭花园路1号"
    _db, info = open_office(datadir)
    _db.dispose()
    assert info.name == "幸福里社区居委会"
    assert office_audit(db) == [
        ("name", "幸福里社区", "幸福里社区居委会", "设置 本机构信息"),
        ("phone", None, "027-85551234、13800001111", "设置 本机构信息"),
        ("address", None, "江岸区 百步亭花园路1号", "设置 本机构信息"),
        ("contact", None, "王主任", "设置 本机构信息"),
    ]
    with db.session() as session:
        again, changed = update_profile(session, phone="", contact="王主任")
    assert changed == ("phone",) and again.phone is None  # emptied; the same contact: no change
    assert office_audit(db)[-1][:3] == ("phone", "027-85551234、13800001111", None)


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"name": "新名称", "phone": "12345"}, "phone", "电话"),
        ({"phone": "027-85551234", "name": "  "}, "name", "名称"),
        ({"address": "路" * 201}, "address", "地址不能超过200字"),
        ({"contact": "王" * 61}, "contact", "联系人不能超过60字"),
    ],
)
def test_a_bad_value_is_named_and_nothing_changes(
    db: Database, values: dict[str, str], field: str, words: str
) -> None:
    with db.reading() as session:
        before = read_profile(session)
    with pytest.raises(ProfileInvalid, match=words) as refused, db.session() as session:
        update_profile(session, **values)
    assert refused.value.field == field
    with db.reading() as session:
        assert read_profile(session) == before
    assert office_audit(db) == []


# --- the code ------------------------------------------------------------------------------------


def counts_by_origin(db: Database) -> dict[str, int]:
    with db.reading() as session:
        out: dict[str, int] = {}
        for model in (Resident, Household, Grid):
            for origin, n in session.execute(
                select(model.origin, func.count()).group_by(model.origin)
            ):
                out[origin] = out.get(origin, 0) + n
        return out


def test_a_new_code_needs_confirmation_naming_the_consequences(demo_db: Database) -> None:
    with demo_db.reading() as session:
        plan = plan_code_change(session, "420106001009", None)
    assert plan.records > 300
    zh, en = plan.consequences()
    assert "420106001001" in zh and "420106001009" in zh and f"{plan.records:,}" in zh
    assert "公钥文件" in zh and "public key file" in en
    with pytest.raises(InvalidInput, match="确认"), demo_db.session() as session:
        change_code(session, "420106001009", None, confirmed=False)
    with demo_db.reading() as session:
        assert read_profile(session).code == COMMUNITY_CODE
    assert set(counts_by_origin(demo_db)) == {COMMUNITY_CODE}


def test_a_confirmed_code_change_restamps_every_record(demo_db: Database) -> None:
    restamps_every_record(demo_db)


def test_a_confirmed_code_change_restamps_every_record_on_postgresql(pg_db: Database) -> None:
    from app.core.office.demo import fill_demo

    with pg_db.session(note="demo") as session:
        fill_demo(session, 200)
    restamps_every_record(pg_db)


def restamps_every_record(demo_db: Database) -> None:
    before = counts_by_origin(demo_db)
    with demo_db.reading() as session:
        seq_before = session.get(ChangeCounter, COMMUNITY_CODE).last_seq  # type: ignore[union-attr]
    with demo_db.session(note="office set") as session:
        done = change_code(session, "420106001009", None, confirmed=True)
    demo_db.origin = done.code
    assert counts_by_origin(demo_db) == {"420106001009": before[COMMUNITY_CODE]}
    with demo_db.reading() as session:
        assert session.get(ChangeCounter, COMMUNITY_CODE) is None
        assert session.get(ChangeCounter, "420106001009").last_seq == seq_before  # type: ignore[union-attr]
    # what the office writes next goes on from the same counter, under the new code
    with demo_db.session() as session:
        session.add(Grid(code="G99", name="新网格"))
    with demo_db.reading() as session:
        grid = session.scalar(select(Grid).where(Grid.code == "G99"))
        assert grid is not None and (grid.origin, grid.seq) == ("420106001009", seq_before + 1)
    assert ("code", COMMUNITY_CODE, "420106001009", "office set") in office_audit(demo_db)
    assert check_database(demo_db).healthy


def test_the_parent_code_keeps_the_code_under_it(db: Database) -> None:
    with pytest.raises(ProfileInvalid, match="420106002") as refused, db.session() as session:
        change_code(session, None, "420106002", confirmed=True)
    assert refused.value.field == "parent_code"
    with pytest.raises(ProfileInvalid, match="开头") as refused, db.session() as session:
        change_code(session, "420106002001", None, confirmed=True)
    assert refused.value.field == "code"
    # moved to another street office: a new code under the new parent, both at once
    with db.session() as session:
        done = change_code(session, "420106002001", "420106002", confirmed=True)
    assert (done.code, done.parent_code) == ("420106002001", "420106002")
    with db.reading() as session:
        assert read_profile(session).parent_code == "420106002"


def test_the_code_cannot_change_once_a_key_is_enrolled(
    db: Database, datadir: DataDir, tmp_path: Path
) -> None:
    street = DataDir(tmp_path / "street")
    init_office(street, "street-office", STREET_CODE, "水果湖街道办事处")
    street_db, street_info = open_office(street)
    street_db.dispose()
    key_file, _ = export_public(street, street_info, tmp_path / "street.pub")
    _db, info = open_office(datadir)
    _db.dispose()
    with db.session() as session:
        enroll(session, info, read_enrolment(key_file))
    with db.reading() as session:
        refusal = code_change_refusal(session)
    assert refusal is not None
    assert (
        "不能更改机构代码" in refusal.zh and "登记" in refusal.zh and COMMUNITY_CODE in refusal.zh
    )
    assert "enrolled" in refusal.en
    with pytest.raises(InvalidInput, match="不能更改机构代码"), db.session() as session:
        change_code(session, "420106001009", None, confirmed=True)
    with db.reading() as session:
        assert read_profile(session).code == COMMUNITY_CODE
    # the other details stay free
    with db.session() as session:
        assert update_profile(session, phone="027-85551234")[1] == ("phone",)


# --- the office phone on notices -----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_notices_print_the_office_phone_unless_the_job_gives_one(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.session() as session:
        update_profile(session, phone="027-86661234")

    def printed(values: notices.NoticeValues) -> str:
        out = tmp_path / "n.pdf"
        with demo_db.reading() as session:
            notices.print_notices(
                session, "supply-pickup", notice_targets.Target("building", "1"),
                notice_pdf.NoticeLayout(), values, out,
            )  # fmt: skip
        text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, check=True)
        return "".join(text.stdout.decode().split())

    assert "社区电话：027-86661234" in printed(notices.NoticeValues())
    given = printed(notices.NoticeValues(community_phone="13800001111"))
    assert "社区电话：13800001111" in given and "027-86661234" not in given
