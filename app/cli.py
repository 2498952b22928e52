"""The command line: the same core as the window, scriptable and testable without a screen.

Each sub-command lives in app/commands/<name>.py and is named in app/commands/__init__.py's `COMMANDS` (its help
line). Only the module of the command that runs is imported, so `--help` and the window's start-up stay instant
while each command module imports what it needs at its top. The register's services are built here, once, by the
composition root (app/services/root.py) when the command first asks for them, and closed when it returns.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn, TextIO

from app import APP_NAME, __version__
from app.commands import COMMANDS
from app.errors import BreachDeskError
from app.i18n import SUPPORTED_LANGUAGES, _, set_language
from app.logs import setup_logging
from app.paths import data_paths

if TYPE_CHECKING:
    from app.services.root import Services

log = logging.getLogger(__name__)


def command_names() -> list[str]:
    """Every sub-command, in the order --help lists them (PyInstaller bundles every module of app/commands)."""
    return list(COMMANDS)


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
    lang: str | None = None
    try:
        args, rest = window.parse_known_args(argv)
        lang = args.lang
    except _NotForTheWindow:
        rest = ["(error)"]
    if not rest:
        args.command = None
        return args
    # The global options take the same words here as in the full parser, so the first command name left is the
    # one argparse hands its sub-command's parser: only that module loads ("" for none: --help, a mistake).
    only = next((word for word in rest if word in COMMANDS), "")
    # A command module may refuse its configuration while loading: say so in the officer's language.
    set_language(lang or "ja")
    try:
        parser = build_parser(only=only)
    except BreachDeskError as exc:
        # A command module refused its configuration while loading (e.g. a misspelt
        # BREACHDESK_R8_AMENDMENT_EFFECTIVE): the same message and exit code as a refusal while running.
        sys.stderr.write(_("Error: {message}").format(message=exc.user_text()) + "\n")
        raise SystemExit(exc.exit_code) from None
    return parser.parse_args(argv)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with `only`, the other sub-commands are listed by their help line but not built (their
    modules are not imported), which parses a command line whose sub-command is `only` as the full parser does."""
    parser = argparse.ArgumentParser(
        prog="breachdesk",
        description=f"{APP_NAME} (漏えい等対応デスク) {__version__}: without a sub-command the window opens.",
        parents=[_global_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    after_command = _global_options(defaults=False)
    for name, help_line in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_line, description=help_line, parents=[after_command])
        if only is None or name == only:
            _command_module(name).add_arguments(command_parser)
    return parser


class _Register:
    """The register's services for one command: opened on first use (a command may refuse its input before),
    once, and closed when the command returns."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self.services: Services | None = None

    def __call__(self) -> Services:
        if self.services is None:
            # A deliberate lazy import (ui/shell/application.py lists them): the storage layer loads only for a
            # command that uses the register, never for --help or the window's start-up. An encrypted register
            # is unlocked there, and a new one is created encrypted when a passphrase is set (issue 17).
            from app.commands._unlock import open_register

            self.services = open_register(self.args, self.out, self.err)
        return self.services

    def close(self) -> None:
        if self.services is not None:
            self.services.close()
            self.services = None


def _log_internal_error(args: argparse.Namespace) -> None:
    """The traceback to the data folder's log (commands log nowhere else; `verify` must not write before this)."""
    try:
        setup_logging(data_paths(args.data_dir), debug=bool(args.debug))
    except OSError:
        return  # no writable log: the one-line message still tells the officer (never the traceback)
    log.exception("internal error in command %s", args.command)


def run_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one sub-command; known faults become a message and an exit code, never a traceback."""
    out = out or sys.stdout
    err = err or sys.stderr
    set_language(args.lang or "ja")
    if not logging.getLogger().handlers:
        # No console traceback from a service's log call: records with personal data never reach the terminal.
        logging.getLogger().addHandler(logging.NullHandler())
    register = _Register(args, out, err)
    try:
        result: int = _command_module(args.command).run(args, out, err, register)
        return result
    except BreachDeskError as exc:
        err.write(_("Error: {message}").format(message=exc.user_text()) + "\n")
        return exc.exit_code
    except Exception:
        # One line for the officer; the traceback goes to the log only: its values (SQL parameters, file
        # contents) may hold other people's personal data.
        _log_internal_error(args)
        err.write(_("An internal error occurred. Please send the log to your support contact.") + "\n")
        return EXIT_INTERNAL
    finally:
        register.close()
