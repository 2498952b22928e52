"""`main.py letters --incident ID --recipients FILE.csv --out OUT`: the 本人通知 mail merge without a screen.

Everything is checked before anything is written; people who cannot be reached by the chosen means are listed
(they count toward the 代替措置); with --record-sent the run is logged as sent in the register, each letter's text
with it. A letter that cannot be printed as it is (a character no font has, an address too long for the window, a
name with 「?」 from a damaged CSV) is held back alone: the others are written, the held-back lines are listed, and
the exit code is 4 (EXIT_HELD_BACK) so a script never takes a partial run for a complete one.

After the run: `letters returned|bounced|delivered|resent --incident ID --key KEY [--date] [--note]` records what
happened to one person's notice, `letters status --incident ID` prints who was reached and how many count toward
the 代替措置, and `letters copy --incident ID --key KEY` prints the letter as that person received it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.commands.export import add_allow_missing, find_incident, parse_day, refuse_missing
from app.documents.context import DocumentKind
from app.documents.mailmerge import merge
from app.domain.dates import now_utc
from app.errors import InputError
from app.i18n import _, ngettext
from app.recipients.csv_import import load_recipients
from app.services.notices import (
    CHANNEL_EMAIL,
    CHANNEL_LETTER,
    EVENT_STATUSES,
    NoticeService,
    deliveries_from,
    status_label,
    summarise,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.services.root import Services

MODES = ("combined", "separate", "eml")
ACTIONS = (*EVENT_STATUSES, "status", "copy", "withdraw")
EXIT_HELD_BACK = 4  # some letters were written, others held back (listed on stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        nargs="?",
        choices=ACTIONS,
        metavar="ACTION",
        help="without ACTION: produce the letters. returned, bounced, delivered, resent: record what happened to "
        "one person's notice (--key); status: who was reached; copy: print one letter as sent (--key); withdraw: withdraw the latest "
        "follow-up of one person recorded by mistake (--key, --reason)",
    )
    parser.add_argument(
        "--incident", metavar="ID", required=True, help="the incident's number (e.g. 2027-0001) or id"
    )
    parser.add_argument(
        "--recipients",
        metavar="FILE.csv",
        help="recipient list saved from Excel (Shift_JIS or UTF-8); needed to produce the letters",
    )
    parser.add_argument(
        "--out",
        metavar="OUT",
        help="the PDF file (combined) or the folder (separate, eml); needed to produce",
    )
    parser.add_argument("--key", metavar="KEY", help="the person's customer ID in the list (with ACTION)")
    parser.add_argument("--note", metavar="TEXT", default="", help="a note on what happened (with ACTION)")
    parser.add_argument(
        "--reason", metavar="TEXT", default="", help="why a follow-up is withdrawn (withdraw)"
    )
    parser.add_argument(
        "--allow-same-day",
        action="store_true",
        help="record it although the same is already recorded for the same person that day",
    )
    parser.add_argument(
        "--allow-suspect-names",
        action="store_true",
        help="also write letters whose name or address contains ? or U+FFFD (after checking the original data)",
    )
    parser.add_argument(
        "--mode", choices=MODES, default="combined", help="combined (default), separate or eml"
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="date printed on the letters, or the day the return, bounce, delivery or re-sending happened "
        "(default: today)",
    )
    parser.add_argument(
        "--guide", action="store_true", help="draw the envelope window on the letters (test print)"
    )
    parser.add_argument(
        "--record-sent", action="store_true", help="log the letters as sent today in the register"
    )
    add_allow_missing(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    if args.action is not None:
        return _after_sending(args, out, register)
    if not args.recipients or not args.out:
        raise InputError(_("To produce the letters, give both --recipients and --out."))
    mode = merge.MergeMode(args.mode)
    people = load_recipients(Path(args.recipients))
    services = register()
    incident_id = find_incident(services, args.incident)
    ctx = services.documents.context(incident_id, DocumentKind.NOTICE_LETTER, today=parse_day(args.date))
    refuse_missing(DocumentKind.NOTICE_LETTER, ctx, err, allowed=args.allow_missing)
    plan = merge.plan(ctx, people.recipients, mode, allow_suspect=args.allow_suspect_names)
    for problem in plan.template_problems:
        err.write(_("Check before printing: {problem}").format(problem=problem) + "\n")
    if plan.skipped:
        if mode is merge.MergeMode.EML:
            headline = ngettext(
                "{count} person has no e-mail address; send them a letter instead:",
                "{count} people have no e-mail address; send them a letter instead:",
                len(plan.skipped),
            )
        else:
            headline = ngettext(
                "{count} person has no postal address; they count toward the substitute measures "
                "(publication or an enquiry desk):",
                "{count} people have no postal address; they count toward the substitute measures "
                "(publication or an enquiry desk):",
                len(plan.skipped),
            )
        err.write(headline.format(count=len(plan.skipped)) + "\n")
        for person in plan.skipped:
            err.write(_("  line {line}: {name}").format(line=person.line, name=person.name) + "\n")
    if plan.blocking:
        for blocker in plan.blocking:
            err.write(blocker + "\n")
        raise InputError(_("Nothing was produced: fix the wording all letters share and run again."))
    _report_held_back(plan, err)
    if not plan.letters and plan.held_back:
        raise InputError(_("Nothing was produced: fix these lines in the list and run again."))
    result = merge.write(ctx, plan, Path(args.out), guide=args.guide)
    out.write(
        ngettext(
            "{count} notice was produced ({mode}):",
            "{count} notices were produced ({mode}):",
            len(result.letters),
        ).format(count=len(result.letters), mode=mode.label())
        + "\n"
    )
    for path in result.files[:3]:
        out.write(f"  {path}\n")
    if len(result.files) > 3:
        out.write(
            ngettext(
                "  … and {count} more file.", "  … and {count} more files.", len(result.files) - 3
            ).format(count=len(result.files) - 3)
            + "\n"
        )
    # Where they went and what they hold: a folder of letters is a roster (issue 16 point 6).
    out.write(
        ngettext(
            "Written in {folder}. The file contains personal data: please handle it with care.",
            "Written in {folder}. The files contain personal data: please handle them with care.",
            len(result.files),
        ).format(folder=result.files[0].parent.resolve() if result.files else Path(args.out).resolve())
        + "\n"
    )
    if args.record_sent:
        channel = CHANNEL_EMAIL if mode is merge.MergeMode.EML else CHANNEL_LETTER
        services.notices.record_sent(
            incident_id,
            deliveries_from(result),
            channel=channel,
            sent_at=now_utc(),
            document=result.document,
            filename=result.files[0].name if result.document is not None else None,
            allow_same_day=args.allow_same_day,
        )
        out.write(_("The notices were recorded as sent in the register.") + "\n")
    return EXIT_HELD_BACK if plan.held_back else 0


def _report_held_back(plan: merge.MergePlan, err: TextIO) -> None:
    """Each held-back line with its reason; the person's name stays out (the line and the ID find them)."""
    if plan.confirmed:
        err.write(_("Produced after your confirmation, although they contain “?”:") + "\n")
        for problem in plan.confirmed:
            err.write("  " + problem.text() + "\n")
    if not plan.held_back:
        return
    count = len(plan.held_back_people)
    err.write(
        ngettext(
            "{count} letter is held back; the others are produced. Fix these lines and run again for them:",
            "{count} letters are held back; the others are produced. Fix these lines and run again for them:",
            count,
        ).format(count=count)
        + "\n"
    )
    for problem in plan.held_back:
        err.write("  " + problem.text() + "\n")
    if plan.suspect:
        err.write(
            _(
                "If the names with “?” are correct after checking the original data, run again with "
                "--allow-suspect-names."
            )
            + "\n"
        )


