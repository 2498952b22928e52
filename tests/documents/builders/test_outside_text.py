"""What goes outside (issue 15 points 2 and 3): the 概要 for outside readers instead of the internal 件名, the 本人通知
letter with every item of 施行規則第10条, and the 委託元 notice taken from the register."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app.db.codec import encode
from app.db.database import Database
from app.db.models import AuditEntry
from app.documents import builders
from app.documents.context import DocumentContext, DocumentKind, IncidentInfo
from app.documents.kinds import entrustor_notice, notice_letter
from app.documents.wording.defaults import DEFAULT_TEMPLATES
from app.documents.wording.summary import propose_summary
from app.domain.facts import DataItem, Encryption, Event, Facts, MaliciousBasis, Role
from app.domain.filing import FilingKind
from app.domain.office import DateStyle
from app.domain.report import Prevention, Publication, PublicationStatus
from app.rules import assess
from app.services.documents import DocumentService
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.workspace import OverviewService, ReportDraftService
from tests.documents.builders.factories import FACTS, OFFICE, SOKUHO, context, recipient
from tests.documents.helpers import page_texts

RANSOMWARE = Facts(
    role=Role.CONTROLLER,
    event=Event.LEAK,
    possibility_only=True,
    learned_date=dt.date(2027, 4, 28),
    occurred_date=dt.date(2027, 4, 27),
    data_items=(DataItem.NAME, DataItem.HEALTH_CHECKUP_RESULT),
    sensitive=True,
    malicious=True,
    malicious_basis=MaliciousBasis.RANSOMWARE,
    affected_count=40,
)
# Each item of 施行規則第10条 (概要, 項目, 原因, 二次被害, その他参考となる事項) as the letter's headings say it.
ARTICLE_10_HEADINGS = (
    "本件の概要",
    "対象となる個人情報の項目",
    "原因",
    "二次被害又はそのおそれの有無及びその内容",
    "その他参考となる事項",
)
# The reporting articles a notice about a case that is not reportable never cites.
REPORTING_ARTICLES = ("第9条", "第26条", "第7条", "第8条", "施行規則")


def text_of(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "")


def test_the_summary_proposed_from_the_facts_is_polite_and_names_no_one() -> None:
    proposed = propose_summary(RANSOMWARE, assess(RANSOMWARE), "ransomware")
    assert proposed == (
        "2027年4月28日、当社のサーバがランサムウェアに感染し、従業員の皆様の個人データ（健康診断結果等）が"
        "暗号化され、漏えいしたおそれがあることが判明しました。"
    )
    era = propose_summary(RANSOMWARE, assess(RANSOMWARE), "ransomware", DateStyle.JAPANESE_ERA)
    assert era.startswith("令和9年4月28日、")
    assert propose_summary(None, None, "ransomware") == ""


def test_an_excluded_case_is_never_proposed_as_a_possible_leak() -> None:
    facts = dataclasses.replace(
        RANSOMWARE,
        malicious=False,
        malicious_basis=None,
        encryption=Encryption(encrypted=True, high_grade=True),
    )
    proposed = propose_summary(facts, assess(facts), "loss")
    assert "おそれ" not in proposed and "高度な暗号化" in proposed


def _register_sales_case(db: Database) -> int:
    """The incident of the issue: an internal 件名 naming the 営業部, an outside summary, a 速報 draft."""
    OfficeService(db).save(OFFICE)
    incident_id = IncidentService(db).create(
        "顧客リスト誤送信（営業部）", encode(FACTS), encode(assess(FACTS)), "email_missend"
    )
    overview = OverviewService(db)
    overview.set_public_summary(incident_id, overview.propose_summary(incident_id))
    ReportDraftService(db).start(incident_id, FilingKind.SOKUHO)
    return incident_id


def test_an_internal_title_never_reaches_a_document_that_goes_outside(db: Database) -> None:
    incident_id = _register_sales_case(db)
    summary = OverviewService(db).overview(incident_id).public_summary
    assert summary.startswith("2027年7月1日、当社から送信したメールが誤った宛先に届き、お客様の個人データ")
    service = DocumentService(db)
    for kind in (
        DocumentKind.NOTICE_LETTER,
        DocumentKind.PUBLICATION,
        DocumentKind.ENTRUSTOR_NOTICE,
        DocumentKind.SOKUHO,
    ):
        ctx = service.context(incident_id, kind)
        assert ctx.incident.public_summary == summary
        text = text_of(builders.build(kind, ctx))
        assert "営業部" not in text, kind
        assert "顧客リスト誤送信" not in text, kind
        assert summary[:30] in text, kind


def test_the_summary_is_stored_with_an_audit_entry(db: Database) -> None:
    incident_id = _register_sales_case(db)
    OverviewService(db).set_public_summary(incident_id, "  当社において、書類の誤送付が発生しました。 ")
    assert (
        OverviewService(db).overview(incident_id).public_summary
        == "当社において、書類の誤送付が発生しました。"
    )
    with db.session_scope() as session:
        last = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "incident").order_by(AuditEntry.id.desc())
        ).first()
        assert last is not None
        assert last.after["public_summary"] == "当社において、書類の誤送付が発生しました。"


def test_the_letter_carries_every_item_of_article_10_and_the_filled_response_sections() -> None:
    report = dataclasses.replace(
        SOKUHO, publication=PublicationStatus(Publication.DONE, "2027年7月3日、当社ウェブサイトに掲載")
    )
    ctx = context(
        report, incident=dataclasses.replace(context().incident, public_summary="公開用の概要です。")
    )
    text = text_of(notice_letter.build(ctx, recipient()))
    positions = [text.index(heading) for heading in ARTICLE_10_HEADINGS]
    assert positions == sorted(positions)
    for phrase in (
        "公開用の概要です。",
        "当社の対応",
        "対象のお客様に書面でお詫びとお知らせをお送りする予定です。",
        "再発防止策",
        "送信前の二重確認を義務化しました。",
        "誤送信防止ツールを導入します。",
        "本件の公表",
        "2027年7月3日、当社ウェブサイトに掲載",
        "お問い合わせ窓口",
        "0120-000-111",
        "拝啓",
        "敬具",
    ):
        assert phrase in text, phrase
    # The form of a Japanese お詫び状: 拝啓 … 敬具 before 記, the particulars, then 以上.
    assert text.index("敬具") < text.index("記１．") < text.index("以上")
    assert "【未入力" not in text


def test_empty_optional_sections_are_left_out_not_printed_as_gaps() -> None:
    report = dataclasses.replace(
        SOKUHO, response="", prevention=Prevention(), publication=PublicationStatus(Publication.NONE)
    )
    ctx = context(report)
    letter = notice_letter.compose_letter(ctx, recipient())
    text = text_of(notice_letter.build(ctx, recipient()))
    for heading in ("当社の対応", "再発防止策", "本件の公表"):
        assert "．" + heading not in text, heading
    assert "【未入力" not in text and not letter.problems
    # The sections close up: その他参考となる事項 follows 二次被害 directly.
    assert "５．その他参考となる事項" in text
    publication = text_of(builders.build(DocumentKind.PUBLICATION, ctx))
    assert "【未入力" not in publication and "．当社の対応" not in publication


def test_employees_are_not_addressed_as_customers_and_the_officer_may_choose() -> None:
    ctx = context(
        None, incident=IncidentInfo(1, "2027-0002", "人事サーバ感染", RANSOMWARE, assess(RANSOMWARE))
    )
    text = text_of(notice_letter.build(ctx, recipient(items=("name", "health_checkup_result"))))
    assert "従業員の皆様の個人情報が漏えいしたおそれがある" in text
    # The desk's own name stays as the office wrote it.
    assert "お客様" not in text.replace("お客様相談室", "")
    chosen = dataclasses.replace(ctx, values={"本人の呼称": "応募者の皆様"})
    assert "応募者の皆様の個人情報" in text_of(notice_letter.build(chosen, recipient()))


def test_letter_needs_follow_the_register() -> None:
    bare = context(
        None,
        office=dataclasses.replace(OFFICE, name=""),
        incident=IncidentInfo(1, "2027-0001", "案内メールの誤送信", FACTS, assess(FACTS)),
    )
    missing = {need.label for need in builders.missing(DocumentKind.NOTICE_LETTER, bare)}
    assert {"事業者名", "事案の概要", "原因", "二次被害又はそのおそれの有無"} <= missing
    assert "個人データの項目" not in missing  # the facts name the items
    assert not builders.missing(DocumentKind.NOTICE_LETTER, context())


def test_a_saved_template_using_the_title_warns_and_an_old_one_keeps_working() -> None:
    old = {
        **DEFAULT_TEMPLATES["notice_letter"],
        "opening": "拝啓　このたび、お客様の個人情報が{発生した事態}ことが判明いたしました。",
    }
    kept = text_of(notice_letter.build(context(templates={"notice_letter": old}), recipient()))
    assert "お客様の個人情報が漏えいしたおそれがあることが判明いたしました。" in kept
    titled = {**old, "sections": [{"heading": "本件の概要", "body": "{件名}"}]}
    for kind, key in (
        (DocumentKind.NOTICE_LETTER, "notice_letter"),
        (DocumentKind.PUBLICATION, "publication"),
        (DocumentKind.ENTRUSTOR_NOTICE, "entrustor_notice"),
    ):
        document = builders.compose(kind, context(templates={key: titled}))
        assert any("{件名}" in problem for problem in builders.preflight(document).messages()), kind
    for kind in (DocumentKind.NOTICE_LETTER, DocumentKind.PUBLICATION, DocumentKind.ENTRUSTOR_NOTICE):
        assert not any("{件名}" in p for p in builders.compose(kind, context()).problems), kind


def _processor(facts: Facts) -> DocumentContext:
    processor = dataclasses.replace(facts, role=Role.PROCESSOR)
    info = IncidentInfo(1, "2027-0003", "委託業務（営業部）", processor, assess(processor))
    return context(None, incident=info, values={"委託元名": "株式会社委託元"})


def test_the_entrustor_notice_takes_the_items_from_the_register_without_a_report_draft() -> None:
    ctx = _processor(FACTS)
    document = entrustor_notice.compose(ctx)
    rows = dict(row for block in document.blocks if hasattr(block, "rows") for row in block.rows)
    assert rows["発生日"] == "2027年6月30日" and rows["発覚日"] == "2027年7月1日"
    assert rows["本人の数"] == "3名"
    assert "氏名" in rows["項目"] and "診断名・診療情報" in rows["項目"]
    assert "1号" in rows["規則第7条各号該当性"]
    text = text_of(entrustor_notice.build(ctx))
    for phrase in (
        "施行規則第9条",
        "委託元である貴社において行っていただく",
        "株式会社委託元御中",
        "03-1234-5678",
    ):
        assert phrase in text, phrase
    assert "営業部" not in text


def test_an_excluded_case_is_told_as_a_courtesy_without_the_reporting_articles() -> None:
    lost = dataclasses.replace(FACTS, encryption=Encryption(encrypted=True, high_grade=True))
    ctx = _processor(lost)
    assert ctx.incident.assessment is not None and not ctx.incident.assessment.any_reportable
    text = text_of(entrustor_notice.build(ctx))
    for article in REPORTING_ARTICLES:
        assert article not in text, article
    assert "漏えいしたおそれ" not in text
    assert "高度な暗号化" in text and "報告を要する事態には当たらないと判断" in text
    assert "貴社との委託契約に基づき" in text and "2027年6月30日" in text


def test_a_case_below_the_thresholds_says_why_it_is_not_reportable() -> None:
    small = dataclasses.replace(FACTS, data_items=(DataItem.NAME, DataItem.EMAIL), sensitive=False)
    ctx = _processor(small)
    text = text_of(entrustor_notice.build(ctx))
    assert "1,000人以下であるため" in text
    for article in REPORTING_ARTICLES:
        assert article not in text, article
    assert "■" not in text  # no 規則第7条 boxes
