"""The response checklist: the five internal steps of GL 3-5-2 (docs/domain.md §7.3) and first actions per kind (§13).

Codes are stored with the ticks the officer makes, so they never change; labels are translated when shown.
The steps do not depend on Qt or the database: the wizard's result page and the incident workspace both call
`checklist_for` with the incident kind and its latest assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.assessment import Assessment, ReportTo
from app.domain.incident_kind import IncidentKind
from app.i18n import N_, _


class ChecklistGroup(StrEnum):
    """GL 3-5-2 (1)–(5), in the order the guideline lists them."""

    CONTAIN = "contain"  # 社内報告・被害拡大防止
    INVESTIGATE = "investigate"  # 事実調査・原因究明
    IMPACT = "impact"  # 影響範囲の特定
    PREVENT = "prevent"  # 再発防止策の検討・実施
    REPORT = "report"  # 個人情報保護委員会への報告・本人通知・公表

    def label(self) -> str:
        return _(_GROUP_LABELS[self])


_GROUP_LABELS = {
    ChecklistGroup.CONTAIN: N_("Report internally and stop the damage spreading"),
    ChecklistGroup.INVESTIGATE: N_("Establish the facts and the cause"),
    ChecklistGroup.IMPACT: N_("Identify the impact"),
    ChecklistGroup.PREVENT: N_("Prevent a recurrence"),
    ChecklistGroup.REPORT: N_("Report, notify the individuals, publish"),
}
GROUP_ORDER: tuple[ChecklistGroup, ...] = tuple(ChecklistGroup)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One step, translated into the current UI language when it was built."""

    code: str
    label: str
    group: ChecklistGroup
    why: str


@dataclass(frozen=True, slots=True)
class _Step:
    group: ChecklistGroup
    label: str  # msgid
    why: str  # msgid


G = ChecklistGroup
S = _Step

