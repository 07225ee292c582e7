"""Display names of stored values (tags, residency) in the interface's language. The database
keeps the Chinese names, as the office and its spreadsheets use them; an English interface shows
the English name of each built-in tag and leaves tags the office added as typed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

BUILTIN_TAGS = (
    QT_TRANSLATE_NOOP("Tags", "独居老人"),
    QT_TRANSLATE_NOOP("Tags", "空巢老人"),
    QT_TRANSLATE_NOOP("Tags", "残疾人"),
    QT_TRANSLATE_NOOP("Tags", "慢性病"),
    QT_TRANSLATE_NOOP("Tags", "孕产妇"),
    QT_TRANSLATE_NOOP("Tags", "婴幼儿"),
    QT_TRANSLATE_NOOP("Tags", "低保"),
    QT_TRANSLATE_NOOP("Tags", "特困"),
)


def tag_label(name: str) -> str:
    return QCoreApplication.translate("Tags", name) if name in BUILTIN_TAGS else name
