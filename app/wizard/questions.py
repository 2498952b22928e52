"""The wizard's questions as data: plain wording, why we ask, and the guideline examples that decide each one.

The examples paraphrase the PPC guideline and Q&A in our own words; each carries its reference so the officer can
look the source up. Every text is an English msgid, translated with _() where it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.facts import DATA_ITEM_LABELS, DataItem
from app.i18n import N_, current_language


class QuestionId(StrEnum):
    """Codes are stored in saved drafts: extend, never rename."""

    REASON = "reason"  # re-assessment only: what changed
    KIND = "kind"
    DATA = "data"
    PAYMENT_LOGIN = "payment_login"
    SCOPE = "scope"
    COUNT = "count"
    LEARNED = "learned"
    COUNT_CROSSING = "count_crossing"
    EVENT = "event"
    LOSS_PLACE = "loss_place"
    DISPOSAL = "disposal"
    RECOVERED = "recovered"
    ENCRYPTION = "encryption"
    BACKUP = "backup"
    INDICATORS = "indicators"
    ROLE = "role"
    OFFICE = "office"
    TITLE = "title"
    # 番号法 track and insider wrongdoing (issue 13)
    MY_NUMBER = "my_number"
    BANGO_COUNT = "bango_count"
    BANGO_CROSSING = "bango_crossing"
    CAUSE = "cause"
    BANGO = "bango"


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: str  # msgid
    hint: str = ""  # msgid: one line under the option


@dataclass(frozen=True, slots=True)
class HelpExample:
    """A case from the guideline in our words: the situation, what follows from it, and where it is written."""

    situation: str  # msgid
    outcome: str  # msgid
    ref: str  # msgid (article and guideline numbers, translated for the reader)


@dataclass(frozen=True, slots=True)
class Question:
    id: QuestionId
    title: str  # msgid: the page title
    prompt: str  # msgid: the question in plain words
    why: str  # msgid: "why we ask this"
    examples: tuple[HelpExample, ...] = ()
    options: tuple[Option, ...] = ()


E = HelpExample
O = Option  # noqa: E741 - reads like the data it builds

KIND_OPTIONS = (
    O(
        "email_missend",
        N_("E-mail sent to the wrong address"),
        N_("An e-mail or attachment reached someone it was not meant for, including CC instead of BCC."),
    ),
    O(
        "misdelivery",
        N_("Documents sent or handed to the wrong person"),
        N_("Letters, forms or parcels that went to the wrong person."),
    ),
    O("loss", N_("Lost or left behind"), N_("Documents, a USB stick, a PC or a phone that cannot be found.")),
    O("theft", N_("Stolen"), N_("Documents or devices stolen, e.g. a bag snatched or a car broken into.")),
    O(
        "unauthorized_access",
        N_("Unauthorised access"),
        N_("Someone got into a system, mailbox or cloud account without permission."),
    ),
    O(
        "ransomware",
        N_("Ransomware or other malware"),
        N_("Files encrypted or locked by malware, or another infection."),
    ),
    O(
        "erroneous_disposal",
        N_("Thrown away or deleted by mistake"),
        N_("Papers thrown away or data deleted that should have been kept."),
    ),
    O(
        "system_fault",
        N_("System fault or misconfiguration"),
        N_("A bug or wrong setting showed data to others, or lost or corrupted it."),
    ),
    O(
        "processor_report",
        N_("Reported to us by a contractor handling our data"),
        N_("A company handling your data on your behalf told you of an incident there."),
    ),
    O(
        "other",
        N_("Something else"),
        N_(
            "None of the above, e.g. data taken out or passed on by someone: you will be asked next who did it and whether on purpose."
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class DataGroup:
    label: str  # msgid
    items: tuple[tuple[DataItem, str], ...]  # item, one-line explanation msgid (names: data_item_label)


D = DataItem
DATA_GROUPS: tuple[DataGroup, ...] = (
    DataGroup(
        N_("Basic information"),
        (
            (D.NAME, N_("Full name, also in kana or romaji.")),
            (D.ADDRESS, N_("Postal address, whole or in part.")),
            (D.PHONE, N_("Home, work or mobile number.")),
            (D.EMAIL, N_("Private or work address.")),
            (D.BIRTHDATE, N_("Birthday or age.")),
            (D.EMPLOYER, N_("Where the person works or studies.")),
            (D.CONTRACT, N_("Contracts, policies, memberships.")),
            (D.TRANSACTION_HISTORY, N_("Purchases, payments, visits.")),
            (D.LOGIN_ID, N_("User name or ID for a web service.")),
            (D.PASSWORD, N_("Password or PIN of a service.")),
        ),
    ),
    DataGroup(
        N_("Money-related information"),
        (
            (D.CARD_NUMBER_FULL, N_("All digits of a credit or debit card.")),
            (D.CARD_LAST4, N_("Only the end of the number, as on receipts.")),
            (D.CARD_EXPIRY, N_("Month and year the card expires.")),
            (D.BANK_ACCOUNT, N_("Bank, branch and account number.")),
        ),
    ),
    DataGroup(
        N_("Special-care personal information"),
        (
            (D.MEDICAL_HISTORY, N_("Illnesses the person has had.")),
            (D.DIAGNOSIS, N_("What a doctor found or treated.")),
            (D.PRESCRIPTION, N_("Medicines prescribed or dispensed.")),
            (D.LAB_RESULT, N_("Blood tests and other examinations.")),
            (D.HEALTH_CHECKUP_RESULT, N_("Check-ups and stress checks.")),
            (D.MEDICAL_CERTIFICATE, N_("A doctor's certificate (shindansho).")),
            (D.DISABILITY, N_("Physical, intellectual, mental or developmental.")),
            (D.CRIMINAL_RECORD, N_("Past convictions.")),
            (D.CRIME_VICTIM, N_("That the person suffered a crime.")),
            (D.CRIMINAL_PROCEDURE, N_("Arrest, investigation or prosecution.")),
            (D.JUVENILE_PROCEDURE, N_("Juvenile protection cases.")),
            (D.RACE, N_("Race or ethnic origin, not mere nationality.")),
            (D.CREED, N_("Religious, political or philosophical beliefs.")),
            (D.SOCIAL_STATUS, N_("A status one cannot change, e.g. by birth.")),
        ),
    ),
)
DATA_ITEM_CODES = frozenset(item.value for group in DATA_GROUPS for item, _hint in group.items)
# My Numbers have their own page (Q.MY_NUMBER), never a box among the others: it switches on the 番号法 track.
MY_NUMBER_CODE = DataItem.MY_NUMBER.value


def data_item_label(item: DataItem) -> str:
    """The engine's own bilingual name of a data item (氏名, 診断名・診療情報…), so reasons and choices agree."""
    ja, en = DATA_ITEM_LABELS[item]
    return ja if current_language() == "ja" else en[:1].upper() + en[1:]


