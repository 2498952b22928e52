"""A 本人通知 run from start to files: check every letter, then write one print PDF, one PDF or one .eml per person.

`plan` does all the checking first (people who cannot be reached this way, addresses too long for the window,
characters no font has, names that lost characters in Excel, template gaps), so that nothing is printed until the
officer has seen the list. A problem in one person's own text holds back only that person's letter (docs/domain.md
§6: the others must not wait for one 𠮷); a problem in the text every letter shares stops the run. `write` writes
each file through a temporary name, so an unwritable folder or a cancelled run never leaves half a file behind.
File names carry the incident's number and the person's key, never their name (a folder listing is not a roster).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.documents.context import DocumentContext, Recipient
from app.documents.kinds.notice_letter import LetterComposer
from app.documents.mailmerge.eml import eml_bytes, letter_text, safe_filename
from app.documents.mailmerge.suspect import SUSPECT_CHARACTERS, encoding_loss
from app.documents.model import LetterContent
from app.documents.render.fonts import GOTHIC, MINCHO, describe_unprintable, unprintable_characters
from app.documents.render.letters import (
    LaidOutLetter,
    OperationCancelled,
    ProgressCallback,
    address_problem,
    layout_letter,
    render_letters,
    render_separate,
)
from app.errors import InputError
from app.i18n import N_, _


class MergeMode(StrEnum):
    COMBINED = "combined"  # one PDF to print
    SEPARATE = "separate"  # one PDF per person
    EML = "eml"  # one e-mail per person

    def label(self) -> str:
        return _(_MODE_LABELS[self])


_MODE_LABELS = {
    MergeMode.COMBINED: N_("One PDF for printing"),
    MergeMode.SEPARATE: N_("One PDF per person"),
    MergeMode.EML: N_("One e-mail (.eml) per person"),
}
DOCUMENT_NAME = "本人通知"


class HoldReason(StrEnum):
    UNPRINTABLE = "unprintable"  # a character no font has
    ADDRESS = "address"  # too long for the envelope window
    SUSPECT = "suspect"  # 「?」 or U+FFFD: characters lost before the list reached us


@dataclass(frozen=True, slots=True)
class PersonProblem:
    """Why one person's letter is held back. The text names the list's line and the customer ID, and code points
    rather than characters: the character itself is the one no font can show, and a name has no place in a log."""

    recipient: Recipient
    message: str
    reason: HoldReason = HoldReason.UNPRINTABLE

    def text(self) -> str:
        key = self.recipient.key
        if key and key != f"L{self.recipient.line}":
            return _("Line {line} ({key}): {message}").format(
                line=self.recipient.line, key=key, message=self.message
            )
        return _("Line {line}: {message}").format(line=self.recipient.line, message=self.message)


@dataclass(frozen=True)
class MergePlan:
    mode: MergeMode
    laid_out: tuple[LaidOutLetter, ...]  # the letters that will be written
    skipped: tuple[Recipient, ...]  # cannot be reached this way (no postal address / no e-mail)
    held_back: tuple[PersonProblem, ...] = field(default=())  # their letters are not written this run
    blocking: tuple[str, ...] = field(default=())  # in the text all letters share: nothing can be written
    template_problems: tuple[str, ...] = field(default=())
    confirmed: tuple[PersonProblem, ...] = field(default=())  # suspect names the officer chose to send anyway

    @property
    def letters(self) -> tuple[LetterContent, ...]:
        return tuple(item.letter for item in self.laid_out)

    @property
    def held_back_people(self) -> tuple[Recipient, ...]:
        return tuple(dict.fromkeys(problem.recipient for problem in self.held_back))

    @property
    def suspect(self) -> tuple[PersonProblem, ...]:
        """Held back only because their name or address looks damaged: the officer may confirm and send."""
        return tuple(p for p in self.held_back if p.reason is HoldReason.SUSPECT)

    @property
    def ready(self) -> bool:
        return not self.blocking and bool(self.letters)


@dataclass(frozen=True)
class WrittenLetter:
    letter: LetterContent
    path: Path | None  # None inside the combined print file
    sha256: str  # of what this person receives (their file; in the print file, their letter's text)
    text: str = ""  # the letter as this person received it, kept in the sending log


@dataclass(frozen=True)
class MergeResult:
    mode: MergeMode
    files: tuple[Path, ...]
    letters: tuple[WrittenLetter, ...]
    document: bytes | None = None  # the print PDF, kept with the filing


def _reachable(recipient: Recipient, mode: MergeMode) -> bool:
    return bool(recipient.email.strip()) if mode is MergeMode.EML else recipient.has_address


def _code_points(chars: Sequence[str]) -> str:
    return "、".join(f"「U+{ord(char):04X}」" for char in chars)


def _person_problems(laid_out: LaidOutLetter, recipient: Recipient, *, window: bool) -> list[PersonProblem]:
    """`window` is False for e-mail: the recipient's mail program draws the text, not our fonts."""
    found: list[PersonProblem] = []
    text = laid_out.letter.personal_text()
    missing = unprintable_characters(text, (MINCHO, GOTHIC)) if window else []
    missing = [char for char in missing if char not in SUSPECT_CHARACTERS]  # told once, as a likely loss
    if missing:
        message = _(
            "no font can print {characters}; replace it in the list with a commonly used form, or prepare "
            "this person's letter by hand"
        ).format(characters=_code_points(missing))
        found.append(PersonProblem(recipient, message, HoldReason.UNPRINTABLE))
    if window and not laid_out.address.fits:
        found.append(PersonProblem(recipient, address_problem(), HoldReason.ADDRESS))
    found += [PersonProblem(recipient, message, HoldReason.SUSPECT) for message in encoding_loss(recipient)]
    return found


