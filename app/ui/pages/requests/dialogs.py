"""诉求's dialogs: 登记诉求 (a call logged in under half a minute, keyboard first), 派单, 办结 (an
outcome required), 回访 (satisfied or not), 重新打开 (a reason required) and 转为发放 (a campaign).

Each writes through one operation of `app.core.requests` on the database worker and stays open,
what was typed kept, with the core's refusal in its own words when the operation refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.models.requests import (
    CATEGORIES,
    CHANNELS,
    PRIORITIES,
    category_label,
    channel_label,
    priority_label,
)
from app.ui.style import ACCENT, DANGER, WARN_COLOUR

HITS = 8  # households listed under the caller's field


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {DANGER}; font-weight: 600;")
    label.hide()
    return label


def _refusal(ctx: AppContext, exc: BaseException) -> str | None:
    """The core's words for a refusal; None for a bug (reported as one)."""
    if isinstance(exc, GridDeskError):
        return exc.message(ctx.lang)
    from app.ui.crash import report_bug

    report_bug(exc, None)
    return None


class HouseholdFinder(QWidget):
    """The caller's address or name typed: the registry's type-ahead (the 住户 page's search) lists
    the households found under the field; ↓/↑ move, Enter picks, Esc clears the choice."""

    picked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.core.registry.search import RegistrySearch

        self.ctx = ctx
        self.engine = RegistrySearch()
        self.household_id: int | None = None
        self.household_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("来电人的住址（3-2-502）、姓名、拼音或电话后四位"))
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMaximumHeight(150)
        self.results.itemClicked.connect(self._pick_item)
        self.results.hide()
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(80)
        self.timer.timeout.connect(self.search)
        self.field.textEdited.connect(lambda _t: self.timer.start())
        self._show_choice()

    def search(self) -> None:
        text = self.field.text().strip()
        self.results.clear()
        if not text:
            self.results.hide()
            return
        with self.ctx.db.reading() as session:
            hits = self.engine.search(session, text, limit=HITS * 4)
        seen: dict[int, QListWidgetItem] = {}
        for h in hits:
            if h.household_id in seen or len(seen) >= HITS:
                continue
            head = self.tr("（户主）") if h.is_head else ""
            label = f"{h.address_code}   {h.name}{head}   {h.phone_masked}".rstrip()
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, (h.household_id, f"{h.address_code} {h.name}"))
            self.results.addItem(item)
            seen[h.household_id] = item
        if not seen:
            none = QListWidgetItem(self.tr("没有找到“{0}”").format(text))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(none)
        else:
            self.results.setCurrentRow(0)
        self.results.show()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.isVisible():
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():
                    self.timer.stop()
                    self.search()
                item = self.results.currentItem() if self.results.isVisible() else None
                if item is not None and item.data(Qt.ItemDataRole.UserRole):
                    self._pick_item(item)
                else:
                    self.picked.emit()  # nothing to pick: on to the category
                return True
            if key == Qt.Key.Key_Escape and (self.results.isVisible() or self.household_id):
                self.clear_choice()
                return True
        return super().eventFilter(watched, event)

    def _pick_item(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        self.pick(int(data[0]), str(data[1]))

    def pick(self, household_id: int, text: str) -> None:
        self.household_id, self.household_text = household_id, text
        self.results.hide()
        self._show_choice()
        self.picked.emit()

    def clear_choice(self) -> None:
        self.household_id, self.household_text = None, ""
        self.results.hide()
        self._show_choice()

    def _show_choice(self) -> None:
        if self.household_id is not None:
            self.chosen.setText(self.tr("✔ 住户：{0}（Esc 取消选择）").format(self.household_text))
            self.chosen.setStyleSheet("font-weight: 600;")
        else:
            self.chosen.setText(self.tr("输入后用 ↓ ↑ 选择，回车确认；不选住户也可登记"))
            self.chosen.setStyleSheet("")
            self.chosen.setObjectName("muted")


class CategoryPicker(QFrame):
    """The ten categories as buttons numbered 1–9 and 0: with the focus here a digit picks one (and
    the focus moves on); ←/→ step through them; anywhere in the dialog Alt+digit picks too."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryPicker")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "QFrame#categoryPicker { border: 2px solid transparent; border-radius: 4px; }"
            f" QFrame#categoryPicker:focus {{ border: 2px solid {ACCENT}; }}"
            f" QPushButton:checked {{ background: {ACCENT}; color: white; font-weight: 700; }}"
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.codes = list(CATEGORIES)
        self.buttons: dict[str, QPushButton] = {}
        for i, code in enumerate(self.codes):
            digit = (i + 1) % 10
            button = QPushButton(f"{digit} {category_label(code)}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.choose(c))
            self.group.addButton(button, i)
            self.buttons[code] = button
            grid.addWidget(button, i // 5, i % 5)

    def current(self) -> str | None:
        button = self.group.checkedButton()
        if button is None:
            return None
        return self.codes[self.group.id(button)]

    def choose(self, code: str) -> None:
        self.buttons[code].setChecked(True)
        self.chosen.emit(code)

    def digit(self, digit: int) -> None:
        self.choose(self.codes[(digit - 1) % 10])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.digit(key - Qt.Key.Key_0)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            at = self.codes.index(self.current()) if self.current() else -1
            step = 1 if key == Qt.Key.Key_Right else -1
            code = self.codes[(at + step) % len(self.codes)]
            self.buttons[code].setChecked(True)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class RequestDialog(QDialog):
    """登记诉求: who is calling (the household found by the registry's type-ahead, or none: then the
    request is anonymous and the dialog says so), the category by a digit, one line of what they
    need, priority, channel and a phone to call back. Enter saves."""

    saved = Signal(object)  # the RequestRow made

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row: Any = None
        self.setWindowTitle(self.tr("登记诉求"))
        self.setMinimumWidth(720)
        form = QFormLayout(self)
        form.setContentsMargins(20, 16, 20, 16)
        form.setVerticalSpacing(10)
        self.finder = HouseholdFinder(ctx)
        form.addRow(self.tr("来电住户"), self.finder)
        self.category = CategoryPicker()
        form.addRow(self.tr("类别（数字键）"), self.category)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("一句话说明诉求，如：胰岛素快用完了，需要代购"))
        self.text.setMaxLength(500)
        form.addRow(self.tr("诉求内容"), self.text)
        line = QHBoxLayout()
        self.priority = QComboBox()
        for code in PRIORITIES:
            self.priority.addItem(priority_label(code), code)
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(channel_label(code), code)
        line.addWidget(self.priority)
        line.addSpacing(12)
        channel_label_ = QLabel(self.tr("来源"))
        channel_label_.setBuddy(self.channel)
        line.addWidget(channel_label_)
        line.addWidget(self.channel)
        line.addStretch(1)
        form.addRow(self.tr("紧急程度"), line)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("回访电话（可不填；保存后只显示脱敏号码）"))
        self.phone.setMaxLength(20)
        form.addRow(self.tr("回访电话"), self.phone)
        self.anonymous_note = QLabel()
        self.anonymous_note.setWordWrap(True)
        self.anonymous_note.setStyleSheet(f"color: {WARN_COLOUR}; font-weight: 600;")
        form.addRow(self.anonymous_note)
        self.error = _error_label()
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("登记（回车）"))
        self.ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.finder.picked.connect(self.category.setFocus)
        self.category.chosen.connect(lambda _c: self.text.setFocus())
        self.finder.picked.connect(self._anonymity)
        self.finder.field.textChanged.connect(lambda _t: self._anonymity())
        self.phone.textChanged.connect(lambda _t: self._anonymity())
        for field in (self.finder.field, self.text, self.phone, self.priority, self.channel):
            field.installEventFilter(self)
        self.setTabOrder(self.finder.field, self.category)
        self.setTabOrder(self.category, self.text)
        self.setTabOrder(self.text, self.priority)
        self.setTabOrder(self.priority, self.channel)
        self.setTabOrder(self.channel, self.phone)
        self._anonymity()
        self.finder.field.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.finder.field.setFocus()  # the caller's address is the first thing typed

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Alt+digit picks a category from any field, before the field takes the digit."""
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                self.category.digit(key - Qt.Key.Key_0)
                return True
        return super().eventFilter(watched, event)

    def _anonymity(self) -> None:
        """Without a household and a phone the request is anonymous: allowed, and said."""
        none = self.finder.household_id is None
        if none and not self.phone.text().strip():
            text = self.tr("匿名诉求：没有住户也没有回访电话，办结后无法回访。")
        elif none:
            text = self.tr("未关联住户：按回访电话联系。")
        else:
            text = ""
        self.anonymous_note.setText(text)
        self.anonymous_note.setVisible(bool(text))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> None:
        from app.core.requests import requests as core

        category = self.category.current()
        text = self.text.text().strip()
        if category is None:
            self._say(self.tr("请选择类别：按数字键 1–0，或点选。"))
            self.category.setFocus()
            return
        if not text:
            self._say(self.tr("请用一句话写明诉求内容。"))
            self.text.setFocus()
            return
        self._say("")
        db = self.ctx.db
        household = self.finder.household_id
        phone = self.phone.text().strip() or None
        priority = core.Priority(str(self.priority.currentData()))
        channel = core.Channel(str(self.channel.currentData()))

        def work(_progress: Any) -> Any:
            with db.session(note="requests add") as session:
                return core.log_request(
                    session,
                    core.Category(category),
                    text,
                    household_id=household,
                    phone=phone,
                    priority=priority,
                    channel=channel,
                )

        self.ok.setEnabled(False)
        op = self.ctx.run(
            self, work, on_success=self._saved, show_progress=False, changes=Change.REQUESTS
        )
        op.failure(self._failed)

    def _saved(self, row: Any) -> None:
        self.row = row
        self.saved.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        message = _refusal(self.ctx, exc)
        if message is not None:
            self._say(message)


class ActionDialog(QDialog):
    """A request's step that needs words or a choice; `run(session)` does it on the worker.
    Subclasses build their fields into `form` and say in `check()` what is missing."""

    stepped = Signal(object)  # the RequestRow after the step

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        heading: str,
        ok: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        head = QLabel(heading)
        head.setWordWrap(True)
        head.setStyleSheet("font-weight: 600;")
        layout.addWidget(head)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = _error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def check(self) -> str:
        """What is missing, in words; empty when the step may be asked of the core."""
        return ""

    def step(self) -> Callable[[Any], Any]:
        raise NotImplementedError

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def submit(self) -> None:
        missing = self.check()
        if missing:
            self.say(missing)
            return
        self.say("")
        db, step = self.ctx.db, self.step()
        note = f"requests {self.objectName() or 'step'}"

        def work(_progress: Any) -> Any:
            with db.session(note=note) as session:
                return step(session)

        self.ok.setEnabled(False)
        op = self.ctx.run(
            self, work, on_success=self._done, show_progress=False, changes=Change.REQUESTS
        )
        op.failure(self._failed)

    def _done(self, row: Any) -> None:
        self.stepped.emit(row)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        message = _refusal(self.ctx, exc)
        if message is not None:
            self.say(message)


def request_heading(row: Any) -> str:
    from app.ui.models.requests import household_text

    return QCoreApplication.translate("Requests", "#{0}  {1} · {2}：{3}").format(
        row.id, category_label(row.category), household_text(row), row.text
    )


class AssignDialog(ActionDialog):
    """派单: to a person on duty (their grid beside the name) or to a grid."""

    def __init__(self, ctx: AppContext, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("派单"), request_heading(row), self.tr("派单"), parent)
        self.setObjectName("assign")
        self.request_id = row.id
        self.to = QComboBox()
        self.to.setMinimumWidth(320)
        from app.core.grids import duty, structure

        with ctx.db.reading() as session:
            grids = structure.list_grids(session)
            people = duty.list_people(session, duty.PeopleQuery(active_only=True))
        for g in grids:
            self.to.addItem(self.tr("网格 {0}（{1}）").format(g.code, g.name), ("grid", g.code))
        for p in people:
            where = p.grid_code or self.tr("未分网格")
            self.to.addItem(self.tr("{0}（{1}）").format(p.name, where), ("person", p.id))
        if row.grid_code:
            at = self.to.findData(("grid", row.grid_code))
            if at >= 0:
                self.to.setCurrentIndex(at)
        self.form.addRow(self.tr("派给"), self.to)
        self.to.setFocus()

    def check(self) -> str:
        return (
            "" if self.to.currentData() else self.tr("没有可派的网格或人员：请先在“网格”页登记。")
        )

    def step(self) -> Callable[[Any], Any]:
        from app.core.requests import requests as core

        kind, value = self.to.currentData()
        request_id = self.request_id
        if kind == "grid":
            return lambda session: core.assign(session, request_id, grid_code=str(value))
        return lambda session: core.assign(session, request_id, person_id=int(value))


class TextStepDialog(ActionDialog):
    """办结 (the outcome) or 重新打开 (the reason): words required, refused in the dialog without."""

    def __init__(
        self,
        ctx: AppContext,
        row: Any,
        kind: str,
        parent: QWidget | None = None,
    ) -> None:
        finishing = kind == "finish"
        title = self.tr("办结") if finishing else self.tr("重新打开")
        super().__init__(ctx, title, request_heading(row), title, parent)
        self.setObjectName(kind)
        self.kind = kind
        self.request_id = row.id
        self.words = QLineEdit()
        self.words.setMaxLength(500)
        self.words.setPlaceholderText(
            self.tr("办理结果：做了什么、结果如何（必填）")
            if finishing
            else self.tr("重新打开的原因（必填）")
        )
        self.words.setMinimumWidth(420)
        self.form.addRow(self.tr("办理结果") if finishing else self.tr("原因"), self.words)
        self.ok.setDefault(True)  # Enter in the line closes it
        self.words.setFocus()

    def check(self) -> str:
        if self.words.text().strip():
            return ""
        if self.kind == "finish":
            return self.tr("请填写办理结果：没有办理结果不能办结。")
        return self.tr("请填写重新打开的原因。")

    def step(self) -> Callable[[Any], Any]:
        from app.core.requests import requests as core

        words, request_id = self.words.text().strip(), self.request_id
        if self.kind == "finish":
            return lambda session: core.finish(session, request_id, words)
        return lambda session: core.reopen(session, request_id, words)


class CallbackDialog(ActionDialog):
    """回访: the resident called back — satisfied (Y) or not (N), and a note."""

    def __init__(self, ctx: AppContext, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("回访"), request_heading(row), self.tr("记录回访"), parent)
        self.setObjectName("callback")
        self.request_id = row.id
        choice = QHBoxLayout()
        self.yes = QRadioButton(self.tr("满意(&Y)"))
        self.no = QRadioButton(self.tr("不满意(&N)"))
        choice.addWidget(self.yes)
        choice.addWidget(self.no)
        choice.addStretch(1)
        self.form.addRow(self.tr("回访结果"), choice)
        if row.outcome:
            outcome = QLabel(row.outcome)
            outcome.setWordWrap(True)
            self.form.addRow(self.tr("办理结果"), outcome)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("居民的意见（可不填）"))
        self.form.addRow(self.tr("备注"), self.note)
        self.yes.setFocus()

    def check(self) -> str:
        if self.yes.isChecked() or self.no.isChecked():
            return ""
        return self.tr("请选择居民是否满意。")

    def step(self) -> Callable[[Any], Any]:
        from app.core.requests import requests as core

        satisfied, note = self.yes.isChecked(), self.note.text().strip() or None
        request_id = self.request_id
        return lambda session: core.callback(session, request_id, satisfied, note)


