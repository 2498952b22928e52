"""The recipient list for 本人通知: a CSV saved from Excel, in CP932 (Shift_JIS) or UTF-8 with or without BOM.

Reading is two steps so the officer can check the columns in between: `read_table` decodes and splits the file,
`guess_mapping` proposes which column is which, and `build_recipients` applies the (possibly corrected) mapping.
All-or-nothing: one bad row and nothing is imported; every bad row is reported with its line number so the
officer can fix the file in Excel and import it again. People without a postal address are not an error: they
are listed, because they count toward the 代替措置 (publication or an enquiry desk, GL 3-5-4-5). A 「?」 or U+FFFD
in a name or address is not an error either, but each such line is flagged as a likely encoding loss (Excel's CP932
turns 髙 into 「?」), and the mail merge holds those letters back until the officer confirms them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.errors import HeaderParseError, MessageDefect
from email.headerregistry import Address
from pathlib import Path

from app.documents.context import Recipient
from app.documents.mailmerge.suspect import encoding_loss
from app.errors import InputError
from app.i18n import _, ngettext
from app.recipients.columns import ColumnMapping, Field, guess_mapping, is_checked, item_codes_from_cell

__all__ = [
    "ColumnMapping",
    "CsvTable",
    "Field",
    "ImportResult",
    "RecipientListError",
    "RowError",
    "build_recipients",
    "guess_mapping",
    "load_recipients",
    "read_table",
]

MAX_BYTES = 50 * 1024 * 1024
_POSTAL = re.compile(r"(\d{3})-?(\d{4})")
# Line breaks (Excel's Alt+Enter), tabs and other control characters, C1 and the Unicode line separators.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The decoded file: its header and its rows, each with the line number where the row starts."""

    encoding: str  # "cp932", "utf-8" or "utf-8-sig", for the dialog to show
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str

    def text(self) -> str:
        return _("Line {line}: {message}").format(line=self.line, message=self.message)


