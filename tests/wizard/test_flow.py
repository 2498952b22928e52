"""Which questions the officer sees: skipped when they do not apply, dropped when a changed answer makes them moot."""

from __future__ import annotations

from app.wizard.flow import applicable_questions, next_question, prune
from app.wizard.questions import QuestionId as Q
from tests.wizard.conftest import answers


def codes(found: list[Q]) -> list[str]:
    return [q.value for q in found]


def test_a_new_incident_starts_with_what_happened_and_ends_with_its_name() -> None:
    questions = applicable_questions({"mode": "new"})
    assert questions[0] is Q.KIND
    assert questions[-1] is Q.TITLE
    assert Q.REASON not in questions
    assert next_question({"mode": "new"}) is Q.KIND


def test_mis_sent_email_asks_about_recovery_and_encryption_but_not_backups_or_intrusion() -> None:
    email = answers("email_missend", ["name", "email"], recovered="no")
    assert codes(applicable_questions(email)) == [
        "kind",
        "data",
        "scope",
        "count",
        "learned",
        "recovered",
        "encryption",
        "role",
        "office",
        "title",
    ]


def test_loss_inside_the_office_asks_for_a_copy_outside_asks_for_encryption() -> None:
    inside = answers("loss", ["name"], loss_place="inside", recovered="no")
    outside = answers("loss", ["name"], loss_place="outside", recovered="no")
    assert Q.BACKUP in applicable_questions(inside) and Q.ENCRYPTION not in applicable_questions(inside)
    assert Q.ENCRYPTION in applicable_questions(outside) and Q.BACKUP not in applicable_questions(outside)


def test_recovered_before_viewed_skips_every_later_follow_up() -> None:
    email = answers("email_missend", ["name"], recovered="yes")
    assert Q.ENCRYPTION not in applicable_questions(email)
    assert Q.ROLE in applicable_questions(email)


def test_ransomware_asks_for_backup_and_signs_of_theft_never_for_recovery() -> None:
    questions = applicable_questions(answers("ransomware", ["name"]))
    assert Q.BACKUP in questions and Q.INDICATORS in questions
    assert Q.RECOVERED not in questions and Q.ENCRYPTION not in questions


def test_a_contractor_report_asks_what_happened_but_not_whose_data_it_is() -> None:
    questions = applicable_questions(answers("processor_report", ["name"]))
    assert Q.EVENT in questions and Q.INDICATORS in questions
    assert Q.ROLE not in questions


def test_payment_question_only_when_both_login_id_and_password_leaked() -> None:
    assert Q.PAYMENT_LOGIN not in applicable_questions(answers("unauthorized_access", ["login_id"]))
    assert Q.PAYMENT_LOGIN in applicable_questions(answers("unauthorized_access", ["login_id", "password"]))


def test_the_1000_crossing_date_is_asked_only_above_1000() -> None:
    assert Q.COUNT_CROSSING not in applicable_questions(answers("loss", ["name"], count=1000))
    assert Q.COUNT_CROSSING in applicable_questions(answers("loss", ["name"], count=1001))


def test_pseudonymised_or_deliberately_provided_data_needs_no_follow_ups() -> None:
    for scope in ("pseudonymized", "intentional"):
        questions = applicable_questions(answers("email_missend", ["name"], scope=scope))
        assert Q.RECOVERED not in questions and Q.ENCRYPTION not in questions


def test_changing_the_kind_drops_the_answers_that_no_longer_apply() -> None:
    email = answers("email_missend", ["name"], recovered="no", encryption={"encrypted": "no"})
    changed = prune({**email, "kind": "ransomware"})
    assert "recovered" not in changed and "encryption" not in changed
    assert changed["data"] == ["name"] and changed["count"] == email["count"]
    back = prune({**changed, "kind": "email_missend"})
    assert "recovered" not in back  # dropped answers must be given again


def test_unticking_the_password_drops_the_payment_answer() -> None:
    shop = answers("unauthorized_access", ["login_id", "password"], payment_login="yes")
    assert prune({**shop, "data": ["login_id"]}).get("payment_login") is None


def test_prune_is_stable_and_keeps_plain_string_keys() -> None:
    once = prune({**answers("loss", ["name"], loss_place="inside"), Q.BACKUP: "yes"})
    assert prune(once) == once
    assert all(type(key) is str for key in once)


def test_next_question_walks_forward_and_finds_the_first_unanswered() -> None:
    email = answers("email_missend", ["name"])
    assert next_question(email, after=Q.LEARNED) is Q.RECOVERED
    assert next_question(email, after=Q.TITLE) is None
    assert next_question(email) is Q.RECOVERED  # not answered yet
    assert next_question({**email, "recovered": "no", "encryption": {"encrypted": "no"}}) is None


def test_reassessment_asks_for_the_reason_first_and_no_new_name() -> None:
    questions = applicable_questions({**answers("loss", ["name"]), "mode": "reassess"})
    assert questions[0] is Q.REASON
    assert Q.TITLE not in questions
