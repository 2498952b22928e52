"""初動シート: one A4 page for management in the first hours — the verdict of both laws, the deadlines in calendar
and working days, the decisions to take now and whom to call (issue 15 point 5; docs/domain.md §4.2, §5, §7.2, §15).

BreachDesk's own wording, not an editable template: it is an internal sheet read once, in a hurry. It always fits
one page: every list is capped (what is left out is counted and points to the 社内報告書), and each cell holds a
short phrase. Numbers are printed only where the register or docs/domain.md gives them; every other number is a
line to fill in by hand (the PPC's 相談ダイヤル, the police, IPA, the insurer, the card company).
The deadlines come counted from the sheet's date through `DocumentContext.deadlines`, filled by the service from
the same clocks the countdown panel shows (app/services/document_deadlines.py).
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Table, TableStyle

from app.documents.context import ChecklistLine, DeadlineLine, DocumentContext, DocumentKind
from app.documents.model import Block, Document, Gap, Grid, Heading, KeyValues, Need, Para
from app.documents.render.pdf import flowables
from app.documents.render.styles import stylesheet
from app.documents.render.template import render_counted
from app.documents.wording.compose import office_needs
from app.documents.wording.values import (
    count_text,
    date_text,
    incident_items,
    item_label,
    what_happened_phrase,
)
from app.domain.assessment import Assessment, IndividualNotice, ReportTo
from app.domain.dates import JST, format_date
from app.domain.facts import DataItem, Facts, MaliciousBasis, Role

KIND = DocumentKind.INITIAL_SHEET
TITLE = "初動シート"
NONE = "―"
FILL = "＿＿＿＿＿＿＿＿＿＿"  # a line to write a number on by hand
PPC_FORM_PAGE = "https://www.ppc.go.jp/personalinfo/legal/leakAction/"  # LEAK-PAGE (docs/domain.md §0, §4.2)
MAX_DEADLINES = 9
MAX_DECISIONS = 7
MAX_ITEMS = 6
MAX_TITLE = 34
TIGHT_DEADLINES, TIGHT_DECISIONS = 6, 4
FOOTNOTE = (
    "残り日数は作成日の翌日から期限日までの日数。営業日は土日・祝日・年末年始（12月29日〜1月3日）を除いて"
    "数えています。判定の理由と事実経過は社内報告書を参照してください。"
)
BOTH_LAWS = (
    "（個人情報保護法・番号法）",
    "（個情法・番号法）",
)  # the clock's label, shortened to fit its column
# A sheet read at a glance: smaller cells and tighter tables than the reports (app/documents/render/styles.py).
CELL_SIZE, CELL_LEADING, CELL_PADDING = 8.5, 11.0, 2.5

# Short names of the 号, so that each law's verdict stays on one line (full titles: app/domain/report.py).
_RULE7_SHORT = {1: "要配慮", 2: "財産的被害", 3: "不正目的", 4: "1,000人超"}
_BANGO_SHORT = {1: "情報提供ネットワークシステム等", 2: "不正目的", 3: "不特定多数が閲覧可能", 4: "100人超"}
_WHERE = {
    ReportTo.PPC: "報告",
    ReportTo.DELEGATED_MINISTRY: "事業所管大臣へ報告",
    ReportTo.ENTRUSTOR: "委託元へ通知",
}
_EXCLUDED = {
    "pseudonymized": "仮名加工情報",
    "high_grade_encryption": "高度な暗号化等",
    "recovered_before_viewed": "閲覧前に回収",
    "intentional_provision": "自らの意思による提供",
    "identical_copy_exists": "同じデータが他に保管",
    "not_personal_data": "個人データに当たらない",
    "not_in_file": "特定個人情報ファイルに当たらない",
}
_BASIS = {
    MaliciousBasis.UNAUTHORIZED_ACCESS: "不正アクセス",
    MaliciousBasis.RANSOMWARE: "ランサムウェア",
    MaliciousBasis.THEFT: "盗難",
    MaliciousBasis.INSIDER_EXFILTRATION: "内部者による持ち出し",
    MaliciousBasis.INFO_STEALING_MALWARE: "情報窃取型マルウェア",
    MaliciousBasis.C2_TRAFFIC: "不審な外部通信（C2）",
    MaliciousBasis.WEB_SKIMMING: "決済画面の改ざん（ウェブスキミング）",
    MaliciousBasis.THIRD_PARTY_NOTICE_WITH_EVIDENCE: "第三者からの通報（証拠あり）",
    MaliciousBasis.OTHER: "不正の目的のおそれ",
}
# Attacks on systems: the police's サイバー犯罪相談窓口 and IPA are the ones to call.
_CYBER = frozenset(
    {
        MaliciousBasis.UNAUTHORIZED_ACCESS,
        MaliciousBasis.RANSOMWARE,
        MaliciousBasis.INFO_STEALING_MALWARE,
        MaliciousBasis.C2_TRAFFIC,
        MaliciousBasis.WEB_SKIMMING,
    }
)
_CARD_ITEMS = frozenset(
    {DataItem.CARD_NUMBER_FULL.value, DataItem.CARD_LAST4.value, DataItem.CARD_EXPIRY.value}
)
_NOTICE_DUE = (IndividualNotice.REQUIRED, IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED)

# The decisions management takes, by checklist step code (app/domain/checklist.py), most pressing first.
_DECISIONS: dict[str, str] = {
    "notify_entrustor": "委託元への連絡：誰が・いつ・何を伝えるか",
    "entrusted_who_reports": "委託元と委託先のどちらが報告するか（連名とするか）",
    "file_sokuho_ppc": "速報の提出：内容と提出日の承認（報告者は事業者名義）",
    "file_sokuho_ministry": "速報の提出（事業所管大臣あて）：内容と提出日の承認",
    "file_sokuho_bango": "番号法の速報の提出：内容と提出日の承認",
    "ransomware_no_contact": "攻撃者と交渉しない・身代金を支払わない方針の確認",
    "police_cyber": "警察（サイバー犯罪相談窓口）へ相談・届出するか",
    "theft_police": "警察へ盗難の届出をするか",
    "loss_police": "警察へ遺失届を出すか",
    "notify_individuals": "本人通知の方法（郵送・電子メール）と発送日",
    "notify_individuals_bango": "本人通知（番号法）の方法と発送日",
    "substitute_measures": "本人通知が難しい方への代替措置（公表・問い合わせ窓口）",
    "consider_publication": "公表するか（時期・方法・範囲）",
    "security_expert": "外部の専門事業者（フォレンジック調査）に依頼するか",
    "system_stop": "システムを停止するか、いつ再開するか",
    "remote_wipe": "遠隔消去を実行するか",
    "gdpr_notification": "EUの監督機関へ通知するか（GDPR第33条）",
    "pmark_report": "審査機関へのPマーク事故報告",
    "bango_effort_report": "番号法の報告（努力義務）を行うか",
}
_ORDER = {code: i for i, code in enumerate(_DECISIONS)}
DECISION_CODES: tuple[str, ...] = tuple(_DECISIONS)
_DEADLINE_OF = {
    "notify_entrustor": ("entrustor_notice", "bango_entrustor_notice"),
    "file_sokuho_ppc": ("sokuho",),
    "file_sokuho_ministry": ("sokuho",),
    "file_sokuho_bango": ("bango_sokuho",),
    "gdpr_notification": ("gdpr",),
    "pmark_report": ("pmark_sokuho", "pmark_kakuho"),
}


def needs(ctx: DocumentContext) -> tuple[Need, ...]:
    """Only the office's name: the rest of the sheet says itself what the register does not know yet."""
    return office_needs(ctx, "事業者名")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _numbers(chosen: tuple[int, ...], names: dict[int, str]) -> str:
    return "・".join(f"{n}号 {names.get(n, '')}".strip() for n in chosen)


