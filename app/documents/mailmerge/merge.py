"""A 本人通知 run from start to files: check every letter, then write one print PDF, one PDF or one .eml per person.

`plan` does all the checking first (people who cannot be reached this way, addresses too long for the window,
characters the fonts lack, template gaps), so that nothing is printed until the officer has seen the list.
`write` refuses to start while a blocking problem remains, and writes each file through a temporary name, so an
unwritable folder or a cancelled run never leaves half a file behind.
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
from app.documents.mailmerge.eml import eml_bytes, safe_filename
from app.documents.model import LetterContent
from app.documents.render.letters import (
    LaidOutLetter,
    OperationCancelled,
    ProgressCallback,
    layout_letter,
    letter_problems,
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
COMBINED_NAME = "本人通知_印刷用.pdf"


@dataclass(frozen=True, slots=True)
class PersonProblem:
    recipient: Recipient
    message: str

    def text(self) -> str:
        return _("Line {line}, {name}: {message}").format(
            line=self.recipient.line, name=self.recipient.name, message=self.message
        )


@dataclass(frozen=True)
class MergePlan:
    mode: MergeMode
    laid_out: tuple[LaidOutLetter, ...]
    skipped: tuple[Recipient, ...]  # cannot be reached this way (no postal address / no e-mail)
    blocking: tuple[PersonProblem, ...]  # must be fixed in the list before anything is produced
    template_problems: tuple[str, ...] = field(default=())

    @property
    def letters(self) -> tuple[LetterContent, ...]:
        return tuple(item.letter for item in self.laid_out)

    @property
    def ready(self) -> bool:
        return not self.blocking and bool(self.letters)


@dataclass(frozen=True)
class WrittenLetter:
    letter: LetterContent
    path: Path | None  # None inside the combined print file
    sha256: str  # of what this person receives (their file; in the print file, their letter's text)


@dataclass(frozen=True)
class MergeResult:
    mode: MergeMode
    files: tuple[Path, ...]
    letters: tuple[WrittenLetter, ...]
    document: bytes | None = None  # the print PDF, kept with the filing


def _reachable(recipient: Recipient, mode: MergeMode) -> bool:
    return bool(recipient.email.strip()) if mode is MergeMode.EML else recipient.has_address


def plan(ctx: DocumentContext, recipients: Sequence[Recipient], mode: MergeMode) -> MergePlan:
    """Compose and lay out every letter and collect what stands in the way; the text the letters share is
    checked for the fonts once, each person's own text (name, address, items) for each letter."""
    composer = LetterComposer(ctx)
    laid_out: list[LaidOutLetter] = []
    skipped: list[Recipient] = []
    blocking: list[PersonProblem] = []
    template_problems: tuple[str, ...] = ()
    window = mode is not MergeMode.EML
    for recipient in recipients:
        if not _reachable(recipient, mode):
            skipped.append(recipient)
            continue
        letter = layout_letter(composer.compose(recipient))
        first = not laid_out
        if first:
            template_problems = letter.letter.problems
        problems = letter_problems(letter, window=window, personal_only=not first)
        blocking += [PersonProblem(recipient, message) for message in problems]
        laid_out.append(letter)
    return MergePlan(mode, tuple(laid_out), tuple(skipped), tuple(blocking), template_problems)


def check_folder(folder: Path) -> None:
    """Create the folder and prove it takes a file, before any letter is made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".breachdesk-", delete=True):
            pass
    except OSError as exc:
        raise InputError(
            _("Cannot write to the folder {path}: {reason}. Choose another folder; nothing was lost.").format(
                path=folder, reason=exc.strerror or str(exc)
            )
        ) from None


def write_file(path: Path, data: bytes, *, folder_checked: bool = False) -> None:
    """Through a temporary file in the same folder, so a failure leaves no truncated file behind."""
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


def person_filename(number: int, letter: LetterContent, suffix: str) -> str:
    name = letter.recipient.name if letter.recipient is not None else ""
    return f"{number:04d}_{safe_filename(name)}{suffix}"


def write(
    ctx: DocumentContext,
    merge: MergePlan,
    out: Path,
    *,
    guide: bool = False,
    progress: ProgressCallback | None = None,
) -> MergeResult:
    """COMBINED: `out` is the PDF file (or a folder to put 本人通知_印刷用.pdf in); otherwise a folder."""
    if merge.blocking:
        raise InputError(_("Fix the problems listed for these people first; nothing was produced."))
    if not merge.letters:
        raise InputError(_("Nobody on the list can be reached this way; nothing was produced."))
    if merge.mode is MergeMode.COMBINED:
        target = out / COMBINED_NAME if out.is_dir() or not out.suffix else out
        check_folder(target.parent)
        pdf = render_letters(ctx, merge.laid_out, guide=guide, progress=progress)
        write_file(target, pdf)
        written = tuple(WrittenLetter(letter, None, letter_digest(letter)) for letter in merge.letters)
        return MergeResult(merge.mode, (target,), written, pdf)
    check_folder(out)
    files: list[Path] = []
    done: list[WrittenLetter] = []
    if merge.mode is MergeMode.SEPARATE:
        for number, (letter, data) in enumerate(
            render_separate(ctx, merge.laid_out, progress=progress), start=1
        ):
            path = out / person_filename(number, letter, ".pdf")
            write_file(path, data, folder_checked=True)
            files.append(path)
            done.append(WrittenLetter(letter, path, hashlib.sha256(data).hexdigest()))
    else:
        total = len(merge.letters)
        for number, letter in enumerate(merge.letters, start=1):
            data = eml_bytes(ctx, letter)
            path = out / person_filename(number, letter, ".eml")
            write_file(path, data, folder_checked=True)
            files.append(path)
            done.append(WrittenLetter(letter, path, hashlib.sha256(data).hexdigest()))
            if progress is not None and not progress(number, total):
                raise OperationCancelled()
    return MergeResult(merge.mode, tuple(files), tuple(done))
