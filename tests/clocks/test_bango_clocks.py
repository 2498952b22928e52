"""The 番号法 track's clocks (docs/domain.md §15): one clock where both laws fall due together, two where they do not.

Assessments come from the real engine (app.rules.bango) with the public worked examples of §15.5.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from app.deadlines.clocks import ClockKind, ClockState, clocks_for
from app.deadlines.ics import calendar_bytes
from app.deadlines.reminders import ReminderSettings, due_reminders, schedule, startup_summary
from app.domain.facts import BangoFacts
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.i18n import set_language
from tests.clocks.helpers import Subject, assessed, clocks_at, jst
from tests.rules.factories import DataItem, MaliciousBasis, Role

MY_NUMBER = (DataItem.NAME, DataItem.MY_NUMBER)
DOMAIN = "test.breachdesk"


@pytest.fixture(autouse=True)
def japanese() -> Any:
    set_language("ja")
    yield
    set_language("ja")


def ransomware_payroll(**changes: Any) -> dict[str, Any]:
    """§15.5 example 2: ransomware on the payroll PC with exfiltration traces, 40 employees, learned 2026-09-24."""
    facts: dict[str, Any] = {
        "data_items": MY_NUMBER,
        "malicious": True,
        "malicious_basis": MaliciousBasis.RANSOMWARE,
        "affected_count": 40,
        "learned_date": dt.date(2026, 9, 24),
    }
    facts.update(changes)
    return assessed(**facts)


def excel_to_wrong_address(**changes: Any) -> dict[str, Any]:
    """§15.5 example 3: an Excel file with 150 employees' My Numbers e-mailed to a wrong outside address."""
    facts: dict[str, Any] = {
        "data_items": MY_NUMBER,
        "affected_count": 150,
        "learned_date": dt.date(2026, 10, 5),
    }
    facts.update(changes)
    return assessed(**facts)


def test_example_2_both_laws_on_the_same_days_give_one_set_of_clocks() -> None:
    assessment = ransomware_payroll()
    assert assessment["applicable_items"] == [3] and assessment["bango"]["categories"] == [2]
    clocks = clocks_at(jst(2026, 9, 25), assessment, subject=Subject(learned_date=dt.date(2026, 9, 24)))
    assert set(clocks) == {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE}
    assert all(clock.joint for clock in clocks.values())
    sokuho, kakuho = clocks[ClockKind.SOKUHO], clocks[ClockKind.KAKUHO]
    assert (sokuho.due_from, sokuho.due_date) == (dt.date(2026, 9, 26), dt.date(2026, 9, 28))
    # 60th day 11/22 is a Sunday and 11/23 勤労感謝の日: the next open day.
    assert (kakuho.nth_day, kakuho.due_date, kakuho.moved) == (
        dt.date(2026, 11, 22),
        dt.date(2026, 11, 24),
        True,
    )
    assert kakuho.label() == "確報（個人情報保護法・番号法）"
    assert sokuho.label() == "速報（個人情報保護法・番号法）"
    assert clocks[ClockKind.INDIVIDUAL_NOTICE].label() == "本人通知（個人情報保護法・番号法）"
    # Both laws' bases, each on its own line, so the officer can cite either.
    assert kakuho.legal_basis.splitlines() == [
        "規則8条2項・ガイドライン3-5-3-4：30日以内（3号に当たる場合は60日以内）。末日が行政機関の休日のときは翌開庁日",
        "番号法29条の4第1項・規則3条2項・GL-B 別添2 3E：30日以内（2号に当たる場合は60日以内）。"
        "末日が行政機関の休日のときは翌開庁日",
    ]
    # The keys are the 第7条 ones: reminders and calendar events the officer already has stay the same.
    assert (kakuho.key, sokuho.key) == ("1:kakuho", "1:sokuho")


def test_one_joint_filing_stops_both_laws_clocks() -> None:
    filings = [(FilingKind.SOKUHO, jst(2026, 9, 27)), (FilingKind.KAKUHO, jst(2026, 10, 30))]
    clocks = clocks_at(jst(2026, 11, 1), ransomware_payroll(), filings)  # type: ignore[arg-type]
    assert clocks[ClockKind.SOKUHO].state is ClockState.DONE_ON_TIME
    assert clocks[ClockKind.KAKUHO].state is ClockState.DONE_ON_TIME
    assert clocks[ClockKind.INDIVIDUAL_NOTICE].state is ClockState.OPEN_NO_DATE


