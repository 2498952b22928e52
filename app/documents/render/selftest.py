"""A two-page PDF that proves Japanese printing works on this machine: fonts, 禁則, tables, page numbers, dates.

`main.py selftest` and the packaged-app smoke test build it. The text is Japanese in every UI language: the
point is to typeset Japanese, and the recipients of BreachDesk's documents read Japanese.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import PageBreak, Spacer

from app import APP_NAME, __version__
from app.documents.render.flowables import data_table, label_value_table, para
from app.documents.render.fonts import describe_unprintable, unprintable_characters
from app.documents.render.styles import stylesheet
from app.documents.render.template import render
from app.domain.dates import ERAS, format_date, today_jst
from app.domain.office import DateStyle
from app.errors import BreachDeskError

TITLE = "日本語印刷の自己診断"

# Each paragraph puts 43 full-width characters (one line of 10.5 pt on the A4 frame) before a mark that may not
# start a line: 。 alone, ）。 together, and 」. ReportLab's own CJK wrap starts the second line with 。 in the
# second case; JaParagraph must move a character down with it in all three.
KINSOKU_PARAGRAPHS: tuple[str, ...] = (
    "漏えい等が発生したおそれがあるときは、個人情報保護委員会への報告と、本人通知を行います。"
    "この段落は、句点がちょうど行頭に来る位置に置かれています。",
    "事業者は、報告対象事態を知ったときは、委員会に報告しなければなりません（個人情報保護法）。"
    "閉じ括弧と句点が続いても、句点だけが次の行に送られることはありません。",
    "規則第七条は、報告と本人通知が必要な事態を四つ定めています。第一号は、「要配慮個人情報」が"
    "含まれる個人データの漏えい等です。閉じかぎ括弧も行頭には置きません。",
)

SAMPLE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("髙橋 一郎", "たかはし いちろう", "旧字体の「髙」（はしごだか）を含む氏名です。"),
    (
        "山﨑 花子",
        "やまざき はなこ",
        "「﨑」（たつさき）を含む氏名です。長い説明はセルの幅の中で折り返され、罫線からはみ出しません。",
    ),
    ("BreachDesk", "ぶりーちですく", "英数字 ABC 123 と全角文字の混在（メール: info@example.jp）"),
)


def selftest_story(today: dt.date) -> list[object]:
    styles = stylesheet()
    western = format_date(today, DateStyle.WESTERN, weekday=True)
    era = format_date(today, DateStyle.JAPANESE_ERA, weekday=True)
    both_dates = f"{western}／{era}"
    era_pairs = [
        (f"{name}の始まり", f"{format_date(start)}　→　{format_date(start, DateStyle.JAPANESE_ERA)}")
        for start, name in reversed(ERAS)
    ]
    return [
        para(f"作成日：{both_dates}", styles["body_right"]),
        para(TITLE, styles["title"]),
        para("1．この文書について", styles["h1"]),
        para(
            f"{APP_NAME} {__version__} が、同梱の BIZ UD 明朝・BIZ UD ゴシックを埋め込んで作成しました。"
            "本文は明朝体、見出しと表の項目名はゴシック体です。文字化けや欠けがなく、"
            "各ページの下に「1\u00a0/\u00a02」のようなページ番号があれば、印刷の準備は整っています。",
            styles["body"],
        ),
        para("2．行頭禁則の確認", styles["h1"]),
        *(para(text, styles["body"]) for text in KINSOKU_PARAGRAPHS),
        para("3．表の確認", styles["h1"]),
        data_table(("氏名", "ふりがな", "備考"), SAMPLE_ROWS, styles, weights=(1.2, 1.6, 3.2)),
        Spacer(0, 6),
        para("※ 表の氏名・内容は架空のものです。", styles["note"]),
        PageBreak(),
        para("4．日付の書き方（西暦と和暦）", styles["h1"]),
        para(
            "事業所の設定により、文書の日付は西暦または和暦で記載します。元号の初年は「元年」と書きます。",
            styles["body"],
        ),
        label_value_table(
            [
                ("本日（西暦）", format_date(today, DateStyle.WESTERN, weekday=True)),
                ("本日（和暦）", format_date(today, DateStyle.JAPANESE_ERA, weekday=True)),
                *era_pairs,
            ],
            styles,
        ),
    ]


def build_selftest_pdf(today: dt.date | None = None) -> bytes:
    """The self-test PDF; fails loudly if the bundled fonts cannot print its own text."""
    text = "".join([TITLE, *KINSOKU_PARAGRAPHS, *(cell for row in SAMPLE_ROWS for cell in row)])
    missing = unprintable_characters(text)
    if missing:
        raise BreachDeskError(describe_unprintable(missing))
    return render(
        selftest_story(today or today_jst()),
        title=TITLE,
        author=APP_NAME,
        subject=f"{APP_NAME} {__version__}",
        running_header=TITLE,
    )
