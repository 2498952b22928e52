"""Emoji in an incident's 件名 are refused where it is typed (wizard, new incident, workspace), never printed as
boxes (issue 15, point 4); 髙, 﨑 and ★ stay allowed."""

from __future__ import annotations

import pytest

from app.db.database import Database
from app.errors import InputError
from app.paths import DataPaths
from app.services.incidents import IncidentService
from app.services.workspace import OverviewService
from app.wizard.questions import QuestionId as Q
from app.wizard.validation import problems
from tests.wizard.conftest import NOW, answers

MESSAGE = "件名に絵文字（U+1F631）は使えません。書類に印刷できないためです。文字で書き換えてください。"


def test_the_wizard_names_the_emoji_by_code_point() -> None:
    base = answers("leak", ["name"])
    assert problems(Q.TITLE, {**base, "title": "メール誤送信😱"}, NOW) == {"title": MESSAGE}
    assert problems(Q.TITLE, {**base, "title": "髙橋様・山﨑様分のメール誤送信★"}, NOW) == {}
    flag = problems(Q.TITLE, {**base, "title": "👨\u200d👩\u200d👧 家族会員"}, NOW)["title"]
    assert "U+1F468、U+200D、U+1F469、U+1F467" in flag


def test_the_services_refuse_an_emoji_title(data_paths: DataPaths) -> None:
    db = Database.open(data_paths)
    try:
        incidents = IncidentService(db)
        with pytest.raises(InputError, match="U\\+1F631"):
            incidents.create("メール誤送信😱", {"learned_date": "2026-11-01"}, None, None)
        incident_id = incidents.create("メール誤送信", {"learned_date": "2026-11-01"}, None, None)
        with pytest.raises(InputError) as refused:
            OverviewService(db).set_title(incident_id, "メール誤送信😱")
        assert refused.value.user_text() == MESSAGE
        assert OverviewService(db).overview(incident_id).title == "メール誤送信"
    finally:
        db.close()