def test_example_3_only_the_my_number_act_has_clocks_labelled_as_such() -> None:
    assessment = excel_to_wrong_address()
    assert assessment["applicable_items"] == [] and assessment["bango"]["categories"] == [4]
    clocks = clocks_at(jst(2026, 10, 6), assessment, subject=Subject(learned_date=dt.date(2026, 10, 5)))
    assert set(clocks) == {
        ClockKind.BANGO_SOKUHO,
        ClockKind.BANGO_KAKUHO,
        ClockKind.BANGO_INDIVIDUAL_NOTICE,
    }
    sokuho, kakuho = clocks[ClockKind.BANGO_SOKUHO], clocks[ClockKind.BANGO_KAKUHO]
    assert (sokuho.due_from, sokuho.due_date, sokuho.state) == (
        dt.date(2026, 10, 7),
        dt.date(2026, 10, 9),
        ClockState.UPCOMING,
    )
    # 30th day 11/3 is 文化の日: moved to 11/4.
    assert (kakuho.nth_day, kakuho.due_date, kakuho.moved, kakuho.days_left) == (
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 4),
        True,
        29,
    )
    assert sokuho.label() == "番号法 速報"
    assert kakuho.label() == "番号法 確報（30日以内）"
    assert clocks[ClockKind.BANGO_INDIVIDUAL_NOTICE].label() == "番号法 本人通知"
    assert "規則3条1項" in sokuho.legal_basis and "GL-B 別添2 3D" in sokuho.legal_basis
    assert "番号法29条の4第2項・規則5条" in clocks[ClockKind.BANGO_INDIVIDUAL_NOTICE].legal_basis
    assert kakuho.key == "1:bango_kakuho" and not kakuho.joint
    # The filing on the PPC form's My Number path stops them.
    done = clocks_at(jst(2026, 10, 9), assessment, [(FilingKind.SOKUHO_KAKUHO, jst(2026, 10, 8))])
    assert done[ClockKind.BANGO_SOKUHO].state is ClockState.DONE_ON_TIME
    assert done[ClockKind.BANGO_KAKUHO].state is ClockState.DONE_ON_TIME


def test_different_days_give_separate_clocks_and_a_joint_filing_still_stops_both() -> None:
    """1号 (a diagnosis) from 7/1, and the count found to exceed 100 on 7/12: the 番号法 clocks run from 7/12."""
    assessment = assessed(
        data_items=(DataItem.NAME, DataItem.DIAGNOSIS, DataItem.MY_NUMBER),
        affected_count=150,
        bango=BangoFacts(count_exceeded_100_learned_date=dt.date(2027, 7, 12)),
    )
    clocks = clocks_at(jst(2027, 7, 13), assessment)
    assert set(clocks) == {
        ClockKind.SOKUHO,
        ClockKind.KAKUHO,
        ClockKind.INDIVIDUAL_NOTICE,
        ClockKind.BANGO_SOKUHO,
        ClockKind.BANGO_KAKUHO,
        ClockKind.BANGO_INDIVIDUAL_NOTICE,
    }
    assert not any(c.joint for c in clocks.values())
    assert clocks[ClockKind.KAKUHO].due_date == dt.date(2027, 7, 30)
    assert clocks[ClockKind.BANGO_KAKUHO].due_date == dt.date(2027, 8, 10)
    assert clocks[ClockKind.BANGO_SOKUHO].due_date == dt.date(2027, 7, 16)
    assert clocks[ClockKind.SOKUHO].state is ClockState.OVERDUE  # 7/3〜7/5 passed
    # A 速報 and a notice made before 7/12 could not include the 番号法 category found that day.
    early = [(FilingKind.SOKUHO, jst(2027, 7, 4)), (FilingKind.INDIVIDUAL_NOTICE, jst(2027, 7, 8))]
    before = clocks_at(jst(2027, 7, 13), assessment, early)  # type: ignore[arg-type]
    assert before[ClockKind.SOKUHO].state is ClockState.DONE_ON_TIME
    assert before[ClockKind.INDIVIDUAL_NOTICE].state is ClockState.DONE_ON_TIME
    assert before[ClockKind.BANGO_SOKUHO].state is ClockState.UPCOMING
    assert before[ClockKind.BANGO_INDIVIDUAL_NOTICE].state is ClockState.OPEN_NO_DATE
    # One 確報 on the PPC form's My Number path after 7/12 serves both laws.
    filed = clocks_at(jst(2027, 7, 20), assessment, [(FilingKind.KAKUHO, jst(2027, 7, 20))])
    assert filed[ClockKind.KAKUHO].state is ClockState.DONE_ON_TIME
    assert filed[ClockKind.BANGO_KAKUHO].state is ClockState.DONE_ON_TIME