def rule7_line(assessment: Assessment | None) -> str:
    if assessment is None:
        return "未判定（判定を行ってください）"
    if assessment.applicable_items:
        where = _WHERE.get(assessment.report_to, "報告") if assessment.report_to else "報告"
        return f"該当 → {where}（規則第7条 {_numbers(assessment.applicable_items, _RULE7_SHORT)}）"
    if assessment.excluded_by is not None:
        return f"該当しない（{_EXCLUDED.get(assessment.excluded_by.value, assessment.excluded_by.value)}）"
    return "該当しない"


def bango_line(assessment: Assessment | None) -> str:
    if assessment is None:
        return "未判定"
    bango = assessment.bango
    if not bango.applies and bango.excluded_by is None:
        return "個人番号（マイナンバー）は含まれていない"
    if bango.categories:
        where = _WHERE.get(bango.report_to, "報告") if bango.report_to else "報告"
        line = f"該当 → {where}（規則第2条 {_numbers(bango.categories, _BANGO_SHORT)}）"
    elif bango.excluded_by is not None:
        line = f"該当しない（{_EXCLUDED.get(bango.excluded_by.value, bango.excluded_by.value)}）"
    else:
        line = "該当しない"
    return line + ("。報告は努力義務" if bango.effort_report else "")


def _what(ctx: DocumentContext) -> str:
    """漏えいしたおそれがある／ランサムウェア／最大2,400名: the case in one line."""
    facts = ctx.incident.facts
    parts = [what_happened_phrase(ctx) or "（事態は調査中）"]
    if facts is not None and facts.malicious_basis is not None:
        parts.append(_BASIS[facts.malicious_basis])
    count = count_text(ctx.report, ctx)
    parts.append(f"本人の数 {count}" if count else "本人の数は調査中")
    return "／".join(parts)


