"""年次レビュー: the fiscal year's incidents in charts, non-modal beside the register (issue 18 point 6).

The figures come from ReviewService as one frozen AnnualReview; the window only draws them. Five tabs keep it
within 910×512 (a 1366×768 laptop at 150 %): by month, by category and cause, reportable or not, deadlines met,
open actions. The exports write the same figures as a PDF for the マネジメントレビュー and CSV for Excel.
"""

from __future__ import annotations

import calendar
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import jipdec
from app.domain.review import AnnualReview, FilingTiming
from app.errors import BreachDeskError
from app.i18n import _, current_language, ngettext
from app.services.review import ReviewService
from ui.common import messages
from ui.common.fit import initial_size, name_view
from ui.common.formatting import format_short_date
from ui.common.tabs import whole_tab_labels
from ui.dashboard.charts import bar_view, timing_view


def mnemonic(text: str, key: str) -> str:
    """「年度(&Y)」 in Japanese, "Fiscal &year" in English (Windows conventions)."""
    if current_language() == "ja":
        stem, dots = (text[:-1], "…") if text.endswith("…") else (text, "")
        return f"{stem}(&{key}){dots}"
    index = text.lower().find(key.lower())
    return f"{text[:index]}&{text[index:]}" if index >= 0 else f"{text} (&{key})"


def month_name(month: int) -> str:
    """「4月」, or "Apr" in English."""
    return (
        _("Month {month}").format(month=month) if current_language() == "ja" else calendar.month_abbr[month]
    )


def category_label(choices: tuple[jipdec.Category, ...], code: str) -> str:
    found = jipdec.find(choices, code) if code else None
    return found.label(current_language()) if found is not None else (code or _("Not classified"))


def _timing_text(timing: FilingTiming | None) -> str:
    if timing is None:
        return "—"
    filed = format_short_date(timing.filed_on) if timing.filed_on else "—"
    return _("{verdict} (deadline {deadline}, filed {filed})").format(
        verdict=timing.timing.label(), deadline=format_short_date(timing.deadline), filed=filed
    )


def _exports():
    """The writers of app/services/review_export.py, imported when the officer first exports: they bring
    ReportLab (~0.2 s), which the window's start-up does without."""
    from app.services import review_export

    return review_export