STEPS: dict[str, _Step] = {
    # --- first actions tailored to the kind of incident (docs/domain.md §13) ---------------------------------------------
    "notify_entrustor": S(
        G.CONTAIN,
        N_("Notify the business that entrusted the data to you (the entrusting business)"),
        N_(
            "As a contractor you are released from the report and the notices once you tell the entrusting business "
            "promptly, as a guide within 3 to 5 days (Rules Art. 9; GL 3-5-3-5; for My Numbers, My Number Act "
            "Art. 29-4(1) proviso and GL-B Annex 2 3F)."
        ),
    ),
    "email_ask_delete": S(
        G.CONTAIN,
        N_("Ask the wrong recipient to delete the e-mail and to confirm the deletion in writing"),
        N_(
            "If every copy was deleted unread and you can show it, there may be no leak at all (GL 3-5-1-2; Q&A 6-1)."
        ),
    ),
    "email_stop_sending": S(
        G.CONTAIN,
        N_("Stop further sending and check the address book and auto-complete entries"),
        N_("The same wrong address is easily chosen again while everyone is busy with the incident."),
    ),
    "email_attachment_password": S(
        G.INVESTIGATE,
        N_("Check whether the attachment was encrypted and where its password was sent"),
        N_("A password sent to the same address does not protect the data."),
    ),
    "email_exposed_addresses": S(
        G.IMPACT,
        N_("If addresses were visible in To or CC instead of BCC, list every exposed address"),
        N_("Each visible address is a person whose data leaked; the count decides item 4."),
    ),
    "misdelivery_retrieve": S(
        G.CONTAIN,
        N_("Contact the recipient and collect the documents, or have them destroyed"),
        N_("Recovering everything before anyone looked at it means there is no leak (GL 3-5-1-2)."),
    ),
    "misdelivery_confirm_unviewed": S(
        G.INVESTIGATE,
        N_("Ask whether the contents were looked at, and keep the answer in writing"),
        N_("Whether anyone viewed the data decides whether it counts as a leak."),
    ),
    "misdelivery_resend": S(
        G.CONTAIN,
        N_("Tell the intended recipient and send the documents again correctly"),
        N_("The person expecting the documents should hear about it from you first."),
    ),
    "loss_search": S(
        G.CONTAIN,
        N_("Search where it may have been left and ask the places visited (station, taxi, shop)"),
        N_(
            "Found quickly and unopened, it may not be a leak; lost outside the office, it may be one (GL 3-5-1-3 ※2)."
        ),
    ),
    "loss_police": S(
        G.CONTAIN,
        N_("Report the loss to the police (lost property report) and keep the receipt number"),
        N_("Found property is returned through the police; the receipt number also goes into the report."),
    ),
    "theft_police": S(
        G.CONTAIN,
        N_("Report the theft to the police and keep the receipt number"),
        N_("Theft is an act with a wrongful purpose (item 3); the police report is part of the facts."),
    ),
    "remote_wipe": S(
        G.CONTAIN,
        N_("If a device is involved, lock or wipe it remotely and revoke its access"),
        N_(
            "A remote wipe is one of the measures that can make strong encryption count (Q&A on high-grade encryption)."
        ),
    ),
    "device_change_passwords": S(
        G.CONTAIN,
        N_("Change the passwords and sign out the accounts that were stored on the device"),
        N_("Saved passwords on a lost or stolen device open the systems behind it."),
    ),
    "check_encryption": S(
        G.INVESTIGATE,
        N_("Check whether the data was strongly encrypted and whether the key or password is safe"),
        N_(
            "Only strong encryption with the key kept apart and not leaked removes the duty to report (GL 3-5-3-1)."
        ),
    ),
    "access_change_passwords": S(
        G.CONTAIN,
        N_("Change the passwords involved and end all active sessions"),
        N_("Stolen credentials keep working until they are changed."),
    ),
    "access_block": S(
        G.CONTAIN,
        N_("Block the intruder: disable the affected accounts and close the entry point"),
        N_("Every hour the access stays open, more data may be taken."),
    ),
    "ransomware_isolate": S(
        G.CONTAIN,
        N_("Disconnect infected PCs and servers from the network, but do not switch them off"),
        N_("Unplugging stops the spread; leaving them on keeps evidence that is lost at shutdown."),
    ),
    "ransomware_no_contact": S(
        G.CONTAIN,
        N_("Do not contact the attackers or pay; keep the ransom note"),
        N_(
            "Paying does not guarantee recovery, and the note is evidence for the police and the investigators."
        ),
    ),
    "ransomware_check_backup": S(
        G.INVESTIGATE,
        N_("Check that the backups are intact and were not reached by the malware"),
        N_(
            "With an intact copy the data is not damaged or lost (GL 3-5-1-4), but theft must still be ruled out."
        ),
    ),
    "check_exfiltration": S(
        G.INVESTIGATE,
        N_("Have the logs checked for signs that data was taken out"),
        N_(
            "Signs of outside access make it a possible leak with a wrongful purpose (item 3; GL 3-5-3-1 ※4)."
        ),
    ),
    "preserve_logs": S(
        G.INVESTIGATE,
        N_("Preserve logs and other evidence before they are overwritten"),
        N_("Logs are rotated automatically; without them the cause and the count cannot be established."),
    ),
    "security_expert": S(
        G.INVESTIGATE,
        N_("Ask a security specialist to investigate what was accessed"),
        N_("A specialist's findings show whether data was taken and how many people are affected."),
    ),
    "police_cyber": S(
        G.REPORT,
        N_("Consult the police cyber-crime desk and consider reporting to IPA"),
        N_("These reports are not the legal report to the PPC, but the report asks whether they were made."),
    ),
    "disposal_contractor": S(
        G.CONTAIN,
        N_("Ask the disposal contractor whether the material was destroyed, and get the certificate"),
        N_("Paper thrown away without being destroyed can become a leak instead of a loss (GL 3-5-1-3 ※1)."),
    ),
    "disposal_restore": S(
        G.INVESTIGATE,
        N_("Find out whether the same data is kept elsewhere and restore it from there"),
        N_("If the same data is kept elsewhere it is not a loss (GL 3-5-1-3)."),
    ),
    "system_stop": S(
        G.CONTAIN,
        N_("Stop the faulty system or take the page offline"),
        N_("As long as the fault stays, more people's data may be exposed."),
    ),
    "system_access_logs": S(
        G.INVESTIGATE,
        N_("Check the access logs: who could see the data, and when"),
        N_("The logs show whether anyone actually saw the data, and how many people are affected."),
    ),
    "system_vendor_report": S(
        G.INVESTIGATE,
        N_("Ask the system vendor for the cause and a written report"),
        N_("The report asks for the cause and who caused it (Rules Art. 8(1), item 4)."),
    ),
    "entrusted_written_report": S(
        G.CONTAIN,
        N_("Ask the contractor for a written report of the facts known so far"),
        N_("You report on facts the contractor knows first; ask for them in writing."),
    ),
    "entrusted_arrival_date": S(
        G.INVESTIGATE,
        N_("Record the date the contractor's notice arrived"),
        N_("Your deadlines run at the latest from the day the notice arrived (GL 3-5-3-5)."),
    ),
    "entrusted_who_reports": S(
        G.REPORT,
        N_("Agree with the contractor who files the report (a joint report is possible)"),
        N_("Both of you are obliged in principle; one joint report can serve both (GL 3-5-3-2)."),
    ),
    "entrusted_supervise": S(
        G.PREVENT,
        N_("Check the contractor's measures and supervise the follow-up"),
        N_("The office must supervise contractors handling its data (APPI Art. 25)."),
    ),
    # --- the five steps of GL 3-5-2 -----------------------------------------------------------------------------
    "report_internally": S(
        G.CONTAIN,
        N_("Report to the person responsible in the office at once"),
        N_("The guideline asks for an immediate internal report (GL 3-5-2 (1))."),
    ),
    "stop_spread": S(
        G.CONTAIN,
        N_("Take the steps needed to stop the damage spreading"),
        N_("Containment comes before the paperwork (GL 3-5-2 (1))."),
    ),
    "investigate_facts": S(
        G.INVESTIGATE,
        N_("Establish the facts: what happened, when, and who in the office noticed first"),
        N_("The day anyone in the office knew starts the clock (GL 3-5-3-3)."),
    ),
    "record_timeline": S(
        G.INVESTIGATE,
        N_("Write down the timeline of events as you go"),
        N_("The report asks for the timeline of events (Rules Art. 8(1), item 1)."),
    ),
    "find_cause": S(
        G.INVESTIGATE,
        N_("Find the cause"),
        N_("The guideline asks for the cause to be established (GL 3-5-2 (2))."),
    ),
    "identify_people": S(
        G.IMPACT,
        N_("Identify whose data, which items and how many people are affected"),
        N_("The items and the number of people are part of the report (Rules Art. 8(1), items 2 and 3)."),
    ),
    "check_secondary_harm": S(
        G.IMPACT,
        N_("Check for secondary harm such as fraud or phishing messages"),
        N_("The report asks whether there is secondary harm or a risk of it (Rules Art. 8(1), item 5)."),
    ),
    "reassess_on_change": S(
        G.IMPACT,
        N_("Re-assess when the facts change (more people, signs of data being taken)"),
        N_(
            "New facts can make the incident reportable, with the clock running from the day they were learned."
        ),
    ),
    "decide_prevention": S(
        G.PREVENT,
        N_("Decide the measures to prevent a recurrence"),
        N_("The guideline asks for prevention measures to be decided and carried out (GL 3-5-2 (4))."),
    ),
    "record_prevention": S(
        G.PREVENT,
        N_("Record the measures taken and those still planned"),
        N_("The report separates measures already taken from planned ones (Rules Art. 8(1), item 8)."),
    ),
    "file_sokuho_ppc": S(
        G.REPORT,
        N_("File the preliminary report with the Personal Information Protection Commission"),
        N_("Promptly, as a guide within 3 to 5 days, with what is known (Rules Art. 8(1))."),
    ),
    "file_sokuho_ministry": S(
        G.REPORT,
        N_("File the preliminary report with the minister responsible for your sector"),
        N_("Your sector's reports go to that minister instead of the Commission (GL 3-5-3-3)."),
    ),
    "file_kakuho": S(
        G.REPORT,
        N_("File the final report"),
        N_(
            "Within 30 days, or 60 days for item 3, counting the day you learned of it as day 1 (Rules Art. 8(2))."
        ),
    ),
    # --- the 番号法 track (docs/domain.md §15.3 rules 10-14): "規則" there is the My Number reporting rule -------------
    "file_sokuho_bango": S(
        G.REPORT,
        N_("File the My Number Act preliminary report with the Personal Information Protection Commission"),
        N_(
            "Promptly, as a guide within 3 to 5 days, with what is known (My Number Act Art. 29-4(1); "
            "My Number reporting rules Art. 3(1); GL-B Annex 2 3D)."
        ),
    ),
    "file_kakuho_bango": S(
        G.REPORT,
        N_("File the My Number Act final report"),
        N_(
            "Within 30 days, or 60 days for category 2 (wrongful purpose), counting the day any department learned "
            "of it as day 1 (My Number reporting rules Art. 3(2); GL-B Annex 2 3E)."
        ),
    ),
    "file_my_number_path": S(
        G.REPORT,
        N_(
            "File with the Commission through the My Number path of its form (answer “yes” to the first question)"
        ),
        N_(
            "With My Numbers in the data the report goes through that path, even when only the APPI report is "
            "due. When both laws require a report to the Commission, one filing ticks the Rule 7 items and the "
            "My Number categories, each law keeping its own dates. This is BreachDesk's reading: check the "
            "form's guidance before filing (My Number Act Art. 29-4(1); PPC form, question 1)."
        ),
    ),
    "notify_individuals": S(
        G.REPORT,
        N_("Notify the individuals affected"),
        N_("Required with the report, promptly as the situation allows (APPI Art. 26(2); GL 3-5-4)."),
    ),
    "notify_individuals_bango": S(
        G.REPORT,
        N_("Notify the individuals affected (My Number Act)"),
        N_(
            "Required with the My Number Act report, promptly as the situation allows: summary, items, cause, "
            "secondary harm, other useful information (My Number Act Art. 29-4(2); My Number reporting rules "
            "Art. 5; GL-B Annex 2 4)."
        ),
    ),
    "notice_new_number": S(
        G.REPORT,
        N_(
            "In the notice, tell the individuals they may ask their municipality for a new My Number if misuse "
            "is feared"
        ),
        N_(
            "Where a leaked number may be misused, the mayor gives the person a new number on request "
            "(My Number Act Art. 7(2); GL-B Annex 2 4)."
        ),
    ),
    "substitute_measures": S(
        G.REPORT,
        N_("Where notice is difficult, publish the incident or an enquiry desk instead"),
        N_(
            "Substitute measures such as publication are allowed when people cannot be reached (APPI Art. 26(2) "
            "proviso; GL 3-5-4-5; for My Numbers, My Number Act Art. 29-4(2) proviso)."
        ),
    ),
    "consider_publication": S(
        G.REPORT,
        N_("Decide whether to publish the incident"),
        N_("Publication is desirable depending on the case, unless it would widen the harm (GL 3-5-2)."),
    ),
    "pmark_report": S(
        G.REPORT,
        N_("Report to the Privacy Mark examining body"),
        N_("Privacy Mark holders report every incident, even one person's data (PMK500)."),
    ),
    "gdpr_notification": S(
        G.REPORT,
        N_("Notify the GDPR supervisory authority within 72 hours, unless the risk is unlikely"),
        N_("GDPR Art. 33 runs in clock hours from awareness, weekends included."),
    ),
    "bango_effort_report": S(
        G.REPORT,
        N_("Consider the My Number Act report (an effort duty) and record the decision"),
        N_(
            "Not a duty, but for a leak of My Numbers or a (possible) breach of the My Number Act the business "
            "shall endeavour to report to the Commission; record whether you report and why "
            "(GL-B Annex 2 2 and 3B)."
        ),
    ),
    "record_not_reportable": S(
        G.REPORT,
        N_("Keep the reasoning for the not-reportable decision in the register"),
        N_("A reasoned record shows the decision was made with care; re-assess if new facts come to light."),
    ),
}