def test_separate_filings_are_told_apart_by_channel() -> None:
    """The sector's minister receives the 第7条 report, the PPC the 番号法 one: same days, still two clocks."""
    assessment = assessed(
        data_items=MY_NUMBER, malicious=True, malicious_basis=MaliciousBasis.RANSOMWARE, delegated_sector=True
    )
    assert assessment["bango"]["filing"] == "separate"
    clocks = clocks_at(jst(2027, 7, 2), assessment)
    assert {ClockKind.SOKUHO, ClockKind.BANGO_SOKUHO, ClockKind.KAKUHO, ClockKind.BANGO_KAKUHO} <= set(clocks)
    assert clocks[ClockKind.SOKUHO].due_date == clocks[ClockKind.BANGO_SOKUHO].due_date
    assert not clocks[ClockKind.SOKUHO].joint

    def states(*filings: tuple[Any, ...]) -> tuple[ClockState, ClockState]:
        found = {
            c.kind: c for c in clocks_for(Subject(), assessment, filings, OfficeProfile(), jst(2027, 7, 4))
        }  # type: ignore[arg-type]
        return found[ClockKind.SOKUHO].state, found[ClockKind.BANGO_SOKUHO].state

    done, running = ClockState.DONE_ON_TIME, ClockState.UPCOMING
    assert states((FilingKind.SOKUHO, jst(2027, 7, 3), "ministry")) == (done, running)
    assert states((FilingKind.SOKUHO, jst(2027, 7, 3), "ppc_form")) == (running, done)
    assert states(
        (FilingKind.SOKUHO, jst(2027, 7, 3), "ministry"), (FilingKind.SOKUHO, jst(2027, 7, 3), "ppc_form")
    ) == (
        done,
        done,
    )
    assert states((FilingKind.SOKUHO, jst(2027, 7, 3))) == (done, done)  # no channel given: it stops both


def test_a_processor_notifies_its_entrustor_under_the_my_number_act() -> None:
    assessment = excel_to_wrong_address(role=Role.PROCESSOR)
    clocks = clocks_at(jst(2026, 10, 6), assessment)
    assert set(clocks) == {ClockKind.BANGO_ENTRUSTOR_NOTICE}
    notice = clocks[ClockKind.BANGO_ENTRUSTOR_NOTICE]
    assert (notice.due_from, notice.due_date, notice.label()) == (
        dt.date(2026, 10, 7),
        dt.date(2026, 10, 9),
        "番号法 委託元への通知",
    )
    assert "委託元へ通知した場合に限り" in notice.legal_basis
    stopped = clocks_at(jst(2026, 10, 8), assessment, [(FilingKind.ENTRUSTOR_NOTICE, jst(2026, 10, 7))])
    assert stopped[ClockKind.BANGO_ENTRUSTOR_NOTICE].state is ClockState.DONE_ON_TIME


def test_a_processor_reportable_under_both_laws_has_one_notice_to_its_entrustor() -> None:
    assessment = ransomware_payroll(role=Role.PROCESSOR)
    clocks = clocks_at(jst(2026, 9, 25), assessment)
    assert set(clocks) == {ClockKind.ENTRUSTOR_NOTICE}
    assert clocks[ClockKind.ENTRUSTOR_NOTICE].label() == "委託元への通知（個人情報保護法・番号法）"