class DeliveryDialog(ActionDialog):
    """转为发放: a request for supplies becomes a delivery of an open campaign (its rules apply)."""

    def __init__(self, ctx: AppContext, row: Any, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, self.tr("转为发放"), request_heading(row), self.tr("转为发放"), parent
        )
        self.setObjectName("delivery")
        self.request_id = row.id
        from app.core.supplies import campaigns

        with ctx.db.reading() as session:
            open_ = [c for c in campaigns.list_campaigns(session) if c.status == "open"]
        self.campaign = QComboBox()
        self.campaign.setMinimumWidth(320)
        for c in open_:
            self.campaign.addItem(f"{c.code}  {c.name}", c.id)
        self.form.addRow(self.tr("发放"), self.campaign)
        hint = QLabel(self.tr("按这次发放的份额和规则发给这一户，并记入物资台账。"))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.campaign.setFocus()

    def check(self) -> str:
        if self.campaign.currentData() is None:
            return self.tr("没有进行中的发放：请先在“物资”页新建发放。")
        return ""

    def step(self) -> Callable[[Any], Any]:
        from app.core.requests import requests as core

        campaign, request_id = int(self.campaign.currentData()), self.request_id

        def run(session: Any) -> Any:
            core.to_delivery(session, request_id, campaign)
            return core.request_row(session, request_id)

        return run