def _items(ctx: DocumentContext) -> str:
    labels = [item_label(code) for code in incident_items(ctx)]
    if not labels:
        return "（調査中）"
    shown = "、".join(labels[:MAX_ITEMS])
    return shown + (f" ほか{len(labels) - MAX_ITEMS}項目" if len(labels) > MAX_ITEMS else "")


def _when(ctx: DocumentContext, day: dt.date, *, weekday: bool = True) -> str:
    """5月2日（日）: the year only when it is not the sheet's year (the sheet is read the day it is printed)."""
    if day.year != ctx.issued_on.year:
        return format_date(day, ctx.office.date_style, weekday=weekday)
    return format_date(day, weekday=weekday).split("年", 1)[1]


def _due_text(ctx: DocumentContext, line: DeadlineLine) -> str:
    if line.effort_only:
        return "期限なし（努力義務）"
    if line.due_at is not None:
        local = line.due_at.astimezone(JST)
        return f"{_when(ctx, local.date())} {local:%H:%M}まで"
    if line.due_date is None:
        return "速やかに" + ("（代替措置も可）" if line.substitute_allowed else "")
    day = _when(ctx, line.due_date)
    if line.due_from is not None:
        return f"速やかに（遅くとも{day}）"
    return day + ("（繰下げ）" if line.moved else "")


def _left(line: DeadlineLine) -> tuple[str, str]:
    """(暦日, 営業日) remaining; the day itself counts as 0, 本日 when it is today."""
    if line.done_on is not None or line.calendar_days is None or line.working_days is None:
        return NONE, NONE
    if line.calendar_days < 0:
        return f"{-line.calendar_days}日超過", f"{-line.working_days}日超過"
    if line.calendar_days == 0:
        return "本日", "本日"
    return f"{line.calendar_days}日", f"{line.working_days}日"


def _state(ctx: DocumentContext, line: DeadlineLine) -> str:
    if line.done_on is not None:
        return f"済（{_when(ctx, line.done_on, weekday=False)}）"
    if line.calendar_days is not None and line.calendar_days < 0:
        return "期限超過"
    return "未了"


