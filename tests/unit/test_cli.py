"""The command line: global options work before and after the sub-command, and --help lists every command."""

from __future__ import annotations

import pytest

from app.cli import build_parser, command_names


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "/tmp/x", "--lang", "en", "selftest"],
        ["selftest", "--data-dir", "/tmp/x", "--lang", "en"],
        ["--lang", "en", "selftest", "--data-dir", "/tmp/x"],
    ],
)
def test_global_options_before_or_after_the_command(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.command, args.data_dir, args.lang) == ("selftest", "/tmp/x", "en")


def test_option_before_the_command_is_not_reset_by_the_subparser() -> None:
    args = build_parser().parse_args(["--debug", "--database-url", "sqlite://", "selftest"])
    assert args.debug is True
    assert args.database_url == "sqlite://"


def test_no_command_means_the_window() -> None:
    args = build_parser().parse_args([])
    assert args.command is None
    assert args.data_dir is None


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    for name in command_names():
        assert name in shown
    assert {"assess", "deadlines", "selftest"} <= set(command_names())
