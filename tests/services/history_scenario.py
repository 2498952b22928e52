"""One incident worked on by two officers (two OS users), shared by the SQLite and PostgreSQL history tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.db.database import Database
from app.documents.context import Recipient
from app.domain.filing import FilingKind
from app.services.notices import Delivery, NoticeService
from app.services.root import Services
from tests.register.conftest import assessed

JST = dt.timezone(dt.timedelta(hours=9))
RECIPIENT = Recipient("C1", "髙橋 一郎", "100-0001", "東京都千代田区千代田1-1", email="ichiro@example.jp")
TIMELINE_TEXT = "﨑山様から電話で連絡あり"
PERSONAL = ("髙橋", "一郎", "千代田", "ichiro@", "﨑山", "誤って記録")


@dataclass(frozen=True)
class Worked:
    incident: int
    step_label: str


def act_as(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The OS user `audit.current_actor` reads (getpass), as on the PC where that officer is logged in."""
    monkeypatch.setattr("getpass.getuser", lambda: name)


def work_on_incident(monkeypatch: pytest.MonkeyPatch, yamada: Services, suzuki: Database) -> Worked:
    """山田 registers and retitles; 鈴木 (another PC: its own Services on the same register) ticks a step, records
    the 速報 and a notice run, and withdraws the 速報 recorded by mistake."""
    act_as(monkeypatch, "yamada")
    incident = assessed(yamada.db, "健診結果の誤送信")
    yamada.overview.set_title(incident, "健診結果の誤送信（人事部）")
    act_as(monkeypatch, "suzuki")
    other = Services(suzuki)
    step = other.checklist.steps(incident)[0]
    other.checklist.set_done(step.id, True)
    sent = dt.datetime.now(JST) - dt.timedelta(days=2)
    filing = other.filings.record(incident, FilingKind.SOKUHO, sent, "ppc_form", receipt_number="A-123")
    other.timeline.append(incident, sent, TIMELINE_TEXT)
    NoticeService(suzuki).record_sent(
        incident, [Delivery(RECIPIENT, (), "0" * 64)], channel="letter", sent_at=sent
    )
    other.filings.withdraw(filing, "誤って記録")
    return Worked(incident, step.label)


def expected_lines(step_label: str) -> list[tuple[str, str]]:
    """(actor, text) of the officer's own actions, newest first (the automatic lines in between are skipped)."""
    return [
        ("suzuki", "速報の提出記録を取り消しました"),
        ("suzuki", "本人通知の送付を記録しました（1名）"),
        ("suzuki", "事実経過を追加しました"),
        ("suzuki", "速報の提出を記録しました（受付番号 A-123）"),
        ("suzuki", f"対応チェックリストの「{step_label}」を完了にしました"),
        ("yamada", "件名を変更しました"),
        ("yamada", "事案を登録しました"),
    ]