class RecipientListError(InputError):
    """The list cannot be imported as it is; `errors` names every line to fix."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = tuple(errors)
        shown = "\n".join(error.text() for error in self.errors[:20])
        more = len(self.errors) - 20
        if more > 0:
            shown += "\n" + ngettext("… and {count} more line.", "… and {count} more lines.", more).format(
                count=more
            )
        super().__init__(
            _("Nothing was imported: fix these lines in the file and import it again.") + "\n" + shown
        )


@dataclass(frozen=True)
class ImportResult:
    recipients: tuple[Recipient, ...]
    encoding: str
    without_address: tuple[Recipient, ...] = field(default=())  # cannot be posted: 代替措置 or e-mail
    unreachable: tuple[Recipient, ...] = field(default=())  # neither address nor e-mail
    suspect: tuple[RowError, ...] = field(
        default=()
    )  # 「?」 or U+FFFD in a name or address: check the source

    @property
    def substitute_count(self) -> int:
        """People no letter can reach, counted toward the 代替措置."""
        return len(self.without_address)


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """(text, encoding): BOM → UTF-8; valid UTF-8 → UTF-8; else CP932 (Excel's "CSV (コンマ区切り)")."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            _(
                "{name} is an Excel workbook, not a CSV file. In Excel choose Save As, then "
                "“CSV UTF-8 (comma delimited)” or “CSV (comma delimited)”, and import that file."
            ).format(name=name or _("The file"))
        )
    if b"\x00" in data[:4096]:
        raise InputError(
            _("{name} is not a CSV text file (it contains binary data).").format(name=name or _("The file"))
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("cp932"), "cp932"
        except UnicodeDecodeError:
            pass
    raise InputError(
        _(
            "The characters of {name} cannot be read: it is neither UTF-8 nor Shift_JIS (CP932). "
            "Save it from Excel as “CSV UTF-8 (comma delimited)” and try again."
        ).format(name=name or _("the file"))
    )


def read_table(data: bytes, name: str = "") -> CsvTable:
    """Decode and split; quoted cells may hold commas and line breaks; blank lines are skipped."""
    if len(data) > MAX_BYTES:
        raise InputError(
            _("{name} is larger than 50 MB; split the list into smaller files.").format(name=name)
        )
    text, encoding = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    header: tuple[str, ...] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            values = tuple(cell.strip() for cell in cells)
            if not any(values):
                continue
            if header is None:
                header = values
            else:
                rows.append((line, values))
    except csv.Error as exc:
        raise RecipientListError(
            [RowError(start, _("the quotes do not match ({detail})").format(detail=exc))]
        ) from None
    if header is None:
        raise InputError(_("{name} has no rows.").format(name=name or _("The file")))
    if len(header) < 2:
        raise InputError(
            _(
                "{name} has only one column: it is not a comma-separated list (a tab- or semicolon-separated "
                "file cannot be read; save it from Excel as CSV)."
            ).format(name=name or _("The file"))
        )
    return CsvTable(encoding, header, tuple(rows))


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def one_line(text: str) -> str:
    """A cell printed as running text (an address line, a note): line breaks and control characters become one
    space, so a building name typed after Alt+Enter stays on the address line and wraps inside the envelope's
    window instead of pushing the lines below it out."""
    return " ".join(CONTROL.sub(" ", text).split())


def is_email_address(text: str) -> bool:
    """An address the .eml's To header takes as it is: ASCII (Outlook's drafts do not do SMTPUTF8) and parsed
    back unchanged by the email package, which refuses a("b@x.jp", a..b@x.jp and the like with an exception."""
    if not text.isascii() or not _EMAIL.fullmatch(text):
        return False
    try:
        return Address(addr_spec=text).addr_spec == text
    except (ValueError, HeaderParseError, MessageDefect):
        return False


def _control_problem(name: str, email: str, key: str) -> str | None:
    """Name, e-mail address and ID go into e-mail headers and file names, where a line break would start a new
    header (header injection): refused, for the officer to correct in the file."""
    if CONTROL.search(name):
        return _(
            "the name contains a line break or a control character (Alt+Enter in Excel); put it on one line"
        )
    if CONTROL.search(email):
        return _("the e-mail address contains a line break or a control character; put it on one line")
    if CONTROL.search(key):
        return _("the ID contains a line break or a control character; put it on one line")
    return None


def normalise_postal_code(value: str) -> str | None:
    """123-4567 from １２３－４５６７, 〒1234567 …; None if it is not a 7-digit postal code."""
    text = unicodedata.normalize("NFKC", value).replace("〒", "").replace("ー", "-").replace("−", "-").strip()
    match = _POSTAL.fullmatch(text)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def _row(line: int, cells: tuple[str, ...], mapping: ColumnMapping, width: int) -> Recipient | RowError:
    if len(cells) > width and any(cells[width:]):
        return RowError(
            line,
            _(
                "this row has more cells than the header has columns; an address with a comma must be in quotes"
            ),
        )
    name = _cell(cells, mapping.name)
    if not name:
        return RowError(line, _("the name is empty"))
    problem = _control_problem(name, _cell(cells, mapping.email), _cell(cells, mapping.key))
    if problem is not None:
        return RowError(line, problem)
    postal = one_line(_cell(cells, mapping.postal_code))
    if postal:
        normalised = normalise_postal_code(postal)
        if normalised is None:
            return RowError(
                line, _("“{value}” is not a postal code (7 digits, e.g. 100-0001)").format(value=postal)
            )
        postal = normalised
    email = _cell(cells, mapping.email)
    if email and not is_email_address(unicodedata.normalize("NFKC", email)):
        return RowError(line, _("“{value}” is not an e-mail address").format(value=email))
    items: list[str] = []
    if mapping.items is not None:
        items += item_codes_from_cell(one_line(_cell(cells, mapping.items)))
    for index, code in mapping.item_flags:
        if is_checked(_cell(cells, index)) and code not in items:
            items.append(code)
    if mapping.has_items and not items:
        return RowError(line, _("no data item is given for this person"))
    key = _cell(cells, mapping.key) or f"L{line}"
    return Recipient(
        key=key,
        name=name,
        postal_code=postal,
        address1=one_line(_cell(cells, mapping.address1)),
        address2=one_line(_cell(cells, mapping.address2)),
        email=unicodedata.normalize("NFKC", email),
        items=tuple(items),
        note=one_line(_cell(cells, mapping.note)),
        line=line,
    )


class ImportCancelled(Exception):
    """The officer pressed Cancel while the list was being read: nothing was imported."""


PROGRESS_EVERY = 500  # rows between two progress reports (100,000 rows take ~4 s)


def build_recipients(
    table: CsvTable, mapping: ColumnMapping, progress: Callable[[int, int], bool] | None = None
) -> ImportResult:
    """Apply the mapping to every row; raise RecipientListError listing every bad line, importing nothing.

    `progress(done, total)` is called every PROGRESS_EVERY rows; False stops with ImportCancelled."""
    problems = mapping.problems(len(table.header))
    if problems:
        raise InputError("\n".join(problems))
    people: list[Recipient] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    total = len(table.rows)
    for done, (line, cells) in enumerate(table.rows):
        if progress is not None and done % PROGRESS_EVERY == 0 and not progress(done, total):
            raise ImportCancelled()
        result = _row(line, cells, mapping, len(table.header))
        if isinstance(result, RowError):
            errors.append(result)
            continue
        if mapping.key is not None and result.key in seen:
            errors.append(
                RowError(
                    line,
                    _("the ID {key} is also on line {other}").format(key=result.key, other=seen[result.key]),
                )
            )
            continue
        seen[result.key] = line
        people.append(result)
    if errors:
        raise RecipientListError(errors)
    if not people:
        raise InputError(_("The list has a header but no people."))
    return ImportResult(
        recipients=tuple(people),
        encoding=table.encoding,
        without_address=tuple(p for p in people if not p.has_address),
        unreachable=tuple(p for p in people if not p.has_address and not p.email),
        suspect=tuple(RowError(p.line, message) for p in people for message in encoding_loss(p)),
    )


def load_recipients(path: Path, mapping: ColumnMapping | None = None) -> ImportResult:
    """Read a file with the guessed (or given) mapping: the CLI's path, and the dialog's once confirmed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("The file {path} does not exist.").format(path=path)) from None
    except OSError as exc:
        raise InputError(
            _("Cannot read the file {path}: {reason}").format(path=path, reason=exc.strerror or str(exc))
        ) from None
    table = read_table(data, path.name)
    return build_recipients(
        table, mapping or guess_mapping(table.header, [cells for _line, cells in table.rows])
    )
