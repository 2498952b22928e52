"""BreachDesk's default wording for each document, the placeholders it may use, and per-item advice.

The Japanese is what the recipient reads, so it is data here rather than catalog entries; the officer rewrites
it in the template editor. Bodies that are a single list placeholder on their own line ({該当する情報},
{お客様へのお願い}) print as a bulleted list.
"""

from __future__ import annotations

from typing import Any

from app.domain.facts import DataItem
from app.i18n import N_

# name -> what it holds (English msgid, shown translated in the template editor)
PLACEHOLDERS: dict[str, str] = {
    "事業者名": N_("Name of the business (office profile)"),
    "代表者": N_("Representative (office profile)"),
    "事業者所在地": N_("Address of the business (office profile)"),
    "法人番号": N_("Corporate number (office profile)"),
    "業種": N_("Industry (office profile)"),
    "担当部署": N_("Department in charge (office profile)"),
    "担当者": N_("Person in charge (office profile)"),
    "担当者電話": N_("Phone of the person in charge (office profile)"),
    "担当者メール": N_("E-mail of the person in charge (office profile)"),
    "窓口名": N_("Name of the enquiry desk"),
    "窓口電話": N_("Phone number of the enquiry desk"),
    "受付時間": N_("Opening hours of the enquiry desk"),
    "窓口メール": N_("E-mail address of the enquiry desk"),
    "作成日": N_("Date of the document"),
    "事案番号": N_("Reference number of the incident"),
    "件名": N_("Title of the incident"),
    "報告区分": N_("Report type (preliminary, final, supplement)"),
    "発生日": N_("Date it occurred"),
    "発覚日": N_("Date it came to light"),
    "発生した事態": N_("What happened to the data, e.g. 漏えいしたおそれがある"),
    "事案の概要": N_("What happened, for outside readers (the incident's summary; report item 1)"),
    "項目": N_("Data items of the incident (report item 2)"),
    "本人の数": N_("Number of individuals (report item 3)"),
    "原因": N_("Cause (report item 4)"),
    "二次被害": N_("Secondary damage (report item 5)"),
    "本人への対応": N_("Measures toward the individuals (report item 6)"),
    "公表の状況": N_("Public announcement (report item 7)"),
    "再発防止策（実施済み）": N_("Prevention measures taken (report item 8)"),
    "再発防止策（今後）": N_("Prevention measures planned (report item 8)"),
    "その他参考事項": N_("Other relevant matters (report item 9)"),
    "委託元名": N_("Name of the entrusting business"),
    "審査機関名": N_("Privacy Mark review body"),
    "Pマーク登録番号": N_("Privacy Mark registration number"),
    "安全管理措置の実施状況": N_("Security measures in place when it happened"),
    "本人の呼称": N_("How the letters address the people concerned (お客様, 従業員の皆様 …)"),
    "通知の趣旨": N_("Why the entrusting business is told (reportable or a courtesy report)"),
    "氏名": N_("Name of the person a letter is addressed to"),
    "該当する情報": N_("The data items that concern this person (a list)"),
    "お客様へのお願い": N_("What this person can do to protect themselves (a list)"),
}

# Placeholders whose value differs per person: the letters fill them for each recipient.
PERSONAL_PLACEHOLDERS = frozenset({"氏名", "該当する情報", "お客様へのお願い"})
# What the report may not hold yet and a notice can do without: a line (or a section) that uses only these and finds
# them all empty is left out of the letters and the announcement instead of printing 【未入力】.
OPTIONAL_PLACEHOLDERS = frozenset(
    {
        "本人への対応",
        "公表の状況",
        "再発防止策（実施済み）",
        "再発防止策（今後）",
        "その他参考事項",
        "窓口電話",
        "受付時間",
        "窓口メール",
    }
)
# Internal text that must not go outside (the 件名 may name a department or a person): a template of an outside
# document that uses one gets a warning in the preview (issue 15 point 2).
INTERNAL_PLACEHOLDERS = frozenset({"件名"})
OUTSIDE_TEMPLATE_KEYS = frozenset({"report", "notice_letter", "entrustor_notice", "publication"})

