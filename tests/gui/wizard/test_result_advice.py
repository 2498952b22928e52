"""The result page's 速報 advice is the one that fits today, for both laws (issue 18: no advice for a day already
past). The incident is learned on 2027-06-01 (day 1): the guide window runs from 6/3 (day 3) to 6/5 (day 5)."""

from __future__ import annotations

import datetime as dt

from app.domain.dates import JST
from app.wizard.questions import QuestionId as Q
from tests.gui.wizard.driver import NOW, Driver


def payroll_mis_sent(d: Driver) -> None:
    """150 persons' My Numbers and health data by e-mail to a wrong address: 第7条 1号 and 番号法 4号."""
    d.start("email_missend", "name", "health_checkup_result", my_number="yes")
    d.count(150)
    d.bango_count(150)
    d.learned()
    d.at(Q.BANGO_CROSSING)
    d.answer("from_start")
    d.cause()
    d.at(Q.RECOVERED)
    d.answer("no")
    d.at(Q.ENCRYPTION)
    d.answer("no")
    d.bango(viewable="no", recipient="mistaken", use="no", violation="no")
    d.at(Q.ROLE)
    d.answer("own")
    d.office()
    d.title("源泉徴収票データの誤送信")


def why(d: Driver) -> tuple[str, str]:
    sections = d.wizard.result_page.sections
    return sections["why"][1].text(), sections["why_bango"][1].text()


def test_the_result_page_advice_follows_the_day_the_officer_reads_it(drive) -> None:  # type: ignore[no-untyped-def]
    clock = [NOW]  # 6/2, day 2
    d = drive(now=lambda: clock[0])
    payroll_mis_sent(d)
    appi, bango = why(d)
    assert "3日目の2027年6月3日（木）までの報告をお勧めします" in appi
    assert "番号法 速報：個人情報保護法の速報と同じく" in bango
    assert "本日中" not in appi + bango and "過ぎています" not in appi + bango

    clock[0] = dt.datetime(2027, 6, 4, 9, 0, tzinfo=JST)  # day 4: the draft finished two days later
    d.back()
    d.next()
    appi, bango = why(d)
    assert "3日目の" not in appi
    assert "本日中の報告をお勧めします（遅くとも2027年6月5日（土）まで）" in appi
    assert (
        "番号法 速報：ガイドラインの目安（概ね3〜5日以内）の期間に入っています。本日中の報告をお勧めします"
        in bango
    )

    clock[0] = dt.datetime(2027, 6, 7, 9, 0, tzinfo=JST)  # day 7: past the guide
    d.back()
    d.next()
    appi, bango = why(d)
    assert "本日中" not in appi + bango and "3日目の" not in appi
    assert (
        "速報：ガイドラインの目安（概ね3〜5日以内、2027年6月5日（土）まで）を過ぎています。直ちに報告してください"
        in appi
    )
    assert "番号法 速報：ガイドラインの目安（概ね3〜5日以内、2027年6月5日（土）まで）を過ぎています" in bango
