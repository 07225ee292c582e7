"""数据交换: packages carried on a USB stick between a community and its street office.

At a community: this office's fingerprint, shown large so staff can compare it with the street
office's screen; trusting the street office's key file after comparing its fingerprint; exporting
the day's package to a folder (the stick); importing the street office's receipt and return
packages; the packages sent, those not yet acknowledged marked and written again on request.

At a street office: the communities side by side first (app.ui.pages.street); then its
fingerprint, enrolling a community's key file after the same comparison, importing several packages
at once in chain order (each file's outcome in words; a package from an office not enrolled offers
to enrol it) and writing the signed receipts.

The tab 上级指令 / 下发 is the directives panel (app.ui.pages.directives) when the program has it.
Every file operation runs on the database worker; known conditions become messages.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.exchange import history
from app.core.exchange.enrolment import (
    Enrolment,
    check_roles,
    enroll,
    export_public,
    load_own_keys,
    not_under,
    read_enrolment,
)
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.files import choose_folder, open_file, open_files, save_file
from app.ui.labels import listing, with_note
from app.ui.models.exchange_models import OutcomeModel, SentModel
from app.ui.models.rows import RowsModel

KEY_FILTER = QT_TRANSLATE_NOOP("ExchangePage", "公钥文件 (*.pub *.json);;所有文件 (*)")
PACKAGE_FILTER = QT_TRANSLATE_NOOP("ExchangePage", "数据包 (*.gdpkg);;所有文件 (*)")
RECEIPT_FILTER = QT_TRANSLATE_NOOP("ExchangePage", "回执 (*.gdrct);;所有文件 (*)")
ENTITY_NAMES = {
    "household": QT_TRANSLATE_NOOP("ExchangePage", "住户"),
    "resident": QT_TRANSLATE_NOOP("ExchangePage", "居民"),
    "supply_movement": QT_TRANSLATE_NOOP("ExchangePage", "物资台账"),
    "supply_delivery": QT_TRANSLATE_NOOP("ExchangePage", "物资签收"),
    "meeting": QT_TRANSLATE_NOOP("ExchangePage", "会议"),
    "meeting_action_item": QT_TRANSLATE_NOOP("ExchangePage", "待办事项"),
}


def fingerprint_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(20)
    font.setBold(True)
    return font


def _show_error(parent: QWidget, title: str, exc: GridDeskError, lang: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message(lang), parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class FingerprintCard(QFrame):
    """This office's fingerprint, large, for comparing in person."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        kind = self.tr("本街道办") if ctx.office.is_street_office else self.tr("本社区")
        caption = QLabel(
            self.tr("{0}指纹（{1}，{2}）— 登记时请对方当面核对").format(
                kind, ctx.office.name, ctx.office.code
            )
        )
        caption.setObjectName("cardLabel")
        self.value = QLabel()
        self.value.setFont(fingerprint_font())
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        try:
            self.value.setText(load_own_keys(ctx.datadir).fingerprint)
        except GridDeskError as exc:
            self.value.setText(exc.message(ctx.lang))
            self.value.setObjectName("error")
        layout.addWidget(caption)
        layout.addWidget(self.value)


