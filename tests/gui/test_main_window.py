"""The main window as the officer first sees it: Japanese, an inviting empty register, then the recorded case."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from app.domain.incident import IncidentStatus
from app.domain.register import RegisterRow
from app.paths import DataPaths
from app.services.root import Services
from ui.register.view import Column, IncidentTableModel, RegisterPage
from ui.shell.main_window import MainWindow
from ui.shell.open_register import open_register
from ui.shell.translations import install_qt_translators


def _window(qtbot, data_paths: DataPaths, db=None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(data_paths)
    qtbot.addWidget(window)
    window.show()
    if db is not None:
        with qtbot.waitSignal(window.registerPopulated, timeout=5000):
            open_register(window, Services(db))
    return window


def test_empty_register_greets_in_japanese(qtbot, data_paths, db) -> None:
    window = _window(qtbot, data_paths, db)
    assert window.register.page() is RegisterPage.EMPTY
    assert window.register.empty_title.text() == "まだ事案は登録されていません"
    assert window.register.empty_button.text() == "新しい事案を登録"
    assert window.register.empty_button.isEnabled()
    assert [a.text() for a in window.menuBar().actions()] == [
        "ファイル(&F)",
        "事案(&I)",
        "書類(&D)",
        "表示(&V)",
        "ヘルプ(&H)",
    ]
    assert [a.text() for a in window.file_menu.actions() if a.text()] == [
        "新しい事案を登録(&N)…",
        "事業者情報(&O)…",
        "台帳を書き出す（Excel用 CSV）(&L)…",
        "台帳を書き出す（JSON）(&J)…",
        "監査ログを検証(&V)…",
        "今すぐバックアップ(&B)",
        "バックアップから復元(&R)…",
        "パスフレーズの変更(&P)…",
        "このPCの記憶を消す(&K)",
        "台帳を暗号化する(&E)…",
        "ウィンドウを閉じる(&C)",
        "終了(&X)",
    ]
    assert window.count_label.text() == "事案 0 件"
    assert str(data_paths.root) in window.location_label.text()


def test_japanese_glyphs_come_from_the_bundled_font(qtbot, data_paths) -> None:
    """This machine has no Japanese system font: without BIZ UD every kanji below would be a box."""
    window = _window(qtbot, data_paths)
    metrics = QFontMetrics(window.register.empty_title.font())
    assert window.register.empty_title.font().family() == "BIZ UDPGothic"
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "まだ事案は登録されていません漏えい毀損")


def test_before_the_database_opens_the_window_says_so_and_blocks_actions(qtbot, data_paths) -> None:
    window = _window(qtbot, data_paths)
    assert window.register.page() is RegisterPage.LOADING
    assert window.register.loading_label.text() == "台帳を開いています…"
    assert not window.new_incident_action.isEnabled()
    assert not window.office_action.isEnabled()


def test_english_ui_shows_english_menus_and_empty_state(qtbot, qapp, data_paths, db) -> None:
    install_qt_translators(qapp, "en")
    window = _window(qtbot, data_paths, db)
    assert [a.text() for a in window.menuBar().actions()] == [
        "&File",
        "&Incident",
        "&Documents",
        "&View",
        "&Help",
    ]
    assert [a.text() for a in window.help_menu.actions() if a.text()] == [
        "Open the &log folder",
        "&About BreachDesk",
    ]
    assert window.register.empty_title.text() == "No incidents have been registered yet"
    assert window.count_label.text() == "Incidents: 0"


def test_table_model_passes_qtmodeltester(qtmodeltester) -> None:
    rows = {
        1: RegisterRow(
            1,
            "2026-0001",
            "USBメモリの紛失",
            dt.date(2026, 11, 2),
            "loss",
            (1, 3),
            IncidentStatus.SOKUHO_FILED,
            dt.date(2026, 12, 2),
            True,
            None,
        ),
        2: RegisterRow(
            2, "2026-0002", "誤送信", None, None, (), IncidentStatus.NOT_REPORTABLE, None, False, None
        ),
    }
    model = IncidentTableModel(lambda ids: {i: rows[i] for i in ids}, today=lambda: dt.date(2026, 11, 30))
    model.set_ids([1, 2])
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, Column.ITEMS).data() == "1号・3号"
    assert model.index(1, Column.ITEMS).data() == "該当なし"
    assert model.index(1, Column.LEARNED).data() == "—"
    assert model.index(0, Column.NEXT_DEADLINE).data() == "2026/12/02"
    assert model.index(0, Column.DAYS_LEFT).data() == "あと2日（営業日 2日）"  # issue 18 point 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["番号", "件名", "発覚日", "事象", "該当号", "番号法", "状態", "次の期限", "あと何日"]