def deadline_rows(ctx: DocumentContext, cap: int = MAX_DEADLINES) -> tuple[tuple[str, ...], ...]:
    rows = [
        (line.label.replace(*BOTH_LAWS), _due_text(ctx, line), *_left(line), _state(ctx, line))
        for line in ctx.deadlines[:cap]
    ]
    hidden = len(ctx.deadlines) - cap
    if hidden > 0:
        rows.append((f"ほか{hidden}件（社内報告書を参照）", "", "", "", ""))
    return tuple(rows)


def _derived_codes(assessment: Assessment | None, facts: Facts | None) -> set[str]:
    """The decisions the verdict itself calls for, when the checklist has not been opened yet."""
    codes: set[str] = set()
    if assessment is not None:
        bango = assessment.bango
        if assessment.ppc_report_required:
            delegated = assessment.report_to is ReportTo.DELEGATED_MINISTRY
            codes.add("file_sokuho_ministry" if delegated else "file_sokuho_ppc")
        if ReportTo.ENTRUSTOR in (assessment.report_to, bango.report_to) or (
            assessment.entrustor_notice_window or bango.entrustor_notice_window
        ):
            codes.add("notify_entrustor")
        elif assessment.applicable_items or bango.categories:
            codes.add("consider_publication")
        if assessment.individual_notice in _NOTICE_DUE or (
            bango.notify_required and bango.individual_notice in _NOTICE_DUE
        ):
            codes.add("notify_individuals")
        if IndividualNotice.REQUIRED_SUBSTITUTE_ALLOWED in (
            assessment.individual_notice,
            bango.individual_notice,
        ):
            codes.add("substitute_measures")
        if assessment.gdpr is not None:
            codes.add("gdpr_notification")
        if assessment.pmark is not None and assessment.pmark.report_required:
            codes.add("pmark_report")
        if bango.effort_report and not bango.categories:
            codes.add("bango_effort_report")
    if facts is not None and facts.malicious_basis in _CYBER:
        codes.add("police_cyber")  # the forensic firm is the checklist's to raise (security_expert)
    if facts is not None and facts.malicious_basis is MaliciousBasis.RANSOMWARE:
        codes.add("ransomware_no_contact")
    if facts is not None and facts.malicious_basis is MaliciousBasis.THEFT:
        codes.add("theft_police")
    return codes


def _due_of(ctx: DocumentContext, code: str) -> dt.date:
    """The day a decision is due by (its clock's last day), so the most pressing comes first; undated last."""
    kinds = _DEADLINE_OF.get(code, ())
    days = [
        line.due_date for line in ctx.deadlines if line.kind in kinds and line.due_date and not line.done_on
    ]
    return min(days, default=dt.date.max)


def _deadline_hint(ctx: DocumentContext, code: str) -> str:
    kinds = _DEADLINE_OF.get(code, ())
    for line in ctx.deadlines:
        if line.kind in kinds and line.done_on is None and line.due_date is not None:
            left, working = _left(line)
            if left == "本日":
                return "期限は本日"
            return f"遅くとも{_when(ctx, line.due_date)}（残り{left}・営業日{working}）"
    return ""


def _why(ctx: DocumentContext, code: str) -> str:
    facts, assessment = ctx.incident.facts, ctx.incident.assessment
    hint = _deadline_hint(ctx, code)
    if hint:
        return hint
    if code in ("notify_individuals", "notify_individuals_bango", "substitute_measures"):
        count = count_text(ctx.report, ctx)
        return f"対象 {count}、速やかに" if count else "対象者を特定中、速やかに"
    if code == "consider_publication":
        return "報告対象の事案。代替措置にもなる"
    if code in ("police_cyber", "security_expert", "ransomware_no_contact", "theft_police"):
        basis = facts.malicious_basis if facts is not None else None
        return _BASIS[basis] if basis is not None else "不正の目的のおそれ"
    if code == "bango_effort_report" and assessment is not None:
        return "期限なし（努めるもの）"
    return ""


