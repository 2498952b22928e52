"""The question pages that need more than one set of options: data items, count, dates, follow-ups, names."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import JST
from app.i18n import _
from app.wizard.flow import my_numbers
from app.wizard.questions import (
    CONTACT_OPTIONS,
    COUNT_MODE_OPTIONS,
    CROSSING_OPTIONS,
    DATA_GROUPS,
    ENCRYPTED_OPTIONS,
    EVENT_NONE,
    EVENT_OPTIONS,
    GDPR_OPTIONS,
    KEY_OPTIONS,
    SIGN_OPTIONS,
    Option,
    QuestionId,
    data_item_label,
)
from app.wizard.validation import MAX_LEARNED_BY, MAX_TITLE, parse_day, parse_moment
from ui.wizard.base_page import (
    QuestionPage,
    date_edit,
    datetime_edit,
    field_label,
    read_date,
    read_moment,
    set_date,
    set_moment,
)
from ui.wizard.fields import CountEdit, DateField, LengthCounter
from ui.wizard.widgets import CheckList, ChoiceGroup, OptionRow, hint_label, section_title

Q = QuestionId


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _indented(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(24, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return holder


class DataPage(QuestionPage):
    question_id = Q.DATA

    def build(self, layout: QVBoxLayout) -> None:
        self.lists: list[CheckList] = []
        for group in DATA_GROUPS:
            box = QGroupBox(_(group.label))
            box_layout = QVBoxLayout(box)
            options = [Option(item.value, data_item_label(item), hint) for item, hint in group.items]
            checks = CheckList(options, columns=2, translate_labels=False)
            checks.changed.connect(self.changed)
            box_layout.addWidget(checks)
            self.lists.append(checks)
            layout.addWidget(box)

    def load(self, value: Any) -> None:
        codes = value if isinstance(value, list) else []
        for checks in self.lists:
            checks.set_value(codes)

    def value(self) -> Any:
        codes = [code for checks in self.lists for code in checks.value()]
        return codes or None

    def box(self, code: str) -> QCheckBox:
        return next(checks.boxes[code] for checks in self.lists if code in checks.boxes)


def count_widgets(
    page: QuestionPage, layout: QVBoxLayout, caption_text: str
) -> tuple[ChoiceGroup, CountEdit]:
    """Exact or at most, and the number: the head count of 第7条 and the My Number count ask it the same way."""
    mode = ChoiceGroup(COUNT_MODE_OPTIONS)
    spin = CountEdit()
    spin.setObjectName("count_value")
    caption = QLabel(field_label(caption_text, "P"))
    caption.setBuddy(spin)
    row = QHBoxLayout()
    row.addWidget(caption)
    row.addWidget(spin)
    row.addWidget(QLabel(_("people")))
    row.addStretch(1)
    layout.addWidget(mode)
    layout.addLayout(row)
    layout.addWidget(page.error_label("value"))
    mode.changed.connect(page.changed)
    spin.textChanged.connect(page.changed)
    return mode, spin


class CountPage(QuestionPage):
    question_id = Q.COUNT

    def build(self, layout: QVBoxLayout) -> None:
        self.mode, self.spin = count_widgets(self, layout, _("Number of people affected"))
        layout.addSpacing(12)
        layout.addWidget(section_title(_("Can you contact them?")))
        layout.addWidget(
            hint_label(_("Used for the notice to the individuals; it does not change whether you report."))
        )
        self.contact = ChoiceGroup(CONTACT_OPTIONS, mnemonics=False)
        layout.addWidget(self.contact)
        self.contact.changed.connect(self.changed)

    def load(self, value: Any) -> None:
        count = _mapping(value)
        self.mode.set_value(count.get("mode"))
        self.spin.setValue(count.get("value") if isinstance(count.get("value"), int | str) else None)
        self.contact.set_value(count.get("contact_all"))

    def value(self) -> Any:
        return {"mode": self.mode.value(), "value": self.spin.answer(), "contact_all": self.contact.value()}


class LearnedPage(QuestionPage):
    """When the office knew (the clock start, docs/domain.md §5.1), who knew, and two dates that stay empty until
    entered: when it happened and when the officer heard of it (informational, never the clock start)."""

    question_id = Q.LEARNED

    def build(self, layout: QVBoxLayout) -> None:
        now = self.ctx.now()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.learned_edit = datetime_edit(now)
        self.learned_edit.dateTimeChanged.connect(self.changed)
        form.addRow(field_label(_("First noticed in the office"), "D"), self.learned_edit)
        form.addRow(self.error_label("learned_at"))
        self.learned_by_edit = QLineEdit()
        self.learned_by_edit.setPlaceholderText(_("e.g. Yamada at reception, the Osaka branch"))
        self.learned_by_counter = LengthCounter(self.learned_by_edit, MAX_LEARNED_BY)
        self.learned_by_edit.textChanged.connect(self.changed)
        form.addRow(field_label(_("Noticed by"), "Y"), self.learned_by_edit)
        form.addRow(self.learned_by_counter)
        form.addRow(
            hint_label(
                _(
                    "Count from the first person in the office who knew, not from when you were told. In an insider case, leave out the person who did it."
                )
            )
        )
        self.occurred_edit = DateField(_("Choose the day it happened from a calendar"))
        self.occurred_edit.setObjectName("date_occurred")
        self.occurred_edit.changed.connect(self.changed)
        form.addRow(field_label(_("Day it happened (if known)"), "T"), self.occurred_edit)
        self._name_by_caption(form, self.occurred_edit)
        form.addRow(self.error_label("occurred_date"))
        self.officer_edit = DateField(_("Choose the day you heard of it from a calendar"))
        self.officer_edit.setObjectName("date_officer")
        self.officer_edit.changed.connect(self.changed)
        form.addRow(field_label(_("Day I, the officer, heard of it (if later)"), "I"), self.officer_edit)
        self._name_by_caption(form, self.officer_edit)
        form.addRow(self.error_label("officer_date"))
        layout.addLayout(form)
        layout.addWidget(hint_label(_("Leave a date empty if you do not know it yet.")))

    @staticmethod
    def _name_by_caption(form: QFormLayout, field: DateField) -> None:
        """The caption names the line edit itself (the part a screen reader lands on) and Alt focuses it."""
        caption = form.labelForField(field)
        if isinstance(caption, QLabel):
            caption.setBuddy(field.edit)
            # Qt finds a buddy label only among the field's siblings: the edit sits inside DateField.
            field.edit.setAccessibleName(re.sub(r"\(&\w\)", "", caption.text()).replace("&", "").strip())

    def load(self, value: Any) -> None:
        learned = _mapping(value)
        set_moment(self.learned_edit, parse_moment(learned.get("learned_at")) or self.ctx.now())
        self.learned_by_edit.setText(str(learned.get("learned_by") or ""))
        self.occurred_edit.set_answer(learned.get("occurred_date"))
        self.officer_edit.set_answer(learned.get("officer_date"))

    def value(self) -> Any:
        return {
            "learned_at": read_moment(self.learned_edit).isoformat(),
            "learned_by": self.learned_by_edit.text().strip(),
            "occurred_date": self.occurred_edit.answer(),
            "officer_date": self.officer_edit.answer(),
        }


class CrossingPage(QuestionPage):
    """The day the count was found to pass the threshold (1,000 people; 100 for My Numbers on BANGO_CROSSING)."""

    question_id = Q.COUNT_CROSSING

    def build(self, layout: QVBoxLayout) -> None:
        self.when = ChoiceGroup(CROSSING_OPTIONS)
        self.crossing_date = date_edit(self.ctx.now().astimezone(JST).date())
        self.crossing_date.setAccessibleName(_("Day it was found out"))
        layout.addWidget(self.when)
        layout.addWidget(_indented(self.crossing_date, self.error_label("date")))
        self.when.changed.connect(self.changed)
        self.crossing_date.dateChanged.connect(self.changed)

    def update_enabled(self) -> None:
        self.crossing_date.setEnabled(self.when.value() == "later")

    def load(self, value: Any) -> None:
        crossing = _mapping(value) or self.ctx.crossing_default(self.question_id)
        self.when.set_value(crossing.get("when"))
        set_date(self.crossing_date, parse_day(crossing.get("date")) or self.ctx.now().astimezone(JST).date())

    def value(self) -> Any:
        when = self.when.value()
        date = read_date(self.crossing_date).isoformat() if when == "later" else None
        return {"when": when, "date": date} if when else None


class EventPage(QuestionPage):
    question_id = Q.EVENT

    def build(self, layout: QVBoxLayout) -> None:
        self.event_choice = ChoiceGroup(EVENT_OPTIONS)
        self.suspected = QCheckBox(field_label(_("Only suspected so far, not confirmed"), "S"))
        self.suspected.setObjectName("check_suspected")
        layout.addWidget(self.event_choice)
        layout.addSpacing(8)
        layout.addWidget(self.suspected)
        self.event_choice.changed.connect(self.changed)
        self.suspected.toggled.connect(self.changed)

    def update_enabled(self) -> None:
        """ "Nothing happened to the data" is a My Number case only (a misuse without a leak,
        docs/domain.md §15.3 rule 6)."""
        self.event_choice.show_option(EVENT_NONE, my_numbers(self.ctx.answers))
        self.suspected.setEnabled(self.event_choice.value() != EVENT_NONE)

    def load(self, value: Any) -> None:
        event = _mapping(value)
        self.event_choice.set_value(event.get("event"))
        self.suspected.setChecked(bool(event.get("suspected")))

    def value(self) -> Any:
        event = self.event_choice.value()
        return {"event": event, "suspected": event != EVENT_NONE and self.suspected.isChecked()}


class EncryptionPage(QuestionPage):
    question_id = Q.ENCRYPTION

    def build(self, layout: QVBoxLayout) -> None:
        self.encrypted = ChoiceGroup(ENCRYPTED_OPTIONS)
        self.strong = QCheckBox()
        self.strong.setObjectName("check_strong")
        self.separate = QCheckBox()
        self.separate.setObjectName("check_separate")
        strong_row = OptionRow(
            self.strong,
            _("A strong, standard method, used correctly"),
            _("e.g. AES full-disk encryption such as BitLocker or FileVault."),
        )
        separate_row = OptionRow(
            self.separate,
            _("The key or password was kept apart from the data"),
            _("Not in the same e-mail, not written on the device or its case."),
        )
        self.key = ChoiceGroup(KEY_OPTIONS, mnemonics=False)
        self.details = _indented(strong_row, separate_row, self.key)
        layout.addWidget(self.encrypted)
        layout.addWidget(self.details)
        self.encrypted.changed.connect(self.changed)
        self.strong.toggled.connect(self.changed)
        self.separate.toggled.connect(self.changed)
        self.key.changed.connect(self.changed)

    def update_enabled(self) -> None:
        self.details.setEnabled(self.encrypted.value() == "yes")

    def load(self, value: Any) -> None:
        enc = _mapping(value)
        self.encrypted.set_value(enc.get("encrypted"))
        self.strong.setChecked(bool(enc.get("strong")))
        self.separate.setChecked(bool(enc.get("separate")))
        self.key.set_value(enc.get("key"))

    def value(self) -> Any:
        encrypted = self.encrypted.value()
        if encrypted != "yes":
            return {"encrypted": encrypted} if encrypted else None
        return {
            "encrypted": "yes",
            "strong": self.strong.isChecked(),
            "separate": self.separate.isChecked(),
            "key": self.key.value(),
        }


class IndicatorsPage(QuestionPage):
    question_id = Q.INDICATORS

    def build(self, layout: QVBoxLayout) -> None:
        self.signs = CheckList(SIGN_OPTIONS)
        self.none_box = QCheckBox()
        self.none_box.setObjectName("check_none")
        none_row = OptionRow(
            self.none_box,
            _("None of these"),
            _("Tick this to confirm that you have checked and found none of these signs."),
        )
        self.acquiring = QCheckBox(_("The captured entries had not yet reached our database"))
        self.acquiring.setObjectName("check_acquiring")
        self.confirmed = QCheckBox(field_label(_("It is confirmed that data was actually taken"), "C"))
        self.confirmed.setObjectName("check_confirmed")
        layout.addWidget(self.signs)
        layout.addWidget(_indented(self.acquiring))
        layout.addWidget(none_row)
        layout.addSpacing(8)
        layout.addWidget(self.confirmed)
        self.confirmed_hint = hint_label(
            _("Leave it unticked while it is only suspected: a suspected case counts too.")
        )
        layout.addWidget(self.confirmed_hint)
        self.signs.changed.connect(self._sign_ticked)
        self.none_box.toggled.connect(self._none_ticked)
        self.acquiring.toggled.connect(self.changed)
        self.confirmed.toggled.connect(self.changed)

    def _sign_ticked(self) -> None:
        """A sign and "none of these" exclude each other."""
        if self.signs.value() and self.none_box.isChecked():
            blocked = self.none_box.blockSignals(True)
            self.none_box.setChecked(False)
            self.none_box.blockSignals(blocked)
        self.changed()

    def _none_ticked(self, checked: bool) -> None:
        if checked:
            self.signs.set_value([])
        self.changed()

    def update_enabled(self) -> None:
        self.acquiring.setEnabled("web_skimming" in self.signs.value())
        kind = self.ctx.answers.get(Q.KIND)
        asks = kind in ("unauthorized_access", "ransomware")  # other kinds said so on the event page
        self.confirmed.setVisible(asks)
        self.confirmed_hint.setVisible(asks)
        self.confirmed.setEnabled(kind == "unauthorized_access" or bool(self.signs.value()))

    def load(self, value: Any) -> None:
        indicators = _mapping(value)
        self.signs.set_value(indicators.get("signs") or [])
        self.none_box.setChecked(indicators.get("none") is True and not indicators.get("signs"))
        self.acquiring.setChecked(bool(indicators.get("acquiring")))
        self.confirmed.setChecked(bool(indicators.get("confirmed")))

    def value(self) -> Any:
        signs = self.signs.value()
        return {
            "signs": signs,
            "none": not signs and self.none_box.isChecked(),
            "acquiring": "web_skimming" in signs and self.acquiring.isChecked(),
            "confirmed": not self.confirmed.isHidden()
            and self.confirmed.isEnabled()
            and self.confirmed.isChecked(),
        }


class OfficePage(QuestionPage):
    question_id = Q.OFFICE

    def build(self, layout: QVBoxLayout) -> None:
        office = self.ctx.office
        yes, no = _("Yes (office profile)"), _("No (office profile)")
        form = QFormLayout()
        self.pmark_label = QLabel(yes if office.pmark_holder else no)
        self.delegated_label = QLabel(yes if office.delegated_sector else no)
        form.addRow(_("Privacy Mark holder"), self.pmark_label)
        form.addRow(_("Delegated sector (report to the minister)"), self.delegated_label)
        layout.addLayout(form)
        layout.addWidget(
            hint_label(_("To change these, edit the office profile (File menu) after this wizard."))
        )
        layout.addSpacing(12)
        layout.addWidget(section_title(_("Does the GDPR apply to this data?")))
        layout.addWidget(
            hint_label(
                _(
                    "e.g. data of people in the EU whom the office serves. BreachDesk does not decide this for you."
                )
            )
        )
        self.gdpr = ChoiceGroup(GDPR_OPTIONS, name_prefix="gdpr_")
        layout.addWidget(self.gdpr)
        self.gdpr.changed.connect(self.changed)

    def load(self, value: Any) -> None:
        gdpr = _mapping(value).get("gdpr")
        self.gdpr.set_value(("yes" if gdpr else "no") if isinstance(gdpr, bool) else None)

    def value(self) -> Any:
        choice = self.gdpr.value()
        return {"gdpr": choice == "yes"} if choice else None


class TextPage(QuestionPage):
    """A single line of text: the incident's name (new) or the reason for re-assessing (re-assessment)."""

    def build(self, layout: QVBoxLayout) -> None:
        self.edit = QLineEdit()
        self.counter = LengthCounter(self.edit, MAX_TITLE)
        if self.question_id is Q.TITLE:
            self.edit.setPlaceholderText(_("e.g. Customer list e-mailed to the wrong address"))
            caption = QLabel(field_label(_("Name in the register"), "M"))
        else:
            self.edit.setPlaceholderText(_("e.g. The count turned out to be 1,200 people"))
            caption = QLabel(field_label(_("What has changed"), "W"))
        caption.setBuddy(self.edit)
        layout.addWidget(caption)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        layout.addWidget(self.error_label("title"))
        self.edit.textChanged.connect(self.changed)

    def load(self, value: Any) -> None:
        text = value if isinstance(value, str) else self.ctx.default_text(self.question_id)
        self.edit.setText(text)

    def value(self) -> Any:
        return self.edit.text() or None


def today_of(moment: dt.datetime) -> dt.date:
    return moment.astimezone(JST).date()
