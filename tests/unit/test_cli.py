"""The command line: global options work before and after the sub-command, and --help lists every command."""

from __future__ import annotations

import pytest

from app.cli import build_parser, command_names, parse_args


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


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--minimized"],
        ["--data-dir", "/tmp/x", "--lang", "en", "--debug"],
        ["--lang=ja", "--database-url", "sqlite:///r.db", "--minimized"],
        ["--data-d", "/tmp/abbreviated", "--mini"],  # argparse's prefix matching, as the full parser allows
        ["--data-dir", "selftest"],  # a folder named like a command is still a folder
    ],
)
def test_window_arguments_parse_as_the_full_parser_does(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert parse_args(argv).command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["selftest", "--data-dir", "/tmp/x"],
        ["--lang", "en", "assess", "facts.json"],
        ["--debug", "deadlines", "--start", "2026-11-20"],
    ],
)
def test_a_sub_command_goes_to_the_full_parser(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    ("argv", "expected_in_stderr"),
    [
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["asses"], "invalid choice: 'asses'"),
        (["--unknown-option"], "unrecognized arguments: --unknown-option"),
        (["--data", "/tmp/x"], "ambiguous option: --data could match --data-dir, --database-url"),
    ],
)
def test_mistakes_are_explained_by_the_full_parser(
    argv: list[str], expected_in_stderr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse_args(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert expected_in_stderr in err
    assert "COMMAND" in err  # the usage line of the full parser, naming the sub-commands


def test_help_and_version_go_to_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "selftest" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parse_args(["--version"])
    assert "BreachDesk" in capsys.readouterr().out


def test_the_registry_names_every_command_module() -> None:
    """A module in app/commands without its line in COMMANDS (or the reverse) would vanish from --help."""
    import pkgutil

    import app.commands

    modules = {m.name for m in pkgutil.iter_modules(app.commands.__path__) if not m.name.startswith("_")}
    assert set(command_names()) == modules


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["--help"], set()),
        (["--lang", "en", "assess", "facts.json"], {"assess"}),
        (["--data-dir", "selftest", "verify"], {"verify"}),
    ],
)
def test_only_the_command_that_runs_is_imported(argv: list[str], loaded: set[str]) -> None:
    """`--help` and each command stay quick: the other command modules (SQLAlchemy, ReportLab) are not imported."""
    import subprocess
    import sys

    code = (
        "import sys, app.cli\n"
        "try:\n    app.cli.parse_args(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m.split('.')[2] for m in sys.modules "
        "if m.startswith('app.commands.') and not m.split('.')[2].startswith('_'))), "
        "file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    assert set(result.stderr.split()) == loaded