def test_the_effort_report_is_an_undated_item_never_reminded() -> None:
    """§15.5 example 1: a 扶養控除等申告書 (1 employee + 2 dependents) posted to a wrong address."""
    assessment = excel_to_wrong_address(affected_count=3)
    assert assessment["bango"]["effort_report"] is True
    clocks = clocks_at(jst(2026, 10, 6), assessment, subject=Subject(learned_date=dt.date(2026, 10, 5)))
    assert set(clocks) == {ClockKind.BANGO_EFFORT_REPORT}
    effort = clocks[ClockKind.BANGO_EFFORT_REPORT]
    assert (effort.state, effort.due_date, effort.start) == (
        ClockState.OPEN_NO_DATE,
        None,
        dt.date(2026, 10, 5),
    )
    assert effort.label() == "番号法 報告（努力義務）"
    assert "努力義務であり、法的義務ではありません" in effort.legal_basis
    assert schedule(effort, ReminderSettings(), jst(2026, 10, 6, 10)) == []
    assert due_reminders([effort], ReminderSettings(), jst(2026, 10, 9, 10), set()) == []
    assert startup_summary([effort], include_undated=True) == []
    reported = clocks_at(
        jst(2026, 10, 9),
        assessment,
        [(FilingKind.SOKUHO, jst(2026, 10, 8))],
        subject=Subject(learned_date=dt.date(2026, 10, 5)),
    )
    assert reported[ClockKind.BANGO_EFFORT_REPORT].state is ClockState.DONE_ON_TIME


def test_high_grade_encryption_leaves_no_clock_and_no_effort_report() -> None:
    """§15.5 example 5: a stolen laptop, AES-256 with the key kept apart."""
    from app.domain.facts import Encryption

    assessment = excel_to_wrong_address(encryption=Encryption(encrypted=True, high_grade=True))
    assert clocks_at(jst(2026, 10, 6), assessment) == {}


def test_an_assessment_saved_before_the_my_number_track_keeps_its_clocks_as_they_were() -> None:
    saved = ransomware_payroll()
    old = {key: value for key, value in saved.items() if key != "bango"}
    clocks = clocks_at(jst(2026, 9, 25), old)
    assert set(clocks) == {ClockKind.SOKUHO, ClockKind.KAKUHO, ClockKind.INDIVIDUAL_NOTICE}
    assert not any(c.joint for c in clocks.values())
    assert clocks[ClockKind.KAKUHO].label() == "確報"


def test_a_reminder_shown_for_the_my_number_clock_is_not_shown_again_once_both_laws_coincide() -> None:
    """Re-assessed: first only the 番号法 確報 was due on 11/24, then the 第7条 one too, on the same day."""
    now = jst(2026, 11, 22, 9, 30)
    joint = clocks_at(now, ransomware_payroll())[ClockKind.KAKUHO]
    assert joint.joint
    # What the reminder store would hold had the 番号法 確報 been reminded on its own at 9:00 two days before.
    fired = {"1:bango_kakuho:2026-11-24:d2"}
    assert due_reminders([joint], ReminderSettings(), now, fired) == []
    fresh = due_reminders([joint], ReminderSettings(), now, set())
    assert [r.key for r in fresh] == ["1:kakuho:2026-11-24:d2"]


def test_calendar_file_one_event_for_both_laws_and_one_labelled_my_number_act() -> None:
    now = jst(2026, 10, 6)
    joint = clocks_for(
        Subject(1, "2026-0001", "給与PCのランサムウェア"), ransomware_payroll(), [], OfficeProfile(), now
    )
    alone = clocks_for(
        Subject(2, "2026-0002", "マイナンバー一覧の誤送信"),
        excel_to_wrong_address(),
        [],
        OfficeProfile(),
        now,
    )
    effort = clocks_for(
        Subject(3, "2026-0003", "申告書の誤送付"),
        excel_to_wrong_address(affected_count=3),
        [],
        OfficeProfile(),
        now,
    )
    calendar = Calendar.from_ical(calendar_bytes(joint + alone + effort, ReminderSettings(), now, DOMAIN))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"1-sokuho@{DOMAIN}",
        f"1-kakuho@{DOMAIN}",
        f"2-bango_sokuho@{DOMAIN}",
        f"2-bango_kakuho@{DOMAIN}",
    }  # undated duties (本人通知, the effort report) have no day to place
    kakuho = events[f"1-kakuho@{DOMAIN}"]
    assert str(kakuho["SUMMARY"]) == "【確報（個人情報保護法・番号法）】2026-0001 給与PCのランサムウェア"
    description = str(kakuho["DESCRIPTION"])
    assert "根拠：規則8条2項" in description and "根拠：番号法29条の4第1項・規則3条2項" in description
    assert "11月22日は日曜日、11月23日は勤労感謝の日のため、翌開庁日に繰り下げ" in description
    bango = events[f"2-bango_kakuho@{DOMAIN}"]
    assert str(bango["SUMMARY"]) == "【番号法 確報（30日以内）】2026-0002 マイナンバー一覧の誤送信"
    assert bango["DTSTART"].dt == dt.date(2026, 11, 4)
    assert "根拠：番号法29条の4第1項・規則3条2項" in str(bango["DESCRIPTION"])