KIND_FIRST_ACTIONS: dict[IncidentKind, tuple[str, ...]] = {
    IncidentKind.EMAIL_MISSEND: (
        "email_ask_delete",
        "email_stop_sending",
        "email_attachment_password",
        "email_exposed_addresses",
    ),
    IncidentKind.MISDELIVERY: ("misdelivery_retrieve", "misdelivery_resend", "misdelivery_confirm_unviewed"),
    IncidentKind.LOSS: (
        "loss_search",
        "loss_police",
        "remote_wipe",
        "device_change_passwords",
        "check_encryption",
    ),
    IncidentKind.THEFT: ("theft_police", "remote_wipe", "device_change_passwords", "check_encryption"),
    IncidentKind.UNAUTHORIZED_ACCESS: (
        "access_block",
        "access_change_passwords",
        "preserve_logs",
        "security_expert",
        "check_exfiltration",
        "police_cyber",
    ),
    IncidentKind.RANSOMWARE: (
        "ransomware_isolate",
        "ransomware_no_contact",
        "preserve_logs",
        "ransomware_check_backup",
        "check_exfiltration",
        "security_expert",
        "police_cyber",
    ),
    IncidentKind.ERRONEOUS_DISPOSAL: ("disposal_contractor", "disposal_restore"),
    IncidentKind.SYSTEM_FAULT: ("system_stop", "system_access_logs", "system_vendor_report"),
    IncidentKind.PROCESSOR_REPORT: (
        "entrusted_written_report",
        "entrusted_arrival_date",
        "entrusted_who_reports",
        "entrusted_supervise",
    ),
    IncidentKind.OTHER: (),
}

