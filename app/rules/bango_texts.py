"""Reason and warning sentences of the 番号法 track (docs/domain.md §15), in Japanese and English, with citations.

Rule data like app/rules/texts.py: stored inside every saved assessment, so not gettext. "GL-B" is the PPC
「特定個人情報の適正な取扱いに関するガイドライン（事業者編）」 別添2; "規則" in these refs is the 番号法 reporting rule
(平成27年特定個人情報保護委員会規則第5号), not the APPI 施行規則.
"""

from __future__ import annotations

from app.rules.texts import Text

T = Text

_LAW = "番号法29条の4第1項"
_SCOPE_REFS = ("番号法29条の4第1項", "番号法2条9項・10項", "GL-B 別添2 1")

BANGO_TEXTS: dict[str, Text] = {
    # --- scope ------------------------------------------------------------------------------------------------
    "BANGO-SCOPE": T(
        "番号法：個人番号（マイナンバー）を含む特定個人情報の事案のため、個人情報保護法とは別に、番号法29条の4による報告と本人への通知の要否を判断しました。",
        "My Number Act: the data includes Individual Numbers (specific personal information), so reporting and notice under Article 29-4 of the My Number Act were judged separately from the APPI.",
        _SCOPE_REFS,
    ),
    "BANGO-NOT-IN-FILE": T(
        "番号法：個人番号を含みますが、特定個人情報ファイル（個人番号を含む個人情報データベース等）に記録されたものではないため、番号法29条の4の報告義務の対象外です。",
        "My Number Act: Individual Numbers are involved, but not recorded in a specific personal information file (a database containing them), so Article 29-4 does not apply.",
        _SCOPE_REFS,
    ),
    # --- exclusions -------------------------------------------------------------------------------------------
    "BANGO-EXCL-RECOVERED": T(
        "番号法：第三者が閲覧する前に全てを回収したため、漏えいには当たりません。漏えい等を前提とする区分（規則2条1号・2号イ・4号イ）は検討不要ですが、番号法に反する利用・提供があれば別に判断します。",
        "My Number Act: everything was recovered before any third party viewed it, so there is no leak; the categories that rest on a leak (Rule 2 (1), (2)(i), (4)(i)) fall away, but a use or provision against the Act is still judged.",
        ("GL-B 別添2 1A", "マイナンバーQ&A 17-1"),
    ),
    "BANGO-EXCL-COPY": T(
        "番号法：同じ内容のデータが他に保管されているため、滅失・毀損には当たりません。",
        "My Number Act: the same data is kept elsewhere, so there is no loss or damage.",
        ("GL-B 別添2 1B", "GL-B 別添2 1C"),
    ),
    "BANGO-EXCL-ENCRYPTION": T(
        "番号法：高度な暗号化等の秘匿化がされ、復号の鍵も漏えいしていないため、報告対象事態に当たらず、報告に努める必要もありません。",
        "My Number Act: the data was protected by high-grade encryption with the key not compromised, so nothing is reportable, not even as a voluntary (effort) report.",
        ("規則2条1号かっこ書", "GL-B 別添2 3A", "GL-B 別添2 3B", "マイナンバーQ&A 17-14"),
    ),
    "BANGO-ENC-NOT-HIGH-GRADE": T(
        "番号法：暗号化はされていましたが、高度な暗号化等の秘匿化に当たらないか、復号の鍵も漏えいしたため、除外されません。",
        "My Number Act: the data was encrypted, but not to the high grade required, or the key leaked too, so it is not excluded.",
        ("GL-B 別添2 3A", "マイナンバーQ&A 17-14"),
    ),
    # --- categories (規則2条) --------------------------------------------------------------------------------
    "BANGO-R2-1": T(
        "番号法 規則2条1号：情報提供ネットワークシステム、個人番号利用事務を処理する情報システム又は行政機関等の情報システムで管理される特定個人情報の{event}{osore}に当たります。",
        "My Number Act, Rule 2 (1): {possibly}{event} of specific personal information managed in the information-provision network, a system for Individual Number use, or a public body's system.",
        (_LAW, "規則2条1号", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-2/event": T(
        "番号法 規則2条2号：不正の目的をもって行われたおそれがある行為による特定個人情報の{event}{osore}に当たります（{basis}）。",
        "My Number Act, Rule 2 (2): {possibly}{event} of specific personal information through an act possibly done with a wrongful purpose ({basis}).",
        (_LAW, "規則2条2号イ", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-2/event-other": T(
        "番号法 規則2条2号：不正の目的をもって行われたおそれがある行為による特定個人情報の{event}{osore}に当たります。",
        "My Number Act, Rule 2 (2): {possibly}{event} of specific personal information through an act possibly done with a wrongful purpose.",
        (_LAW, "規則2条2号イ", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-2/misuse": T(
        "番号法 規則2条2号：不正の目的をもって、{misuse}が行われたおそれがあります。漏えい等がなくても該当します。",
        "My Number Act, Rule 2 (2): {misuse} possibly done with a wrongful purpose; this applies even without any leak.",
        (_LAW, "規則2条2号ロ・ハ", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-3": T(
        "番号法 規則2条3号：特定個人情報が電磁的方法により不特定多数の者に閲覧されたおそれがあるため該当します（1人分でも対象です）。",
        "My Number Act, Rule 2 (3): the specific personal information may have been viewed by an unspecified number of people by electronic means (one person suffices).",
        (_LAW, "規則2条3号", "GL-B 別添2 3A", "マイナンバーQ&A 17-10"),
    ),
    "BANGO-R2-4": T(
        "番号法 規則2条4号：{what}に係る本人の数が{count}で、100人を超えるため該当します。",
        "My Number Act, Rule 2 (4): the persons concerned by the {what} number {count}, more than 100.",
        (_LAW, "規則2条4号", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-4-NA": T(
        "番号法 規則2条4号：本人の数は{count}で、100人を超えないため該当しません（100人ちょうどは該当しません）。",
        "My Number Act, Rule 2 (4): the persons concerned number {count}, not more than 100 (exactly 100 does not count).",
        ("規則2条4号", "GL-B 別添2 3A"),
    ),
    "BANGO-R2-4-NA/unknown": T(
        "番号法 規則2条4号：本人の数が分からないため、4号は判断できていません。",
        "My Number Act, Rule 2 (4): the number of persons is unknown, so category 4 could not be judged.",
        ("規則2条4号", "GL-B 別添2 3A"),
    ),
    # --- verdict and duties -----------------------------------------------------------------------------------
    "BANGO-REPORTABLE": T(
        "番号法：規則2条{categories}に当たるため、番号法上の報告対象事態です。",
        "My Number Act: Rule 2 {categories} applies, so this is a reportable situation under the My Number Act.",
        (_LAW, "GL-B 別添2 3A"),
    ),
    "BANGO-NOT-REPORTABLE": T(
        "番号法：規則2条の各号のいずれにも当たらないため、番号法による報告義務はありません。",
        "My Number Act: none of the categories of Rule 2 applies, so there is no duty to report under the My Number Act.",
        (_LAW, "GL-B 別添2 3A"),
    ),
    "BANGO-EFFORT": T(
        "番号法：報告義務はありませんが、特定個人情報の漏えい等又は番号法違反（のおそれ）の事案のため、個人情報保護委員会に報告するよう努めることとされています（努力義務）。",
        "My Number Act: no duty to report, but as a leak of specific personal information or a (possible) breach of the Act, the business shall endeavour to report it to the PPC (an effort obligation).",
        ("GL-B 別添2 2", "GL-B 別添2 3B"),
    ),
    "BANGO-REPORT-TO": T(
        "番号法：報告先は個人情報保護委員会です（番号法29条の4は「委員会」への報告を定めています）。",
        "My Number Act: the report goes to the Personal Information Protection Commission (Article 29-4 names the Commission).",
        (_LAW,),
    ),
    "BANGO-CLOCK": T(
        "番号法：起算日（1日目）は{date}です。事業者のいずれかの部署が事態を知った日で、担当者（個人情報保護担当者）が知った日ではありません。",
        "My Number Act: day 1 is {date}, the day any department of the business learned of it (not the day the privacy officer heard).",
        ("規則3条", "GL-B 別添2 3D", "GL-B 別添2 3E"),
    ),
    "BANGO-CLOCK/crossing": T(
        "番号法：本人の数が100人を超えると判明した{date}から4号に当たるため、この日が起算日（1日目）です。",
        "My Number Act: category 4 applies from {date}, when the number of persons was found to exceed 100; that is day 1.",
        ("規則2条4号", "GL-B 別添2 3A", "GL-B 別添2 3E"),
    ),
    "BANGO-SOKUHO": T(
        "番号法 速報：速やかに（遅くとも{end}まで）報告してください。ガイドラインは概ね3〜5日以内を目安とし、土日祝日も日数に含めます（日数の数え方はBreachDeskの目安です）。",
        "My Number Act, preliminary report: promptly (by {end} at the latest). The guideline's guide is about 3–5 days, weekends and holidays counted (the day counting is an app convention).",
        ("規則3条1項", "GL-B 別添2 3D"),
    ),
    "BANGO-SOKUHO/same": T(
        "番号法 速報：個人情報保護法の速報と同じく、速やかに（遅くとも{end}まで）報告してください。",
        "My Number Act, preliminary report: like the APPI one, promptly (by {end} at the latest).",
        ("規則3条1項", "GL-B 別添2 3D"),
    ),
    # Shown instead of "BANGO-SOKUHO" / "BANGO-PROCESSOR" against today (app/deadlines/advice.py); the stored
    # assessment keeps its own.
    "BANGO-SOKUHO/window": T(
        "番号法 速報：ガイドラインの目安（概ね3〜5日以内）の期間に入っています。本日中の報告をお勧めします（遅くとも{end}まで）。",
        "My Number Act, preliminary report: the guideline's guide of about 3–5 days has begun. Filing today is recommended ({end} at the latest).",
        ("規則3条1項", "GL-B 別添2 3D"),
    ),
    "BANGO-SOKUHO/past": T(
        "番号法 速報：ガイドラインの目安（概ね3〜5日以内、{end}まで）を過ぎています。直ちに報告してください。",
        "My Number Act, preliminary report: the guideline's guide of about 3–5 days ({end}) has passed. Report at once.",
        ("規則3条1項", "GL-B 別添2 3D"),
    ),
    "BANGO-KAKUHO": T(
        "番号法 確報：{days}日以内に報告してください。起算日を1日目として数え、{days}日目の{deadline}が期限です。{counting}",
        "My Number Act, final report: within {days} days. Counting the clock start as day 1, day {days}, {deadline}, is the deadline.{counting}",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO-same": T(
        "番号法 確報：{days}日以内です。期限は個人情報保護法の確報と同じ{deadline}です。",
        "My Number Act, final report: within {days} days; the deadline is the same as the APPI final report, {deadline}.",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO/60-same": T(
        "番号法 確報：規則2条2号（不正の目的）に当たるため60日以内です。期限は個人情報保護法の確報と同じ{deadline}です。",
        "My Number Act, final report: within 60 days because Rule 2 (2) (wrongful purpose) applies; the deadline is the same as the APPI final report, {deadline}.",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO/moved": T(
        "番号法 確報：{days}日以内に報告してください。起算日を1日目として数え、{days}日目は{nth}です。{counting}",
        "My Number Act, final report: within {days} days. Counting the clock start as day 1, day {days} is {nth}.{counting}",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO/60": T(
        "番号法 確報：規則2条2号（不正の目的）に当たるため60日以内に報告してください（他の号と重なる場合も60日です）。起算日を1日目として数え、60日目の{deadline}が期限です。",
        "My Number Act, final report: within 60 days because Rule 2 (2) (wrongful purpose) applies, also together with other categories. Counting the clock start as day 1, day 60, {deadline}, is the deadline.",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO/60-moved": T(
        "番号法 確報：規則2条2号（不正の目的）に当たるため60日以内に報告してください（他の号と重なる場合も60日です）。起算日を1日目として数え、60日目は{nth}です。",
        "My Number Act, final report: within 60 days because Rule 2 (2) (wrongful purpose) applies, also together with other categories. Counting the clock start as day 1, day 60 is {nth}.",
        ("規則3条2項", "GL-B 別添2 3E"),
    ),
    "BANGO-KAKUHO-MOVED": T(
        "番号法 確報の期限の繰り延べ：{skipped}のため、期限は次の開庁日の{deadline}です（行政機関の休日に関する法律2条に沿った目安）。",
        "My Number Act, deadline moved: {skipped}, so the deadline is the next open day, {deadline} (reading of the Act on Holidays of Administrative Organs, Art. 2; convention).",
        ("規則3条2項", "GL-B 別添2 3E", "行政機関の休日に関する法律2条"),
    ),
    "BANGO-PROCESSOR": T(
        "番号法：委託を受けて取り扱う特定個人情報のため、委託元へ通知した場合に限り、委員会への報告と本人への通知は不要となります。委託元への通知は速やかに（遅くとも{end}まで）行ってください。通知するまでは、報告と本人への通知の義務はこの事業者にあります。",
        "My Number Act: the data is handled for an entrusting business; only once this office has notified it are the report and the notice to individuals no longer needed. Notify it promptly (by {end} at the latest); until then the duties stay with this office.",
        ("番号法29条の4第1項ただし書", "番号法29条の4第2項", "規則4条", "GL-B 別添2 3F"),
    ),
    "BANGO-PROCESSOR/window": T(
        "番号法：委託を受けて取り扱う特定個人情報のため、委託元へ通知した場合に限り、委員会への報告と本人への通知は不要となります。委託元への通知の目安（概ね3〜5日以内）の期間に入っています。本日中の通知をお勧めします（遅くとも{end}まで）。通知するまでは、報告と本人への通知の義務はこの事業者にあります。",
        "My Number Act: the data is handled for an entrusting business; only once this office has notified it are the report and the notice to individuals no longer needed. The guide of about 3–5 days for the notice has begun: notice today is recommended ({end} at the latest); until then the duties stay with this office.",
        ("番号法29条の4第1項ただし書", "番号法29条の4第2項", "規則4条", "GL-B 別添2 3F"),
    ),
    "BANGO-PROCESSOR/past": T(
        "番号法：委託を受けて取り扱う特定個人情報のため、委託元へ通知した場合に限り、委員会への報告と本人への通知は不要となります。委託元への通知の目安（概ね3〜5日以内、{end}まで）を過ぎています。直ちに通知してください。通知するまでは、報告と本人への通知の義務はこの事業者にあります。",
        "My Number Act: the data is handled for an entrusting business; only once this office has notified it are the report and the notice to individuals no longer needed. The guide of about 3–5 days for the notice ({end}) has passed: notify it at once; until then the duties stay with this office.",
        ("番号法29条の4第1項ただし書", "番号法29条の4第2項", "規則4条", "GL-B 別添2 3F"),
    ),
    "BANGO-NOTICE": T(
        "番号法 本人への通知：必要です。事態の状況に応じて速やかに、概要・特定個人情報の項目・原因・二次被害又はそのおそれの有無と内容・その他参考となる事項を通知します。個人番号が不正に用いられるおそれがあるときは、住所地の市区町村長に個人番号の変更を請求できることも伝えてください。",
        "My Number Act, notice to individuals: required, promptly as the situation allows: summary, items, cause, secondary harm, other useful information. Where misuse is feared, tell them they may ask their municipality for a new Individual Number.",
        ("番号法29条の4第2項", "規則5条", "GL-B 別添2 4", "番号法7条2項"),
    ),
    "BANGO-NOTICE/substitute": T(
        "番号法 本人への通知：連絡先が分からない等で通知が困難な場合は、事案の公表等、本人の権利利益を保護するために必要な代替措置をとります。",
        "My Number Act: where notice is difficult (e.g. no contact details), take substitute measures such as publishing the incident.",
        ("番号法29条の4第2項ただし書", "GL-B 別添2 4"),
    ),
    # --- filing (CONV-BANGO-FILING, docs/domain.md §15.3 rule 14) ------------------------------------------
    "BANGO-FILING/joint": T(
        "提出方法：両方の法律で報告が必要です。個人情報保護委員会の漏えい等報告フォームで、最初の質問（マイナンバーを含むか）に「はい」と答え、規則7条と番号法の規則2条の該当号を1件の報告で示します。期限はそれぞれの法律のものを守ってください（提出方法はBreachDeskの目安です）。",
        "Filing: both laws require a report. In the PPC's online form answer 'yes' to the first question (My Numbers included) and tick both the Rule 7 items and the My Number Rule 2 categories in one filing, keeping each law's dates (an app convention).",
        ("法26条1項", _LAW, "PPC 漏えい等の対応とお役立ち資料 問1"),
    ),
    "BANGO-FILING/separate": T(
        "提出方法：規則7条の報告は権限の委任を受けた事業所管大臣へ、番号法の報告は個人情報保護委員会へ、別々に行います。",
        "Filing: the Rule 7 report goes to the minister with delegated authority, the My Number Act report to the PPC, separately.",
        ("法150条1項", _LAW, "PPC 漏えい等の対応とお役立ち資料 問1"),
    ),
    "BANGO-FILING/bango_only": T(
        "提出方法：番号法の報告のみが必要です。個人情報保護委員会の報告フォームで、最初の質問（マイナンバーを含むか）に「はい」と答えて報告します。",
        "Filing: only the My Number Act report is due. In the PPC's online form answer 'yes' to the first question (My Numbers included).",
        (_LAW, "PPC 漏えい等の対応とお役立ち資料 問1"),
    ),
    "BANGO-FILING/appi_only": T(
        "提出方法：報告が必要なのは個人情報保護法（規則7条）だけですが、マイナンバーを含むため、個人情報保護委員会の報告フォームの最初の質問（マイナンバーを含むか）には「はい」と答えます（提出方法はBreachDeskの目安です）。",
        "Filing: only the APPI (Rule 7) report is due, but as My Numbers are involved, answer 'yes' to the form's first question (an app convention).",
        ("法26条1項", "PPC 漏えい等の対応とお役立ち資料 問1"),
    ),
    # --- warnings ---------------------------------------------------------------------------------------------
    "W-BANGO-FORM": T(
        "マイナンバー用の入口から提出した報告が、個人情報保護法26条の報告も兼ねるかは確認できていません。提出前に報告フォームの案内を確認してください。",
        "It is not confirmed that a report filed through the My Number path of the form also serves as the APPI Article 26 report; check the form's guidance before filing.",
        ("法26条1項", _LAW, "PPC 漏えい等の対応とお役立ち資料 問1"),
    ),
    "W-BANGO-VIEW-LOG": T(
        "不特定多数が閲覧できる状態だった場合は、アクセスログ上で閲覧が確認できなくても規則2条3号として扱います。アクセスログは証拠として保全してください。",
        "Where the data was open to an unspecified number of people, Rule 2 (3) applies even if the access log shows no view; keep the log as evidence.",
        ("規則2条3号", "GL-B 別添2 3A", "マイナンバーQ&A 17-10"),
    ),
    "W-BANGO-COUNT-FALLBACK": T(
        "番号法の本人の数が入力されていないため、個人情報保護法の本人の数で判断しました。番号法では、自分の個人番号が含まれている人（従業員、扶養親族、支払調書の支払先など）を数え、個人番号が記載されていない人は数えません。人数を確認してください。",
        "No My Number head count was given, so the APPI count was used. The My Number Act counts persons whose own number is in the data (employees, dependents, payees of payment records), not people listed without one; check the count.",
        ("規則2条4号", "番号法2条6項", "GL-B 別添2 3A"),
    ),
    "W-BANGO-COUNT-UNKNOWN": T(
        "番号法の本人の数が分かりません。確定しない場合は、個人番号が含まれている可能性のある最大の人数で判断します。100人を超えれば規則2条4号に当たります。",
        "The My Number head count is unknown. If it is not settled, judge by the largest possible number; more than 100 means Rule 2 (4).",
        ("規則2条4号", "GL-B 別添2 3A"),
    ),
    "W-BANGO-PROVISION": T(
        "事業者の意思による提供でも、番号法では除外されません。提供先が個人番号を受け取れる者（番号法19条：税務署、市区町村、年金事務所、健康保険組合、契約した委託先など）でなければ、番号法に反する提供として判断し直してください。",
        "A provision by the office's own decision is not excluded under the My Number Act. Unless the recipient may receive numbers (Article 19: tax office, municipality, pension office, health insurance society, a contracted processor), re-assess it as a provision against the Act.",
        ("番号法19条", "GL-B 別添2 1"),
    ),
    "W-BANGO-PSEUDONYMIZED": T(
        "仮名加工情報には個人番号を含めることができないため、番号法の判断では仮名加工情報であることを考慮していません。",
        "Pseudonymised information may not keep Individual Numbers, so the My Number Act judgement ignores the pseudonymisation.",
        ("法41条9項", "GL-B 別添2 1"),
    ),
}
