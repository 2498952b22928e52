"""The response checklist: GL 3-5-2's steps, the first actions for the kind, what each law asks to file."""

from __future__ import annotations

from app.db.codec import encode, read_assessment
from app.domain.checklist import GROUP_ORDER, STEPS, ChecklistGroup, checklist_for, item
from app.domain.office import OfficeProfile
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.wizard.mapping import answers_to_facts
from tests.wizard.conftest import answers


def assessed(**extra: object):  # type: ignore[no-untyped-def]
    return assess(answers_to_facts(answers(**extra), OfficeProfile(name="x")))  # type: ignore[arg-type]


def codes(kind: str | None, assessment: object) -> list[str]:
    return [step.code for step in checklist_for(kind, assessment)]  # type: ignore[arg-type]


def test_mis_sent_email_starts_by_asking_the_recipient_to_delete_and_confirm() -> None:
    result = assessed(
        kind="email_missend", data=["diagnosis"], recovered="no", encryption={"encrypted": "no"}
    )
    steps = checklist_for("email_missend", result)
    assert steps[0].code == "email_ask_delete"
    assert steps[0].label == "誤送信先にメールの削除を依頼し、削除したことを書面（メール可）で確認してもらう"
    assert steps[0].group is ChecklistGroup.CONTAIN
    found = [step.code for step in steps]
    assert {"file_sokuho_ppc", "file_kakuho", "notify_individuals"} <= set(found)
    assert "record_not_reportable" not in found


def test_steps_come_in_the_guideline_order() -> None:
    result = assessed(kind="ransomware", data=["name"], backup="no", indicators={"signs": []})
    groups = [step.group for step in checklist_for("ransomware", result)]
    assert groups == sorted(groups, key=GROUP_ORDER.index)
    assert codes("ransomware", result)[:2] == ["ransomware_isolate", "ransomware_no_contact"]


def test_theft_means_a_police_report_and_a_remote_wipe() -> None:
    result = assessed(kind="theft", data=["name"], recovered="no", encryption={"encrypted": "no"})
    assert {"theft_police", "remote_wipe", "device_change_passwords"} <= set(codes("theft", result))


def test_a_processor_contacts_its_entrustor_first_and_files_nothing_itself() -> None:
    result = assessed(
        kind="misdelivery",
        data=["diagnosis"],
        recovered="no",
        encryption={"encrypted": "no"},
        role="processor",
    )
    found = codes("misdelivery", result)
    assert found[0] == "notify_entrustor"
    assert "file_sokuho_ppc" not in found and "notify_individuals" not in found


def test_a_report_from_our_contractor_asks_for_its_written_report() -> None:
    result = assessed(
        kind="processor_report",
        data=["name"],
        event={"event": "leak"},
        recovered="no",
        encryption={"encrypted": "no"},
    )
    assert codes("processor_report", result)[0] == "entrusted_written_report"


def test_not_reportable_keeps_the_reasoning_and_files_nothing() -> None:
    result = assessed(kind="email_missend", data=["name"], recovered="yes")
    found = codes("email_missend", result)
    assert found[-1] == "record_not_reportable"
    assert not {"file_sokuho_ppc", "file_kakuho", "notify_individuals"} & set(found)


def test_the_saved_json_gives_the_same_list_as_the_live_assessment() -> None:
    result = assessed(
        kind="loss",
        data=["name"],
        count=2000,
        loss_place="outside",
        count_crossing={"when": "from_start"},
        recovered="no",
        encryption={"encrypted": "no"},
    )
    assert checklist_for("loss", read_assessment(encode(result))) == checklist_for("loss", result)


def test_before_any_assessment_only_the_working_steps_are_listed() -> None:
    found = codes(None, None)
    assert found[0] == "report_internally"
    assert "record_not_reportable" not in found and "file_kakuho" not in found


def test_every_code_translates_and_unknown_codes_read_as_none() -> None:
    assert all(item(code) is not None and item(code).label for code in STEPS)  # type: ignore[union-attr]
    assert item("no_such_step") is None


# --- the 番号法 track (docs/domain.md §15): the duties follow both laws ------------------------------------------
def my_number(**fields: object):  # type: ignore[no-untyped-def]
    """An assessment with My Numbers in the data, from the facts of docs/domain.md §15.5."""
    base: dict[str, object] = {"role": "controller", "event": "leak", "data_items": ["name", "my_number"]}
    return assess(parse_facts({**base, **fields}))


EXAMPLE_1 = {"learned_date": "2026-06-10", "affected_count": 1, "bango": {"affected_count": 3}}
EXAMPLE_2 = {
    "learned_date": "2026-09-24",
    "possibility_only": True,
    "malicious": True,
    "malicious_basis": "ransomware",
    "affected_count": 40,
}
EXAMPLE_3 = {"learned_date": "2026-10-05", "affected_count": 150, "bango": {"affected_count": 150}}
REPORT_STEPS = {
    "file_sokuho_ppc",
    "file_sokuho_ministry",
    "file_kakuho",
    "file_sokuho_bango",
    "file_kakuho_bango",
    "file_my_number_path",
    "notify_individuals",
    "notify_individuals_bango",
    "notice_new_number",
    "substitute_measures",
}