class ReviewWindow(QDialog):
    def __init__(
        self, review_service: ReviewService, office_name: str, exports_dir: Path, parent=None
    ) -> None:
        super().__init__(parent)
        self.service = review_service
        self.office_name = office_name
        self.exports_dir = exports_dir
        self.review: AnnualReview | None = None
        self.setWindowTitle(_("Annual review"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        self.month_combo = QComboBox()
        for month in range(1, 13):
            self.month_combo.addItem(month_name(month), month)
        self.month_combo.setCurrentIndex(self.service.start_month() - 1)
        self.year_combo = QComboBox()
        year_label = QLabel(mnemonic(_("Fiscal year"), "Y"))
        year_label.setBuddy(self.year_combo)
        month_label = QLabel(mnemonic(_("Starts in"), "S"))
        month_label.setBuddy(self.month_combo)
        self.pdf_button = QPushButton(mnemonic(_("Export PDF…"), "P"))
        self.csv_button = QPushButton(mnemonic(_("Export CSV…"), "C"))
        self.total_label = QLabel()
        self.total_label.setWordWrap(True)

        top = QHBoxLayout()
        for widget in (year_label, self.year_combo, month_label, self.month_combo):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.csv_button)

        self.tabs = QTabWidget()
        whole_tab_labels(self.tabs)  # the other tabs' labels were cut at the top (ui/common/tabs.py)
        self.tabs.setAccessibleName(_("Annual review charts"))
        self.tabs.setUsesScrollButtons(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.total_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

        self._fill_years()
        self.year_combo.currentIndexChanged.connect(self.refresh)
        self.month_combo.currentIndexChanged.connect(self._month_changed)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.refresh()
        initial_size(self, 960, 640)

    # --- figures ------------------------------------------------------------------------------------------
    def start_month(self) -> int:
        return int(self.month_combo.currentData())

    def _fill_years(self) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in self.service.fiscal_years(self.start_month()):
            self.year_combo.addItem(_("FY {year}").format(year=year), year)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def _month_changed(self) -> None:
        try:
            self.service.set_start_month(self.start_month())
        except BreachDeskError as error:
            messages.show_error(self, error)
        self._fill_years()
        self.refresh()

    def refresh(self) -> None:
        year = self.year_combo.currentData()
        if year is None:
            return
        self.review = review = self.service.review(int(year), start_month=self.start_month())
        self.total_label.setText(
            ngettext(
                "{count} incident learned between {first} and {last}.",
                "{count} incidents learned between {first} and {last}.",
                review.total,
            ).format(
                count=review.total,
                first=format_short_date(review.first_day),
                last=format_short_date(review.last_day),
            )
        )
        index = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        self.tabs.addTab(self._months(review), _("By month"))
        self.tabs.addTab(self._categories(review), _("Category and cause"))
        self.tabs.addTab(self._reportable(review), _("Reportable"))
        self.tabs.addTab(self._deadlines(review), _("Deadlines met"))
        self.tabs.addTab(self._open_actions(review), _("Open actions"))
        self.tabs.setCurrentIndex(max(index, 0))

    def _months(self, review: AnnualReview) -> QWidget:
        labels = [month_name(m) for (_y, m), _n in review.per_month]
        return bar_view(_("Incidents per month"), labels, [n for _ym, n in review.per_month])

    def _categories(self, review: AnnualReview) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(
            bar_view(
                _("Incidents by JIPDEC category"),
                [category_label(jipdec.CATEGORIES, c) for c, _n in review.by_category],
                [n for _c, n in review.by_category],
                horizontal=True,
            )
        )
        row.addWidget(
            bar_view(
                _("Incidents by cause"),
                [category_label(jipdec.CAUSES, c) for c, _n in review.by_cause],
                [n for _c, n in review.by_cause],
                horizontal=True,
            )
        )
        return page

    def _reportable(self, review: AnnualReview) -> QWidget:
        return bar_view(
            _("Reportable or not"),
            [_("Reportable"), _("Not a reportable case"), _("Not assessed")],
            [review.reportable, review.not_reportable, review.not_assessed],
            horizontal=True,
        )

    def _deadlines(self, review: AnnualReview) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(timing_view(_("Reports against their deadlines"), review.sokuho, review.kakuho), 1)
        due = [r for r in review.rows if r.sokuho is not None or r.kakuho is not None]
        table = self._table(
            _("Reports of each incident"),
            [_("No."), _("Learned on"), _("Preliminary report"), _("Final report")],
            [
                [
                    r.reference,
                    format_short_date(r.learned_date),
                    _timing_text(r.sokuho),
                    _timing_text(r.kakuho),
                ]
                for r in due
            ],
        )
        column.addWidget(table, 1)
        return page

    def _open_actions(self, review: AnnualReview) -> QWidget:
        actions = review.open_actions
        kinds = {"sokuho": _("Preliminary report"), "kakuho": _("Final report")}
        rows = [
            [
                r.reference,
                str(r.open_checklist),
                str(r.undelivered_letters),
                ("・" if current_language() == "ja" else ", ").join(kinds[k] for k in r.missing_filings)
                or "—",
            ]
            for r in review.rows
            if r.open_checklist or r.undelivered_letters or r.missing_filings
        ]
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            bar_view(
                _("Open actions"),
                [
                    _("Open checklist steps"),
                    _("Notices not delivered"),
                    _("Reports not filed by their deadline"),
                ],
                [actions.checklist_items, actions.undelivered_letters, actions.missing_filings],
                horizontal=True,
            ),
            1,
        )
        header = [_("No."), _("Open checklist steps"), _("Notices not delivered"), _("Reports not filed")]
        column.addWidget(self._table(_("Open actions of each incident"), header, rows), 1)
        return page

    @staticmethod
    def _table(name: str, header: list[str], rows: list[list[str]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(header))
        table.setHorizontalHeaderLabels(header)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table (issue 18 point 3)
        table.verticalHeader().hide()
        table.setMinimumHeight(90)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.horizontalHeader().setStretchLastSection(True)
        table.resizeColumnsToContents()
        name_view(table, name)
        return table

    # --- exports ------------------------------------------------------------------------------------------
    def _target(self, title: str, suffix: str, pattern: str) -> Path | None:
        assert self.review is not None
        start = self.exports_dir / f"annual_review_FY{self.review.fiscal_year}{suffix}"
        chosen, _filter = QFileDialog.getSaveFileName(self, title, str(start), pattern)
        return Path(chosen) if chosen else None

    def export_pdf(self) -> Path | None:
        target = self._target(_("Export the annual review as PDF"), ".pdf", _("PDF (*.pdf)"))
        if target is None or self.review is None:
            return None
        try:
            written = _exports().write_pdf(self.service.db, self.review, self.office_name, target)
        except BreachDeskError as error:
            messages.show_error(self, error)
            return None
        self.total_label.setText(_("The review was written to {path}.").format(path=written))
        return written

    def export_csv(self) -> Path | None:
        target = self._target(_("Export the annual review as CSV"), ".csv", _("CSV for Excel (*.csv)"))
        if target is None or self.review is None:
            return None
        try:
            incidents, summary = _exports().write_csv(self.review, target)
        except BreachDeskError as error:
            messages.show_error(self, error)
            return None
        self.total_label.setText(
            _("The review was written to {path} and {summary}.").format(path=incidents, summary=summary.name)
        )
        return incidents
