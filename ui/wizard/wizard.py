"""「新しい事案を登録」: the QWizard that asks the 第7条 and 番号法 questions one at a time and saves an assessed incident.

The answers live in one plain dict (the draft) shared by the pages; the pure flow in app.wizard decides which page
comes next and which answers still apply. The draft is written to the register after every page and shortly after
every edit, so a crash loses nothing typed. Only Finish writes the incident, through AssessmentService.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from app.deadlines.advice import LiveFiling, filing_progress
from app.domain.assessment import Assessment
from app.domain.dates import JST
from app.domain.facts import Facts
from app.domain.incident_kind import IncidentKind
from app.domain.office import OfficeProfile
from app.errors import BreachDeskError, ConcurrentEdit, InputError, StorageError
from app.i18n import _
from app.rules import assess
from app.wizard import verdict
from app.wizard.drafts import WizardDraft
from app.wizard.flow import MODE_KEY, MODE_NEW, MODE_REASSESS, ORDER, mode, prune
from app.wizard.live import live_verdict
from app.wizard.mapping import answers_to_facts
from app.wizard.progress import next_question
from app.wizard.questions import QuestionId
from app.wizard.validation import is_complete, problems
from ui.common.messages import show_error
from ui.wizard.bango_pages import BangoCountPage, BangoCrossingPage, BangoPage
from ui.wizard.base_page import QuestionPage
from ui.wizard.conflict import ask_reload
from ui.wizard.pages import (
    CountPage,
    CrossingPage,
    DataPage,
    EncryptionPage,
    EventPage,
    IndicatorsPage,
    LearnedPage,
    OfficePage,
    TextPage,
)
from ui.wizard.panels import VerdictPanel
from ui.wizard.result_page import ResultPage

if TYPE_CHECKING:
    from app.services.root import Services

log = logging.getLogger(__name__)
Q = QuestionId


class PageId(IntEnum):
    """QWizard page ids: one per question, in the flow's order, then the result."""

    REASON = 1
    KIND = 2
    DATA = 3
    PAYMENT_LOGIN = 4
    SCOPE = 5
    COUNT = 6
    LEARNED = 7
    COUNT_CROSSING = 8
    EVENT = 9
    LOSS_PLACE = 10
    DISPOSAL = 11
    RECOVERED = 12
    ENCRYPTION = 13
    BACKUP = 14
    INDICATORS = 15
    ROLE = 16
    OFFICE = 17
    TITLE = 18
    MY_NUMBER = 19
    BANGO_COUNT = 20
    BANGO_CROSSING = 21
    CAUSE = 22
    BANGO = 23
    RESULT = 100


PAGE_OF: dict[QuestionId, int] = {q: PageId[q.name] for q in ORDER}
QUESTION_OF: dict[int, QuestionId] = {page: q for q, page in PAGE_OF.items()}
RESULT_PAGE = PageId.RESULT

_PAGE_CLASSES: dict[QuestionId, type[QuestionPage]] = {
    Q.DATA: DataPage,
    Q.COUNT: CountPage,
    Q.LEARNED: LearnedPage,
    Q.COUNT_CROSSING: CrossingPage,
    Q.EVENT: EventPage,
    Q.ENCRYPTION: EncryptionPage,
    Q.INDICATORS: IndicatorsPage,
    Q.OFFICE: OfficePage,
    Q.TITLE: TextPage,
    Q.REASON: TextPage,
    Q.BANGO_COUNT: BangoCountPage,
    Q.BANGO_CROSSING: BangoCrossingPage,
    Q.BANGO: BangoPage,
}
DRAFT_DELAY_MS = 800  # after the last keystroke; every page change saves at once


def _japan_now() -> dt.datetime:
    return dt.datetime.now(JST)


