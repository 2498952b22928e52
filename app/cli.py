"""The command line: the same core as the window, scriptable and testable without a screen.

Each sub-command lives in app/commands/<name>.py and exposes `HELP`, `ORDER` (position in --help),
`add_arguments(parser)` and `run(args, out, err) -> int`; adding a module adds the command. Command modules import
heavy libraries inside `run`, so `--help` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from types import ModuleType
from typing import NoReturn, TextIO

from app import APP_NAME, __version__
from app.errors import BreachDeskError
from app.i18n import SUPPORTED_LANGUAGES, _, set_language

log = logging.getLogger(__name__)


def command_names() -> list[str]:
    """Every module in app/commands, in the order their ORDER attribute gives (PyInstaller bundles them all)."""
    import pkgutil

    import app.commands

    names = [m.name for m in pkgutil.iter_modules(app.commands.__path__) if not m.name.startswith("_")]
    return sorted(names, key=lambda name: (getattr(_command_module(name), "ORDER", 100), name))


EXIT_OK = 0
EXIT_INTERNAL = 70


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"app.commands.{name}")


def _global_options(defaults: bool) -> argparse.ArgumentParser:
    """Options accepted before or after the sub-command; after it they must not reset what came before."""
    common = argparse.ArgumentParser(add_help=False, argument_default=None if defaults else argparse.SUPPRESS)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the register, backups and logs "
        "(default: the per-user data folder, e.g. %%APPDATA%%\\BreachDesk)",
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        help="SQLAlchemy URL of another database (default: SQLite file in the data folder)",
    )
    common.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help="language of messages (default: ja)")
    common.add_argument("--debug", action="store_true", help="verbose logging")
    return common


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="open in the notification area with the window hidden (used by the start-with-Windows option)",
    )


class _NotForTheWindow(Exception):
    pass


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotForTheWindow(message)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line as `build_parser().parse_args` reads it, without building every sub-command's parser when
    the window is all that is asked for: importing the command modules costs the window ~20 ms of start-up.

    Anything the window's options alone do not explain (a sub-command, --help, --version, a mistake) goes to the
    full parser, which runs the command, answers or explains the error exactly as before."""
    window = _WindowParser(add_help=False, parents=[_global_options(defaults=True)])
    _window_options(window)
    try:
        args, rest = window.parse_known_args(argv)
    except _NotForTheWindow:
        rest = ["(error)"]
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="breachdesk",
        description=f"{APP_NAME} (漏えい等対応デスク) {__version__}: without a sub-command the window opens.",
        parents=[_global_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    after_command = _global_options(defaults=False)
    for name in command_names():
        module = _command_module(name)
        command_parser = sub.add_parser(
            name, help=module.HELP, description=module.HELP, parents=[after_command]
        )
        module.add_arguments(command_parser)
    return parser


def run_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one sub-command; known faults become a message and an exit code, never a traceback."""
    out = out or sys.stdout
    err = err or sys.stderr
    set_language(args.lang or "ja")
    try:
        result: int = _command_module(args.command).run(args, out, err)
        return result
    except BreachDeskError as exc:
        err.write(_("Error: {message}").format(message=exc.user_text()) + "\n")
        return exc.exit_code
    except Exception:
        log.exception("internal error in command %s", args.command)
        err.write(_("An internal error occurred. Please send the log to your support contact.") + "\n")
        import traceback

        traceback.print_exc(file=err)
        return EXIT_INTERNAL
