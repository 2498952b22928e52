"""The 年次レビュー window: charts of the chosen 年度, every control named, nothing clipped, fits a laptop at 150 %
in Japanese and English, and its exports write the PDF and CSV files owner-only."""

from __future__ import annotations

import datetime as dt
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QChartView
from PySide6.QtWidgets import QFileDialog

from app.db.database import Database
from app.domain.filing import FilingKind
from app.i18n import set_language
from app.paths import DataPaths
from app.services.root import Services
from tests.gui import screens
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.review.conftest import filed, incident
from ui.dashboard import build_dashboard
from ui.dashboard.window import ReviewWindow
from ui.shell.translations import install_qt_translators


@pytest.fixture
def services(data_paths: DataPaths) -> Iterator[Services]:
    db = Database.open(data_paths)
    a = incident(db, "2026-04-01", category="missend", cause="operation_error")
    incident(db, "2026-05-12", category="misdelivery", cause="insufficient_check")
    incident(db, "2026-09-20", sensitive=False, category="unauthorized_access", cause="patching")
    incident(db, "2025-12-01", category="theft")  # 2025年度
    filed(db, a, FilingKind.SOKUHO, "2026-04-03")
    yield Services(db)
    db.close()


def _window(qtbot, services: Services):  # type: ignore[no-untyped-def]
    window = build_dashboard(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_tab_is_named_unclipped_and_fits_a_laptop_at_150_percent(qapp, qtbot, services, lang) -> None:
    set_language(lang)
    install_qt_translators(qapp, lang)
    window = _window(qtbot, services)
    size = screens.at_smallest(window, LAPTOP_AT_150)
    assert size.width() <= LAPTOP_AT_150.width() and size.height() <= LAPTOP_AT_150.height()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qapp.processEvents()
        assert screen_problems(window, LAPTOP_AT_150) == [], window.tabs.tabText(index)
        assert screens.buttons_outside(window) == []
        charts = [v for v in window.tabs.currentWidget().findChildren(QChartView) if v.isVisible()]
        charts += [window.tabs.currentWidget()] if isinstance(window.tabs.currentWidget(), QChartView) else []
        assert charts and all(c.accessibleName() and c.accessibleDescription() for c in charts)
        window.grab().save(f"/tmp/F_dashboard_{lang}_{index}.png")
    install_qt_translators(qapp, "ja")
    set_language("ja")


def test_the_year_filter_changes_the_figures(qapp, qtbot, services) -> None:
    window = _window(qtbot, services)
    window.year_combo.setCurrentIndex(window.year_combo.findData(2026))
    assert window.review is not None and window.review.total == 3
    assert "3件" in window.total_label.text()
    month_chart = window.tabs.widget(0)
    assert "4月：1件" in month_chart.accessibleDescription()  # what a screen reader reads of the chart
    window.year_combo.setCurrentIndex(window.year_combo.findData(2025))
    assert window.review.fiscal_year == 2025 and window.review.total == 1


def test_a_january_fiscal_year_is_remembered(qapp, qtbot, services) -> None:
    window = _window(qtbot, services)
    window.month_combo.setCurrentIndex(0)  # January
    assert services.review.start_month() == 1
    window.year_combo.setCurrentIndex(window.year_combo.findData(2026))
    assert window.review is not None and window.review.first_day == dt.date(2026, 1, 1)


def test_exports_write_the_pdf_and_both_csv_files_owner_only(
    qapp, qtbot, services, tmp_path, monkeypatch
) -> None:
    window = _window(qtbot, services)
    window.year_combo.setCurrentIndex(window.year_combo.findData(2026))
    pdf_target, csv_target = tmp_path / "out" / "review.pdf", tmp_path / "out" / "review.csv"
    (tmp_path / "out").mkdir()
    answers = iter([(str(pdf_target), ""), (str(csv_target), "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: next(answers))

    assert window.export_pdf() == pdf_target
    assert window.export_csv() == csv_target

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_target.read_bytes())).pages)
    assert "年次レビュー（2026年度）" in text and "誤送信" in text  # the JIPDEC category, not the 件名
    assert "山田" not in text and "健診" not in text
    summary = csv_target.with_name("review_summary.csv")
    for path in (pdf_target, csv_target, summary):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert csv_target.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_target.read_bytes()
    assert "review_summary.csv" in window.total_label.text()
    assert "健診" not in Path(csv_target).read_text(encoding="utf-8-sig")


def test_the_view_menu_opens_one_non_modal_review_beside_the_register(qapp, qtbot, tmp_path) -> None:
    register = screens.Register.seed(tmp_path / "data")
    try:
        window = screens.main_window(register)
        qtbot.addWidget(window)
        assert window.annual_review_action in window.view_menu.actions()
        assert window.annual_review_action.text() == "年次レビュー(&A)…"
        window.annual_review_action.trigger()
        opened = [w for w in window.findChildren(ReviewWindow) if w.isVisible()]
        assert len(opened) == 1 and not opened[0].isModal()
        window.annual_review_action.trigger()
        assert [w for w in window.findChildren(ReviewWindow) if w.isVisible()] == opened
        opened[0].close()
    finally:
        register.close()