SCOPE_OPTIONS = (
    O(
        "personal_data",
        N_("Records in a list, file or system where people can be looked up"),
        N_("Customer lists, staff files, booking systems, address books: most cases."),
    ),
    O(
        "not_database",
        N_("Not part of any organised records"),
        N_("e.g. a single note with a name, never filed or entered anywhere."),
    ),
    O(
        "pseudonymized",
        N_("Pseudonymised information only"),
        N_("Processed so that no one can be identified without other information."),
    ),
    O(
        "intentional",
        N_("We gave it to another business on purpose"),
        N_("Handed over by the office's own decision, not by mistake."),
    ),
)
EVENT_OPTIONS = (
    O(
        "leak",
        N_("Others saw it or got it, or may have"),
        N_("It went outside the office: shown, sent, published, taken."),
    ),
    O("loss", N_("It is gone"), N_("Deleted or destroyed, with the content lost.")),
    O(
        "damage",
        N_("It was altered or became unusable"),
        N_("Changed without intent, or kept but unreadable."),
    ),
    O(
        "none",
        N_("Nothing leaked, was lost or damaged: My Numbers were only used or handled against the rules"),
        N_("e.g. an employee looked up someone's address by their My Number for private ends."),
    ),
)
EVENT_NONE = "none"  # offered only when My Numbers are involved (docs/domain.md §11.1, §15.3 rule 6)
LOSS_PLACE_OPTIONS = (
    O("inside", N_("Inside the office"), N_("It never left our premises.")),
    O("outside", N_("Outside the office"), N_("On the way, in a train, a taxi, a shop…")),
    O("unknown", N_("We do not know where"), N_("It may have left the office.")),
)
DISPOSAL_OPTIONS = (
    O(
        "destroyed",
        N_("Destroyed properly, or deleted electronically"),
        N_("Shredded, dissolved, or data deleted."),
    ),
    O(
        "not_destroyed",
        N_("Put out as ordinary rubbish, not destroyed"),
        N_("Someone could pick it up and read it."),
    ),
    O("unknown", N_("We are not sure"), N_("We cannot tell how it was thrown away.")),
)
ROLE_OPTIONS = (
    O(
        "own",
        N_("Our own data, and it happened here"),
        N_("Customers, patients, staff or other contacts of this office."),
    ),
    O(
        "via_contractor",
        N_("Our own data, but it happened at our contractor"),
        N_("A company handling the data for us told us about it."),
    ),
    O(
        "processor",
        N_("Another business's data that we handle for it"),
        N_("We are its contractor, e.g. payroll, mailing or IT services."),
    ),
)
SIGN_OPTIONS = (
    O(
        "traces_outside",
        N_("Traces that data was taken through outside access"),
        N_("On the server, or on a PC that can reach it."),
    ),
    O(
        "info_stealing_malware",
        N_("Infection by malware known to steal information"),
        N_("e.g. Emotet or another info-stealer named by an antivirus."),
    ),
    O(
        "c2_traffic",
        N_("Connections to a server known to be used by attackers"),
        N_("Traffic to a command-and-control (C&C) address."),
    ),
    O(
        "web_skimming",
        N_("Our web form was altered to capture what people type"),
        N_("Entries may have gone to the attacker."),
    ),
    O(
        "third_party_notice",
        N_("An evidence-based notice from the police, a security firm or an expert"),
        N_("Not a vague rumour: a notice based on findings."),
    ),
    O(
        "insider",
        N_("A staff member looked at data not needed for their work and took it"),
        N_("Access logs show unusual access and copying."),
    ),
)
SIGN_BASIS = {
    "traces_outside": "unauthorized_access",
    "info_stealing_malware": "info_stealing_malware",
    "c2_traffic": "c2_traffic",
    "web_skimming": "web_skimming",
    "third_party_notice": "third_party_notice_with_evidence",
    "insider": "insider_exfiltration",
}
PAYMENT_LOGIN_OPTIONS = (
    O("yes", N_("Yes, it can send money or make payments")),
    O("no", N_("No, it has no payment functions")),
)
RECOVERED_OPTIONS = (
    O(
        "yes",
        N_("Yes: all of it, before anyone looked, and we can confirm it"),
        N_("e.g. the recipient confirmed in writing that it was deleted unread."),
    ),
    O("no", N_("No, or we cannot confirm it"), N_("Someone saw it, or we do not know.")),
)
BACKUP_OPTIONS = (
    O(
        "yes",
        N_("Yes, the same data can be restored"),
        N_("A backup, the original documents or another system holds it."),
    ),
    O("no", N_("No, there is no other copy")),
)
COUNT_MODE_OPTIONS = (
    O("exact", N_("We know the number")),
    O("at_most", N_("Not known yet: at most")),
)
CONTACT_OPTIONS = (
    O("yes", N_("We can contact all of them")),
    O("no", N_("We cannot contact some of them (no or outdated contact details)")),
)
CROSSING_OPTIONS = (
    O("from_start", N_("Yes, from the start")),
    O("later", N_("No, we found out later, on:")),
)
ENCRYPTED_OPTIONS = (
    O("no", N_("It was not encrypted")),
    O("yes", N_("It was encrypted")),
)
GDPR_OPTIONS = (
    O("no", N_("The GDPR does not apply, or we have not confirmed that it does")),
    O("yes", N_("We have confirmed that the GDPR applies to this data")),
)
CAUSE_OPTIONS = (
    O(
        "outsider",
        N_("Someone outside the office, on purpose"),
        N_("An attacker, a thief, or a fraudster who tricked staff into handing data over."),
    ),
    O(
        "employee_on_purpose",
        N_("Someone in the office, on purpose"),
        N_(
            "An employee or former employee sold the customer list, posted data on social media, or took it to a competitor."
        ),
    ),
    O(
        "employee_mistake",
        N_("Someone in the office, by mistake"),
        N_(
            "A wrong address, a bag left behind, a wrong setting. Breaking a rule without a wrongful aim (e.g. taking a file home to finish work) belongs here too."
        ),
    ),
    O(
        "contractor_on_purpose",
        N_("Someone at a contractor handling the data, on purpose"),
        N_("e.g. a contractor's employee sold or took out the data."),
    ),
    O(
        "contractor_mistake",
        N_("Someone at a contractor handling the data, by mistake"),
        N_("e.g. a contractor sent it to the wrong address or lost it."),
    ),
    O("unknown", N_("We do not know yet"), N_("You will be asked about signs of wrongdoing next.")),
)
CAUSE_ON_PURPOSE = frozenset({"outsider", "employee_on_purpose", "contractor_on_purpose"})
CAUSE_INSIDER_ON_PURPOSE = frozenset({"employee_on_purpose", "contractor_on_purpose"})
MY_NUMBER_OPTIONS = (
    O("yes", N_("Yes: at least one document or file shows a My Number")),
    O("no", N_("No: none of them shows a My Number")),
    O(
        "unsure",
        N_("Not sure yet"),
        N_("BreachDesk treats this as yes until you know. Check the documents themselves."),
    ),
)
MY_NUMBER_ON = frozenset({"yes", "unsure"})
VIEWABLE_OPTIONS = (
    O(
        "yes",
        N_("Yes, or it may have been"),
        N_("e.g. posted on the web, a shared link anyone could open, a server reachable from outside."),
    ),
    O("no", N_("No")),
)
USE_OPTIONS = (
    O("no", N_("No")),
    O(
        "private",
        N_("Yes, for private ends"),
        N_("e.g. an employee looked up a person's address by their My Number."),
    ),
    O(
        "work",
        N_("Yes, for the office's work, but outside the tasks the Act allows"),
        N_("e.g. My Numbers used as staff or customer IDs."),
    ),
)
RECIPIENT_OPTIONS = (
    O(
        "mistaken",
        N_("It reached a person or business by mistake"),
        N_("A wrong address, a wrong envelope, the wrong attachment."),
    ),
    O(
        "not_entitled",
        N_("We sent it on purpose to an outside body that may not receive these numbers"),
        N_(
            "e.g. a salary payment report sent to the wrong city office, or a file for a contractor with the numbers left unmasked."
        ),
    ),
    O(
        "entitled",
        N_("We sent it to a body allowed to receive them for this task"),
        N_(
            "The tax office, city office, pension office or health insurance society in charge, or a contracted processor."
        ),
    ),
)
VIOLATION_OPTIONS = (
    O("no", N_("No")),
    O(
        "yes",
        N_("Yes"),
        N_(
            "e.g. a form with My Numbers handed to the wrong employee, numbers collected or kept without need, papers thrown away without shredding."
        ),
    ),
)
KEY_OPTIONS = (
    O("safe", N_("The key or password has not leaked")),
    O("leaked", N_("It may have leaked too, or we are not sure")),
)
