"""BreachDesk entry point: the window by default, or a sub-command (`python main.py --help`)."""

from __future__ import annotations

import os
import sys

# Owner-only for everything this process creates (the log, exports, letters, selftest.pdf, SQLite's journals):
# they hold other people's personal data (issue 16 point 6; README "Where your data lives"). On Windows the
# per-user profile folder is private already and umask only affects the read-only bit.
PRIVATE_UMASK = 0o077


def main(argv: list[str] | None = None) -> int:
    os.umask(PRIVATE_UMASK)  # before anything is written: both the CLI and the window start here
    from app.cli import parse_args, run_command

    args = parse_args(argv)
    if args.command is None:
        from ui.shell.application import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