def _shared_problems(laid_out: LaidOutLetter) -> tuple[str, ...]:
    """Characters no font has in the text every letter shares (the officer's wording, the office's data)."""
    letter = laid_out.letter
    personal = set(letter.personal_text())
    missing = [
        c for c in unprintable_characters("".join(letter.texts()), (MINCHO, GOTHIC)) if c not in personal
    ]
    return (describe_unprintable(missing),) if missing else ()


def plan(
    ctx: DocumentContext, recipients: Sequence[Recipient], mode: MergeMode, *, allow_suspect: bool = False
) -> MergePlan:
    """Compose and lay out every letter and collect what stands in the way; the text the letters share is
    checked for the fonts once, each person's own text (name, address, items) for each letter. With
    `allow_suspect` (the officer has looked at the original data), names with 「?」 are written after all."""
    composer = LetterComposer(ctx)
    laid_out: list[LaidOutLetter] = []
    skipped: list[Recipient] = []
    held_back: list[PersonProblem] = []
    confirmed: list[PersonProblem] = []
    blocking: tuple[str, ...] = ()
    template_problems: tuple[str, ...] = ()
    window = mode is not MergeMode.EML
    checked_shared = False
    for recipient in recipients:
        if not _reachable(recipient, mode):
            skipped.append(recipient)
            continue
        letter = layout_letter(composer.compose(recipient))
        if not checked_shared:
            checked_shared = True
            template_problems = letter.letter.problems
            blocking = _shared_problems(letter) if window else ()
        problems = _person_problems(letter, recipient, window=window)
        if allow_suspect:
            confirmed += [p for p in problems if p.reason is HoldReason.SUSPECT]
            problems = [p for p in problems if p.reason is not HoldReason.SUSPECT]
        if problems:
            held_back += problems
        else:
            laid_out.append(letter)
    return MergePlan(
        mode,
        tuple(laid_out),
        tuple(skipped),
        tuple(held_back),
        blocking,
        template_problems,
        tuple(confirmed),
    )


