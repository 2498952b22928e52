"""Which questions the officer sees: skipped when they do not apply, dropped when a changed answer makes them moot."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.wizard.flow import ORDER, applicable_questions, prune
from app.wizard.progress import next_question, unanswered
from app.wizard.questions import QuestionId as Q
from app.wizard.validation import is_complete
from tests.wizard.conftest import NO_SIGNS, answers


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
        "my_number",
        "scope",
        "count",
        "learned",
        "cause",
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
    assert next_question(email, after=Q.LEARNED) is Q.CAUSE
    assert next_question(email, after=Q.CAUSE) is Q.RECOVERED
    assert next_question(email, after=Q.TITLE) is Q.RECOVERED  # past the last page: back to what is open
    assert next_question(email) is Q.RECOVERED  # not answered yet
    done = {**email, "recovered": "no", "encryption": {"encrypted": "no"}}
    assert next_question(done) is None
    assert next_question(done, after=Q.TITLE) is None


def test_untouched_checkbox_pages_are_not_answers() -> None:
    """The signs page and the office page used to count as done before anyone looked at them."""
    other = answers("other", ["name"], event={"event": "leak", "suspected": False}, recovered="no")
    other["encryption"] = {"encrypted": "no"}
    untouched = {**other, "indicators": {"signs": [], "acquiring": False, "confirmed": False}}
    assert not is_complete(Q.INDICATORS, untouched)
    assert next_question(untouched) is Q.INDICATORS
    assert next_question(untouched, after=Q.TITLE) is Q.INDICATORS
    assert is_complete(Q.INDICATORS, {**other, "indicators": NO_SIGNS})
    assert is_complete(Q.INDICATORS, {**other, "indicators": {"signs": ["insider"]}})
    no_office = {key: value for key, value in other.items() if key != "office"}
    assert not is_complete(Q.OFFICE, no_office) and not is_complete(Q.OFFICE, {**other, "office": {}})
    assert next_question({**no_office, "indicators": NO_SIGNS}) is Q.OFFICE


def test_who_caused_it_is_asked_unless_the_kind_says_so() -> None:
    for kind in ("email_missend", "misdelivery", "loss", "erroneous_disposal", "system_fault", "other"):
        assert Q.CAUSE in applicable_questions(answers(kind, ["name"])), kind
    for kind in ("theft", "ransomware", "unauthorized_access"):
        assert Q.CAUSE not in applicable_questions(answers(kind, ["name"])), kind
    assert Q.CAUSE not in applicable_questions(answers("misdelivery", ["name"], scope="intentional"))


def test_a_cause_not_known_yet_asks_for_signs_of_wrongdoing() -> None:
    email = answers("email_missend", ["name"], recovered="no")
    assert Q.INDICATORS not in applicable_questions(email)
    assert Q.INDICATORS in applicable_questions({**email, "cause": "unknown"})


def test_my_numbers_bring_their_own_pages() -> None:
    plain = applicable_questions(answers("misdelivery", ["name"], recovered="no"))
    assert Q.MY_NUMBER in plain
    assert not {Q.BANGO_COUNT, Q.BANGO_CROSSING, Q.BANGO} & set(plain)
    for choice in ("yes", "unsure"):
        numbers = answers(
            "misdelivery", ["name"], my_number=choice, bango_count={"mode": "exact", "value": 101}
        )
        questions = applicable_questions(numbers)
        assert {Q.BANGO_COUNT, Q.BANGO_CROSSING, Q.BANGO} <= set(questions), choice
        assert questions.index(Q.BANGO_COUNT) == questions.index(Q.COUNT) + 1
    exactly_100 = answers(
        "misdelivery", ["name"], my_number="yes", bango_count={"mode": "exact", "value": 100}
    )
    assert Q.BANGO_CROSSING not in applicable_questions(exactly_100)


def test_my_numbers_keep_the_follow_ups_of_a_deliberate_provision() -> None:
    """番号法 judges a provision by its recipient, and ignores pseudonymisation (§15.2–15.3)."""
    provided = answers("misdelivery", ["name"], scope="intentional", my_number="yes")
    assert Q.RECOVERED in applicable_questions(provided) and Q.BANGO in applicable_questions(provided)
    assert Q.RECOVERED not in applicable_questions({**provided, "my_number": "no"})


def test_nothing_happened_to_the_data_is_an_answer_only_with_my_numbers() -> None:
    misuse = answers("other", ["name"], my_number="yes", event={"event": "none", "suspected": False})
    assert is_complete(Q.EVENT, misuse)
    assert not is_complete(Q.EVENT, {**misuse, "my_number": "no"})
    questions = applicable_questions(misuse)
    assert Q.RECOVERED not in questions and Q.INDICATORS not in questions and Q.CAUSE in questions


def test_the_my_number_page_asks_only_the_sub_questions_that_apply() -> None:
    base = answers("misdelivery", ["name"], my_number="yes", bango_count={"mode": "exact", "value": 3})
    base["recovered"], base["encryption"] = "no", {"encrypted": "no"}
    answered = {"viewable": "no", "use": "no", "violation": "no"}
    assert not is_complete(Q.BANGO, {**base, "bango": answered})  # a mis-sent form: where did it go?
    assert is_complete(Q.BANGO, {**base, "bango": {**answered, "recipient": "mistaken"}})
    lost = answers("loss", ["name"], my_number="yes", loss_place="outside")
    assert is_complete(Q.BANGO, {**lost, "bango": answered})
    provided = {**base, "scope": "intentional", "bango": {**answered, "recipient": "mistaken"}}
    assert not is_complete(Q.BANGO, provided)  # a provision the office chose did not go astray


def test_reassessment_asks_for_the_reason_first_and_no_new_name() -> None:
    questions = applicable_questions({**answers("loss", ["name"]), "mode": "reassess"})
    assert questions[0] is Q.REASON
    assert Q.TITLE not in questions


# --- no way of calling the flow reaches the result with an applicable question unanswered ------------------------
_DATA = ["name", "diagnosis", "card_number_full", "login_id", "password", "my_number"]
_VALUES: dict[Q, Any] = {
    Q.KIND: st.sampled_from(
        [
            *("email_missend", "misdelivery", "loss", "theft", "unauthorized_access", "ransomware"),
            *("erroneous_disposal", "system_fault", "processor_report", "other", "bogus"),
        ]
    ),
    Q.DATA: st.lists(st.sampled_from(_DATA), unique=True, max_size=4),
    Q.MY_NUMBER: st.sampled_from(["yes", "no", "unsure", ""]),
    Q.PAYMENT_LOGIN: st.sampled_from(["yes", "no"]),
    Q.SCOPE: st.sampled_from(["personal_data", "not_database", "pseudonymized", "intentional"]),
    Q.COUNT: st.fixed_dictionaries(
        {
            "mode": st.sampled_from(["exact", "at_most", None]),
            "value": st.sampled_from([0, 1, 1000, 1001]),
            "contact_all": st.sampled_from(["yes", "no", None]),
        }
    ),
    Q.BANGO_COUNT: st.fixed_dictionaries(
        {"mode": st.sampled_from(["exact", "at_most", None]), "value": st.sampled_from([1, 100, 101])}
    ),
    Q.LEARNED: st.sampled_from([{"learned_at": "2027-06-01T09:30:00+09:00"}, {"learned_at": None}, {}]),
    Q.COUNT_CROSSING: st.sampled_from([{"when": "from_start"}, {"when": "later", "date": None}, {}]),
    Q.BANGO_CROSSING: st.sampled_from([{"when": "from_start"}, {"when": "later", "date": "2027-06-02"}, {}]),
    Q.EVENT: st.fixed_dictionaries(
        {"event": st.sampled_from(["leak", "loss", "damage", "none", None]), "suspected": st.booleans()}
    ),
    Q.LOSS_PLACE: st.sampled_from(["inside", "outside", "unknown"]),
    Q.DISPOSAL: st.sampled_from(["destroyed", "not_destroyed", "unknown"]),
    Q.CAUSE: st.sampled_from(["outsider", "employee_on_purpose", "employee_mistake", "unknown", "x"]),
    Q.RECOVERED: st.sampled_from(["yes", "no"]),
    Q.ENCRYPTION: st.sampled_from(
        [{"encrypted": "no"}, {"encrypted": "yes"}, {"encrypted": "yes", "key": "safe"}]
    ),
    Q.BACKUP: st.sampled_from(["yes", "no"]),
    Q.INDICATORS: st.sampled_from([{"signs": []}, {"signs": [], "none": True}, {"signs": ["insider"]}, {}]),
    Q.BANGO: st.dictionaries(
        st.sampled_from(["viewable", "recipient", "use", "violation"]),
        st.sampled_from(["yes", "no", "mistaken", "entitled", "private"]),
    ),
    Q.ROLE: st.sampled_from(["own", "via_contractor", "processor"]),
    Q.OFFICE: st.sampled_from([{}, {"gdpr": False}, {"gdpr": True}]),
    Q.TITLE: st.sampled_from(["", "  ", "事案"]),
    Q.REASON: st.sampled_from(["", "人数が増えた"]),
}
ANSWER_SETS = st.builds(
    lambda mode, picked: {"mode": mode, **{q.value: value for q, value in picked.items()}},
    st.sampled_from(["new", "reassess"]),
    st.fixed_dictionaries({}, optional=_VALUES),
)


@settings(max_examples=400, deadline=None)
@given(ANSWER_SETS, st.sampled_from([None, *ORDER]))
def test_the_result_comes_only_when_every_applicable_question_is_answered(
    given_answers: dict[str, Any], after: Q | None
) -> None:
    following = next_question(given_answers, after=after)
    if following is None:
        assert all(is_complete(q, given_answers) for q in applicable_questions(given_answers))
    else:
        assert following in applicable_questions(given_answers)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.booleans(), min_size=60, max_size=60))
def test_a_caller_that_leaves_pages_unanswered_never_reaches_the_result(answer_it: list[bool]) -> None:
    """Walk page after page with `after`, answering some pages from a finished set and passing others by."""
    finished = prune(
        {**answers("other", ["name"], event={"event": "leak", "suspected": False}), "recovered": "no"}
    )
    finished["encryption"] = {"encrypted": "no"}
    current: dict[str, Any] = {"mode": "new"}
    page = next_question(current)
    for answer_now in answer_it:
        if page is None:
            break
        if answer_now and page.value in finished:
            current = prune({**current, page.value: finished[page.value]})
        page = next_question(current, after=page)
    if page is None:
        assert unanswered(current) == []
