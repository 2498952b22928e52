"""`main.py report start|show --incident ID`: the PPC report's draft from the command line.

`start` makes the same draft the incident's Report tab makes (app/services/workspace/reports.py): a 速報 from
what the register knows, a 確報 or 追完 from the report before it. `show` prints each field as the form copy
assistant offers it, then what to check before the text goes out.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from app.commands.export import find_incident
from app.domain.filing import FilingKind
from app.domain.report import fields_for, other_summary, text_of
from app.errors import InputError
from app.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services
    from app.services.workspace.reports import DraftRecord

KINDS = {"sokuho": FilingKind.SOKUHO, "kakuho": FilingKind.KAKUHO, "tsuikan": FilingKind.TSUIKAN}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="report_action", metavar="ACTION", required=True)
    start = actions.add_parser(
        "start", help="create the report draft from the register (or show the one there is)"
    )
    show = actions.add_parser("show", help="print the draft's fields, as the form copy assistant offers them")
    for action in (start, show):
        action.add_argument(
            "--incident", metavar="ID", required=True, help="the incident's number (e.g. 2027-0001) or id"
        )
        action.add_argument(
            "--kind", choices=tuple(KINDS), default=None, help="sokuho (default for start), kakuho or tsuikan"
        )


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    services = register()
    incident_id = find_incident(services, args.incident)
    if args.report_action == "start":
        kind = KINDS[args.kind or "sokuho"]
        existing = services.reports.latest(incident_id, kind)
        record = services.reports.start(incident_id, kind)
        message = (
            _("The draft of this report already exists; it was left as it is.")
            if existing is not None and existing.id == record.id
            else _("The report draft was created from the register.")
        )
        err.write(message + "\n")
    else:
        record = _latest(services, incident_id, args.kind)
    _print(record, out)
    for warning in services.reports.timeline_warnings(record.id):
        err.write(_("Check before it goes out: {problem}").format(problem=warning) + "\n")
    return 0


def _latest(services: Services, incident_id: int, kind: str | None) -> DraftRecord:
    drafts = services.reports.drafts(incident_id)
    chosen = [d for d in drafts if kind is None or d.kind is KINDS[kind]]
    if not chosen:
        raise InputError(
            _(
                "There is no report draft for this incident yet: start one with main.py report start --incident {incident}"
            ).format(incident=incident_id),
            field="incident",
        )
    return chosen[-1]


def _print(record: DraftRecord, out: TextIO) -> None:
    """One field a block: 【label】 then its text (Japanese: it is what goes into the PPC's form)."""
    draft = record.draft
    out.write(f"# {text_of(draft, 'envelope.kind')}（{record.kind.value}, id {record.id}）\n")
    for field in fields_for(draft):
        if field.item == 9:
            continue
        out.write(f"【{field.item}. {field.ja}】\n{text_of(draft, field.path) or '―'}\n")
    out.write(f"【9. その他参考となる事項】\n{other_summary(draft) or '―'}\n")