def labels(kind: str, assessment: object) -> dict[str, str]:
    return {step.code: step.label for step in checklist_for(kind, assessment)}  # type: ignore[arg-type]


def test_a_report_due_under_the_my_number_act_alone_lists_its_filings_and_the_new_number_advice() -> None:
    """§15.5 example 3: 150 employees' numbers by e-mail; 第7条 not reportable, 番号法 category 4."""
    result = my_number(**EXAMPLE_3)
    found = labels("email_missend", result)
    assert set(found) & REPORT_STEPS == {
        "file_sokuho_bango",
        "file_kakuho_bango",
        "file_my_number_path",
        "notify_individuals_bango",
        "notice_new_number",
    }
    assert found["file_sokuho_bango"] == "個人情報保護委員会に番号法の速報を提出する"
    assert found["file_my_number_path"].startswith("委員会への報告は、報告フォームのマイナンバー用の入口から")
    assert "市区町村長に個人番号の変更を請求できる" in found["notice_new_number"]
    why = {step.code: step.why for step in checklist_for("email_missend", result)}
    assert "番号法7条2項" in why["notice_new_number"]
    assert "番号法29条の4第2項" in why["notify_individuals_bango"]
    assert "consider_publication" in found
    assert "record_not_reportable" not in found  # reportable under the 番号法: no "not reportable" note
    assert "bango_effort_report" not in found


def test_an_effort_report_is_considered_and_the_not_reportable_reasoning_kept() -> None:
    """§15.5 example 1: a 扶養控除等申告書 with 3 persons' numbers to a wrong address; neither law requires a report."""
    found = labels("misdelivery", my_number(**EXAMPLE_1))
    assert found["bango_effort_report"] == "番号法の報告（努力義務）を検討し、判断を記録する"
    assert found["record_not_reportable"] == "報告不要と判断した理由を台帳に残す"
    assert not set(found) & (REPORT_STEPS | {"consider_publication"})


def test_both_laws_reportable_file_once_through_the_my_number_path() -> None:
    """§15.5 example 2: ransomware on the payroll PC; 第7条 3号 and 番号法 2号 on the same dates, one filing."""
    result = my_number(**EXAMPLE_2)
    assert result.bango.filing is not None and result.bango.filing.value == "joint"
    found = codes("ransomware", result)
    assert set(found) & REPORT_STEPS == {
        "file_sokuho_ppc",
        "file_kakuho",
        "file_my_number_path",
        "notify_individuals",
        "notice_new_number",
    }
    assert "record_not_reportable" not in found


def test_a_delegated_sector_files_the_two_reports_separately() -> None:
    result = my_number(learned_date="2026-10-05", affected_count=1500, delegated_sector=True)
    assert result.bango.filing is not None and result.bango.filing.value == "separate"
    found = set(codes("email_missend", result))
    assert {"file_sokuho_ministry", "file_kakuho", "file_sokuho_bango", "file_kakuho_bango"} <= found
    assert "file_sokuho_ppc" not in found


def test_appi_only_still_files_through_the_my_number_path_without_a_my_number_report() -> None:
    result = my_number(learned_date="2026-10-05", affected_count=1500, bango={"affected_count": 100})
    assert result.bango.filing is not None and result.bango.filing.value == "appi_only"
    found = set(codes("email_missend", result))
    assert {"file_sokuho_ppc", "file_kakuho", "file_my_number_path", "notify_individuals"} <= found
    assert not {"file_sokuho_bango", "notify_individuals_bango", "notice_new_number"} & found


def test_a_processor_reportable_only_under_the_my_number_act_notifies_its_entrustor() -> None:
    result = my_number(role="processor", **EXAMPLE_3)
    found = codes("email_missend", result)
    assert found[0] == "notify_entrustor"
    assert not set(found) & (REPORT_STEPS | {"record_not_reportable", "consider_publication"})


def test_high_grade_encryption_owes_nothing_under_either_law() -> None:
    """§15.5 example 5: no report, no effort report; the reasoning is kept."""
    result = my_number(
        learned_date="2026-05-12",
        possibility_only=True,
        malicious=True,
        malicious_basis="theft",
        affected_count=30,
        encryption={"encrypted": True, "high_grade": True},
    )
    found = set(codes("theft", result))
    assert "record_not_reportable" in found
    assert not found & (REPORT_STEPS | {"bango_effort_report"})


def test_an_assessment_saved_before_the_my_number_track_reads_as_before() -> None:
    saved = encode(my_number(**EXAMPLE_3))
    del saved["bango"]
    found = codes("email_missend", read_assessment(saved))
    assert found[-1] == "record_not_reportable"
    assert not {"file_sokuho_bango", "bango_effort_report"} & set(found)
    assert checklist_for("email_missend", read_assessment(encode(my_number(**EXAMPLE_3)))) == checklist_for(
        "email_missend", my_number(**EXAMPLE_3)
    )
