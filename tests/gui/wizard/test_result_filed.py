"""Re-assessing an incident whose 速報 is filed: the result page says so and advises only what is still open (issue 18:
wording follows the day). Learned 2027-06-01; the page is read on 6/4, day 4, when an open 速報 reads 「本日中」."""

from __future__ import annotations

import datetime as dt

from app.db.database import Database
from app.domain.dates import JST
from app.domain.filing import FilingKind
from app.services.assessments import AssessmentService
from app.services.root import Services
from app.services.workspace.filings import FilingService
from tests.gui.jp_input import type_japanese
from tests.gui.screen_checks import LAPTOP_AT_150, screen_problems
from tests.gui.wizard.conftest import OFFICE
from tests.gui.wizard.driver import NOW, Driver
from tests.wizard.conftest import answers as answer_set
from ui.shell.translations import install_qt_translators
from ui.wizard.launch import reassess_wizard
from ui.wizard.wizard import RESULT_PAGE

DAY4 = dt.datetime(2027, 6, 4, 9, 0, tzinfo=JST)
FILED = dt.datetime(2027, 6, 2, 11, 0, tzinfo=JST)


def payroll_incident(db: Database, *, my_number: bool = True) -> int:
    """Health data of 150 people by e-mail to a wrong address (1号); with My Numbers also 番号法 4号."""
    extra: dict[str, object] = {}
    if my_number:
        extra = {
            "my_number": "yes",
            "bango_count": {"mode": "exact", "value": 150},
            "bango_crossing": {"when": "from_start"},
            "bango": {
                "viewable": "no",
                "recipient": "mistaken",
                "use": "no",
                "violation": "no",
                "gov_system": False,
            },
        }
    first = answer_set(
        "email_missend",
        ["name", "health_checkup_result"],
        count=150,
        recovered="no",
        encryption={"encrypted": "no"},
        **extra,
    )
    return AssessmentService(db).create_from_wizard(first, OFFICE, now=NOW)


def to_result(qtbot, db: Database, incident_id: int) -> Driver:  # type: ignore[no-untyped-def]
    wizard = reassess_wizard(None, Services(db), incident_id, now=lambda: DAY4)
    assert wizard is not None
    wizard.resize(1220, 700)
    wizard.show()
    qtbot.addWidget(wizard)
    wizard.confirm_discard = lambda: True  # type: ignore[method-assign]
    d = Driver(qtbot, wizard)
    type_japanese(d.page.edit, "経過の確認")
    for _ in range(30):
        if wizard.currentId() == RESULT_PAGE:
            break
        d.next()
    assert wizard.currentId() == RESULT_PAGE
    return d


def section(d: Driver, key: str) -> str:
    return d.wizard.result_page.sections[key][1].text()


def reread(d: Driver) -> None:
    d.back()
    d.next()


def test_a_filed_sokuho_reads_as_filed_and_comes_back_when_withdrawn(qtbot, db) -> None:
    incident_id = payroll_incident(db)
    filings = FilingService(db)
    filing_id = filings.record(incident_id, FilingKind.SOKUHO, FILED, "ppc_form", receipt_number="PPC-0042")
    d = to_result(qtbot, db, incident_id)
    page = d.wizard.result_page
    deadlines = section(d, "deadlines")
    assert "速報（個人情報保護法・番号法）：2027年6月2日に提出済みです（受付番号 PPC-0042）" in deadlines
    assert "遅くとも6月5日まで" not in deadlines  # the filed step is not counted down
    assert "確報（個人情報保護法・番号法）：6月30日（あと26日）" in deadlines  # the open one still is
    appi, bango = section(d, "why"), section(d, "why_bango")
    assert "速報：2027年6月2日に提出済みです（受付番号 PPC-0042）" in appi
    assert "規則8条1項" in appi  # the citation stays
    assert "番号法 速報：2027年6月2日に提出済みです（受付番号 PPC-0042）" in bango
    assert "本日中" not in appi + bango and "お勧めします" not in appi + bango
    assert "確報：30日以内に報告してください" in appi
    assert "・個人情報保護委員会に速報を提出する（2027年6月2日に実施済み）" in section(d, "steps")
    assert "・確報を提出する<" in section(d, "steps")
    panel = d.wizard.verdict_panel.deadlines_label.text()  # the side panel beside it agrees
    assert "速報（個人情報保護法・番号法）</b><br>2027年6月2日に提出済み<" in panel
    assert "6月5日" not in panel and "確報（個人情報保護法・番号法）</b><br>6月30日" in panel
    assert screen_problems(d.wizard, LAPTOP_AT_150) == []
    d.wizard.grab().save("/tmp/e2/result_ja.png")
    # The verdict is the same as for an unfiled incident.
    assert page.headline_label.text() == "個人情報保護委員会への報告が必要です（規則7条1号）"

    filings.withdraw(filing_id, "別の事案の速報を誤って記録した")
    reread(d)
    deadlines, appi, bango = section(d, "deadlines"), section(d, "why"), section(d, "why_bango")
    assert "提出済み" not in deadlines + appi + bango
    d.wizard.live_filings()  # the result page read them afresh; the side panel follows on its next refresh
    d.wizard.refresh_verdict()
    assert "提出済み" not in d.wizard.verdict_panel.deadlines_label.text()
    assert "速報（個人情報保護法・番号法）：速やかに（遅くとも6月5日まで）（あと1日）" in deadlines
    assert "本日中の報告をお勧めします（遅くとも2027年6月5日（土）まで）" in appi
    assert (
        "番号法 速報：ガイドラインの目安（概ね3〜5日以内）の期間に入っています。本日中の報告をお勧めします"
        in bango
    )
    assert "・個人情報保護委員会に速報を提出する<" in section(d, "steps")


def test_the_filed_step_reads_in_english_too(qtbot, db, qapp) -> None:
    incident_id = payroll_incident(db, my_number=False)
    FilingService(db).record(incident_id, FilingKind.SOKUHO, FILED, "ppc_form")
    install_qt_translators(qapp, "en")
    d = to_result(qtbot, db, incident_id)
    deadlines, appi = section(d, "deadlines"), section(d, "why")
    assert "Preliminary report (sokuho): filed on June 2, 2027<" in deadlines
    assert "Preliminary report (sokuho): filed on June 2, 2027 <span style='color:#555'>[規則8条1項" in appi
    assert "Filing today is recommended" not in appi
    assert "Final report" in deadlines and "days to go" in deadlines
    assert "(done: June 2, 2027)" in section(d, "steps")
    assert "filed on June 2, 2027" in d.wizard.verdict_panel.deadlines_label.text()
    assert screen_problems(d.wizard, LAPTOP_AT_150) == []


def test_a_new_incident_has_no_filings_to_read(drive) -> None:
    d = drive()
    assert d.wizard.live_filings() == []