_CONTACT = "{窓口名}\n電話：{窓口電話}\n受付時間：{受付時間}\nメール：{窓口メール}"

DEFAULT_TEMPLATES: dict[str, dict[str, Any]] = {
    "report": {
        "title": "個人データの漏えい等に関する報告書（{報告区分}）",
        "opening": "個人情報の保護に関する法律第26条第1項の規定に基づき、下記のとおり報告します。",
        "sections": [],
        "closing": "以上",
    },
    # An お詫び状: 拝啓 … 敬具, then between 記 and 以上 every item of 施行規則第10条 (概要, 項目, 原因, 二次被害,
    # その他参考となる事項; docs/domain.md §6) and what the report holds on the office's response.
    "notice_letter": {
        "title": "個人情報の漏えい等に関するお詫びとお知らせ",
        "opening": (
            "拝啓　平素は格別のご高配を賜り、厚く御礼申し上げます。\n"
            "このたび、当社がお預かりしている{本人の呼称}の個人情報が{発生した事態}ことが判明いたしました。"
            "{本人の呼称}には多大なるご迷惑とご心配をおかけしますことを、心より深くお詫び申し上げます。\n"
            "本件の概要と当社の対応につきまして、下記のとおりご報告いたします。"
        ),
        "sections": [
            {"heading": "本件の概要", "body": "{事案の概要}\n（発生日：{発生日}　判明日：{発覚日}）"},
            {
                "heading": "対象となる個人情報の項目",
                "body": "本件に関係する{本人の呼称}の情報は、次のとおりです。\n{該当する情報}",
            },
            {"heading": "原因", "body": "{原因}"},
            {"heading": "二次被害又はそのおそれの有無及びその内容", "body": "{二次被害}"},
            {"heading": "当社の対応", "body": "{本人への対応}"},
            {"heading": "再発防止策", "body": "{再発防止策（実施済み）}\n{再発防止策（今後）}"},
            {"heading": "本件の公表", "body": "{公表の状況}"},
            {
                "heading": "その他参考となる事項",
                "body": "{本人の呼称}におかれましては、念のため、次の点にご注意くださいますようお願い申し上げます。"
                "\n{お客様へのお願い}",
            },
            {"heading": "お問い合わせ窓口", "body": _CONTACT},
        ],
        "closing": (
            "このたびは、{本人の呼称}に多大なるご迷惑とご心配をおかけしましたことを、重ねて深くお詫び申し上げます。"
            "当社では本件を厳粛に受け止め、個人情報の管理体制を見直し、再発防止に全力で取り組んでまいります。\n"
            "敬具"
        ),
    },
    "entrustor_notice": {
        "title": "個人データの漏えい等に関するご報告",
        "opening": (
            "拝啓　平素は格別のお引き立てを賜り、厚く御礼申し上げます。\n"
            "このたび、貴社より委託を受けて当社が取り扱っている個人データについて、{発生した事態}ことが判明いたしました。"
            "貴社に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n"
            "{通知の趣旨}"
        ),
        "sections": [
            {
                "heading": "本件に関する当社の連絡先",
                "body": "{事業者名}　{担当部署}　{担当者}\n電話：{担当者電話}\nメール：{担当者メール}",
            },
        ],
        "closing": "敬具",
    },
    "publication": {
        "title": "個人情報の漏えい等に関するお詫びとお知らせ",
        "opening": (
            "このたび、当社がお預かりしている{本人の呼称}の個人情報が{発生した事態}ことが判明いたしました。"
            "関係する{本人の呼称}をはじめ、皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n"
            "本件の概要と当社の対応につきまして、下記のとおりお知らせいたします。"
        ),
        "sections": [
            {"heading": "本件の概要", "body": "{事案の概要}\n（発生日：{発生日}　判明日：{発覚日}）"},
            {"heading": "対象となる個人情報", "body": "項目：{項目}\n人数：{本人の数}"},
            {"heading": "原因", "body": "{原因}"},
            {"heading": "二次被害又はそのおそれの有無", "body": "{二次被害}"},
            {"heading": "当社の対応", "body": "{本人への対応}"},
            {"heading": "再発防止策", "body": "{再発防止策（実施済み）}\n{再発防止策（今後）}"},
            {
                "heading": "お問い合わせ窓口",
                "body": "本件に関するお問い合わせや、ご自身の情報が含まれているかのご確認は、"
                "下記の窓口までご連絡ください。\n" + _CONTACT,
            },
        ],
        "closing": (
            "このたびは、皆様に多大なるご迷惑とご心配をおかけしましたことを、重ねて深くお詫び申し上げます。\n以上"
        ),
    },
    "internal_report": {
        "title": "個人データの漏えい等事案に関する社内報告書",
        "opening": "標記の件について、現時点までの事実経過、判定結果及び対応状況を下記のとおり報告します。",
        "sections": [],
        "closing": "以上",
    },
    "pmark_report": {
        "title": "個人情報に関する事故報告書",
        "opening": (
            "プライバシーマーク付与に関する規約に基づき、当社において発生した個人情報に関する事故について、"
            "下記のとおり報告いたします。"
        ),
        "sections": [],
        "closing": "以上",
    },
}

