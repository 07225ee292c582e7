"""Door notices as residents get them: read back from the PDF with pdftotext, the pages counted
with pdfinfo, the barcode found in the page's drawing — placeholders filled from the records, names
masked, never an ID number, the roster's grid worker named where the roster has one."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.common.masking import mask_name
from app.core.printing import notice_pdf, notice_targets, notice_templates, notices
from app.core.printing.notice_pdf import NoticeLayout
from app.core.printing.notice_targets import Target
from app.core.printing.notices import NoticeValues
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Grid, Household, Resident
from app.db.models_grids import DutyPerson
from app.errors import Cancelled, InvalidInput

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils",
)

TODAY = date(2026, 11, 29)
VALUES = NoticeValues(
    start_date=date(2026, 12, 1),
    end_date=date(2026, 12, 14),
    time="12月1日 8:00–11:30",
    place="社区服务中心东门",
    items="蔬菜礼包",
    community_phone="027-85551234",
)


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-layout" if layout else "-raw", str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True, timeout=60).stdout.decode()


def squeezed(text: str) -> str:
    return "".join(text.split())


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, timeout=60)
    found = re.search(rb"Pages:\s+(\d+)", info.stdout)
    assert found
    return int(found.group(1))


def page_streams(path: Path) -> list[bytes]:
    """Every stream of the PDF, decompressed (as a reader sees the drawing)."""
    data = path.read_bytes()
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    return out


def print_building(
    db: Database, out: Path, template: str = "home-quarantine", **layout
) -> notices.NoticeResult:
    with db.reading() as session:
        return notices.print_notices(
            session,
            template,
            Target("building", "1"),
            NoticeLayout(**layout),
            VALUES,
            out,
            today=TODAY,
        )


def building_one(db: Database) -> list[tuple[str, str, str]]:
    """(household code, address code, the head's full name) of building 1, in address order."""
    with db.reading() as session:
        rows = session.execute(
            select(Household.code, Household.address_code, Resident.name)
            .join(Building, Household.building_id == Building.id)
            .join(Resident, (Resident.household_id == Household.id) & Resident.is_head)
            .where(Building.number == "1")
        ).all()
    return [tuple(r) for r in rows]


# --- placeholders, masking, no ID numbers ---------------------------------------------------------


def test_placeholders_are_filled_from_the_records(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    result = print_building(demo_db, out)
    homes = building_one(demo_db)
    assert result.notices == len(homes) == page_count(out)
    text = squeezed(pdf_text(out))
    with demo_db.reading() as session:
        grid = session.scalar(
            select(Grid.name)
            .join(Building, Building.grid_id == Grid.id)
            .where(Building.number == "1")
        )
    for code, address, head in homes:
        b, u, r = address.split("-")
        # the salutation: the head's masked name and the written address
        assert f"{mask_name(head)}（{b}栋{u}单元{r}室）住户：" in text
        assert f"户号{code}" in text
    assert "幸福里社区" in text
    assert "居家健康监测告知书" in text
    assert "您户自2026年12月1日起至2026年12月14日止实行居家健康监测" in text
    assert f"（{grid}）" in text
    assert "社区电话：027-85551234" in text
    assert "2026年11月29日" in text  # the notice's date
    assert "{" not in text and "}" not in text


def test_names_are_masked_and_no_id_number_reaches_paper(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    with demo_db.reading() as session:
        notices.print_notices(
            session, "testing", Target("all"), NoticeLayout(), VALUES, out, today=TODAY
        )
        people = session.execute(
            select(Resident.name, Resident.id_number, Resident.phone).where(
                Resident.deleted_at.is_(None)
            )
        ).all()
    text = squeezed(pdf_text(out))
    ids = [p.id_number for p in people if p.id_number]
    assert ids and not [i for i in ids if i in text]
    assert not [p.phone for p in people if p.phone and p.phone in text]
    full_names = {p.name for p in people if len(p.name) >= 2}
    heads_printed = set(re.findall(r"([^\s：。，]{1,4})（\d+栋\d+单元\d+室）住户", text))
    assert heads_printed and all("*" in h for h in heads_printed)
    assert not heads_printed & full_names


def test_an_id_number_typed_into_a_notice_is_masked(demo_db, tmp_path):
    out = tmp_path / "a.pdf"
    values = NoticeValues(content="请居民 42010619500304001X 于明日到社区办理。")
    with demo_db.reading() as session:
        notices.print_notices(
            session, "announcement", Target("copies", copies=1), NoticeLayout(), values, out
        )
    text = squeezed(pdf_text(out))
    assert "42010619500304001X" not in text
    assert "420106********001X" in text


def test_unknown_values_print_as_blank_lines_and_are_reported(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    with demo_db.reading() as session:
        result = notices.print_notices(
            session, "supply-pickup", Target("building", "1"), NoticeLayout(), NoticeValues(), out
        )
    text = squeezed(pdf_text(out))
    assert "社区定于________________在________________发放________________" in text
    warned = " ".join(zh for zh, _en in result.warnings)
    assert "时间" in warned and "地点" in warned and "物资" in warned
    assert "网格员名册" in warned  # no grid workers on the roster yet: left blank, said so


# --- the grid worker from the roster -------------------------------------------------------------


def test_the_grid_worker_and_phone_come_from_the_roster(demo_db, tmp_path):
    with demo_db.session() as session:
        grid_id = session.scalar(select(Building.grid_id).where(Building.number == "1"))
        session.add(
            DutyPerson(
                code="P0001",
                name="王小红",
                role="grid_worker",
                phone="13912345678",
                grid_id=grid_id,
            )
        )
    out = tmp_path / "n.pdf"
    result = print_building(demo_db, out, template="supply-pickup")
    text = squeezed(pdf_text(out))
    assert text.count("网格员：王小红（") == result.notices
    assert "联系电话：13912345678" in text
    assert not [w for w in result.warnings if "网格员" in w[0]]


def test_a_grid_without_a_worker_is_named_in_the_warnings(demo_db, tmp_path):
    with demo_db.session() as session:
        other = session.scalar(
            select(Grid.id).where(
                Grid.id != select(Building.grid_id).where(Building.number == "1").scalar_subquery()
            )
        )
        session.add(DutyPerson(code="P0001", name="李强", role="grid_worker", grid_id=other))
    out = tmp_path / "n.pdf"
    result = print_building(demo_db, out, template="supply-pickup")
    assert any("未登记网格员" in zh for zh, _en in result.warnings)
    assert "李强" not in pdf_text(out)


# --- batches and paper ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_sheet", "paper"), [(1, "A4"), (2, "A4"), (4, "A4"), (2, "A5"), (4, "A5")]
)
def test_one_two_or_four_to_a_sheet(demo_db, tmp_path, per_sheet, paper):
    out = tmp_path / "n.pdf"
    result = print_building(demo_db, out, per_sheet=per_sheet, paper=paper)
    homes = building_one(demo_db)
    sheets = -(-len(homes) // per_sheet)
    assert result.pages == sheets == page_count(out)
    text = squeezed(pdf_text(out))
    for code, _address, _head in homes:
        assert f"户号{code}" in text  # every notice is there, turned or scaled
    size = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True).stdout.decode()
    expected = {"A4": "595.276 x 841.89", "A5": "419.528 x 595.276"}[paper]
    assert expected in size


def test_cut_marks_only_when_several_to_a_sheet(demo_db, tmp_path):
    one, four = tmp_path / "1.pdf", tmp_path / "4.pdf"
    print_building(demo_db, one, per_sheet=1)
    print_building(demo_db, four, per_sheet=4)
    dashed = re.compile(rb"\[3 3\] 0 d")
    assert any(dashed.search(s) for s in page_streams(four))
    assert not any(dashed.search(s) for s in page_streams(one))


def test_targets_grid_tag_selection_and_copies(demo_db, tmp_path):
    with demo_db.reading() as session:
        grid = session.scalars(select(Grid).order_by(Grid.code)).first()
        in_grid = session.scalar(
            select(func.count()).select_from(Household).where(Household.grid_id == grid.id)
        )
        tagged = session.scalar(
            select(func.count(func.distinct(Resident.household_id))).where(
                Resident.tags.like("%,慢性病,%"), Resident.status == "active"
            )
        )
        by_grid = notice_targets.find_households(session, Target("grid", grid.code))
        by_grid_name = notice_targets.find_households(session, Target("grid", grid.name))
        by_tag = notice_targets.find_households(session, Target("tag", "慢性病"))
        first_two = [h.address_code for h in by_grid.rows[:2]]
        chosen = notice_targets.find_households(
            session, Target("households", households=(first_two[1], by_grid.rows[0].code))
        )
    assert len(by_grid.rows) == len(by_grid_name.rows) == in_grid
    assert len(by_tag.rows) == tagged > 0
    assert [h.address_code for h in chosen.rows] == first_two  # address order
    out = tmp_path / "board.pdf"
    with demo_db.reading() as session:
        result = notices.print_notices(
            session,
            "announcement",
            Target("copies", copies=3),
            NoticeLayout(per_sheet=2),
            NoticeValues(content="本周六上午社区开展环境卫生整治。"),
            out,
        )
    assert (result.notices, result.pages) == (3, 2)
    assert squeezed(pdf_text(out)).count("本周六上午社区开展环境卫生整治。") == 3


def test_unknown_targets_are_refused(demo_db):
    with demo_db.reading() as session:
        for target in (
            Target("grid", "G99"),
            Target("building", "999"),
            Target("tag", "不存在"),
            Target("households", households=("H999999",)),
        ):
            with pytest.raises(InvalidInput):
                notice_targets.find_households(session, target)
        with pytest.raises(InvalidInput):
            notice_templates.get_template(session, "no-such-template")


def test_a_cancelled_batch_leaves_no_file(demo_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "n.pdf"

    def cancel(done: int, total: int, label: str) -> None:
        if done:
            raise Cancelled()

    with demo_db.reading() as session, pytest.raises(Cancelled):
        notices.print_notices(
            session, "supply-pickup", Target("all"), NoticeLayout(), VALUES, out, progress=cancel
        )
    assert list(folder.iterdir()) == []


# --- the barcode ---------------------------------------------------------------------------------


def _bars_literal(code: str) -> bytes:
    return " ".join(f"{left} 0 {w} 1 re" for left, w in notice_pdf.code128_bars(code)).encode()


def test_each_notice_carries_its_households_code128_barcode(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    print_building(demo_db, out)
    streams = b"\n".join(page_streams(out))
    for code, _address, _head in building_one(demo_db):
        assert _bars_literal(code) in streams


def test_the_bars_are_reportlabs_code128(demo_db):
    from reportlab.graphics.barcode.code128 import Code128

    symbol = Code128("H000123", barWidth=1, humanReadable=False, quiet=False)
    drawn: list[tuple[float, float]] = []
    symbol.rect = lambda x, y, w, h: drawn.append((x, w))  # what ReportLab itself would draw
    symbol.draw()
    assert drawn and notice_pdf.code128_bars("H000123") == [(int(x), int(w)) for x, w in drawn]


def test_barcodes_can_be_left_off(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    print_building(demo_db, out, barcode=False)
    code = building_one(demo_db)[0][0]
    assert _bars_literal(code) not in b"\n".join(page_streams(out))
    assert "户号" not in pdf_text(out)


def test_board_notices_carry_no_barcode_unless_asked(demo_db, tmp_path):
    out = tmp_path / "n.pdf"
    print_building(demo_db, out, template="price")
    assert "户号" not in pdf_text(out)


# --- templates -----------------------------------------------------------------------------------


def test_every_builtin_template_prints_in_chinese(demo_db, tmp_path):
    for key, template in notice_templates.BUILTIN_TEMPLATES.items():
        assert not template.unknown(), key
        out = tmp_path / f"{key}.pdf"
        print_building(demo_db, out, template=key)
        text = squeezed(pdf_text(out))
        assert squeezed(template.title) in text, key
        assert "幸福里社区" in text


def test_user_templates_are_saved_audited_and_tombstoned(demo_db, tmp_path):
    body = "{户主}（{地址}）住户：\n请于{时间}前将家中闲置纸箱放在单元门口，由志愿者统一回收。"
    with demo_db.session() as session:
        saved = notice_templates.save_template(
            session, "纸箱回收通知", "纸箱回收", body, based_on="supply-pickup"
        )
    assert saved.key == "custom-1" and saved.id is not None and not saved.builtin
    with demo_db.reading() as session:
        assert notice_templates.get_template(session, "custom-1") == notice_templates.get_template(
            session, "纸箱回收通知"
        )
        assert [t.key for t in notice_templates.list_templates(session)][-1] == "custom-1"
        audited = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "notice_template")
        )
    assert audited == 1
    out = tmp_path / "n.pdf"
    with demo_db.reading() as session:
        notices.print_notices(
            session,
            "custom-1",
            Target("building", "1"),
            NoticeLayout(),
            NoticeValues(time="12月5日"),
            out,
        )
    assert "请于12月5日前将家中闲置纸箱放在单元门口" in squeezed(pdf_text(out))

    with demo_db.session() as session:
        notice_templates.save_template(
            session, "纸箱回收通知", "纸箱回收（更正）", body, template_id=saved.id
        )
        second = notice_templates.save_template(session, "另一个", "标题", "正文")
        notice_templates.delete_template(session, saved.id)
    assert second.key == "custom-2"
    with demo_db.reading() as session:
        assert [t.key for t in notice_templates.list_templates(session) if not t.builtin] == [
            "custom-2"
        ]
        with pytest.raises(InvalidInput):
            notice_templates.get_template(session, "custom-1")
    with demo_db.session() as session:
        third = notice_templates.save_template(session, "纸箱回收通知", "再来", "正文")
    assert third.key == "custom-3"  # a deleted template's code is never reused


@pytest.mark.parametrize(
    ("name", "title", "body", "why"),
    [
        ("", "标题", "正文", "名称"),
        ("物资领取通知", "标题", "正文", "同名"),
        ("新模板", "", "正文", "标题"),
        ("新模板", "标题", "请{户主}于{时问}前到场", "{时问}"),
    ],
)
def test_bad_templates_are_refused(db, name, title, body, why):
    with db.session() as session, pytest.raises(InvalidInput) as err:
        notice_templates.save_template(session, name, title, body)
    assert why in err.value.zh


# --- values and typesetting ----------------------------------------------------------------------


def test_values_from_the_command_line():
    values = NoticeValues.from_mapping(
        {"地点": "社区服务中心", "start_date": "2026-12-01", "日期": "2026年12月2日"}
    )
    assert values.place == "社区服务中心"
    assert values.start_date == date(2026, 12, 1)
    assert values.issued == date(2026, 12, 2)
    for bad in ({"户主": "张三"}, {"社区名称": "别的社区"}, {"开始日期": "明天"}):
        with pytest.raises(InvalidInput):
            NoticeValues.from_mapping(bad)


def test_lines_never_start_with_closing_punctuation():
    from app.core.common.pdf import register_cjk_font

    setter = notice_pdf.Typesetter(register_cjk_font())
    text = "根据疫情防控工作要求，" * 12 + "感谢您的理解、支持与配合！"
    for width in range(150, 480, 7):
        lines = setter.wrap(text, 16, width, 32)
        assert "".join(lines) == text
        assert not [ln for ln in lines[1:] if ln[0] in "，。、！：；）"]
        assert all(setter.width(ln.rstrip("，。、！"), 16) <= width + 0.01 for ln in lines[1:])
    # digits and Latin runs stay whole
    lines = setter.wrap("联系电话：13912345678，" * 6, 16, 200)
    assert all(re.fullmatch(r"\D*(\d{11}\D*)*", ln) for ln in lines)


def test_a_long_body_shrinks_to_fit_rather_than_running_into_the_footer(demo_db):
    from reportlab.pdfgen.canvas import Canvas

    long_text = "\n".join(["社区提醒：请居民朋友们做好个人防护，勤洗手、常通风、少聚集。" * 2] * 14)
    template = notice_templates.NoticeTemplate("t", "t", "长通知", "各位居民：\n{内容}")
    renderer = notice_pdf.NoticeRenderer(
        Canvas("/dev/null"),
        template,
        NoticeLayout(),
        {"content": long_text, "community": "幸福里社区"},
    )
    lines = renderer.lines_of({})
    body = [ln for ln in lines if "社区提醒" in ln.text]
    assert body and max(ln.size for ln in body) < notice_pdf.BODY_SIZES[0]
    assert min(ln.y for ln in body) > notice_pdf.BODY_BOTTOM


def test_a_title_may_name_the_community_but_not_the_household(demo_db, tmp_path):
    with demo_db.session() as session:
        notice_templates.save_template(session, "社区公告", "{社区名称}公告", "各位居民：\n{内容}")
        with pytest.raises(InvalidInput) as err:
            notice_templates.save_template(session, "错误", "{户主}收", "正文")
    assert "{户主}" in err.value.zh
    out = tmp_path / "t.pdf"
    with demo_db.reading() as session:
        notices.print_notices(
            session, "custom-1", Target("copies", copies=1), NoticeLayout(),
            NoticeValues(content="停水通知"), out,
        )  # fmt: skip
    assert "幸福里社区公告" in squeezed(pdf_text(out))


def test_a_body_too_long_for_the_page_is_reported_not_hidden(demo_db, tmp_path):
    out = tmp_path / "long.pdf"
    text = "\n".join(["社区提醒：请居民朋友们做好个人防护，勤洗手、常通风、少聚集。" * 3] * 40)
    with demo_db.reading() as session:
        result = notices.print_notices(
            session, "announcement", Target("copies", copies=2), NoticeLayout(),
            NoticeValues(content=text), out,
        )  # fmt: skip
    assert any("正文太长" in zh for zh, _en in result.warnings)
    assert "特此公告" not in squeezed(pdf_text(out))  # what did not fit is said, never overprinted


@pytest.mark.parametrize("name", ["幸福里社区", "幸福里社区居民委员会（演示）"])
def test_the_name_and_date_stay_inside_the_seal_circle(demo_db, tmp_path, name):
    """A long name and the blank date's underscores are set smaller rather than run out of the
    circle where the seal goes (read back with pdftotext -bbox)."""
    import math

    from app.db.models import Office

    with demo_db.session() as session:
        session.get(Office, 1).name = name
    values = NoticeValues(issued=date(2026, 12, 28))
    out = tmp_path / "seal.pdf"
    with demo_db.reading() as session:
        notices.print_notices(
            session, "announcement", Target("building", "1"), NoticeLayout(), values, out,
            today=TODAY,
        )  # fmt: skip
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    centre_x = notice_pdf.SEAL_X
    centre_y = notice_pdf.DESIGN_H - (notice_pdf.NAME_Y - 4)  # pdftotext measures from the top
    lines = []
    for m in re.finditer(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', boxes
    ):
        x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
        if y0 > centre_y - notice_pdf.SEAL_R and x0 > centre_x - notice_pdf.SEAL_R - 40:
            lines.append((m.group(5), x0, y0, x1, y1))
    texts = [t for t, *_ in lines]
    assert name in "".join(t for t in texts if "年" not in t), texts  # whole, maybe on two lines
    assert "2026年12月28日" in texts, texts
    for text, x0, y0, x1, y1 in lines:
        if "盖章" in text:
            continue
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            assert math.hypot(x - centre_x, y - centre_y) <= notice_pdf.SEAL_R + 1, (text, x, y)
