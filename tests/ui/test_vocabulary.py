"""The register's words are kept once (app.core.registry.vocabulary) and shown in the window's
language (app.ui.labels): the residents table's cells and its filters say Registered / Migrant /
Living here in English, never 户籍 / 流动 / 在住 — a label passed to tr() as a variable would stay
Chinese, which is why app.ui.labels writes them as literals the translation tools can read."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from app.core.registry import vocabulary
from app.db.engine import Database
from app.db.models import Resident
from app.ui import labels
from app.ui.application import install_translators
from app.ui.models.registry_model import COL_GENDER, COL_RELATION, COL_RESIDENCY, COL_STATUS
from app.ui.pages.registry import RegistryPage

CJK = re.compile(r"[\u3400-\u9fff]")


def test_the_window_translates_the_very_words_the_core_keeps() -> None:
    assert labels.RESIDENCY == vocabulary.RESIDENCY
    assert labels.STATUS == vocabulary.STATUS
    assert labels.GENDER == vocabulary.GENDER
    assert labels.RELATIONS == vocabulary.RELATIONS


@pytest.fixture
def english(qapp) -> Iterator[None]:
    translators = install_translators(qapp, "en")
    try:
        yield
    finally:
        for tr in translators:
            qapp.removeTranslator(tr)


def test_every_word_of_the_vocabulary_has_its_english(english) -> None:
    for code in vocabulary.RESIDENCY:
        assert not CJK.search(labels.residency_label(code)), code
    for code in vocabulary.STATUS:
        assert not CJK.search(labels.status_label(code)), code
    for relation in vocabulary.RELATIONS:
        assert not CJK.search(labels.relation_label(relation)), relation
    assert QCoreApplication.translate("Vocabulary", "流动") == "Migrant"


def test_the_residents_table_and_its_filters_in_english(
    qtbot, make_ctx, demo_db: Database, datadir, english
) -> None:
    with demo_db.session(note="test") as session:
        first, second = session.scalars(select(Resident).order_by(Resident.id).limit(2)).all()
        first.status, second.status = "moved_out", "deceased"
    page = RegistryPage(make_ctx(datadir, lang="en"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)

    residency = [page.residency.itemText(i) for i in range(page.residency.count())]
    status = [page.status.itemText(i) for i in range(page.status.count())]
    assert residency == ["All", "Registered", "Migrant", "From abroad"]
    assert status == ["All", "Living here", "Moved out", "Deceased"]

    page.status.setCurrentIndex(0)  # everybody, whatever their status
    qtbot.waitUntil(lambda: page.model.rowCount() == 300)
    seen: dict[int, set[str]] = {c: set() for c in (COL_GENDER, COL_RELATION, COL_RESIDENCY)}
    seen[COL_STATUS] = set()
    for row in range(page.model.rowCount()):
        for col, words in seen.items():
            words.add(page.model.data(page.model.index(row, col)))
    assert {"Registered", "Migrant"} <= seen[COL_RESIDENCY]
    assert {"Living here", "Moved out", "Deceased"} <= seen[COL_STATUS]
    assert {"Head", "Spouse"} <= seen[COL_RELATION]
    chinese = sorted(w for words in seen.values() for w in words if w and CJK.search(w))
    assert not chinese
