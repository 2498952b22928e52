"""BreachDesk entry point: the window by default, or a sub-command (`python main.py --help`)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app.cli import parse_args, run_command

    args = parse_args(argv)
    if args.command is None:
        from ui.shell.application import run_gui

        return run_gui(args)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
