"""Sub-commands of main.py, one module each, named in `COMMANDS` below.

The registry holds what `--help` shows, so neither the help nor the window's start-up imports a command module:
app/cli.py imports a command's module only when that command runs (or its own --help is asked), and each module
imports what it needs at its top. A module exposes `add_arguments(parser)` and
`run(args, out, err, register) -> int`, where `register()` opens the register's services once (app/cli.py closes
them). Adding a command: a module here and one line in `COMMANDS` (tests/unit/test_cli.py checks both agree).

May import: the standard library only (app/cli.py reads the registry before anything else loads).
"""

from __future__ import annotations

# name -> the one-line help of `main.py --help`, in the order it lists them.
COMMANDS: dict[str, str] = {
    "assess": "assess the facts of an incident (JSON file, or - for standard input) and print the assessment as JSON",
    "deadlines": "compute the report deadlines for a facts file, or for --start DATE --days 30|60",
    "calendar": "export the deadlines of all open incidents (or of one, --incident) as an .ics calendar file with alarms",
    "report": "start the PPC report draft of an incident from the register (report start), or print it (report show)",
    "export": "write a document of an incident as a PDF (report, sample notice letter, announcement, internal report…)",
    "verify": "check the audit log as evidence, read-only: its hash chain and the anchors kept outside the file (exit 1 when altered)",
    "letters": "produce the notice letters of an incident from a recipient list (CSV): one PDF to print, one PDF per person, or one e-mail per person",
    "filings": "list the filings and notices recorded for an incident, or withdraw (取消) or correct (訂正) one by a new audited entry",
    "history": "print the change history of an incident (変更履歴): when, who and what, newest first",
    "review": "the annual review of a fiscal year (年度): totals, and --pdf for the management review, --csv for Excel",
    "register": "export the register (CSV for Excel, or JSON) or import a JSON export into an empty register",
    "restore": "list the backups of the register with what each holds (--list), or restore one (the current file is kept)",
    "selftest": "check the installation: database, migrations, Japanese PDF (exit 0 when all is well)",
    "encrypt": "encrypt the register and its backups with a passphrase (BREACHDESK_PASSPHRASE or typed twice); prints the recovery key once",
    "decrypt": "store the register and its backups unencrypted again (needs --yes-store-unencrypted)",
    "passphrase": "change the passphrase of an encrypted register (BREACHDESK_NEW_PASSPHRASE); --new-key also makes a new recovery key",
}
