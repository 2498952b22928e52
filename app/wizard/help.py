"""Each question's wording, why we ask it, and the guideline examples beside it (paraphrased, with references)."""

from __future__ import annotations

from app.i18n import N_
from app.wizard.questions import (
    BACKUP_OPTIONS,
    DISPOSAL_OPTIONS,
    EVENT_OPTIONS,
    KIND_OPTIONS,
    LOSS_PLACE_OPTIONS,
    PAYMENT_LOGIN_OPTIONS,
    RECOVERED_OPTIONS,
    ROLE_OPTIONS,
    SCOPE_OPTIONS,
    SIGN_OPTIONS,
    HelpExample,
    Question,
    QuestionId,
)

E = HelpExample
Q = QuestionId

QUESTIONS: dict[QuestionId, Question] = {
    Q.REASON: Question(
        Q.REASON,
        N_("Why re-assess?"),
        N_(
            "What has changed since the last assessment? Your earlier answers are filled in; change only what is new."
        ),
        N_(
            "The register keeps every assessment with its date and reason, so you can show how the decision developed."
        ),
        (
            E(
                N_("The count grew past 1,000 people"),
                N_("Item 4 applies from the day that was found out"),
                N_("GL 3-5-3-1(4)"),
            ),
            E(
                N_("Traces of data theft found after ransomware"),
                N_("A possible leak under item 3, even with a backup"),
                N_("GL 3-5-1-4; GL 3-5-3-1(3)"),
            ),
        ),
    ),
    Q.KIND: Question(
        Q.KIND,
        N_("What happened?"),
        N_("Choose what describes the incident best. You can go back and change it at any time."),
        N_(
            "Each kind of incident needs different follow-up questions and first actions. Pick the closest one; “Something else” works too."
        ),
        (
            E(
                N_("A customer list attached to an e-mail to the wrong address"),
                N_("A leak"),
                N_("GL 3-5-1-2"),
            ),
            E(N_("Printouts lost inside the office, with no other copy"), N_("A loss"), N_("GL 3-5-1-3")),
            E(
                N_("Files encrypted by ransomware that cannot be restored"),
                N_("Damage, and item 3"),
                N_("GL 3-5-1-4; GL 3-5-3-1(3)"),
            ),
        ),
        KIND_OPTIONS,
    ),
    Q.DATA: Question(
        Q.DATA,
        N_("What data was involved?"),
        N_("Tick every kind of information involved, for anyone affected."),
        N_(
            "Special-care information (item 1) and data that can be misused for money (item 2) make even one person's case reportable."
        ),
        (
            E(
                N_("Employees' health-check results leaked"),
                N_("Item 1 applies, even for one person"),
                N_("Rules Art. 7(1); GL 3-5-3-1(1)"),
            ),
            E(N_("The full card number only"), N_("Item 2 applies"), N_("Q&A 6-12")),
            E(N_("Last four digits and expiry date only"), N_("Item 2 does not apply"), N_("Q&A 6-12")),
            E(
                N_("Bank-account data only"),
                N_("Item 2 does not apply (BreachDesk's reading)"),
                N_("Q&A 14-8"),
            ),
            E(N_("Address, phone or e-mail only"), N_("Item 2 does not apply"), N_("Q&A 6-11")),
            E(
                N_("A purchase of a religious book"),
                N_("Not special-care information by itself"),
                N_("GL 2-3"),
            ),
        ),
    ),
    Q.PAYMENT_LOGIN: Question(
        Q.PAYMENT_LOGIN,
        N_("The login ID and password"),
        N_(
            "Can the service these credentials open send money or make payments (online banking, a shop with a saved card…)?"
        ),
        N_(
            "Credentials of a service with remittance or payment functions fall under item 2. Resetting the passwords afterwards does not change that."
        ),
        (
            E(
                N_("ID and password of an online shop that keeps a card for payment"),
                N_("Item 2 applies"),
                N_("GL 3-5-3-1(2)"),
            ),
            E(
                N_("All passwords were reset the next morning"),
                N_("Still item 2: the risk existed when you learned of it"),
                N_("Q&A 6-15"),
            ),
            E(N_("ID and password of a newsletter site"), N_("Item 2 does not apply"), N_("Q&A 6-11")),
        ),
        PAYMENT_LOGIN_OPTIONS,
    ),
    Q.SCOPE: Question(
        Q.SCOPE,
        N_("How the data was kept"),
        N_("Which describes these records best?"),
        N_(
            "The reporting duty covers personal data in organised records. Pseudonymised information and deliberate provision fall under other rules."
        ),
        (
            E(
                N_("A customer list in a spreadsheet"),
                N_("Personal data in organised records"),
                N_("GL 3-5-1-1"),
            ),
            E(N_("Pseudonymised information"), N_("Outside the reporting duty"), N_("APPI Art. 41(9)")),
            E(
                N_("Given to a partner on purpose"),
                N_("Not a leak; check the third-party rules instead"),
                N_("GL 3-5-1-2; APPI Art. 27"),
            ),
        ),
        SCOPE_OPTIONS,
    ),
    Q.COUNT: Question(
        Q.COUNT,
        N_("How many people?"),
        N_("How many different people's data is involved? Count people, not records."),
        N_(
            "More than 1,000 people makes it reportable by itself (item 4). If the number is not known yet, give the largest possible number."
        ),
        (
            E(N_("1,001 people"), N_("Item 4 applies"), N_("Rules Art. 7(4); GL 3-5-3-1(4)")),
            E(N_("Exactly 1,000 people"), N_("Item 4 does not apply"), N_("GL 3-5-3-1(4)")),
            E(
                N_("Unknown, at most 3,000 people"),
                N_("Judged on the maximum: item 4 applies"),
                N_("GL 3-5-3-1(4)"),
            ),
            E(
                N_("No contact details for some people"),
                N_("Publish the incident instead of notifying them"),
                N_("GL 3-5-4-5"),
            ),
        ),
    ),
    Q.LEARNED: Question(
        Q.LEARNED,
        N_("When was it noticed?"),
        N_("When did someone in the office first learn of it, and who was it?"),
        N_(
            "The deadlines count from the day anyone in the office knew (a receptionist, a branch, the IT staff), not from when you were told. In an insider case the person who did it does not count."
        ),
        (
            E(
                N_("A branch noticed on Monday; you heard on Wednesday"),
                N_("Monday is day 1"),
                N_("GL 3-5-3-3"),
            ),
            E(
                N_("Your contractor's notice arrived on the 3rd"),
                N_("The 3rd is day 1 at the latest"),
                N_("GL 3-5-3-5"),
            ),
            E(
                N_("The employee who took the data knew first"),
                N_("That person does not count"),
                N_("PPC Q&A (public bodies) 3-4-1, by analogy"),
            ),
        ),
    ),
    Q.COUNT_CROSSING: Question(
        Q.COUNT_CROSSING,
        N_("When did it pass 1,000?"),
        N_("Did the office know from the start that more than 1,000 people were affected?"),
        N_(
            "If the count was first thought to be 1,000 or fewer, item 4 applies from the day it was found to exceed 1,000."
        ),
        (
            E(
                N_("First 300 people; on the 20th found to be 1,200"),
                N_("Item 4 from the 20th"),
                N_("GL 3-5-3-1(4)"),
            ),
        ),
    ),
    Q.EVENT: Question(
        Q.EVENT,
        N_("What happened to the data?"),
        N_("Choose the closest description. Tick “only suspected” if it is not confirmed yet."),
        N_(
            "A leak, a loss and damage are treated slightly differently. Suspected cases count too: do not wait for proof."
        ),
        (
            E(N_("A setting error made data viewable on the internet"), N_("A leak"), N_("GL 3-5-1-2")),
            E(N_("Records deleted with no other copy"), N_("A loss"), N_("GL 3-5-1-3")),
            E(N_("Records altered or unreadable"), N_("Damage to the data"), N_("GL 3-5-1-4")),
            E(N_("Suspected but not proven"), N_("Counts as a possible event"), N_("GL 3-5-3-1 ※2")),
        ),
        EVENT_OPTIONS,
    ),
    Q.LOSS_PLACE: Question(
        Q.LOSS_PLACE,
        N_("Where was it lost?"),
        N_("Could it have left the office?"),
        N_(
            "Material lost inside the office is a loss. Once it may have left the office, someone may see it, so it counts as a possible leak."
        ),
        (
            E(N_("Files lost somewhere in the office"), N_("A loss"), N_("GL 3-5-1-3")),
            E(N_("A USB stick left on a train"), N_("A possible leak"), N_("GL 3-5-1-3 ※2")),
        ),
        LOSS_PLACE_OPTIONS,
    ),
    Q.DISPOSAL: Question(
        Q.DISPOSAL,
        N_("How was it disposed of?"),
        N_("Was the material destroyed, or could someone still read it?"),
        N_("Destroyed material is a loss; papers thrown away without being destroyed can be a leak."),
        (
            E(N_("Printouts shredded by mistake"), N_("A loss"), N_("GL 3-5-1-3")),
            E(N_("Papers put out with the normal rubbish"), N_("A possible leak"), N_("GL 3-5-1-3 ※1")),
        ),
        DISPOSAL_OPTIONS,
    ),
    Q.RECOVERED: Question(
        Q.RECOVERED,
        N_("Was it recovered in time?"),
        N_("Was all of it recovered or deleted before anyone could look at it, and can you confirm that?"),
        N_("If everything was recovered before any third party saw it, it is not a leak."),
        (
            E(
                N_("The wrong recipient deleted the e-mail unread and confirmed it"),
                N_("Not a leak"),
                N_("Q&A 6-1"),
            ),
            E(N_("The recipient opened the attachment, then deleted it"), N_("A leak"), N_("GL 3-5-1-2")),
            E(N_("The envelope came back unopened"), N_("Not a leak"), N_("GL 3-5-1-2")),
        ),
        RECOVERED_OPTIONS,
    ),
    Q.ENCRYPTION: Question(
        Q.ENCRYPTION,
        N_("Was it encrypted?"),
        N_("Was the data encrypted, and is the key or password safe?"),
        N_(
            "Only strong encryption whose key is kept apart and has not leaked removes the duty to report. A ZIP whose password went in the next e-mail does not."
        ),
        (
            E(
                N_("Lost laptop with full-disk encryption, key safe"),
                N_("Not reportable"),
                N_("GL 3-5-3-1; Q&A 17-14"),
            ),
            E(N_("ZIP password sent to the same address"), N_("Not protected"), N_("Q&A 17-14")),
            E(N_("Key stored on the same USB stick"), N_("Not protected"), N_("Q&A 17-14")),
            E(N_("Only the PC's login password"), N_("Not encryption"), N_("BreachDesk's reading")),
        ),
    ),
    Q.BACKUP: Question(
        Q.BACKUP,
        N_("Is there another copy?"),
        N_(
            "Is the same data kept somewhere else, so it can be restored (a backup, the original paper, another system)?"
        ),
        N_(
            "If the same data exists elsewhere, losing or damaging one copy is not a loss or damage. It does not help if the data was also taken out."
        ),
        (
            E(
                N_("Ransomware, restored from an offline backup, no sign of theft"),
                N_("Not damage"),
                N_("GL 3-5-1-4"),
            ),
            E(
                N_("A backup exists, but the data was sent to the attacker"),
                N_("Still a leak"),
                N_("GL 3-5-1-4 ※"),
            ),
        ),
        BACKUP_OPTIONS,
    ),
    Q.INDICATORS: Question(
        Q.INDICATORS,
        N_("Signs of outside access or wrongdoing"),
        N_("Have you seen any of these signs? Tick all that apply, or none."),
        N_(
            "Any of these signs means the act was possibly done with a wrongful purpose (item 3): reportable even for one person, with 60 days for the final report."
        ),
        (
            E(N_("Logs show a large download by an unknown address"), N_("Item 3"), N_("GL 3-5-3-1 ※4(a)")),
            E(N_("A security firm reports the data on a leak site"), N_("Item 3"), N_("GL 3-5-3-1 ※4(e)")),
            E(
                N_("An employee copied the customer list and gave it to a competitor"),
                N_("Item 3"),
                N_("GL 3-5-3-1(3); ※5"),
            ),
        ),
        SIGN_OPTIONS,
    ),
    Q.ROLE: Question(
        Q.ROLE,
        N_("Whose data is it?"),
        N_("Is this your office's own data, or data you handle for another business?"),
        N_(
            "A contractor that promptly notifies the business that entrusted the data is released from the report and the individual notices; that business then reports."
        ),
        (
            E(
                N_("A payroll bureau leaks a client's staff data"),
                N_("Notify the client within about 3 to 5 days"),
                N_("Rules Art. 9; GL 3-5-3-5"),
            ),
            E(
                N_("Your contractor told you on the 3rd"),
                N_("Your clock starts on the 3rd at the latest"),
                N_("GL 3-5-3-5"),
            ),
        ),
        ROLE_OPTIONS,
    ),
    Q.OFFICE: Question(
        Q.OFFICE,
        N_("About your office"),
        N_("These come from the office profile. Confirm whether the GDPR applies to this data."),
        N_(
            "Privacy Mark holders also report to their examining body; some sectors report to their minister instead of the Commission; the GDPR has its own 72-hour clock."
        ),
        (
            E(
                N_("Privacy Mark holder, one person's data"),
                N_("Report to the examining body as well"),
                N_("PMK500"),
            ),
            E(N_("Delegated sector"), N_("Same deadlines, different recipient"), N_("GL 3-5-3-3")),
            E(
                N_("Data of people in the EU the office serves"),
                N_("GDPR Art. 33: 72 hours"),
                N_("GDPR Art. 33"),
            ),
        ),
    ),
    Q.TITLE: Question(
        Q.TITLE,
        N_("Name this incident"),
        N_("A short name for the register, so you can find it again."),
        N_("Only you and your colleagues see this name; it is not sent anywhere."),
    ),
}
