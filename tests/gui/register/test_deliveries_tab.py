"""The workspace's 本人通知の結果 tab: who was notified, returned mail marked with a date, the count for the 代替措置,
and the copy of a letter as sent; all of it read back after a restart (issue 15, point 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox

from app.db.database import Database
from app.documents.context import DocumentKind
from app.documents.mailmerge import merge
from app.domain.dates import JST, today_jst
from app.paths import DataPaths
from app.services.documents import DocumentService
from app.services.notices import NoticeService, deliveries_from
from app.services.root import Services
from tests.documents.builders.factories import recipient, seed_incident
from tests.gui.register.conftest import reopen
from ui.workspace import IncidentWindow
from ui.workspace.context import WorkspaceContext
from ui.workspace.notices_tab import LetterCopyDialog


def _record_three(db: Database, tmp_path: Path) -> int:
    incident_id = seed_incident(db)
    ctx = DocumentService(db).context(incident_id, DocumentKind.NOTICE_LETTER)
    people = [recipient(n, key=f"C{n}") for n in range(1, 4)]
    result = merge.write(ctx, merge.plan(ctx, people, merge.MergeMode.COMBINED), tmp_path / "l.pdf")
    sent = dt.datetime.combine(today_jst() - dt.timedelta(days=10), dt.time(10), tzinfo=JST)
    NoticeService(db).record_sent(incident_id, deliveries_from(result), channel="letter", sent_at=sent)
    return incident_id


def _window(qtbot, db: Database, incident_id: int) -> IncidentWindow:  # type: ignore[no-untyped-def]
    window = IncidentWindow(WorkspaceContext.open(Services(db), incident_id))
    qtbot.addWidget(window)
    window.show()
    window.show_tab("notices")
    return window


def test_mark_returned_see_the_count_and_the_copy(
    qtbot, db: Database, data_paths: DataPaths, tmp_path, monkeypatch
):  # type: ignore[no-untyped-def]
    incident_id = _record_three(db, tmp_path)
    window = _window(qtbot, db, incident_id)
    page = window.pages["notices"]
    assert page.table.rowCount() == 3
    assert "通知した人：3人" in page.summary_label.text()
    assert not page.event_box.isEnabled()

    page.select_key("C2")
    page.status_combo.setCurrentIndex(page.status_combo.findData("returned"))
    returned_on = today_jst() - dt.timedelta(days=3)
    page.date_edit.setDate(QDate(returned_on.year, returned_on.month, returned_on.day))
    # Recording asks first, naming the status, the date and the person (issue 18 point 3).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.record_button.click()
    assert page.table.item(1, 4).text() == "返送（宛先不明）"
    assert page.table.item(1, 5).text() == returned_on.isoformat()
    summary = page.summary_label.text()
    assert "返送・不達で再送していない人：1人" in summary and "代替措置" in summary
    window.resize(1000, 600)
    window.grab().save(str(tmp_path / "notices_tab.png"))

    shown: list[LetterCopyDialog] = []
    monkeypatch.setattr(LetterCopyDialog, "exec", lambda self: shown.append(self) or 0)
    page.select_key("C2")
    page.copy_button.click()
    assert "髙橋 一郎2" in shown[0].text.toPlainText() and shown[0].text.isReadOnly()

    window.close()
    db.close()
    db2 = reopen(data_paths)
    try:
        reopened = _window(qtbot, db2, incident_id)
        again = reopened.pages["notices"]
        assert again.table.item(1, 4).text() == "返送（宛先不明）"
        assert "返送・不達で再送していない人：1人" in again.summary_label.text()
        reopened.close()
    finally:
        db2.close()
