"""`main.py assess FACTS.json`: the rules engine on the command line, JSON in and JSON out (docs/domain.md §11)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.db.codec import encode
from app.domain.dates import today_jst
from app.domain.facts import Facts
from app.errors import InputError
from app.i18n import _
from app.rules import assess
from app.rules.facts_json import check_consistency, parse_facts_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "facts", metavar="FACTS.json", help="facts file as documented in the README; - reads stdin"
    )
    add_today_argument(parser)


def add_today_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="the day facts may not be after (default: today in Japan); for replaying a case",
    )


def today_of(args: argparse.Namespace) -> dt.date:
    """--today or Japan's date: the day a 発覚日/発生日 may not be after (docs/domain.md §11)."""
    value: str | None = args.today
    if value is None:
        return today_jst()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(_("The option --today must be a real date written as YYYY-MM-DD."))


def read_facts(source: str, today: dt.date) -> Facts:
    """The facts of a file or stdin, refused when a date is after `today`: a deadline computed from a day nobody
    has reached yet would read as real (issue 18)."""
    facts = parse_facts_text(read_facts_text(source))
    check_consistency(facts, today=today)
    return facts


def read_facts_text(source: str) -> str:
    """The JSON text of a facts file or of stdin; unreadable input is the user's to fix (exit code 2)."""

    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(_("The file {path} does not exist.").format(path=source)) from None
    except UnicodeDecodeError:
        raise InputError(_("The file {path} is not UTF-8 text.").format(path=source)) from None
    except OSError as exc:
        raise InputError(
            _("Cannot read the file {path}: {reason}").format(path=source, reason=exc.strerror or str(exc))
        ) from None


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    assessment = assess(read_facts(args.facts, today_of(args)))
    out.write(json.dumps(encode(assessment), ensure_ascii=False, indent=2) + "\n")
    return 0
