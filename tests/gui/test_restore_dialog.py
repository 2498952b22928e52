"""「バックアップから復元…」 in the window: pick an older backup, confirm, and the register shows what it held;
the register as it was is kept (issue 16 point 1; ui/shell/restore_dialog.py)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.db.backups import BEFORE_RESTORE_PREFIX, list_backups
from app.db.database import Database
from app.i18n import set_language
from app.paths import DataPaths
from app.services.backups import describe_backups
from app.services.incidents import IncidentService
from app.settings import SettingsStore
from ui.register.view import Column
from ui.shell.application import GuiSession
from ui.shell.restore_dialog import RestoreDialog


def _session_of_work(paths: DataPaths, title: str) -> None:
    db = Database.open(paths)
    try:
        IncidentService(db).create(title, {"learned_date": "2027-07-01"}, None, "email_missend")
    finally:
        db.close()


def _incidents_in(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])


def _titles(session: GuiSession) -> list[str]:
    assert session.window is not None
    model = session.window.register.model
    return [str(model.index(row, Column.TITLE).data()) for row in range(model.rowCount())]


def test_restoring_an_older_backup_from_the_menu_brings_back_its_content(
    qapp, qtbot, data_paths, monkeypatch
) -> None:
    _session_of_work(data_paths, "一日目：FAXの誤送信")
    _session_of_work(data_paths, "二日目：USBメモリの紛失")
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    first = session.show_window()  # not handed to qtbot: the restore replaces it and deletes it
    session.open_database()
    qtbot.waitUntil(lambda: first.open_register is not None, timeout=10000)
    try:
        assert sorted(_titles(session)) == ["一日目：FAXの誤送信", "二日目：USBメモリの紛失"]
        assert first.restore_backup_action.isEnabled()
        backups = describe_backups(data_paths.backups_dir)
        older = next(i for i, info in enumerate(backups) if info.incidents == 1)
        questions: list[str] = []

        def confirm(_parent, _title, text, *_args):  # the modal boundary: the officer answers はい
            questions.append(text)
            return QMessageBox.StandardButton.Yes

        monkeypatch.setattr(QMessageBox, "question", confirm)
        seen: list[list[str]] = []

        def pick() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, RestoreDialog):
                QTimer.singleShot(20, pick)
                return
            tree = dialog.tree
            seen.append([tree.topLevelItem(r).text(2) for r in range(tree.topLevelItemCount())])
            assert not dialog.restore_button.isEnabled()  # nothing chosen yet
            dialog.select_row(older)
            assert dialog.restore_button.isEnabled()
            dialog.restore_button.click()

        QTimer.singleShot(0, pick)
        first.restore_backup_action.trigger()

        qtbot.waitUntil(
            lambda: (
                session.window is not first
                and session.window is not None
                and session.window.open_register is not None
            ),
            timeout=10000,
        )
        assert session.window is not None
        qtbot.addWidget(session.window)
        assert seen and "1" in seen[0] and "2" in seen[0]  # each backup says how many incidents it holds
        assert questions and "上書きされません" in questions[0]
        assert _titles(session) == ["一日目：FAXの誤送信"]
        assert "復元しました" in session.window.statusBar().currentMessage()
        kept = [p for p in list_backups(data_paths.backups_dir) if p.name.startswith(BEFORE_RESTORE_PREFIX)]
        assert len(kept) == 1 and _incidents_in(kept[0]) == 2  # the register as it was, kept
        moved = list(data_paths.root.glob(data_paths.db_file.name + ".replaced-*"))
        assert moved and any(_incidents_in(p) == 2 for p in moved if not p.name.endswith(("-wal", "-shm")))
    finally:
        session.close()


def test_damaged_backups_are_greyed_out_and_cannot_be_chosen(qtbot, data_paths) -> None:
    _session_of_work(data_paths, "FAXの誤送信")
    good = list_backups(data_paths.backups_dir)[0]
    damaged = data_paths.backups_dir / "breachdesk-close-20270101T000000000000Z.sqlite3"
    damaged.write_bytes(b"not a database" * 100)
    infos = describe_backups(data_paths.backups_dir)
    dialog = RestoreDialog(infos, data_paths.backups_dir)
    qtbot.addWidget(dialog)
    rows = {dialog.tree.topLevelItem(r).text(5): dialog.tree.topLevelItem(r) for r in range(len(infos))}
    assert rows[damaged.name].flags() == Qt.ItemFlag.NoItemFlags  # greyed out, not selectable
    assert rows[damaged.name].text(2) == "破損"
    assert rows[good.name].text(2) == "1"
    dialog.select_row(list(rows).index(damaged.name))
    assert dialog.chosen() is None and not dialog.restore_button.isEnabled()


def test_back_up_now_says_where_the_copy_went(qapp, qtbot, data_paths) -> None:
    _session_of_work(data_paths, "FAXの誤送信")
    session = GuiSession(qapp, data_paths, SettingsStore(data_paths.settings_file))
    window = session.show_window()
    qtbot.addWidget(window)
    session.open_database()
    qtbot.waitUntil(lambda: window.open_register is not None, timeout=10000)
    try:
        before = set(list_backups(data_paths.backups_dir))
        window.backup_now_action.trigger()
        [new] = set(list_backups(data_paths.backups_dir)) - before
        assert new.name in window.statusBar().currentMessage()
        assert _incidents_in(new) == 1
    finally:
        session.close()


def test_the_dialog_in_english(qtbot, data_paths, tmp_path) -> None:
    _session_of_work(data_paths, "FAXの誤送信")
    set_language("en")
    try:
        dialog = RestoreDialog(describe_backups(data_paths.backups_dir), data_paths.backups_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "Restore from a backup"
        header = dialog.tree.headerItem()
        assert [header.text(c) for c in range(6)] == [
            "Made at (JST)",
            "Why",
            "Incidents",
            "Audit entries",
            "Size",
            "File",
        ]
        assert dialog.tree.topLevelItem(0).text(1) == "after changes"
        assert dialog.grab().save(str(tmp_path / "restore-en.png"))
    finally:
        set_language("ja")