def decisions(ctx: DocumentContext, cap: int = MAX_DECISIONS) -> tuple[tuple[str, str], ...]:
    """(決めること, 判断の材料) from the checklist's open steps and the verdict; a step already done is decided."""
    coded: list[ChecklistLine] = [c for c in ctx.checklist if c.code in _DECISIONS]
    done = {c.code for c in coded if c.done_at is not None}
    wanted = {c.code for c in coded if c.done_at is None}
    wanted |= _derived_codes(ctx.incident.assessment, ctx.incident.facts)
    if "file_sokuho_bango" in wanted and "file_sokuho_ppc" in wanted:
        wanted.discard("file_sokuho_bango")  # one filing on the form's My Number path serves both laws
    filed = {line.kind for line in ctx.deadlines if line.done_on is not None}
    if "sokuho" in filed:
        wanted -= {"file_sokuho_ppc", "file_sokuho_ministry"}
    if {"entrustor_notice", "bango_entrustor_notice"} & filed:
        wanted.discard("notify_entrustor")
    open_codes = sorted(wanted - done, key=lambda code: (_due_of(ctx, code), _ORDER[code]))
    rows = [(_DECISIONS[code], _why(ctx, code) or NONE) for code in open_codes[:cap]]
    if len(open_codes) > cap:
        rows.append((f"ほか{len(open_codes) - cap}件（チェックリストを参照）", ""))
    return tuple(rows)


def contacts(ctx: DocumentContext) -> tuple[tuple[str, str, str], ...]:
    """(連絡先, 用件, 番号・窓口): numbers only where the register knows them, a line to fill otherwise."""
    facts, assessment = ctx.incident.facts, ctx.incident.assessment
    rows: list[tuple[str, str, str]] = []
    reportable = assessment is not None and (
        assessment.ppc_report_required or assessment.bango.report_required
    )
    delegated = assessment is not None and assessment.report_to is ReportTo.DELEGATED_MINISTRY
    if delegated:
        rows.append(("事業所管大臣（権限委任先）", "漏えい等報告", f"提出先・電話：{FILL}"))
    if not delegated or (assessment is not None and assessment.bango.report_required):
        purpose = "漏えい等報告" if reportable else "相談（報告対象外と判定）"
        rows.append(
            (
                "個人情報保護委員会",
                purpose,
                f"報告フォーム：{PPC_FORM_PAGE}\n相談ダイヤル：{FILL}",
            )
        )
    entrustor = facts is not None and facts.role is Role.PROCESSOR
    if assessment is not None and (
        assessment.entrustor_notice_window or assessment.bango.entrustor_notice_window
    ):
        entrustor = True
    if entrustor:
        name = ctx.values.get("委託元名", "").strip()
        rows.append(
            (f"委託元（{name}）" if name else "委託元", "事故の通知（規則第9条）", f"担当者・電話：{FILL}")
        )
    basis = facts.malicious_basis if facts is not None else None
    if basis in _CYBER:
        rows.append(("都道府県警察 サイバー犯罪相談窓口", "被害の相談・届出", f"電話：{FILL}"))
        rows.append(("情報処理推進機構（IPA）", "ウイルス・不正アクセスの届出・相談", f"電話：{FILL}"))
    elif basis is MaliciousBasis.THEFT or (facts is not None and facts.event.value == "loss"):
        rows.append(("最寄りの警察署", "盗難届・遺失届", f"電話：{FILL}"))
    rows.append(("保険会社（サイバー保険）", "事故の連絡・補償の確認", f"証券番号・電話：{FILL}"))
    items = set(incident_items(ctx))
    card = facts is not None and (facts.financial.card_number_full or facts.financial.card_last4_expiry_only)
    if card or items & _CARD_ITEMS:
        rows.append(("カード会社・決済代行会社", "不正利用の監視・カード再発行", f"電話：{FILL}"))
    if assessment is not None and assessment.pmark is not None and assessment.pmark.report_required:
        name = ctx.values.get("審査機関名", "").strip()
        rows.append((name or "審査機関（Pマーク）", "事故報告", f"電話：{FILL}"))
    return tuple(rows)