_GENERIC = (
    "report_internally",
    "stop_spread",
    "investigate_facts",
    "record_timeline",
    "find_cause",
    "identify_people",
    "check_secondary_harm",
    "reassess_on_change",
    "decide_prevention",
    "record_prevention",
)


def item(code: str) -> ChecklistItem | None:
    """A stored code, translated now (None for a code this version does not know)."""
    step = STEPS.get(code)
    return None if step is None else ChecklistItem(code, _(step.label), step.group, _(step.why))


def checklist_for(
    incident_kind: IncidentKind | str | None, assessment: Assessment | None
) -> list[ChecklistItem]:
    """The steps for this incident, grouped in GL 3-5-2 order, the first actions for its kind first in each group."""
    kind = incident_kind if isinstance(incident_kind, IncidentKind) else IncidentKind.parse(incident_kind)
    codes = list(KIND_FIRST_ACTIONS.get(kind, ())) if kind is not None else []
    duties = _duties(assessment)
    if duties.entrustor:
        codes.insert(0, "notify_entrustor")
    codes += [code for code in _GENERIC if code not in codes]
    codes += duties.report_codes()
    ordered = sorted(dict.fromkeys(codes), key=lambda code: GROUP_ORDER.index(STEPS[code].group))
    return [built for code in ordered if (built := item(code)) is not None]


