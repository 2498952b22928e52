"""Reason and warning sentences in Japanese and English, with the article or guideline each one rests on.

These are rule data, not UI strings: they are stored inside every saved assessment in both languages, so they do not
go through gettext. A rule set can override any entry (see rulesets.py). Keys are "CODE" or "CODE/variant"; the
part before "/" is the code the assessment shows. Placeholders are named and filled by the evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.facts import MaliciousBasis


@dataclass(frozen=True, slots=True)
class Text:
    ja: str
    en: str
    refs: tuple[str, ...] = ()


T = Text

BASE_TEXTS: dict[str, Text] = {
    # --- what happened (GL 3-5-1-2〜4) ---------------------------------------------------------------------------
    "EVENT/leak": T(
        "事象：個人データの漏えい{osore}（個人データが外部に流出すること）として判断しました。",
        "Event: {possibly}leak of personal data (personal data flowing outside the office).",
        ("法26条1項", "GL 3-5-1-2"),
    ),
    "EVENT/loss": T(
        "事象：個人データの滅失{osore}（個人データの内容が失われること）として判断しました。",
        "Event: {possibly}loss of personal data (the content of the data is lost).",
        ("法26条1項", "GL 3-5-1-3"),
    ),
    "EVENT/damage": T(
        "事象：個人データの毀損{osore}（内容が意図せず変更された、又は内容を保ちつつ利用できなくなったこと）として判断しました。",
        "Event: {possibly}damage to personal data (content changed unintentionally, or kept but unusable).",
        ("法26条1項", "GL 3-5-1-4"),
    ),
    "EVENT/none": T(
        "事象：個人データの漏えい・滅失・毀損は起きていません。このため規則7条の報告対象事態には当たりません（番号法上の違反は別に判断します）。",
        "Event: no personal data was leaked, lost or damaged, so no reportable situation under Rule 7 arises (breaches of the My Number Act are judged separately).",
        ("法26条1項", "GL 3-5-1-1"),
    ),
    "EVENT/possibility": T(
        "「おそれ」：その時点で判明している事実から漏えい等が疑われるものの確証がない場合も、報告対象事態に含まれます。確証を待たずに判断してください。",
        "Possibility: a suspected event without proof is covered as well; do not wait for confirmation.",
        ("規則7条", "GL 3-5-3-1 ※2"),
    ),
    # --- exclusions -------------------------------------------------------------------------------------------
    "EXCL-PSEUDONYMIZED": T(
        "除外：仮名加工情報には漏えい等の報告・本人通知の規定（法26条）が適用されません。",
        "Excluded: pseudonymised information (仮名加工情報) is outside Article 26 (reporting and notice).",
        ("法41条9項", "GL 3-10"),
    ),
    "EXCL-NOT-PERSONAL-DATA": T(
        "除外：個人データ（個人情報データベース等を構成する個人情報。法16条3項）に当たらないため、法26条の対象外です。",
        "Excluded: the data is not personal data (個人データ, part of a personal information database; Article 16(3)), so Article 26 does not apply.",
        ("法16条3項", "法26条1項", "GL 2-6", "GL 3-5-1-1"),
    ),
    "EXCL-NOT-PERSONAL-DATA/acquiring": T(
        "除外：取得中の個人情報（個人データとして取り扱う予定のもの）の漏えい等は、規則7条3号の不正の目的による行為の場合に限り対象になりますが、不正の目的のおそれは確認されていません。",
        "Excluded: information being acquired to become personal data is covered only by item 3 (act with a wrongful purpose), and no such act is indicated.",
        ("法16条3項", "規則7条3号", "GL 3-5-1-1"),
    ),
    "EXCL-NOT-PERSONAL-DATA/acquiring-before-2024": T(
        "除外：取得中の個人情報は、{version}（2024年4月1日の改正前）の規則7条3号の対象に含まれていません。起算日が改正前のため、この規則で判断しています。",
        "Excluded: information being acquired was not covered by item 3 under {version} (before the 2024-04-01 amendment), which applies because the clock started before it.",
        ("法16条3項", "規則7条3号（2024年3月31日以前）", "GL 3-5-1-1"),
    ),
    "EXCL-INTENTIONAL-PROVISION": T(
        "除外：事業者自身の意思による第三者への提供は「漏えい」に当たりません。第三者提供の制限（法27条）の問題として別に確認してください。",
        "Excluded: a provision to a third party by the office's own decision is not a leak; review it as a third-party provision question (Article 27).",
        ("GL 3-5-1-2", "法27条"),
    ),
    "EXCL-RECOVERED": T(
        "除外：第三者が閲覧する前に全てを回収したため、「漏えい」に当たりません（例：誤送信先が閲覧せずに削除したことを確認した場合）。",
        "Excluded: all of the data was recovered before any third party viewed it, so it is not a leak (e.g. the wrong recipient deleted the e-mail unread, confirmed).",
        ("法26条1項", "GL 3-5-1-2", "Q&A 6-1"),
    ),
    "EXCL-COPY/loss": T(
        "除外：同じ内容のデータが他に保管されているため、「滅失」に当たりません。",
        "Excluded: the same data is kept elsewhere, so it is not a loss (滅失).",
        ("法26条1項", "GL 3-5-1-3"),
    ),
    "EXCL-COPY/damage": T(
        "除外：同じ内容のデータが他に保管されている（バックアップから復元できる）ため、「毀損」に当たりません。",
        "Excluded: the same data is kept elsewhere (it can be restored from a backup), so it is not damage (毀損).",
        ("法26条1項", "GL 3-5-1-4"),
    ),
    "EXCL-ENCRYPTION": T(
        "除外：高度な暗号化その他の必要な措置が講じられているため、規則7条のいずれの号にも当たりません。強固な暗号方式（電子政府推奨暗号リスト等）、復号鍵の分離管理、鍵が漏えいしていないことの3点を確認した場合に限り除外しています（3点の確認はBreachDeskの目安です）。",
        "Excluded: high-grade encryption or an equivalent measure protects the data, so no item of Rule 7 applies. BreachDesk excludes only when all three are affirmed (convention): a strong cipher (e.g. CRYPTREC list), the key kept and managed apart, and the key not compromised.",
        ("規則7条1号かっこ書", "GL 3-5-3-1", "番号法Q&A 17-14"),
    ),
    "ENC-NOT-HIGH-GRADE/weak": T(
        "暗号化：暗号化されていますが、高度な暗号化（強固な暗号方式と復号鍵の適切な管理）とは確認されていないため、除外を適用しません。OSのログインパスワードや簡易なパスワード付きZIPは高度な暗号化として扱いません（目安）。",
        "Encryption: the data is encrypted, but high-grade encryption (strong cipher, key properly managed) is not affirmed, so the exclusion does not apply. An OS login password or a weak password-protected ZIP is not treated as high-grade (convention).",
        ("規則7条1号かっこ書", "GL 3-5-3-1", "番号法Q&A 17-14"),
    ),
    "ENC-NOT-HIGH-GRADE/key": T(
        "暗号化：復号鍵（パスワード）もデータとともに漏えいした（おそれがある）ため、暗号化による除外は適用されません。",
        "Encryption: the key or password leaked (or may have leaked) with the data, so the encryption exclusion does not apply.",
        ("規則7条1号かっこ書", "GL 3-5-3-1", "番号法Q&A 17-14"),
    ),
    # --- 規則7条 1号〜4号 ---------------------------------------------------------------------------------------
    "R7-1/items": T(
        "規則7条1号：要配慮個人情報（{items}）を含む個人データの{event}{osore}に当たります。1人分でも該当します。",
        "Rule 7(1): {possibly}{event} of personal data including special-care information ({items}); one person is enough.",
        ("規則7条1号", "GL 3-5-3-1(1)", "GL 2-3"),
    ),
    "R7-1/flag": T(
        "規則7条1号：要配慮個人情報を含むとの回答に基づき、要配慮個人情報を含む個人データの{event}{osore}に当たります。1人分でも該当します。",
        "Rule 7(1): as answered, the data includes special-care information, so this is a {possibly}{event} under item 1; one person is enough.",
        ("規則7条1号", "GL 3-5-3-1(1)", "GL 2-3"),
    ),
    "R7-1-NA": T(
        "規則7条1号：要配慮個人情報（病歴、診療・調剤情報、健康診断結果等）は含まれていないため、該当しません。",
        "Rule 7(1) does not apply: no special-care information (medical history, clinical or dispensing data, health-check results, …) is involved.",
        ("規則7条1号", "GL 3-5-3-1(1)", "GL 2-3"),
    ),
    "R7-2/card_number_full": T(
        "規則7条2号：クレジットカード番号が含まれ、不正に利用されることにより財産的被害が生じるおそれがあります。カード番号のみでも、暗証番号やセキュリティコードが推測され得るため該当します。",
        "Rule 7(2): a full credit-card number is involved; misuse may cause financial harm. The card number alone suffices, since the PIN or security code could be worked out.",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 6-12"),
    ),
    "R7-2/payment_login_credentials": T(
        "規則7条2号：送金・決済機能のあるサービスのログインIDとパスワードが含まれ、財産的被害が生じるおそれがあります。事態を知った時点でおそれがあった以上、その後パスワードの再設定等をしても報告が必要です。",
        "Rule 7(2): the login ID and password of a service with remittance or payment functions are involved. The risk existed when the office learned of it, so a later password reset does not remove the duty.",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 6-15"),
    ),
    "R7-2-NA/card_last4_expiry_only": T(
        "規則7条2号：クレジットカード番号の下4桁と有効期限のみでは、直ちに財産的被害が生じるおそれがあるとはいえないため、該当しません。",
        "Rule 7(2) does not apply: the last four digits and the expiry date alone do not immediately create a risk of financial harm.",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 6-12"),
    ),
    "R7-2-NA/bank_account_only": T(
        "規則7条2号：銀行口座情報のみでは財産的被害が生じるおそれはないものとして、該当しないと判断しました（目安：生協の手順書とQ&A14-8に基づく解釈で、個人情報保護委員会のQ&A番号は確認できていません）。暗証番号やネットバンキングのID・パスワードも漏えいした場合は2号に当たり得ます。",
        "Rule 7(2) treated as not applicable: bank-account data alone is taken to carry no risk of financial harm (convention, based on a co-op procedure and Q&A 14-8; the PPC Q&A number was not found). If a PIN or online-banking credentials leaked too, item 2 may apply.",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 14-8", "Q&A 6-11"),
    ),
    "R7-2-NA": T(
        "規則7条2号：不正に利用されることにより財産的被害が生じるおそれのある情報（クレジットカード番号、送金・決済機能のあるサービスのID・パスワード等）は含まれていないため、該当しません。住所・電話番号・メールアドレスのみでは該当しません。",
        "Rule 7(2) does not apply: no data whose misuse may cause financial harm (card number, credentials of a payment service, …) is involved; address, phone or e-mail alone do not count.",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 6-11"),
    ),
    "R7-3": T(
        "規則7条3号：{basis}による{event}{osore}は、不正の目的をもって行われたおそれがある行為による漏えい等に当たります。{detail}行為者は外部の者か従業員かを問わず、委託先やクラウドサービスへの攻撃も含みます。本人が1人でも該当します。",
        "Rule 7(3): the {possibly}{event} through {basis} counts as caused by an act possibly done with a wrongful purpose. {detail}The actor may be an outsider or an employee; attacks on processors or cloud services count. One person is enough.",
        ("規則7条3号", "GL 3-5-3-1(3)"),
    ),
    "R7-3/insider": T(
        "規則7条3号：従業員（委託先の従業員を含む）が故意に個人データを持ち出し、又は第三者に渡した（その疑いがある）ため、不正の目的をもって行われたおそれがある行為による{event}{osore}に当たります。顧客名簿の売却やSNSへの投稿はガイドラインの該当例です。本人が1人でも該当します。",
        "Rule 7(3): an employee (or a processor's employee) took personal data out or handed it to a third party on purpose (or is suspected of it), so the {possibly}{event} counts as caused by an act possibly done with a wrongful purpose. Selling a customer list or posting data on social media are the guideline's examples. One person is enough.",
        ("規則7条3号", "GL 3-5-3-1(3)"),
    ),
    "R7-3/other": T(
        "規則7条3号：不正の目的をもって行われたおそれがある行為による{event}{osore}に当たります。{detail}行為者は外部の者か従業員かを問わず、委託先やクラウドサービスへの攻撃も含みます。本人が1人でも該当します。",
        "Rule 7(3): the {possibly}{event} counts as caused by an act possibly done with a wrongful purpose. {detail}The actor may be an outsider or an employee; attacks on processors or cloud services count. One person is enough.",
        ("規則7条3号", "GL 3-5-3-1(3)"),
    ),
    "R7-3-ACQ": T(
        "規則7条3号かっこ書：事業者が取得し、又は取得しようとしている個人情報で、個人データとして取り扱う予定のもの（例：改ざんされた入力フォームから窃取された入力内容）も3号の対象です（2024年4月1日施行の改正）。",
        "Rule 7(3), parenthesis: information the office is acquiring and plans to handle as personal data (e.g. entries stolen from a tampered web form) is covered too (amendment in force 2024-04-01).",
        ("規則7条3号", "GL 3-5-1-1"),
    ),
    "R7-3-NA": T(
        "規則7条3号：不正の目的をもって行われたおそれがある行為（不正アクセス、ランサムウェア、盗難、従業員による持ち出し等）は確認されていないため、該当しません。",
        "Rule 7(3) does not apply: no act possibly done with a wrongful purpose (unauthorised access, ransomware, theft, insider exfiltration, …) is indicated.",
        ("規則7条3号", "GL 3-5-3-1(3)"),
    ),
    "R7-4": T(
        "規則7条4号：漏えい等{osore}に係る本人の数は{count}で、1,000人を超えるため該当します。",
        "Rule 7(4): the {possibly}event concerns {count} individuals, more than 1,000.",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "R7-4/max": T(
        "規則7条4号：本人の数は{count}です。人数が確定していない場合は、漏えい等{osore}に係る最大の人数で判断します。その最大の人数が1,000人を超えるため該当します。",
        "Rule 7(4): the number of individuals is {count}. While it is not settled, the largest possible number decides; it is more than 1,000, so item 4 applies.",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "R7-4-NA": T(
        "規則7条4号：本人の数は{count}で、1,000人を超えないため該当しません（ちょうど1,000人は該当しません）。",
        "Rule 7(4) does not apply: the number of individuals is {count}, not more than 1,000 (exactly 1,000 does not count).",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "R7-4-NA/max": T(
        "規則7条4号：本人の数は{count}です。最大の人数でも1,000人を超えないため、該当しません。1,000人を超えると分かった場合は、その日から4号に該当します。",
        "Rule 7(4) does not apply: the number of individuals is {count}; even the largest possible number is not more than 1,000. If it turns out to exceed 1,000, item 4 applies from that day.",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "R7-4-NA/unknown": T(
        "規則7条4号：本人の数が入力されていないため、判断できません。",
        "Rule 7(4) cannot be decided: no number of individuals was given.",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "ACQ-ONLY": T(
        "対象：個人データではなく取得中の個人情報のみが対象のため、規則7条3号のみを検討しました（1号・2号・4号は個人データに限られます）。",
        "Scope: only information being acquired (not yet personal data) is involved, so only item 3 was considered; items 1, 2 and 4 cover personal data only.",
        ("規則7条", "GL 3-5-1-1"),
    ),
    # --- verdict ------------------------------------------------------------------------------------------------
    "REPORTABLE": T(
        "結論：報告対象事態（規則7条{items}）に当たります。",
        "Conclusion: a reportable situation under Rule 7 ({items}).",
        ("法26条1項", "規則7条", "GL 3-5-3-1"),
    ),
    "NOT-REPORTABLE/bango": T(
        "結論：規則7条の報告対象事態には当たらないため、個人情報保護法による報告と本人への通知の義務はありません。ただし、番号法による個人情報保護委員会への報告と本人への通知は必要です（番号法の判定を参照してください）。",
        "Conclusion: not a reportable situation under Rule 7, so the APPI requires no report or notice; the My Number Act, however, requires a report to the PPC and notice to individuals (see its verdict).",
        ("法26条", "番号法29条の4", "GL 3-5-3-1"),
    ),
    "NOT-REPORTABLE/bango-entrustor": T(
        "結論：規則7条の報告対象事態には当たらないため、個人情報保護法による報告と本人への通知の義務はありません。ただし、番号法により委託元への通知が必要です（番号法の判定を参照してください）。",
        "Conclusion: not a reportable situation under Rule 7, so the APPI requires nothing; the My Number Act, however, requires a notice to the entrusting business (see its verdict).",
        ("法26条", "番号法29条の4第1項ただし書", "GL 3-5-3-1"),
    ),
    "NOT-REPORTABLE": T(
        "結論：報告対象事態に当たらないため、個人情報保護委員会への報告と本人への通知の義務はありません。任意の報告は可能です。事実関係と判断の理由は記録として残してください。",
        "Conclusion: not a reportable situation, so there is no duty to report or to notify individuals. A voluntary report is possible; keep a record of the facts and this reasoning.",
        ("法26条", "GL 3-5-3-1 ※1", "GL 3-5-2"),
    ),
    # --- clocks -------------------------------------------------------------------------------------------------
    "CLOCK": T(
        "起算日：{date}。事業者のいずれかの部署の従業員が最初に事態を知った日で、この日を1日目として数えます（従業員による不正な持ち出し等では、行為をした本人が知っていたことは数えません）。個人情報保護担当者が報告を受けた日ではありません。",
        "Clock start: {date}, the day anyone in any department of the office first learned of it; it counts as day 1 (in an insider case, the wrongdoer's own knowledge does not count). It is not the day the privacy officer was told.",
        ("規則8条1項", "規則8条2項", "GL 3-5-3-3", "GL 3-5-3-4", "Q&A（行政機関等編）3-4-1（類推）"),
    ),
    "CLOCK/processor": T(
        "起算日：{date}。この事業所（委託先）のいずれかの部署の従業員が最初に事態を知った日で、この日を1日目として数えます（従業員による不正な持ち出し等では、行為をした本人が知っていたことは数えません）。個人情報保護担当者が報告を受けた日ではありません。委託元の起算日は、遅くともこの事業所からの通知が委託元に届いた日です。",
        "Clock start: {date}, the day anyone in any department of this office (the processor) first learned of it; it counts as day 1 (in an insider case, the wrongdoer's own knowledge does not count). It is not the day the privacy officer was told. The controller's clock starts at the latest on the day this office's notice reaches it.",
        ("規則9条", "GL 3-5-3-3", "GL 3-5-3-5", "Q&A（行政機関等編）3-4-1（類推）"),
    ),
    "CLOCK/4-crossing": T(
        "起算日：{date}。当初は1,000人以下と考えられ、この日に1,000人を超えることが判明したため、4号はこの日から該当します（4号の起算日とする取扱いは目安です）。",
        "Clock start: {date}, the day the count was found to exceed 1,000; item 4 applies from then (treating it as the clock start is an app convention).",
        ("規則7条4号", "規則8条1項", "GL 3-5-3-1(4)"),
    ),
    "R8-1": T(
        "速報：速やかに（遅くとも{end}まで）報告してください。ガイドラインは概ね3〜5日以内を目安としています（3日目の{start}までの報告をお勧めします）。日数は起算日を1日目として土日祝日も含めて数え、休日による繰り延べはしません（この数え方はBreachDeskの目安です）。報告時点で把握している事項を報告します。",
        "Preliminary report: promptly (by {end} at the latest). The guideline's guide is about 3–5 days (filing by day 3, {start}, is recommended). Days are counted from the clock start as day 1, weekends and holidays included, and never moved (this counting is an app convention). Report what is known at the time.",
        ("規則8条1項", "GL 3-5-3-3"),
    ),
    # Shown instead of "R8-1" / "R9" against today (app/deadlines/advice.py): the stored assessment keeps its own.
    "R8-1/window": T(
        "速報：ガイドラインの目安（概ね3〜5日以内）の期間に入っています。本日中の報告をお勧めします（遅くとも{end}まで）。報告時点で把握している事項を報告します。",
        "Preliminary report: the guideline's guide of about 3–5 days has begun. Filing today is recommended ({end} at the latest). Report what is known at the time.",
        ("規則8条1項", "GL 3-5-3-3"),
    ),
    "R8-1/past": T(
        "速報：ガイドラインの目安（概ね3〜5日以内、{end}まで）を過ぎています。直ちに報告してください。報告時点で把握している事項を報告します。",
        "Preliminary report: the guideline's guide of about 3–5 days ({end}) has passed. Report at once, with what is known at the time.",
        ("規則8条1項", "GL 3-5-3-3"),
    ),
    "R9/window": T(
        "委託元への通知：ガイドラインの目安（概ね3〜5日以内）の期間に入っています。本日中の通知をお勧めします（遅くとも{end}まで）。報告事項のうち、その時点で把握しているものを全て通知します。",
        "Notice to the controller: the guideline's guide of about 3–5 days has begun. Notice today is recommended ({end} at the latest). Give every report item known at the time.",
        ("規則9条", "GL 3-5-3-5"),
    ),
    "R9/past": T(
        "委託元への通知：ガイドラインの目安（概ね3〜5日以内、{end}まで）を過ぎています。直ちに通知してください。報告事項のうち、その時点で把握しているものを全て通知します。",
        "Notice to the controller: the guideline's guide of about 3–5 days ({end}) has passed. Notify at once, with every report item known at the time.",
        ("規則9条", "GL 3-5-3-5"),
    ),
    "R8-2": T(
        "確報：{days}日以内に報告してください。起算日を1日目として数え、{days}日目の{deadline}が期限です。土日祝日も日数に含めます。",
        "Final report: within {days} days. Counting the clock start as day 1, day {days}, {deadline}, is the deadline. Weekends and holidays are counted.",
        ("規則8条2項", "GL 3-5-3-4"),
    ),
    "R8-2/moved": T(
        "確報：{days}日以内に報告してください。起算日を1日目として数え、{days}日目は{nth}です。土日祝日も日数に含めます。",
        "Final report: within {days} days. Counting the clock start as day 1, day {days} is {nth}. Weekends and holidays are counted.",
        ("規則8条2項", "GL 3-5-3-4"),
    ),
    "R8-2/60": T(
        "確報：3号に該当するため60日以内に報告してください（他の号と重なる場合も60日です）。起算日を1日目として数え、60日目の{deadline}が期限です。土日祝日も日数に含めます。",
        "Final report: within 60 days because item 3 applies (also when it coincides with another item). Counting the clock start as day 1, day 60, {deadline}, is the deadline. Weekends and holidays are counted.",
        ("規則8条2項", "GL 3-5-3-4"),
    ),
    "R8-2/60-moved": T(
        "確報：3号に該当するため60日以内に報告してください（他の号と重なる場合も60日です）。起算日を1日目として数え、60日目は{nth}です。土日祝日も日数に含めます。",
        "Final report: within 60 days because item 3 applies (also when it coincides with another item). Counting the clock start as day 1, day 60 is {nth}. Weekends and holidays are counted.",
        ("規則8条2項", "GL 3-5-3-4"),
    ),
    "R8-2-MOVED": T(
        "確報の期限の繰り延べ：{skipped}のため、期限は次の開庁日の{deadline}です。休日が続く場合は、休日でない日まで繰り延べています（行政機関の休日に関する法律2条に沿った目安）。",
        "Deadline moved: {skipped}, so the deadline is the next open day, {deadline}. A run of closed days is skipped entirely (reading of the Act on Holidays of Administrative Organs, Art. 2; convention).",
        ("規則8条2項", "GL 3-5-3-4 ※2", "行政機関の休日に関する法律2条"),
    ),
    # --- who reports, who is notified ---------------------------------------------------------------------------
    "REPORT-TO/ppc": T(
        "報告先：個人情報保護委員会（速報・確報）。",
        "Report to: the Personal Information Protection Commission (preliminary and final report).",
        ("法26条1項", "規則8条3項", "GL 3-5-3-3"),
    ),
    "REPORT-TO/delegated": T(
        "報告先：個人情報保護委員会から報告を受理する権限の委任を受けた事業所管大臣です（法150条1項）。業種ごとの受付窓口は、個人情報保護委員会の「権限の委任」のページで確認してください。報告期限は個人情報保護委員会に報告する場合と同じです。",
        "Report to: the minister responsible for the sector, to whom the PPC delegated the receipt of reports (Article 150(1)). Check the desk for the sector on the PPC 'delegation of authority' page. The deadlines are the same as for the PPC.",
        ("法26条1項", "法150条1項", "GL 3-5-3-3", "PPC 権限の委任"),
    ),
    "LAW26-1-PROVISO": T(
        "委託先の特例：委託を受けて取り扱う個人データのため、委託元に通知すれば、個人情報保護委員会への報告と本人通知の義務を免れます。委託元に通知するまでは免除されません。委託元と連名で報告することもできます。",
        "Processor proviso: the data is handled for a controller; once this office notifies its controller (委託元), it is released from the PPC report and from notifying individuals. Until then it is not. A joint report with the controller is also possible.",
        ("法26条1項ただし書", "法26条2項", "規則9条", "GL 3-5-3-5", "GL 3-5-4-1"),
    ),
    "R9": T(
        "委託元への通知：速やかに（遅くとも{end}まで）通知してください。ガイドラインは概ね3〜5日以内を目安としています（知った日を1日目として、3日目の{start}までの通知をお勧めします）。報告事項のうち、その時点で把握しているものを全て通知します。",
        "Notice to the controller: promptly (by {end} at the latest). The guideline's guide is about 3–5 days (counting the day this office learned of it as day 1, notice by day 3, {start}, is recommended). Give every report item known at the time.",
        ("規則9条", "GL 3-5-3-5"),
    ),
    "LAW26-2": T(
        "本人への通知：必要です。事態の状況に応じて速やかに、概要・個人データの項目・原因・二次被害又はそのおそれの有無と内容・その他参考となる事項を通知します（日数の定めはありません）。",
        "Notice to individuals: required, promptly as the situation allows (no fixed number of days): summary, data items, cause, secondary harm, other useful information.",
        ("法26条2項", "規則10条", "GL 3-5-4"),
    ),
    "LAW26-2-PROVISO": T(
        "本人への通知が困難な場合（連絡先を保有していない、連絡先が古い等）は、事案の公表や問合せ窓口の公表など、本人の権利利益を保護するための代替措置をとることが認められます。",
        "Where notice is difficult (no or outdated contact details), substitute measures such as publishing the incident or an enquiry desk are allowed.",
        ("法26条2項ただし書", "GL 3-5-4-5"),
    ),
    # --- other tracks -------------------------------------------------------------------------------------------
    "PMARK": T(
        "Pマーク：審査機関への事故報告が必要です（1人分でも対象）。確報は発覚日から{days}日以内、{sokuho}。日数の数え方は公表されていないため、個人情報保護委員会への確報と同じ数え方（発覚日を1日目、閉庁日は翌開庁日）を目安にしています。",
        "Privacy Mark: an incident report to the examining body is required (even for one person). Final report within {days} days of discovery; {sokuho}. The counting method is not published; BreachDesk counts as for the PPC final report (convention).",
        ("PMK500", "Pマーク 事故報告"),
    ),
    "PMARK/exclusion-not-carried": T(
        "Pマーク：個人情報保護法上は除外（{excluded}）に当たりますが、Pマークの事故（漏えい・紛失・滅失・き損等とそのおそれ。1人分でも対象）は規則7条より広く（例：暗号化された機器の紛失・盗難も報告対象）、この除外は当てはまらないものとして、審査機関への報告を要すると扱います（目安）。",
        "Privacy Mark: although excluded under the APPI ({excluded}), P-mark incidents are wider than Rule 7 (e.g. loss or theft of a device counts even when encrypted), so this exclusion is not carried over and a report to the examining body is treated as required (convention).",
        ("PMK500", "JISA 事故報告"),
    ),
    "PMARK/none": T(
        "Pマーク：事業者自身の意思による提供は、それ自体は事故として扱いません。ただし本人の同意等の根拠がない提供であれば、目的外提供の事故として報告が必要です。",
        "Privacy Mark: a provision by the office's own decision is not itself an incident; without consent or another legal basis it is (out-of-purpose provision) and must be reported.",
        ("PMK500", "Pマーク 事故報告"),
    ),
    "GDPR33": T(
        "GDPR：監督機関への通知は、不当な遅滞なく、可能な限り認識した時点（{awareness}）から72時間以内、すなわち{deadline}までです（時間単位で数え、土日祝日による延長はありません）。個人の権利自由へのリスクが生じるおそれがない場合は通知不要ですが、その判断は記録してください。高リスクの場合は本人への連絡も必要です（第34条）。個人情報保護法の期限とは別に管理してください。",
        "GDPR: notify the supervisory authority without undue delay and, where feasible, within 72 hours of awareness ({awareness}), i.e. by {deadline} (clock hours, no weekend or holiday extension). Not needed if the breach is unlikely to result in a risk (document why). High risk: tell data subjects too (Art. 34). Keep this clock apart from the APPI dates.",
        ("GDPR Art. 33", "GDPR Art. 34", "EDPB Guidelines 9/2022 §31"),
    ),
    # --- warnings -----------------------------------------------------------------------------------------------
    "W-PMARK-MY-NUMBER": T(
        "Pマーク：マイナンバーを含む事故は、情報提供ネットワークシステム等からの漏えい、不特定多数による閲覧、不正の目的、100人超のいずれかで速報が必要です。該当するか確認してください。",
        "Privacy Mark: a My Number incident needs a preliminary report if leaked from the information-provision network, viewable by many, wrongful purpose, or more than 100 people; check.",
        ("PMK500", "Pマーク 事故報告"),
    ),
    "W-RANSOMWARE-BACKUP": T(
        "ランサムウェアの被害をバックアップから復元できるため「毀損」に当たらないとしましたが、ランサムウェアは暗号化の前にデータを窃取することが多くあります。窃取の痕跡（不審な外部通信、攻撃者からの窃取の告知等）が見つかった場合は、直ちに「漏えい（のおそれ）」として再判定してください（3号に当たり、1人分でも報告対象です）。",
        "Ransomware with a backup: not damage since the data can be restored, but ransomware often steals data before encrypting it. If any sign of theft appears (unusual outbound traffic, a leak claim), re-assess at once as a (possible) leak: item 3 applies even for one person.",
        ("規則7条3号", "GL 3-5-1-4 ※", "GL 3-5-3-1(3)"),
    ),
    "W-COPY-MALICIOUS": T(
        "不正の目的による行為が疑われます。データが外部に持ち出された可能性があれば、同じデータが他に保管されていても「漏えい（のおそれ）」として再判定してください。",
        "A wrongful act is suspected: if the data may have been taken out, re-assess as a (possible) leak even though a copy exists.",
        ("規則7条3号", "GL 3-5-1-4 ※", "GL 3-5-3-1(3)"),
    ),
    "W-LOSS-MAY-BE-LEAK": T(
        "紛失した書類や媒体が事業所の外に出た可能性、又は第三者に見られた可能性がある場合は「漏えい（のおそれ）」に当たり、同じデータが他に保管されていても報告対象になり得ます。紛失場所を確認してください。",
        "If the lost documents or media may have left the office or been seen by someone, it is a (possible) leak and may be reportable even though a copy exists; check where it was lost.",
        ("法26条1項", "GL 3-5-1-3 ※2"),
    ),
    "W-DAMAGE-RECOVERED": T(
        "「閲覧前に全て回収した」は漏えいと滅失についての事情で、毀損には当てはまりません。復元できる場合は「同じデータが他に保管されている」を選んでください。",
        "'Recovered before viewed' concerns leaks and losses, not damage; if the data can be restored, answer 'identical copy exists' instead.",
        ("法26条1項", "GL 3-5-1-2", "GL 3-5-1-4"),
    ),
    "W-INTENTIONAL-PROVISION": T(
        "本人の同意等の根拠なく第三者に提供した場合は、第三者提供の制限（法27条）に違反するおそれがあります。現行法では違法な第三者提供そのものに報告義務はありませんが、提供の根拠を確認してください。",
        "If the data was provided without consent or another legal basis, Article 27 may have been breached; the law sets no reporting duty for that itself, but check the basis.",
        ("法27条", "GL 3-5-1-2"),
    ),
    "W-COUNT-UNKNOWN": T(
        "本人の数が入力されていません。人数が確定しない場合は、漏えい等のおそれがある最大人数を入力してください。最大人数が1,000人を超えれば4号に該当します。",
        "No number of individuals was given. If it is not settled, enter the largest possible number; more than 1,000 means item 4.",
        ("規則7条4号", "GL 3-5-3-1(4)"),
    ),
    "W-LOGIN-PAYMENT": T(
        "ログインIDとパスワードが含まれます。そのサービスに送金・決済機能がある場合は2号に該当します（その後パスワードを再設定しても同じです）。",
        "A login ID and password are involved. If the service has remittance or payment functions, item 2 applies (a later reset does not change that).",
        ("規則7条2号", "GL 3-5-3-1(2)", "Q&A 6-15"),
    ),
    "W-MALICIOUS-BASIS-MISSING": T(
        "不正の目的のおそれがあると回答されていますが、その根拠（不正アクセスの痕跡、マルウェア感染、盗難、従業員の持ち出し等）が記録されていません。報告書に記載するため記録してください。",
        "A wrongful purpose was answered without its basis (traces of intrusion, malware, theft, insider exfiltration, …); record it for the report.",
        ("規則7条3号", "規則8条1項4号", "GL 3-5-3-1(3)"),
    ),
    "W-INDICATOR-NOT-LISTED": T(
        "この判断に使った規則・ガイドライン（{version}）は「{basis}」を「おそれ」の例として挙げていません。3号の該当性は個別の事情から判断してください。",
        "The rules and guideline applied ({version}) do not list '{basis}' as an indicator; decide item 3 on the facts of the case.",
        ("規則7条3号", "GL 3-5-3-1(3)"),
    ),
    "W-OFFICER-LATER": T(
        "起算日は、事業者内で最初に知った日（{learned}）です。個人情報保護担当者が知った日（{officer}）から数えると、期限を過ぎるおそれがあります。",
        "The clock starts on the day anyone in the office first learned of it ({learned}); counting from the day the privacy officer did ({officer}) risks missing the deadlines.",
        ("規則8条1項", "GL 3-5-3-3", "GL 3-5-3-4"),
    ),
    "W-4-CROSSING": T(
        "1,000人を超えることが判明したのは{crossing}ですが、他の号（{items}）は{learned}から該当しているため、早い方の{learned}を起算日としています。",
        "The count was found to exceed 1,000 on {crossing}, but other items ({items}) applied from {learned}, so the earlier day governs.",
        ("規則7条4号", "GL 3-5-3-1(4)", "GL 3-5-3-3"),
    ),
    "W-HOLIDAY-FORECAST": T(
        "{year}年の祝日（春分の日・秋分の日など）はまだ正式に確定していない予測値です。期限が近づいたら内閣府の祝日一覧で確認してください。",
        "Holidays of {year} (equinox days in particular) are still a forecast; check the Cabinet Office list as the deadline approaches.",
        ("行政機関の休日に関する法律1条", "GL 3-5-3-4 ※2"),
    ),
    "W-PMARK-CONVENTION": T(
        "Pマークの報告期限の数え方（初日の扱い、休日の扱い）と対象範囲は公表資料で確認できないため、目安です。審査機関の指示を確認してください。",
        "The Privacy Mark counting method and scope are not published; these dates are a convention. Check with the examining body.",
        ("PMK500", "Pマーク 事故報告"),
    ),
    "W-AMENDMENT-PENDING": T(
        "令和8年改正（令和8年法律第56号）による本人通知の緩和（本人の権利利益の保護に欠けるおそれが少ない場合）は{effective}に施行されており、この事案の起算日にも効力があります。ただし、その基準を定める規則・ガイドラインはこの版のBreachDeskの作成時点で公表されていなかったため、現行の基準で判断しています。新しい規則・ガイドラインを確認したうえで、本人通知の要否を判断してください。",
        "The 2026 amendment (Act No. 56 of 2026) relaxing the notice to individuals where there is little risk to their rights is in force from {effective}, which covers this case's clock start. Its criteria (new rules and guideline) were not published when this version of BreachDesk was made, so the current criteria are applied; check the new rules and guideline before deciding on the notice.",
        ("令和8年法律第56号", "法26条2項"),
    ),
    "W-PROCESSOR-CONTRACT": T(
        "報告対象事態には当たりませんが、委託契約で定める事故報告は別に必要です。委託元への連絡を忘れないでください。",
        "Not reportable under the APPI, but the entrustment contract usually requires telling the controller; do not forget it.",
        ("法25条", "GL 3-4-4", "GL 3-5-3-5"),
    ),
}


MALICIOUS_BASIS_LABELS: dict[MaliciousBasis, tuple[str, str]] = {
    MaliciousBasis.UNAUTHORIZED_ACCESS: ("不正アクセス", "unauthorised access"),
    MaliciousBasis.RANSOMWARE: ("ランサムウェア", "ransomware"),
    MaliciousBasis.THEFT: ("書類・媒体等の盗難", "theft of documents or media"),
    MaliciousBasis.INSIDER_EXFILTRATION: ("従業員等による不正な持ち出し", "insider exfiltration"),
    MaliciousBasis.INFO_STEALING_MALWARE: ("情報窃取型マルウェアの感染", "information-stealing malware"),
    MaliciousBasis.C2_TRAFFIC: ("C&Cサーバへの通信", "traffic to a C&C server"),
    MaliciousBasis.WEB_SKIMMING: (
        "入力ページの改ざん（ウェブスキミング）",
        "web skimming (tampered input page)",
    ),
    MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE: (
        "第三者からの根拠のある連絡",
        "a notice with evidence from a third party",
    ),
    MaliciousBasis.OTHER: (
        "不正の目的をもって行われたおそれがある行為",
        "an act possibly done with a wrongful purpose",
    ),
}

EVENT_LABELS: dict[str, tuple[str, str]] = {
    "leak": ("漏えい", "leak"),
    "loss": ("滅失", "loss"),
    "damage": ("毀損", "damage"),
}

EXCLUSION_LABELS: dict[str, tuple[str, str]] = {
    "pseudonymized": ("仮名加工情報", "pseudonymised information"),
    "intentional_provision": ("自らの意思による提供", "own-decision provision"),
    "high_grade_encryption": ("高度な暗号化", "high-grade encryption"),
    "recovered_before_viewed": ("閲覧前の回収", "recovered before viewed"),
    "identical_copy_exists": ("同じデータの保管", "identical copy kept"),
    "not_personal_data": ("個人データに当たらない", "not personal data"),
}
