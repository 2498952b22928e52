"""報告内容: the nine items of 規則8条1項 as a 速報 draft, then a 確報 draft that starts from it and shows what changed.

The form is built from app.domain.report.FIELDS (the PPC form's order), one autosaving editor per field.
"""

from __future__ import annotations

import datetime as dt
import typing
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.field_paths import hints
from app.domain.filing import FilingKind
from app.domain.report import (
    ENUM_LABELS,
    FIELDS,
    FIELDS_BY_PATH,
    ITEM_TITLES,
    REPORT_KINDS,
    ReportDraft,
    ReportField,
    format_value,
    value_of,
)
from app.errors import BreachDeskError
from app.i18n import _, current_language
from app.services.workspace.limits import PAST_ONLY_DATES
from ui.workspace.conflict_dialog import save_versioned
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import (
    AutosaveLineEdit,
    AutosaveTextEdit,
    CountField,
    DateField,
    hint_label,
    local_text,
)

LONG_TEXT = frozenset(
    {
        "overview.what_happened",
        "overview.applicability",
        "overview.timeline",
        "data.items",
        "individuals.note",
        "cause.description",
        "secondary_damage.detail",
        "response",
        "publication.detail",
        "prevention.implemented",
        "prevention.planned",
        "other.text",
    }
)
CHANGED_STYLE = "color: #8a4b00; font-weight: bold"


def annotation_of(path: str) -> Any:
    owner: Any = ReportDraft
    annotation: Any = None
    for part in path.split("."):
        annotation = hints(owner)[part]
        owner = annotation
    return annotation


def _optional_inner(annotation: Any) -> tuple[Any, bool]:
    args = typing.get_args(annotation)
    if type(None) in args:
        return next(a for a in args if a is not type(None)), True
    return annotation, False


def _label(enum_value: Enum) -> str:
    labels = ENUM_LABELS.get(str(enum_value.value))
    if labels is None:
        return str(enum_value.value)
    return labels[0] if current_language() == "ja" else labels[1]


class ReportTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft_id: int | None = None
        # The shown draft's version: every field's save passes it back, and a save from an older one is refused
        # (docs/adr/0013-optimistic-concurrency.md).
        self.version = 1
        self.labels: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Report:")))
        for kind in REPORT_KINDS:
            button = QPushButton(_label(kind))
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, k=kind: self.open_kind(k))
            self.kind_buttons.addButton(button)
            button.setProperty("kind", kind.value)
            bar.addWidget(button)
        self.draft_info = QLabel()
        self.draft_info.setWordWrap(True)
        ctx.reporter.saved.connect(self._show_saved)
        bar.addWidget(self.draft_info, 1)
        self.placeholder = hint_label(
            _(
                "Choose the report to draft. The preliminary report starts from what the register knows; the "
                "final report starts as a copy of the preliminary one, and the changes are listed beside it."
            )
        )
        # What to check in the 事実経過 before it goes out (dates before the 発生日, a notified person's name).
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(
            "QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }"
        )
        self.warnings_label.hide()
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.changes_list = QListWidget()
        self.changes_list.setWordWrap(True)
        self.changes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        changes_box = QGroupBox(_("Changes since the report it follows"))
        QVBoxLayout(changes_box).addWidget(self.changes_list)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.form_scroll)
        self.splitter.addWidget(changes_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 300])
        self.splitter.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.splitter, 1)
        latest = self.ctx.reports.drafts(self.ctx.incident_id)
        if latest:
            self.show_draft(latest[-1].id)

    def reload(self) -> None:
        if self.draft_id is not None:
            self.show_draft(self.draft_id)

    def open_kind(self, kind: FilingKind) -> None:
        try:
            record = self.ctx.reports.start(self.ctx.incident_id, kind)
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.show_draft(record.id)

    def show_draft(self, draft_id: int) -> None:
        record = self.ctx.reports.get(draft_id)
        self.draft_id = draft_id
        self.version = record.version
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == record.kind.value)
        self._show_saved()
        self._build_form(record.draft)
        self.placeholder.hide()
        self.splitter.show()
        self._show_changes()

    def _show_saved(self) -> None:
        """「最終保存」 read back from the register after every save (issue 18 point 5: it went stale)."""
        if self.draft_id is None:
            return
        record = self.ctx.reports.get(self.draft_id)
        info = _("Last saved {when}").format(when=local_text(record.updated_at))
        if record.based_on_id is not None:
            info = _("Started from the earlier report. {saved}").format(saved=info)
        self.draft_info.setText(info)

    def _build_form(self, draft: ReportDraft) -> None:
        self.labels.clear()
        self.editors.clear()
        lang = current_language()
        body = QWidget()
        layout = QVBoxLayout(body)
        forms: dict[int, QFormLayout] = {}
        for report_field in FIELDS:
            form = forms.get(report_field.item)
            if form is None:
                ja, en = ITEM_TITLES[report_field.item]
                title = ja if lang == "ja" else en
                box = QGroupBox(f"{report_field.item}. {title}" if report_field.item else title)
                form = QFormLayout(box)
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
                forms[report_field.item] = form
                layout.addWidget(box)
            label = QLabel(report_field.label(lang))
            label.setWordWrap(True)
            editor = self._editor(report_field, value_of(draft, report_field.path))
            self.labels[report_field.path] = label
            field = editor.edit if isinstance(editor, CountField) else editor
            # Named by its label even where the label is no buddy (a count with its message beside it).
            field.setAccessibleName(report_field.label(lang))
            self.editors[report_field.path] = field
            if isinstance(editor, DateField):
                holder = QWidget()
                row = QHBoxLayout(holder)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(editor)
                row.addWidget(editor.message, 1)
                form.addRow(label, holder)
            else:
                form.addRow(label, editor)
        layout.addStretch(1)
        old = self.form_scroll.takeWidget()
        if (
            old is not None
        ):  # the editor whose save asked for the latest is still in its commit(): delete later
            old.deleteLater()
        self.form_scroll.setWidget(body)

    def _saver(self, path: str):
        def save(value: Any) -> None:
            draft_id = self.draft_id
            assert draft_id is not None
            lang = current_language()
            save_versioned(
                self,
                FIELDS_BY_PATH[path].label(lang),
                format_value(value, lang),
                lambda conflict: format_value(conflict.saved.get(path), lang),
                lambda seen: self.ctx.reports.set_field(draft_id, path, value, seen_version=seen).version,
                self._load_latest,
                lambda: self.version,
                self._keep_version,
            )
            self._show_changes()

        return save

    def _keep_version(self, version: int) -> None:
        self.version = version

    def _load_latest(self) -> None:
        """After the conflict dialog: the whole draft as saved now, with its version."""
        if self.draft_id is not None:
            self.show_draft(self.draft_id)

    def _editor(self, report_field: ReportField, value: Any) -> QWidget:
        path = report_field.path
        save = self._saver(path)
        inner, optional = _optional_inner(annotation_of(path))
        reporter = self.ctx.reporter
        if path == "envelope.kind":
            return QLabel(format_value(value, current_language()))
        if inner is str:
            if path in LONG_TEXT:
                edit = AutosaveTextEdit(value, save, reporter)
                height = self.fontMetrics().lineSpacing() * (7 if path == "overview.timeline" else 3) + 14
                edit.setFixedHeight(height)
                return edit
            return AutosaveLineEdit(value, save, reporter)
        if inner is dt.date:
            return DateField(value, save, reporter, past_only=path in PAST_ONLY_DATES)
        if inner is bool and not optional:
            box = QCheckBox()
            box.setChecked(bool(value))
            box.toggled.connect(lambda checked: self._save_now(save, checked))
            return box
        if inner is bool:
            combo = QComboBox()
            for text, data in ((_("Not known yet"), None), (_("Yes"), True), (_("No"), False)):
                combo.addItem(text, data)
            combo.setCurrentIndex(combo.findData(value) if value is not None else 0)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._save_now(save, c.currentData()))
            return combo
        if inner is int:
            return CountField(value, save, reporter)
        if isinstance(inner, type) and issubclass(inner, Enum):
            combo = QComboBox()
            if optional:
                combo.addItem(_("Not chosen"), None)
            for member in inner:
                combo.addItem(_label(member), member.value)
            combo.setCurrentIndex(max(combo.findData(value.value if value is not None else None), 0))
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._save_now(save, c.currentData()))
            return combo
        if path in ("overview.applicable_items", "bango.categories"):  # 規則7条 / 番号法 規則2条: 1–4号
            return self._items_editor(value, save)
        return QLabel(format_value(value, current_language()))

    def _items_editor(self, value: tuple[int, ...], save) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        boxes: list[QCheckBox] = []

        def changed() -> None:
            self._save_now(save, [n for n, box in enumerate(boxes, start=1) if box.isChecked()])

        for n in range(1, 5):
            box = QCheckBox(_("Item {n}").format(n=n))
            box.setChecked(n in value)
            box.toggled.connect(changed)
            boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        return holder

    def _save_now(self, save, value: Any) -> None:
        try:
            save(value)
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.ctx.reporter.saved.emit()

    def _show_warnings(self) -> None:
        if self.draft_id is None:
            return
        found = self.ctx.reports.timeline_warnings(self.draft_id)
        self.warnings_label.setText("\n".join(f"⚠ {line}" for line in found))
        self.warnings_label.setVisible(bool(found))

    def _show_changes(self) -> None:
        if self.draft_id is None:
            return
        self._show_warnings()
        changes = self.ctx.reports.changes_since_base(self.draft_id)
        changed_paths = {change.field.path for change in changes}
        for path, label in self.labels.items():
            label.setStyleSheet(CHANGED_STYLE if path in changed_paths else "")
        self.changes_list.clear()
        lang = current_language()
        for change in changes:
            before = format_value(change.before, lang) or _("(empty)")
            after = format_value(change.after, lang) or _("(empty)")
            self.changes_list.addItem(
                _("{field}: {before} → {after}").format(
                    field=change.field.label(lang), before=_short(before), after=_short(after)
                )
            )
        if not changes:
            self.changes_list.addItem(_("No changes."))


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