def check_folder(folder: Path) -> None:
    """Create the folder and prove it takes a file, before any letter is made."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # a folder we create holds letters: owner-only
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".breachdesk-", delete=True):
            pass
    except OSError as exc:
        raise InputError(
            _("Cannot write to the folder {path}: {reason}. Choose another folder; nothing was lost.").format(
                path=folder, reason=exc.strerror or str(exc)
            )
        ) from None


def write_file(path: Path, data: bytes, *, folder_checked: bool = False) -> None:
    """Through a temporary file in the same folder, so a failure leaves no truncated file behind; the file is
    owner-only (0600 on POSIX, whatever the umask: mkstemp creates it so and the rename keeps it), since every
    letter and document holds personal data (issue 16 point 6, README "Where your data lives")."""
    if not folder_checked:
        check_folder(path.parent)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".breachdesk-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(
            _("Cannot write {path}: {reason}. Choose another folder; nothing was lost.").format(
                path=path, reason=exc.strerror or str(exc)
            )
        ) from None


def letter_digest(letter: LetterContent) -> str:
    return hashlib.sha256("\n".join(letter.texts()).encode("utf-8")).hexdigest()


def combined_name(ctx: DocumentContext) -> str:
    """「2027-0001_本人通知.pdf」: the print file says which incident it belongs to."""
    return f"{safe_filename(ctx.incident.reference)}_{DOCUMENT_NAME}.pdf"


def person_filename(ctx: DocumentContext, number: int, letter: LetterContent, suffix: str) -> str:
    """「2027-0001_本人通知_0001_C-1024.pdf」: the incident, the run's sequence and the customer ID, never the name
    (a folder of files named after people is a roster anyone browsing the share can read)."""
    key = letter.recipient.key if letter.recipient is not None else ""
    tail = f"_{safe_filename(key, 30)}" if key else ""
    return f"{safe_filename(ctx.incident.reference)}_{DOCUMENT_NAME}_{number:04d}{tail}{suffix}"


def received_text(ctx: DocumentContext, letter: LetterContent, mode: MergeMode) -> str:
    """The letter as this person received it: the e-mail's body, or the printed letter with its address block."""
    body = letter_text(letter, ctx)
    if mode is MergeMode.EML:
        return body
    address = [line for line in (letter.address.postal_line, *letter.address.lines) if line.strip()]
    return "\n".join(address) + "\n" + body if address else body


def write(
    ctx: DocumentContext,
    merge: MergePlan,
    out: Path,
    *,
    guide: bool = False,
    progress: ProgressCallback | None = None,
) -> MergeResult:
    """COMBINED: `out` is the PDF file (or a folder to put 2027-0001_本人通知.pdf in); otherwise a folder.
    Held-back letters are simply not in the plan's letters; the caller lists them."""
    if merge.blocking:
        raise InputError(_("Fix the wording all letters share first; nothing was produced."))
    if not merge.letters:
        if merge.held_back:
            raise InputError(_("Every letter is held back by the problems listed; nothing was produced."))
        raise InputError(_("Nobody on the list can be reached this way; nothing was produced."))
    if merge.mode is MergeMode.COMBINED:
        target = out / combined_name(ctx) if out.is_dir() or not out.suffix else out
        check_folder(target.parent)
        pdf = render_letters(ctx, merge.laid_out, guide=guide, progress=progress)
        write_file(target, pdf)
        written = tuple(
            WrittenLetter(letter, None, letter_digest(letter), received_text(ctx, letter, merge.mode))
            for letter in merge.letters
        )
        return MergeResult(merge.mode, (target,), written, pdf)
    check_folder(out)
    files: list[Path] = []
    done: list[WrittenLetter] = []
    if merge.mode is MergeMode.SEPARATE:
        for number, (letter, data) in enumerate(
            render_separate(ctx, merge.laid_out, progress=progress), start=1
        ):
            path = out / person_filename(ctx, number, letter, ".pdf")
            write_file(path, data, folder_checked=True)
            files.append(path)
            text = received_text(ctx, letter, merge.mode)
            done.append(WrittenLetter(letter, path, hashlib.sha256(data).hexdigest(), text))
    else:
        total = len(merge.letters)
        for number, letter in enumerate(merge.letters, start=1):
            data = eml_bytes(ctx, letter)
            path = out / person_filename(ctx, number, letter, ".eml")
            write_file(path, data, folder_checked=True)
            files.append(path)
            text = received_text(ctx, letter, merge.mode)
            done.append(WrittenLetter(letter, path, hashlib.sha256(data).hexdigest(), text))
            if progress is not None and not progress(number, total):
                raise OperationCancelled()
    return MergeResult(merge.mode, tuple(files), tuple(done))