def _after_sending(args: argparse.Namespace, out: TextIO, register: Callable[[], Services]) -> int:
    services = register()
    incident_id = find_incident(services, args.incident)
    notices = services.notices
    if args.action == "status":
        records = notices.deliveries(incident_id)
        if not records:
            out.write(_("No notice has been recorded as sent for this incident.") + "\n")
            return 0
        for record in records:
            when = f" {record.status_on.isoformat()}" if record.status_on else ""
            out.write(f"{record.recipient_key}\t{status_label(record.status)}{when}\n")
        out.write(summarise(records).text() + "\n")
        return 0
    if not args.key:
        raise InputError(_("Give the person's customer ID with --key."))
    if args.action == "copy":
        out.write(notices.letter_copy(incident_id, args.key))
        return 0
    if args.action == "withdraw":
        return _withdraw(args, out, notices, incident_id)
    notices.record_event(
        incident_id,
        args.key,
        args.action,
        happened_on=parse_day(args.date),
        note=args.note,
        allow_same_day=args.allow_same_day,
    )
    out.write(
        _("Recorded for {key}: {status}.").format(key=args.key.strip(), status=status_label(args.action))
        + "\n"
    )
    return 0


def _withdraw(args: argparse.Namespace, out: TextIO, notices: NoticeService, incident_id: int) -> int:
    """The GUI's 「取消・訂正…」 of the notices tab: the latest follow-up of one person, still counted, withdrawn."""
    record = next(
        (r for r in reversed(notices.deliveries(incident_id)) if r.recipient_key == args.key.strip()), None
    )
    live = [e for e in record.events if not e.withdrawn] if record is not None else []
    if not live:
        raise InputError(_("There is no follow-up to withdraw for {key}.").format(key=args.key.strip()))
    notices.withdraw_event(incident_id, live[-1].id, args.reason)
    out.write(
        _("Withdrawn for {key}: {status} of {date}.").format(
            key=args.key.strip(), status=status_label(live[-1].status), date=live[-1].happened_on.isoformat()
        )
        + "\n"
    )
    return 0
