"""A street office's own window: its navigation (no 住户 to edit, no 网格, no 物资), the communities'
residents read only with the community beside every address, and a filter by community."""

from __future__ import annotations

from pathlib import Path

from app.ui.main_window import MainWindow
from app.ui.models.registry_model import COL_ADDRESS, COL_COMMUNITY
from tests.core.exchange_offices import (  # noqa: F401  (fixtures)
    COMMUNITY,
    export_to,
    import_into,
    offices,
    template,
)


def test_a_street_office_has_its_own_areas_and_reads_communities_only(
    qtbot,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
) -> None:
    c, s = offices["C"], offices["S"]
    import_into(s, export_to(c, tmp_path / "usb"))
    ctx = make_ctx(s.datadir)
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    win.show()
    areas = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert areas == ["首页", "社区居民", "报表", "下发事项", "数据交换", "审计", "设置"]

    page = win.open_area("registry")
    qtbot.waitUntil(lambda: page.model.count > 0, timeout=10_000)
    shown = [key for key, button in page.actions.items() if not button.isHidden()]
    assert shown == ["edit", "export", "print"]  # nothing that changes a community's records
    assert page.actions["edit"].text() == "查看这一户"
    assert not page.table.isColumnHidden(COL_COMMUNITY)
    header = page.table.horizontalHeader()
    assert header.visualIndex(COL_COMMUNITY) == header.visualIndex(COL_ADDRESS) - 1
    first = page.model.index(0, COL_COMMUNITY)
    with s.db.reading() as session:
        from app.core.registry.lookup import community_names

        name = community_names(session)[COMMUNITY]
    assert page.model.data(first) == name
    # the community filter lists the enrolled communities and narrows the list to one
    assert page.community.findData(COMMUNITY) > 0
    everyone = page.model.count
    page.community.setCurrentIndex(page.community.findData(COMMUNITY))
    assert 0 < page.model.count <= everyone
    assert {page.model.row_at(r).community for r in range(page.model.count)} == {COMMUNITY}

    page.table.selectRow(0)
    dialog = page.open_household(page.selected_row().household_id)
    qtbot.addWidget(dialog)
    assert all(b.isHidden() for b in dialog.buttons.values())  # read only
    assert dialog.info.text().startswith(name)


def test_a_notice_from_the_street_office_shows_on_the_community_home(
    qtbot,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
) -> None:
    from app.core.exchange.returns import export_return_packages
    from app.core.street import directives as dv
    from app.ui.pages.street_news import StreetNewsSection

    c, s = offices["C"], offices["S"]
    with s.db.session() as session:
        dv.add_directive(
            session, s.info, dv.DirectiveSpec("notice", "all", "明日停水通知", "8 点起")
        )
        dv.add_directive(
            session, s.info, dv.DirectiveSpec("task", COMMUNITY, "排查独居老人用药", "本周内")
        )
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "back", to=COMMUNITY)
    import_into(c, sent[0].path)
    ctx = make_ctx(c.datadir)
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    news = win.home.street_news
    assert isinstance(news, StreetNewsSection)
    qtbot.waitUntil(lambda: len(news.lines) == 2, timeout=10_000)
    texts = [line.text() for line in news.lines]
    assert any("明日停水通知" in t and "【通知】" in t for t in texts)
    assert any("排查独居老人用药" in t and "待办" in t for t in texts)
    assert "待办 1 项" in news.summary.text()