def test_labels_in_english_name_both_laws() -> None:
    set_language("en")
    clocks = clocks_at(jst(2026, 9, 25), ransomware_payroll())
    assert clocks[ClockKind.KAKUHO].label() == "Final report (kakuho) (APPI and My Number Act)"
    alone = clocks_at(jst(2026, 10, 6), excel_to_wrong_address())
    assert alone[ClockKind.BANGO_KAKUHO].label() == "My Number Act final report (within 30 days)"
    # Calendar files stay Japanese whatever the UI language.
    assert alone[ClockKind.BANGO_KAKUHO].ja == "番号法 確報（30日以内）"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    persons=st.integers(min_value=1, max_value=1500),
    malicious=st.booleans(),
    sensitive=st.booleans(),
    later=st.one_of(st.none(), st.integers(min_value=1, max_value=40)),
    learned=st.dates(min_value=dt.date(2026, 4, 1), max_value=dt.date(2028, 12, 31)),
)
def test_every_dated_duty_of_either_law_has_exactly_one_clock(
    persons: int, malicious: bool, sensitive: bool, later: int | None, learned: dt.date
) -> None:
    """Whatever the facts: each 第7条 and 番号法 date appears on a clock, a shared one on a single joint clock."""
    items = (DataItem.NAME, DataItem.MY_NUMBER) + ((DataItem.DIAGNOSIS,) if sensitive else ())
    crossing = learned + dt.timedelta(days=later) if later is not None and persons > 100 else None
    facts: dict[str, Any] = {
        "data_items": items,
        "affected_count": persons,
        "learned_date": learned,
        "bango": BangoFacts(count_exceeded_100_learned_date=crossing),
    }
    if malicious:
        facts.update(malicious=True, malicious_basis=MaliciousBasis.UNAUTHORIZED_ACCESS)
    a = assessed(**facts)
    clocks = {
        c.kind: c for c in clocks_for(Subject(learned_date=learned), a, [], OfficeProfile(), jst(2026, 4, 1))
    }
    b = a["bango"]
    expected_bango = b["kakuho"]["deadline"] if b["kakuho"] else None
    expected_appi = a["kakuho"]["deadline"] if a["kakuho"] else None
    shown = {kind: c.due_date.isoformat() for kind, c in clocks.items() if c.due_date and "kakuho" in kind}
    # One clock only when the whole count is the same: the same deadline reached from different day-1s (4号 crossing
    # 100 a day later, both 30th days closed) is two clocks, each with its own 30th day.
    same = a["kakuho"] is not None and a["kakuho"] == b["kakuho"] and a["clock_start"] == b["clock_start"]
    if same:
        assert shown == {ClockKind.KAKUHO: expected_appi} and clocks[ClockKind.KAKUHO].joint
    else:
        wanted = {}
        if expected_appi:
            wanted[ClockKind.KAKUHO] = expected_appi
        if expected_bango:
            wanted[ClockKind.BANGO_KAKUHO] = expected_bango
        assert shown == wanted
    # 101 persons and more make the 番号法 report due; 100 and fewer, without another category, do not.
    assert (
        ClockKind.BANGO_KAKUHO in clocks or (ClockKind.KAKUHO in clocks and clocks[ClockKind.KAKUHO].joint)
    ) == bool(b["categories"])
    if not malicious and persons <= 100:
        assert ClockKind.BANGO_EFFORT_REPORT in clocks and not b["categories"]
    if persons > 100:
        assert 4 in b["categories"]
