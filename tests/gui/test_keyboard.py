"""The main window by keyboard alone, as on Windows (issue 18 point 3): Tab leaves the register for the search,
the filters and the deadlines; the focused row is the selected one; Ctrl+F, F5, Enter, Ctrl+P, Ctrl+N, Ctrl+W.
Only modal boundaries are replaced (the wizard's exec)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import ui.shell.open_register as open_register_module
from tests.gui.main_window_fixture import TITLES, build_window, seed
from tests.gui.register.conftest import add_assessed


def _press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _focus_table(qtbot, window):  # type: ignore[no-untyped-def]
    table = window.register.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    return table


def test_tab_leaves_the_table_and_reaches_search_filters_and_deadlines(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    table = _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # one press, not one per cell
    filters = window.register.filters
    reached = set()
    for _ in range(20):
        reached.add(QApplication.focusWidget())
        if table.hasFocus():
            break
        _press(qtbot, Qt.Key.Key_Tab)
    assert filters.search_edit in reached
    assert filters.status_combo in reached and filters.category_combo in reached
    assert window.deadlines.panel.list in reached
    assert table.hasFocus()  # the cycle comes back round
    _press(qtbot, Qt.Key.Key_Backtab)
    assert not table.hasFocus()


def test_the_focused_row_is_the_selected_row(qtbot, qapp, data_paths, db) -> None:
    ids = seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    register = window.register
    assert register.selected_id() is None
    table = _focus_table(qtbot, window)
    first = register.selected_id()
    assert first is not None and table.currentIndex().row() == 0
    _press(qtbot, Qt.Key.Key_Down)
    second = register.selected_id()
    assert second not in (None, first) and table.currentIndex().row() == 1
    register.select_incident(ids[0])  # from code, as after the wizard: the arrow keys go on from there
    assert table.currentIndex().row() == register.model.row_of(ids[0])
    # 書類 works on the row the keyboard chose: no 「先に台帳で事案を選んでください」.
    window.print_action.trigger()
    assert window.statusBar().currentMessage() == ""
    qtbot.waitUntil(window.documents_menu.isVisible)
    window.documents_menu.close()


def test_enter_opens_the_focused_incident(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_Down)
    chosen = window.register.selected_id()
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: chosen in window.workspaces.windows)
    workspace = window.workspaces.windows[chosen]
    assert workspace.isVisible()
    workspace.close()


def test_ctrl_f_focuses_the_search_and_esc_clears_it(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "en")
    _focus_table(qtbot, window)
    search = window.register.filters.search_edit
    _press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "Ransomware")
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 1)
    assert window.count_label.text() == f"Incidents: 1 of {len(TITLES)}"
    _press(qtbot, Qt.Key.Key_Escape)
    assert search.text() == ""
    qtbot.waitUntil(lambda: window.register.model.rowCount() == len(TITLES))
    assert window.isVisible()  # Esc never closes the register window


def test_alt_s_reaches_the_search_through_its_label(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.register.filters.search_edit.hasFocus)


def test_f5_shows_an_incident_added_elsewhere(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    add_assessed(db, "コマンドラインから登録した事案")
    assert window.count_label.text() == f"事案 {len(TITLES)} 件"
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.count_label.text() == f"事案 {len(TITLES) + 1} 件")


def test_ctrl_p_without_a_selection_says_what_to_do(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    window.register.filters.search_edit.setFocus()
    qtbot.waitUntil(window.register.filters.search_edit.hasFocus)
    _press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "先に台帳で事案を選んでください。"
    assert not window.documents_menu.isVisible()


def test_ctrl_p_on_the_selected_row_opens_its_documents(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.documents_menu.isVisible)
    titles = [a.text() for a in window.documents_menu.actions() if a.text()]
    assert any("速報" in t for t in titles)
    window.documents_menu.close()


def test_after_the_wizard_the_new_incident_is_selected_even_when_filtered_out(
    qtbot, qapp, data_paths, db, monkeypatch
) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "en")
    filters = window.register.filters
    qtbot.keyClicks(filters.search_edit, "USB")
    filters.apply_now()
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 1)
    created: list[int] = []

    def wizard(parent, services):  # type: ignore[no-untyped-def]  # the wizard's exec() is the modal boundary
        created.append(add_assessed(db, "Laptop stolen from a car"))
        return created[0]

    monkeypatch.setattr(open_register_module, "open_new_incident_wizard", wizard)
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.register.selected_id() == created[0])
    assert filters.search_edit.text() == ""
    assert window.register.model.rowCount() == len(TITLES) + 1
    table = window.register.table
    row = window.register.model.row_of(created[0])
    assert table.viewport().rect().intersects(table.visualRect(window.register.model.index(row, 0)))
    assert table.hasFocus()


def test_ctrl_w_closes_the_window(qtbot, qapp, data_paths, db) -> None:
    seed(db)
    window = build_window(qtbot, qapp, data_paths, db, "ja")
    _focus_table(qtbot, window)
    _press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