_NOTICE = ("required", "required_substitute_allowed")


@dataclass(frozen=True, slots=True)
class _Duties:
    """What the verdict of each law asks of the office: 第7条 first, then the 番号法 track (docs/domain.md §15)."""

    assessed: bool = False
    reportable: bool = False
    ppc_report: bool = False
    delegated: bool = False
    entrustor: bool = False
    notice: str = "not_required"
    pmark: bool = False
    gdpr: bool = False
    bango_reportable: bool = False
    bango_report: bool = False  # to the Commission (a 委託先 passes it on to its 委託元 instead)
    bango_notice: str = "not_required"
    bango_effort: bool = False
    filing: str | None = None

    def report_codes(self) -> list[str]:
        codes: list[str] = []
        if not self.assessed:
            return codes
        if self.ppc_report:
            codes += ["file_sokuho_ministry" if self.delegated else "file_sokuho_ppc", "file_kakuho"]
        if self.bango_report and self.filing != "joint":  # joint: the one filing above serves both laws
            codes += ["file_sokuho_bango", "file_kakuho_bango"]
        if self.filing is not None:
            codes.append("file_my_number_path")
        appi_notice, bango_notice = self.notice in _NOTICE, self.bango_notice in _NOTICE
        if appi_notice:
            codes.append("notify_individuals")
        elif bango_notice:
            codes.append("notify_individuals_bango")
        if bango_notice:
            codes.append("notice_new_number")
        if "required_substitute_allowed" in (self.notice, self.bango_notice):
            codes.append("substitute_measures")
        reportable = self.reportable or self.bango_reportable
        if reportable and not self.entrustor:
            codes.append("consider_publication")
        if self.bango_effort and not self.bango_reportable:
            codes.append("bango_effort_report")
        if self.pmark:
            codes.append("pmark_report")
        if self.gdpr:
            codes.append("gdpr_notification")
        if not reportable:
            codes.append("record_not_reportable")
        return codes


def _duties(assessment: Assessment | None) -> _Duties:
    """What the verdict owes; an assessment saved before the 番号法 track reads with an empty `bango` (the codec's
    upgrade), so nothing is owed under it."""
    if assessment is None:
        return _Duties()
    bango = assessment.bango
    return _Duties(
        assessed=True,
        reportable=bool(assessment.applicable_items),
        ppc_report=assessment.ppc_report_required,
        delegated=assessment.report_to is ReportTo.DELEGATED_MINISTRY,
        entrustor=ReportTo.ENTRUSTOR in (assessment.report_to, bango.report_to)
        or assessment.entrustor_notice_window is not None
        or bango.entrustor_notice_window is not None,
        notice=assessment.individual_notice.value,
        pmark=assessment.pmark is not None and assessment.pmark.report_required,
        gdpr=assessment.gdpr is not None,
        bango_reportable=bool(bango.categories),
        bango_report=bango.report_required and bango.report_to is ReportTo.PPC,
        bango_notice=bango.individual_notice.value,
        bango_effort=bango.effort_report,
        filing=bango.filing.value if bango.filing is not None else None,
    )


# Steps that only some verdicts call for: when a re-assessment no longer calls for one that nobody has touched, the
# workspace drops it (a "not reportable" note has no place on an incident that must be reported).
VERDICT_STEPS: frozenset[str] = frozenset(
    {
        "notify_entrustor",
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
        "consider_publication",
        "bango_effort_report",
        "pmark_report",
        "gdpr_notification",
        "record_not_reportable",
    }
)
