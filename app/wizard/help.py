"""Each question's wording, why we ask it, and the guideline examples beside it (paraphrased, with references)."""

from __future__ import annotations

from app.i18n import N_
from app.wizard.questions import (
    BACKUP_OPTIONS,
    CAUSE_OPTIONS,
    DISPOSAL_OPTIONS,
    EVENT_OPTIONS,
    KIND_OPTIONS,
    LOSS_PLACE_OPTIONS,
    MY_NUMBER_OPTIONS,
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
        N_("Have you seen any of these signs? Tick all that apply, or “None of these”."),
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
        N_("These come from the office profile. Answer whether the GDPR applies to this data."),
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
    Q.MY_NUMBER: Question(
        Q.MY_NUMBER,
        N_("My Numbers (Individual Numbers)"),
        N_("Does any of the documents or files involved show a My Number (kojin bangō)?"),
        N_(
            "Payroll and social-insurance papers often carry My Numbers. The My Number Act has its own reporting rules, judged beside the APPI's. Look at the documents themselves: the name of a form does not tell."
        ),
        (
            E(
                N_("Withholding slip, copy for the tax office"),
                N_("Shows the number"),
                N_("Income Tax Act rules, as amended 2015"),
            ),
            E(
                N_("Withholding slip handed to the employee"),
                N_("No number on it"),
                N_("Income Tax Act rules, as amended 2015"),
            ),
            E(
                N_("Declaration for dependants' deductions"),
                N_("Usually shows the numbers (an employer keeping a register may receive it without)"),
                N_("Income Tax Act Art. 194"),
            ),
            E(
                N_("Copy of the front of a My Number Card"),
                N_("No number on it; the back, a notification card or a number notice does show it"),
                N_("BreachDesk's reading"),
            ),
            E(N_("Certificate of residence"), N_("May show it: check"), N_("BreachDesk's reading")),
        ),
        MY_NUMBER_OPTIONS,
    ),
    Q.BANGO_COUNT: Question(
        Q.BANGO_COUNT,
        N_("Whose My Numbers?"),
        N_("How many different people's OWN My Numbers are in the data?"),
        N_(
            "Count employees, their dependants and payees of payment records (lecturers, landlords) whose own number appears; not people listed without their own number. More than 100 people makes it reportable under the My Number Act; if the number is not known yet, give the largest possible number."
        ),
        (
            E(
                N_("One declaration with the employee's and two dependants' numbers"),
                N_("3 people"),
                N_("My Number Act Art. 2(6); GL-B annex 2"),
            ),
            E(N_("101 people"), N_("Item 4 applies"), N_("Rules Art. 2(4); GL-B annex 2 3A")),
            E(N_("Exactly 100 people"), N_("Item 4 does not apply"), N_("Rules Art. 2(4)")),
        ),
    ),
    Q.BANGO_CROSSING: Question(
        Q.BANGO_CROSSING,
        N_("When did it pass 100?"),
        N_("Did the office know from the start that more than 100 people's My Numbers were involved?"),
        N_(
            "If the count was first thought to be 100 or fewer, item 4 of the My Number Act applies from the day it was found to exceed 100."
        ),
        (
            E(
                N_("First 80 people; on the 20th found to be 130"),
                N_("Item 4 from the 20th"),
                N_("GL-B annex 2 3A"),
            ),
        ),
    ),
    Q.CAUSE: Question(
        Q.CAUSE,
        N_("Who caused it?"),
        N_("Who caused what happened, and was it on purpose?"),
        N_(
            "An act possibly done with a wrongful purpose makes the case reportable even for one person (item 3), with 60 days for the final report, whether the actor is an outsider, an employee or a contractor."
        ),
        (
            E(
                N_("An employee sold the customer list to a list broker"),
                N_("Item 3"),
                N_("GL 3-5-3-1(3)"),
            ),
            E(
                N_("An employee posted a customer's data on social media"),
                N_("Item 3"),
                N_("GL 3-5-3-1(3)"),
            ),
            E(
                N_("A departing employee took the customer data to a competitor"),
                N_("Item 3"),
                N_("GL 3-5-3-1(3)"),
            ),
            E(
                N_("An employee took a file home against the rules to finish work"),
                N_("Not a wrongful purpose by itself"),
                N_("My Number Q&A 17-9"),
            ),
        ),
        CAUSE_OPTIONS,
    ),
    Q.BANGO: Question(
        Q.BANGO,
        N_("My Number Act checks"),
        N_("A few questions that only the My Number Act asks."),
        N_(
            "The My Number Act also counts numbers viewable online, numbers used or handed over where the Act does not allow it, and other breaches of its rules, even when nothing leaked."
        ),
        (
            E(
                N_("A salary payment report sent to the wrong city office"),
                N_("A provision the Act does not allow"),
                N_("My Number Act Art. 19; GL-B annex 2"),
            ),
            E(
                N_("An employee looked up an address by My Number for private ends"),
                N_("Item 2, even though nothing leaked"),
                N_("Rules Art. 2(2); GL-B annex 2"),
            ),
            E(
                N_("A shared link made the file viewable by anyone"),
                N_("Item 3, even for one person"),
                N_("Rules Art. 2(3); My Number Q&A 17-10"),
            ),
            E(
                N_("A form with numbers handed to the wrong employee"),
                N_("Report as an effort duty"),
                N_("GL-B annex 2 2, 3B"),
            ),
        ),
    ),
}

# Short names of the questions that decide a verdict, for 「判定に必要な残りの質問：人数、気付いた日時」.
TOPICS: dict[QuestionId, str] = {
    Q.KIND: N_("what happened"),
    Q.DATA: N_("the data involved"),
    Q.MY_NUMBER: N_("whether My Numbers are involved"),
    Q.PAYMENT_LOGIN: N_("payment functions of the login"),
    Q.SCOPE: N_("how the data was kept"),
    Q.COUNT: N_("the number of people"),
    Q.BANGO_COUNT: N_("the number of people with My Numbers"),
    Q.LEARNED: N_("when it was noticed"),
    Q.COUNT_CROSSING: N_("when it passed 1,000"),
    Q.BANGO_CROSSING: N_("when it passed 100"),
    Q.EVENT: N_("what happened to the data"),
    Q.LOSS_PLACE: N_("where it was lost"),
    Q.DISPOSAL: N_("how it was disposed of"),
    Q.CAUSE: N_("who caused it"),
    Q.RECOVERED: N_("whether it was recovered in time"),
    Q.ENCRYPTION: N_("encryption"),
    Q.BACKUP: N_("another copy"),
    Q.INDICATORS: N_("signs of wrongdoing"),
    Q.BANGO: N_("the My Number Act checks"),
    Q.ROLE: N_("whose data it is"),
}
