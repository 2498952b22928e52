"""Two BreachDesks on one data folder: the second says so and brings the first forward, and exits."""

from __future__ import annotations

import argparse

from app.paths import DataPaths
from ui.shell import single_instance
from ui.shell.application import run_gui
from ui.shell.single_instance import SingleInstance


def test_second_start_on_the_same_folder_is_refused_and_wakes_the_first(
    qtbot, data_paths: DataPaths, monkeypatch, detach_log_handlers
) -> None:
    first = SingleInstance(data_paths.root)
    assert first.acquire()
    first.listen()  # the first BreachDesk starts listening once its window has painted
    shown: list[str] = []
    monkeypatch.setattr(single_instance, "show_already_running", lambda folder: shown.append(str(folder)))
    args = argparse.Namespace(
        data_dir=str(data_paths.root), database_url=None, lang="ja", debug=False, command=None
    )
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert run_gui(args) == 0
        assert shown == [str(data_paths.root)]
        assert not data_paths.db_file.exists()  # the second start never touched the register
    finally:
        first.release()


def test_second_start_before_the_first_listens_is_still_refused(
    qtbot, data_paths: DataPaths, monkeypatch, detach_log_handlers
) -> None:
    """The first half second of the first start: the lock is held, the server not yet up."""
    first = SingleInstance(data_paths.root)
    assert first.acquire()
    shown: list[str] = []
    monkeypatch.setattr(single_instance, "show_already_running", lambda folder: shown.append(str(folder)))
    args = argparse.Namespace(
        data_dir=str(data_paths.root), database_url=None, lang="ja", debug=False, command=None
    )
    try:
        assert run_gui(args) == 0
        assert shown == [str(data_paths.root)]
        assert not data_paths.db_file.exists()
    finally:
        first.release()


def test_the_folder_is_free_again_after_release(data_paths: DataPaths, tmp_path) -> None:
    first = SingleInstance(data_paths.root)
    assert first.acquire()
    second = SingleInstance(data_paths.root)
    assert not second.acquire()
    other_folder = SingleInstance(tmp_path)  # another register is another lock
    assert other_folder.acquire()
    first.release()
    assert second.acquire()
    second.release()
    other_folder.release()


def test_japanese_message_names_the_folder(qtbot, data_paths: DataPaths, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: seen.append(text))
    single_instance.show_already_running(data_paths.root)
    assert seen[0].startswith("BreachDesk はこの台帳（")
    assert str(data_paths.root) in seen[0]