class EnrolDialog(QDialog):
    """Shows a key file's office and fingerprint; trusting needs the comparison ticked."""

    def __init__(
        self,
        enrolment: Enrolment,
        replacing: str | None,
        street_office: bool,
        parent: QWidget | None = None,
        warning: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.enrolment = enrolment
        self.replacing = replacing
        what = self.tr("登记社区") if street_office else self.tr("信任街道办")
        self.setWindowTitle(self.tr("{0}：核对指纹").format(what))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "请当面把下面的指纹与对方电脑“数据交换”页上显示的指纹逐组核对。"
                "只有完全一致才能登记：不一致说明文件不是对方的，切勿登记。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        role = self.tr("社区") if enrolment.role == "community" else self.tr("街道办")
        self.name_label = QLabel(enrolment.name)
        self.code_label = QLabel(enrolment.code)
        form.addRow(self.tr("机构名称："), self.name_label)
        form.addRow(self.tr("机构代码："), self.code_label)
        form.addRow(self.tr("类型："), QLabel(role))
        layout.addLayout(form)
        self.fingerprint = QLabel(enrolment.fingerprint)
        self.fingerprint.setFont(fingerprint_font())
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setObjectName("card")
        self.fingerprint.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.fingerprint)
        for text in (replacing, warning):
            if text:
                warn = QLabel(text)
                warn.setObjectName("banner")
                warn.setWordWrap(True)
                layout.addWidget(warn)
        self.warning = warning
        self.confirm = QCheckBox(self.tr("我已与对方核对，指纹完全一致"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(
            self.tr("登记") if street_office else self.tr("信任"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.trust_button.setEnabled(False)
        self.trust_button.setAutoDefault(False)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        self.confirm.toggled.connect(self.trust_button.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.confirm.setFocus()


def _table(model: RowsModel[Any]) -> QTableView:
    table = QTableView()
    table.setObjectName("dataTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _translated(text: str) -> str:
    """One of the page's tables above (file filters, kinds of record) in the interface's language."""
    return QCoreApplication.translate("ExchangePage", text)


class ExchangePage(QWidget):
    """The 数据交换 page; its content depends on the office's role."""

    exported = Signal(object)  # ExportResult
    receipt_imported = Signal(object)  # ReceiptResult
    imported = Signal(object)  # list[Outcome]
    enrolled = Signal(str)  # the enrolled office's code
    receipts_written = Signal(object)  # list[Path]
    sent_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.street_office = ctx.office.is_street_office
        self.enrol_dialog: EnrolDialog | None = None
        self.offer_box: QMessageBox | None = None
        self._started = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("数据交换"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.overview: Any = None
        if self.street_office:
            from app.ui.pages.street import StreetOverviewPanel

            self.overview = StreetOverviewPanel(ctx)
            self.tabs.addTab(self.overview, self.tr("各社区"))
            self.tabs.addTab(self._street_tab(), self.tr("导入与回执"))
        else:
            self.tabs.addTab(self._community_tab(), self.tr("数据包"))
        self.directives = self._directives_panel()
        if self.directives is not None:
            self.tabs.addTab(self.directives, self.tr("上级指令 / 下发"))

    def _directives_panel(self) -> QWidget | None:
        try:
            module = importlib.import_module("app.ui.pages.directives")
        except ImportError:
            return None
        panel = getattr(module, "DirectivesPanel", None)
        return panel(self.ctx) if panel is not None else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    # --- shared pieces ------------------------------------------------------------------------

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    def _trusted_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        box = QVBoxLayout(card)
        box.setContentsMargins(16, 12, 16, 12)
        caption = QLabel(self.tr("已登记的社区") if self.street_office else self.tr("信任的街道办"))
        caption.setObjectName("cardLabel")
        self.trusted_label = QLabel(self.tr("正在读取…"))
        self.trusted_label.setWordWrap(True)
        self.trusted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(caption)
        box.addWidget(self.trusted_label)
        box.addStretch(1)
        return card

    def _result_label(self) -> QLabel:
        self.result = QLabel(
            self.tr("把 U 盘插好后点“导出今日数据包…”，选 U 盘里的文件夹。")
            if not self.street_office
            else self.tr("点“导入数据包…”可一次选中 U 盘里的多个数据包，按顺序导入。")
        )
        self.result.setObjectName("banner")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.result

    def refresh(self) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> tuple[list[history.Trusted], list[Any]]:
            with db.reading() as session:
                return history.trusted_offices(session), history.sent_packages(session)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[history.Trusted], list[Any]]) -> None:
        trusted, sent = result
        if self.street_office:
            communities = [t for t in trusted if t.role == "community"]
            self.trusted_label.setText(
                self.tr("共 {0} 个：{1}").format(
                    len(communities), listing(t.name for t in communities)
                )
                if communities
                else self.tr(
                    "尚未登记社区。请让社区导出公钥文件，当面核对指纹后点“登记社区公钥…”。"
                )
            )
            return
        streets = [t for t in trusted if t.role == "street-office"]
        if streets:
            s = streets[0]
            self.trusted_label.setText(f"{with_note(s.name, s.code)}\n{s.fingerprint}")
        else:
            self.trusted_label.setText(
                self.tr(
                    "尚未信任街道办。请拿到街道办的公钥文件，当面核对指纹后点“信任街道办公钥…”。"
                )
            )
        self.sent_model.names = {t.code: t.name for t in trusted}
        self.sent_model.set_rows(sent)
        pending = [p for p in sent if p.acknowledged_at is None]
        self.resend_button.setEnabled(bool(pending))
        self.sent_summary.setText(
            self.tr("已发出 {0} 个数据包，其中 {1} 个尚未确认收到（标粗）").format(
                len(sent), len(pending)
            )
            if sent
            else self.tr("尚未发出数据包。")
        )
        self.sent_shown.emit()

    # --- community ----------------------------------------------------------------------------

    def _community_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        cards = QHBoxLayout()
        cards.setSpacing(12)
        cards.addWidget(FingerprintCard(self.ctx), 3)
        cards.addWidget(self._trusted_card(), 2)
        layout.addLayout(cards)

        row = QHBoxLayout()
        row.setSpacing(8)
        self.export_button = self._button(self.tr("导出今日数据包(&E)…"), self.choose_export_folder)
        self.export_button.setDefault(True)
        self.receipt_button = self._button(self.tr("导入回执(&R)…"), self.choose_receipt)
        self.return_button = self._button(self.tr("导入回传包(&I)…"), self.choose_packages)
        self.enrol_button = self._button(self.tr("信任街道办公钥(&T)…"), self.choose_key_file)
        self.public_button = self._button(self.tr("导出本社区公钥文件…"), self.choose_public_out)
        for w in (
            self.export_button,
            self.receipt_button,
            self.return_button,
            self.enrol_button,
            self.public_button,
        ):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._result_label())

        heading = QHBoxLayout()
        label = QLabel(self.tr("已发出的数据包"))
        label.setObjectName("sectionTitle")
        heading.addWidget(label)
        self.sent_summary = QLabel("")
        self.sent_summary.setObjectName("muted")
        heading.addWidget(self.sent_summary)
        heading.addStretch(1)
        self.resend_button = self._button(
            self.tr("重新写出未确认的数据包…"), self.choose_resend_folder
        )
        self.resend_button.setEnabled(False)
        heading.addWidget(self.resend_button)
        layout.addLayout(heading)
        self.sent_model = SentModel(self)
        self.sent_table = _table(self.sent_model)
        layout.addWidget(self.sent_table, 1)
        self.outcome_model = OutcomeModel(self.ctx.lang, self)
        return tab

    def choose_export_folder(self) -> None:
        folder = choose_folder(self, self.ctx.settings, self.tr("选择 U 盘中的文件夹"))
        if folder is not None:
            self.export_to(folder)

    def export_to(self, folder: Path) -> None:
        from app.core.exchange.packages import export_package

        db, datadir, office = self.ctx.db, self.ctx.datadir, self.ctx.office
        writing = self.tr("写入并核对")

        def work(progress: Any) -> Any:
            progress(0, 1, writing)
            return export_package(db, datadir, office, folder)

        def done(result: Any) -> None:
            kind = self.tr("全量") if result.kind == "full" else self.tr("增量")
            parts = [
                f"{_translated(ENTITY_NAMES[k])} {result.counts.get(k, 0):,}"
                for k in ENTITY_NAMES
                if result.counts.get(k)
            ]
            others = result.records - sum(result.counts.get(k, 0) for k in ENTITY_NAMES)
            if others:
                parts.append(self.tr("其他 {0}").format(f"{others:,}"))
            self.result.setText(
                self.tr("已写出第 {0} 号{1}数据包：{2}\n共 {3} 条记录（{4}），收件方 {5}。").format(
                    result.package_seq,
                    kind,
                    result.path,
                    f"{result.records:,}",
                    listing(parts) or self.tr("无变动"),
                    self.sent_model.names.get(result.recipient, result.recipient),
                )
            )
            self.refresh()
            self.exported.emit(result)

        self.ctx.run(
            self, work, title=self.tr("正在导出数据包"), on_success=done, changes=Change.EXCHANGE
        )

    def choose_receipt(self) -> None:
        path = open_file(
            self, self.ctx.settings, self.tr("选择街道办的回执"), _translated(RECEIPT_FILTER)
        )
        if path is not None:
            self.import_receipt(path)

    def import_receipt(self, path: Path) -> None:
        from app.core.exchange.receipts import import_receipt

        db, datadir, office = self.ctx.db, self.ctx.datadir, self.ctx.office

        def work(_progress: Any) -> Any:
            return import_receipt(db, datadir, office, path)

        def done(result: Any) -> None:
            missing = listing(str(n) for n in result.unacknowledged) or self.tr("无")
            self.result.setText(
                self.tr("街道办 {0} 确认收到数据包：{1}。尚未确认：{2}").format(
                    result.street_office, listing(str(n) for n in result.acknowledged), missing
                )
            )
            self.refresh()
            self.receipt_imported.emit(result)

        self.ctx.run(
            self, work, title=self.tr("正在导入回执"), on_success=done, changes=Change.EXCHANGE
        )

    def choose_resend_folder(self) -> None:
        folder = choose_folder(self, self.ctx.settings, self.tr("选择 U 盘中的文件夹"))
        if folder is not None:
            self.resend_to(folder)

    def resend_to(self, folder: Path) -> None:
        from app.core.exchange.returns import resend_packages

        db, datadir = self.ctx.db, self.ctx.datadir

        def work(_progress: Any) -> list[Path]:
            return resend_packages(db, datadir, folder)

        def done(paths: list[Path]) -> None:
            self.result.setText(
                self.tr("已重新写出 {0} 个未确认的数据包到 {1}：{2}").format(
                    len(paths), folder, listing(p.name for p in paths)
                )
            )

        self.ctx.run(self, work, title=self.tr("正在重新写出数据包"), on_success=done)

    # --- street office ------------------------------------------------------------------------

    def _street_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        cards = QHBoxLayout()
        cards.setSpacing(12)
        cards.addWidget(FingerprintCard(self.ctx), 3)
        cards.addWidget(self._trusted_card(), 2)
        layout.addLayout(cards)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.import_button = self._button(self.tr("导入数据包(&I)…"), self.choose_packages)
        self.import_button.setDefault(True)
        self.receipts_button = self._button(self.tr("写出回执(&R)…"), self.choose_receipt_folder)
        self.enrol_button = self._button(self.tr("登记社区公钥(&T)…"), self.choose_key_file)
        self.public_button = self._button(self.tr("导出本街道办公钥文件…"), self.choose_public_out)
        for w in (self.import_button, self.receipts_button, self.enrol_button, self.public_button):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._result_label())
        label = QLabel(self.tr("本次导入结果"))
        label.setObjectName("sectionTitle")
        layout.addWidget(label)
        self.outcome_model = OutcomeModel(self.ctx.lang, self)
        self.outcome_table = _table(self.outcome_model)
        layout.addWidget(self.outcome_table, 1)
        return tab

    def choose_packages(self) -> None:
        paths = open_files(
            self, self.ctx.settings, self.tr("选择数据包（可多选）"), _translated(PACKAGE_FILTER)
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[Path]) -> None:
        db, datadir, office = self.ctx.db, self.ctx.datadir, self.ctx.office

        def work(progress: Any) -> list[history.Outcome]:
            return history.import_packages(db, datadir, office, paths, progress)

        def done(outcomes: list[history.Outcome]) -> None:
            self.outcome_model.set_rows(outcomes)
            counts = {s: sum(1 for o in outcomes if o.state == s) for s in ("imported", "already")}
            refused = len(outcomes) - counts["imported"] - counts["already"]
            self.result.setText(
                self.tr("共 {0} 个文件：已导入 {1} 个，此前已导入 {2} 个，拒收 {3} 个。").format(
                    len(outcomes), counts["imported"], counts["already"], refused
                )
                + ("" if self.street_office else "\n" + self._outcome_lines(outcomes))
            )
            self.refresh()
            self.imported.emit(outcomes)
            unknown = [o for o in outcomes if o.unknown_sender]
            if unknown and self.street_office:
                self._offer_enrol(unknown[0])

        def changes(outcomes: list[history.Outcome]) -> Change:
            if any(o.state == "imported" for o in outcomes):
                return Change.EXCHANGE | Change.REGISTRY | Change.SUPPLIES | Change.MEETINGS
            return NOTHING

        self.ctx.run(self, work, title=self.tr("正在导入数据包"), on_success=done, changes=changes)

    def _outcome_lines(self, outcomes: list[history.Outcome]) -> str:
        return "\n".join(
            self.tr("{0}：{1}，{2}").format(
                o.path.name,
                self.outcome_model.text(o, OutcomeModel.COL_STATE),
                o.message(self.ctx.lang),
            )
            for o in outcomes
        )

    def _offer_enrol(self, outcome: history.Outcome) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("未登记的社区"),
            self.tr(
                "数据包 {0} 来自未登记的社区 {1}（{2}），未导入。\n"
                "如属本街道，请拿到该社区的公钥文件，当面核对指纹后登记，再导入此数据包。\n"
                "现在选择它的公钥文件吗？"
            ).format(outcome.path.name, outcome.sender_name, outcome.sender),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.choose_key_file)
        self.offer_box = box
        box.open()

    def choose_receipt_folder(self) -> None:
        folder = choose_folder(self, self.ctx.settings, self.tr("选择 U 盘中的文件夹"))
        if folder is not None:
            self.write_receipts_to(folder)

    def write_receipts_to(self, folder: Path) -> None:
        from app.core.exchange.receipts import write_receipts

        db, datadir, office = self.ctx.db, self.ctx.datadir, self.ctx.office

        def work(_progress: Any) -> list[Path]:
            return write_receipts(db, datadir, office, folder)

        def done(paths: list[Path]) -> None:
            self.result.setText(
                self.tr("已写出 {0} 份回执到 {1}：{2}").format(
                    len(paths), folder, listing(p.name for p in paths)
                )
            )
            self.receipts_written.emit(paths)

        self.ctx.run(self, work, title=self.tr("正在写出回执"), on_success=done)

    # --- keys (both roles) --------------------------------------------------------------------

    def choose_public_out(self) -> None:
        path = save_file(
            self,
            self.ctx.settings,
            self.tr("导出本机构公钥文件"),
            f"{self.ctx.office.code}-{self.ctx.office.name}.pub",
            _translated(KEY_FILTER),
        )
        if path is not None:
            self.write_public(path)

    def write_public(self, path: Path) -> Path | None:
        try:
            out, fingerprint = export_public(self.ctx.datadir, self.ctx.office, path)
        except GridDeskError as exc:
            _show_error(self, self.tr("导出公钥文件"), exc, self.ctx.lang)
            return None
        except OSError as exc:
            self.result.setText(self.tr("无法写入 {0}：{1}").format(path, exc.strerror or exc))
            return None
        self.result.setText(
            self.tr("已写出公钥文件 {0}。交给对方后，请当面核对指纹：{1}").format(out, fingerprint)
        )
        return out

    def choose_key_file(self) -> None:
        path = open_file(
            self,
            self.ctx.settings,
            self.tr("选择社区的公钥文件")
            if self.street_office
            else self.tr("选择街道办的公钥文件"),
            _translated(KEY_FILTER),
        )
        if path is not None:
            self.enrol_from(path)

    def enrol_from(self, path: Path) -> EnrolDialog | None:
        """Read a key file and ask the user to compare its fingerprint (the dialog is opened,
        not run: trusting happens when it is accepted)."""
        try:
            enrolment = read_enrolment(path)
            check_roles(self.ctx.office, enrolment)
        except GridDeskError as exc:
            _show_error(self, self.tr("公钥文件"), exc, self.ctx.lang)
            return None
        mismatch = not_under(self.ctx.office, enrolment)
        warning = None if mismatch is None else mismatch[1 if self.ctx.lang == "en" else 0]
        with self.ctx.db.reading() as session:
            trusted = history.trusted_offices(session)
        replacing = None
        same = [t for t in trusted if t.code == enrolment.code]
        if same and same[0].fingerprint != enrolment.fingerprint:
            replacing = self.tr(
                "注意：{0}（{1}）已用另一把密钥登记，原指纹 {2}。登记后将改用此文件中的密钥。"
            ).format(same[0].name, same[0].code, same[0].fingerprint)
        elif not self.street_office:
            others = [t for t in trusted if t.code != enrolment.code]
            if others:
                replacing = self.tr(
                    "注意：本社区目前信任街道办 {0}（{1}）。信任此文件后，将改为信任 {2}（{3}）。"
                ).format(others[0].name, others[0].code, enrolment.name, enrolment.code)
        dialog = EnrolDialog(enrolment, replacing, self.street_office, self, warning)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._enrol(enrolment, replace=replacing is not None))
        self.enrol_dialog = dialog
        dialog.open()
        return dialog

    def _enrol(self, enrolment: Enrolment, replace: bool) -> None:
        db, office = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> str:
            with db.session(note="keys enroll") as session:
                return enroll(session, office, enrolment, replace=replace)

        def done(how: str) -> None:
            verb = self.tr("已登记") if how == "added" else self.tr("已更新登记")
            self.result.setText(
                self.tr("{0} {1}（{2}），指纹 {3}。").format(
                    verb, enrolment.name, enrolment.code, enrolment.fingerprint
                )
            )
            self.refresh()
            self.enrolled.emit(enrolment.code)

        self.ctx.run(
            self,
            work,
            title=self.tr("登记公钥"),
            on_success=done,
            show_progress=False,
            changes=Change.EXCHANGE,
        )