class IncidentWizard(QWizard):
    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        answers: Mapping[str, Any] | None = None,
        resume_at: QuestionId | None = None,
        office: OfficeProfile | None = None,
        previous_facts: Mapping[str, Any] | None = None,
        now: Callable[[], dt.datetime] | None = None,
        seen_version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        # A re-assessment: the incident's version the wizard was opened on; Finish is refused if someone saved
        # since (docs/adr/0013-optimistic-concurrency.md).
        self.seen_version = seen_version
        self._now = now or _japan_now
        self.office = office if office is not None else services.office.load()
        self.drafts = services.drafts
        self.answers: dict[str, Any] = prune(dict(answers) if answers else {MODE_KEY: MODE_NEW})
        self.previous_facts = dict(previous_facts or {})
        self.resume_at = resume_at
        self.created_id: int | None = None
        self._filings: list[LiveFiling] | None = None  # the re-assessed incident's, read once (live_filings)
        self.saved_assessment: Assessment | None = None
        self._resumed = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

        reassessing = mode(self.answers) == MODE_REASSESS
        self.setObjectName("incident_wizard")
        self.setWindowTitle(_("Re-assess the incident") if reassessing else _("Register a new incident"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.help_choice: bool | None = None
        self.helpRequested.connect(self.toggle_help)
        self.verdict_panel = VerdictPanel()
        self.setSideWidget(self.verdict_panel)
        self.question_pages: dict[QuestionId, QuestionPage] = {}
        for question in ORDER:
            page = _PAGE_CLASSES.get(question, QuestionPage)(self, question)
            self.question_pages[question] = page
            self.setPage(PAGE_OF[question], page)
        self.result_page = ResultPage(self)
        self.setPage(RESULT_PAGE, self.result_page)
        self.setStartId(PAGE_OF[Q.REASON if reassessing else Q.KIND])
        self.currentIdChanged.connect(self._page_changed)
        self._fit_to_screen()
        self.refresh_verdict()

    # --- the draft and the flow ------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        return self._now()

    def record(self, question: QuestionId, value: Any) -> None:
        """One page's answer changed: keep what still applies, re-assess, and save the draft soon."""
        if value is None:
            self.answers.pop(question.value, None)
        else:
            self.answers[question.value] = value
        self.answers = prune(self.answers)
        self.refresh_verdict()
        self._draft_timer.start()

    def _with(self, question: QuestionId, value: Any) -> dict[str, Any]:
        """The answers as they would be with `value` recorded for `question`."""
        answers = {key: item for key, item in self.answers.items() if key != question.value}
        if value is not None:
            answers[question.value] = value
        return prune(answers)

    def is_answered(self, question: QuestionId, value: Any) -> bool:
        answers = self._with(question, value)
        return is_complete(question, answers) and not problems(question, answers, self.now())

    def problems(self, question: QuestionId, value: Any) -> dict[str, str]:
        return problems(question, self._with(question, value), self.now())

    def page_after(self, question: QuestionId) -> int:
        following = next_question(self.answers, after=question)
        return PAGE_OF[following] if following is not None else RESULT_PAGE

    def current_question(self) -> QuestionId | None:
        return QUESTION_OF.get(self.currentId())

    def current_assessment(self) -> tuple[Assessment | None, Facts | None]:
        try:
            facts = answers_to_facts(self.answers, self.office, now=self.now())
            return assess(facts), facts
        except (InputError, ValueError):
            return None, None

    def live_filings(self) -> list[LiveFiling]:
        """The filings that count for the incident being re-assessed, read afresh (one withdrawn meanwhile counts no
        more) and kept for the side panel, which refreshes on every answer; a new incident has none."""
        incident_id = self.answers.get("incident_id")
        if mode(self.answers) != MODE_REASSESS or not isinstance(incident_id, int):
            self._filings = []
            return []
        try:
            recorded = self.services.filings.filings(incident_id, include_withdrawn=False)
        except (
            BreachDeskError
        ) as error:  # the page still shows the verdict; the workspace shows what was filed
            log.warning("could not read the incident's filings: %s", error.message)
            recorded = []
        self._filings = [LiveFiling(f.kind, f.filed_at, f.channel, f.receipt_number) for f in recorded]
        return list(self._filings)

    def refresh_verdict(self) -> None:
        """「まだ判定できません」 until every question that can change the verdict is answered (app.wizard.live)."""
        live = live_verdict(self.answers, self.office, self.now())
        progress = None
        if live.assessment is not None:
            filings = self._filings if self._filings is not None else self.live_filings()
            learned = live.facts.learned_date if live.facts is not None else None
            progress = filing_progress(live.assessment, filings, self.office, self.now(), learned)
        self.verdict_panel.show_live(live, self.answers, verdict.today_in_japan(self.now()), progress)

    def default_text(self, question: QuestionId) -> str:
        """The register name suggested from the answers: 「メール誤送信（2027年7月1日）」."""
        if question is not Q.TITLE:
            return ""
        kind = IncidentKind.parse(self.answers.get(Q.KIND))
        _assessment, facts = self.current_assessment()
        if kind is None or facts is None:
            return ""
        day = verdict.short_date(facts.learned_date, verdict.today_in_japan(self.now()))
        return _("{kind} ({learned})").format(kind=kind.label(), learned=day)

    def crossing_default(self, question: QuestionId = Q.COUNT_CROSSING) -> dict[str, Any]:
        """Re-assessing a case first counted at or below the threshold (1,000 people; 100 My Numbers): the crossing
        is presumably today's finding."""
        if mode(self.answers) != MODE_REASSESS:
            return {}
        source = self.previous_facts
        threshold = 1000
        if question is Q.BANGO_CROSSING:
            bango = self.previous_facts.get("bango")
            source = bango if isinstance(bango, dict) else {}
            threshold = 100
        counts = [
            c for c in (source.get("affected_count"), source.get("affected_count_max")) if isinstance(c, int)
        ]
        if counts and max(counts) > threshold:
            return {"when": "from_start"}
        return {"when": "later", "date": self.now().astimezone(JST).date().isoformat()}

    def save_draft(self) -> None:
        self._draft_timer.stop()
        draft = WizardDraft(answers=dict(self.answers), current=self.current_question(), saved_at=self.now())
        try:
            self.drafts.save(draft)
        except BreachDeskError as error:  # the wizard goes on; the incident is saved on Finish regardless
            log.warning("could not save the wizard draft: %s", error.message)

    def _page_changed(self, page_id: int) -> None:
        if page_id != -1:
            self.save_draft()
        self.setOption(QWizard.WizardOption.HaveHelpButton, self.current_question() is not None)

    def toggle_help(self) -> None:
        """ヘルプ(H): show or hide the help of every page; where it does not fit beside the question it takes the
        question's place and the keyboard focus, so a screen reader reads it at once."""
        page = self.currentPage()
        if not isinstance(page, QuestionPage):
            return
        shown = page.help_panel.isVisible()
        self.help_choice = not shown
        page.apply_help()
        if self.help_choice and page.is_narrow():
            page.help_panel.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.help_choice:
            page.focus_first()

    # --- opening where the officer left off ----------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._resumed:
            self._resumed = True
            target = self.resume_at
            if target is not None and target is not self.current_question():
                QTimer.singleShot(0, lambda: self.advance_to(target))

    def advance_to(self, target: QuestionId) -> None:
        """Walk forward through the answered pages, so 戻る still goes back through them."""
        wanted = PAGE_OF.get(target, RESULT_PAGE)
        while self.currentId() != wanted:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    # --- finishing -------------------------------------------------------------------------------------
    def accept(self) -> None:
        service = self.services.assessments
        self._draft_timer.stop()
        try:
            if mode(self.answers) == MODE_REASSESS:
                incident_id = int(self.answers.get("incident_id") or 0)
                self.saved_assessment = service.reassess_from_wizard(
                    incident_id, self.answers, self.office, now=self.now(), seen_version=self.seen_version
                )
            else:
                self.created_id = service.create_from_wizard(self.answers, self.office, now=self.now())
        except ConcurrentEdit as conflict:
            self.save_draft()  # the answers survive even a crash while the officer reads the question
            if ask_reload(self, conflict):
                self.load_latest(conflict.version)
            return
        except InputError as error:
            QMessageBox.warning(self, _("The incident was not saved"), error.message)
            return
        except StorageError as error:
            show_error(self, error)
            return
        self._clear_draft()
        super().accept()

    def load_latest(self, version: int) -> None:
        """Stand on the incident as saved now (its version, facts and filings); the officer's answers stay."""
        incident_id = int(self.answers.get("incident_id") or 0)
        self.seen_version = version
        detail = self.services.incidents.get(incident_id)
        if detail is not None:
            self.previous_facts = dict(detail.facts)
        self._filings = None
        self.refresh_verdict()
        page = self.currentPage()
        if isinstance(page, ResultPage):
            page.initializePage()

    def has_input(self) -> bool:
        return any(key not in (MODE_KEY, "incident_id") for key in self.answers)

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Discard what you entered?"),
            _("The answers you gave in this wizard will be lost. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        """Cancel, Esc and the window's close button all ask before anything typed is thrown away."""
        if self.has_input() and not self.confirm_discard():
            return
        self._draft_timer.stop()
        self._clear_draft()
        super().reject()

    def _clear_draft(self) -> None:
        try:
            self.drafts.clear()
        except BreachDeskError as error:
            log.warning("could not clear the wizard draft: %s", error.message)

    def _fit_to_screen(self) -> None:
        """1220x700 where it fits; on a 1366x768 laptop it stays inside the work area."""
        screen = self.screen().availableGeometry()
        self.resize(min(1220, int(screen.width() * 0.96)), min(700, int(screen.height() * 0.92)))
