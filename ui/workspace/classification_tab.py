"""分類: JIPDEC's 発生事象, 事象分類 and 原因 (docs/domain.md §8), so the office can compare with national statistics."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from app.domain import jipdec
from app.domain.incident_kind import IncidentKind
from app.errors import BreachDeskError, ConcurrentEdit
from app.i18n import _, current_language
from ui.workspace.conflict_dialog import Choice, ask
from ui.workspace.context import WorkspaceContext
from ui.workspace.fields import hint_label


class ClassificationTab(QWidget):
    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lang = current_language()
        self.combos: dict[str, QComboBox] = {}
        self.titles: dict[str, str] = {}
        form = QFormLayout()
        # Each combo's empty choice says which one it is: on Linux a screen reader names a combo by its current
        # text, and three 「未分類」 would be indistinguishable.
        for field, title, unset, choices in (
            ("event", _("Incident type (JIPDEC)"), _("Incident type not classified"), jipdec.EVENTS),
            ("category", _("Category (JIPDEC)"), _("Category not classified"), jipdec.CATEGORIES),
            ("cause", _("Cause (JIPDEC)"), _("Cause not classified"), jipdec.CAUSES),
        ):
            combo = QComboBox()
            combo.setAccessibleName(
                title
            )  # a combo is otherwise read by its current choice (「未分類」 three times)
            combo.addItem(unset, None)
            for category in choices:
                text = category.label(lang)
                if category.group:
                    ja, en = jipdec.CAUSE_GROUPS[category.group]
                    text = f"{ja if lang == 'ja' else en}: {text}"
                combo.addItem(text, category.code)
            combo.currentIndexChanged.connect(lambda _i, f=field, c=combo: self._save(f, c.currentData()))
            self.titles[field] = title
            self.combos[field] = combo
            form.addRow(title, combo)
        self.suggestion = hint_label("")
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The categories of JIPDEC's incident statistics. Classifying each incident lets you compare "
                    "your office with the national figures and review your measures."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.suggestion)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        data = self.ctx.overview.overview(self.ctx.incident_id)
        for field, value in (
            ("event", data.jipdec_event),
            ("category", data.jipdec_category),
            ("cause", data.jipdec_cause),
        ):
            combo = self.combos[field]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        suggested = jipdec.find(
            jipdec.CATEGORIES, jipdec.suggested_category(IncidentKind.parse(data.incident_kind))
        )
        self.suggestion.setText(
            _("Usual category for this kind of incident: {category}").format(
                category=suggested.label(current_language())
            )
            if suggested and data.jipdec_category is None
            else ""
        )

    def _save(self, field: str, code: str | None) -> None:
        try:
            if not self._save_checked(field, code):
                return
        except BreachDeskError as error:
            self.ctx.reporter.failed.emit(error.user_text())
            return
        self.ctx.reporter.saved.emit()
        self.ctx.changes.recordChanged.emit()
        if field == "category":
            self.suggestion.setText("")

    def _save_checked(self, field: str, code: str | None) -> bool:
        """From the version the window was built from; on a conflict the officer sees both choices and picks
        (ui/workspace/conflict_dialog.py); the combos then show what is saved. False: nothing was written."""
        save = self.ctx.overview.set_classification
        try:
            self.ctx.version = save(self.ctx.incident_id, field, code, seen_version=self.ctx.version)
            return True
        except ConcurrentEdit as conflict:
            combo = self.combos[field]
            column = {"event": "jipdec_event", "category": "jipdec_category", "cause": "jipdec_cause"}[field]
            saved = combo.itemText(max(combo.findData(conflict.saved.get(column)), 0))
            choice = ask(self, conflict, self.titles[field], combo.currentText(), saved)
            version = conflict.version
            if choice is Choice.OVERWRITE:
                version = save(self.ctx.incident_id, field, code, seen_version=conflict.version)
            self.ctx.version = version
            self.reload()
            return choice is Choice.OVERWRITE