def compose(ctx: DocumentContext, *, tight: bool = False) -> Document:
    """`tight`: fewer rows and no footnote, for a case too big for one page otherwise (see `build`)."""
    incident, assessment = ctx.incident, ctx.incident.assessment
    office = ctx.office.name.strip() or "【未入力：事業者名】"
    facts = incident.facts
    learned = facts.learned_date if facts is not None else None
    blocks: list[Block] = [
        Para(
            f"作成日 {format_date(ctx.issued_on, ctx.office.date_style, weekday=True)}　{office}",
            "body_right",
        ),
        Para(TITLE, "title"),
        KeyValues(
            (
                ("事案", f"{incident.reference}　{_short(incident.title, MAX_TITLE)}"),
                ("発覚日", date_text(ctx, learned) or "（調査中）"),
                ("事態", _what(ctx)),
                ("項目", _items(ctx)),
            ),
            label_weight=0.16,
        ),
        Heading("１．判定", level=2),
        KeyValues(
            (
                ("個人情報保護法", rule7_line(assessment)),
                ("番号法", bango_line(assessment)),
            ),
            label_weight=0.16,
        ),
        Heading(f"２．期限（{format_date(ctx.issued_on, ctx.office.date_style)}時点の残り）", level=2),
    ]
    rows = deadline_rows(ctx, TIGHT_DEADLINES if tight else MAX_DEADLINES)
    if rows:
        blocks.append(
            Grid(("手続", "期限", "残り暦日", "残り営業日", "状況"), rows, (2.5, 2.5, 0.9, 1.0, 1.1))
        )
    else:
        blocks.append(Para("期限のある手続はありません。", "note"))
    blocks.append(Heading("３．いま決めること", level=2))
    decided = decisions(ctx, TIGHT_DECISIONS if tight else MAX_DECISIONS)
    if decided:
        blocks.append(Grid(("決めること", "判断の材料・期限"), decided, (3.1, 2.4)))
    else:
        blocks.append(Para("いま決めることはありません。", "note"))
    blocks += [
        Heading("４．連絡先", level=2),
        Grid(("連絡先", "用件", "番号・窓口"), contacts(ctx), (1.9, 1.6, 4.0)),
    ]
    if not tight:
        blocks += [Gap(2), Para(FOOTNOTE, "note")]
    return Document(KIND, TITLE, tuple(blocks), running_header=f"{TITLE}　{incident.reference}")


def _compact(styles: StyleSheet1) -> StyleSheet1:
    """Smaller cells, title and headings, on the fresh sheet `stylesheet()` returns for each document."""
    for name in ("cell", "cell_label", "cell_right"):
        styles[name].fontSize, styles[name].leading = CELL_SIZE, CELL_LEADING
    styles["title"].fontSize, styles["title"].leading, styles["title"].spaceAfter = 15, 20, 6
    styles["h2"].spaceBefore, styles["h2"].spaceAfter = 5, 2
    styles["note"].fontSize, styles["note"].leading = 8, 11
    styles["body_right"].fontSize, styles["body_right"].spaceAfter = 9, 0
    return styles


def build(ctx: DocumentContext) -> bytes:
    """One page, always: a case whose sheet would run over is set again with fewer rows (the rest counted)."""
    pdf, pages = _pdf(compose(ctx), ctx)
    if pages > 1:
        pdf, _pages = _pdf(compose(ctx, tight=True), ctx)
    return pdf


def _pdf(document: Document, ctx: DocumentContext) -> tuple[bytes, int]:
    story = flowables(document.blocks, _compact(stylesheet()))
    tight = [
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    for flowable in story:
        if isinstance(flowable, Table):
            flowable.setStyle(TableStyle(tight))
    return render_counted(
        story,
        title=document.title,
        author=ctx.author,
        subject=TITLE,
        running_header=document.running_header or None,
    )