# What a person can do, per kind of data that concerns them (docs/domain.md §6: only what helps that person).
_CONTACT_ADVICE = (
    "当社を装った不審な電話、メール、郵便物にご注意ください。"
    "身に覚えのない連絡には応じず、メールの添付ファイルやリンクは開かないようお願いいたします。"
)
_ADVICE_BY_ITEM: dict[DataItem, str] = {
    DataItem.NAME: _CONTACT_ADVICE,
    DataItem.ADDRESS: _CONTACT_ADVICE,
    DataItem.PHONE: _CONTACT_ADVICE,
    DataItem.EMAIL: _CONTACT_ADVICE,
    DataItem.LOGIN_ID: "同じIDとパスワードの組み合わせを他のサービスでもお使いの場合は、速やかにパスワードを変更してください。",
    DataItem.PASSWORD: "同じIDとパスワードの組み合わせを他のサービスでもお使いの場合は、速やかにパスワードを変更してください。",
    DataItem.CARD_NUMBER_FULL: "クレジットカードのご利用明細に身に覚えのない請求がないかご確認ください。"
    "不審な請求がある場合は、カード裏面に記載の連絡先へご連絡ください。",
    DataItem.CARD_LAST4: "クレジットカードのご利用明細に身に覚えのない請求がないかご確認ください。",
    DataItem.CARD_EXPIRY: "クレジットカードのご利用明細に身に覚えのない請求がないかご確認ください。",
    DataItem.BANK_ACCOUNT: "預金口座の入出金明細に身に覚えのない取引がないかご確認ください。",
}
# 番号法7条2項: the 市町村長 gives a new number, on request or ex officio, when a leaked number may be misused
# (docs/domain.md §15.3 rule 12). Said as a possibility, since the 市区町村 decides whether that is the case.
MY_NUMBER_ADVICE = (
    "個人番号（マイナンバー）が不正に使われるおそれがあるとご心配な場合は、お住まいの市区町村の窓口にご相談ください。"
    "個人番号が漏えいして不正に用いられるおそれがあると認められるときは、ご本人の請求により、"
    "新しい個人番号に変更してもらうことができます（マイナンバー法第7条第2項）。",
    "国の機関や市区町村などを名乗り、電話やメールで個人番号（マイナンバー）や口座番号などを聞き出そうとする"
    "不審な連絡には応じないようご注意ください。",
)
ADVICE_ALWAYS = "当社から、お電話やメールでパスワードやカード番号をお尋ねすることはございません。"


def advice_for(item_codes: tuple[str, ...]) -> tuple[str, ...]:
    """The advice lines for one person's items, each once, the general one last."""
    lines: list[str] = []
    for code in item_codes:
        try:
            item: DataItem | None = DataItem(code)
        except ValueError:
            item = None
        if item is DataItem.MY_NUMBER:
            texts: tuple[str, ...] = MY_NUMBER_ADVICE
        else:
            texts = (_ADVICE_BY_ITEM.get(item, ""),) if item is not None else ()
        lines += [text for text in texts if text and text not in lines]
    lines.append(ADVICE_ALWAYS)
    return tuple(lines)
