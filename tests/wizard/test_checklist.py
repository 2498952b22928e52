"""The response checklist: GL 3-5-2's five steps, the first actions for the kind, the filings the verdict needs."""

from __future__ import annotations

from app.domain.checklist import GROUP_ORDER, STEPS, ChecklistGroup, checklist_for, item
from app.domain.office import OfficeProfile
from app.rules import assess
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
    assert checklist_for("loss", result.to_json()) == checklist_for("loss", result)


def test_before_any_assessment_only_the_working_steps_are_listed() -> None:
    found = codes(None, None)
    assert found[0] == "report_internally"
    assert "record_not_reportable" not in found and "file_kakuho" not in found


def test_every_code_translates_and_unknown_codes_read_as_none() -> None:
    assert all(item(code) is not None and item(code).label for code in STEPS)  # type: ignore[union-attr]
    assert item("no_such_step") is None
