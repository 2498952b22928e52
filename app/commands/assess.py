"""`main.py assess FACTS.json`: the rules engine on the command line, JSON in and JSON out (docs/domain.md §11)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.db.codec import encode
from app.errors import InputError
from app.i18n import _
from app.rules import assess
from app.rules.facts_json import parse_facts_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "facts", metavar="FACTS.json", help="facts file as documented in the README; - reads stdin"
    )


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
    facts = parse_facts_text(read_facts_text(args.facts))
    assessment = assess(facts)
    out.write(json.dumps(encode(assessment), ensure_ascii=False, indent=2) + "\n")
    return 0
