"""Documents of an incident with My Numbers (docs/domain.md §15.3 rules 12–14), built from a real register.

The incidents are §15.5's public examples, assessed by the real engine and stored through the services; every
document is read back from its PDF the way the officer, the PPC or an employee sees it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db.codec import encode, read_report
from app.db.database import Database
from app.documents import builders
from app.documents.context import DocumentContext, DocumentKind
from app.documents.kinds.notice_letter import build as build_letter
from app.documents.model import KeyValues
from app.domain.assessment import Filing
from app.domain.filing import FilingKind
from app.domain.report import BANGO_FIELDS, FIELDS, ReportDraft, draft_from, fields_for
from app.rules import assess
from app.rules.facts_json import parse_facts
from app.services.documents import DocumentService
from app.services.incidents import IncidentService
from app.services.office import OfficeService
from app.services.workspace import ReportDraftService
from tests.documents.builders.factories import OFFICE, recipient, seed_incident
from tests.documents.builders.factories import context as sample_context
from tests.documents.helpers import page_texts, read_pdf

# §15.5 example 3: an Excel file with 150 employees' numbers e-mailed to a wrong outside address.
EXAMPLE_3: dict[str, Any] = {
    "role": "controller",
    "event": "leak",
    "learned_date": "2026-10-05",
    "occurred_date": "2026-10-02",
    "data_items": ["name", "address", "my_number"],
    "affected_count": 150,
}
# §15.5 example 2: ransomware on the payroll PC with traces of exfiltration, 40 employees.
EXAMPLE_2: dict[str, Any] = {
    "role": "controller",
    "event": "leak",
    "learned_date": "2026-09-24",
    "data_items": ["name", "birthdate", "my_number"],
    "malicious": True,
    "malicious_basis": "ransomware",
    "affected_count": 40,
}
RULE2_4 = "■4号特定個人情報に係る本人の数が100人を超える漏えい等・利用・提供"
MY_NUMBER_WORDS = ("特定個人情報", "規則第2条", "番号法", "マイナンバー", "個人番号", "第29条の4")
NEW_NUMBER = "新しい個人番号に変更してもらうことができます（マイナンバー法第7条第2項）"


PAGE_NUMBER = re.compile(r"^\s*\d+ / \d+\s*$")


def compact(text: str) -> str:
    """Text without any whitespace: where a PDF line or cell wraps does not matter to the reader."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    """The body as one text: without the running header and the page number, a row split over two pages reads
    as one row."""
    title = str(read_pdf(pdf).metadata.get("/Title"))
    body = []
    for number, page in enumerate(page_texts(pdf)):
        lines = [line for line in page.splitlines() if not PAGE_NUMBER.match(line)]
        if number and title in lines:
            lines.remove(title)  # the running header of a later page
        body += lines
    return compact("".join(body))


def register(db: Database, facts: dict[str, Any], title: str, **draft_fields: Any) -> int:
    """An incident as the wizard saves it, with its 速報 drafted (prefilled by the service) and completed."""
    OfficeService(db).save(OFFICE)
    parsed = parse_facts(facts)
    incident_id = IncidentService(db).create(title, encode(parsed), encode(assess(parsed)), None)
    drafts = ReportDraftService(db)
    sokuho = drafts.start(incident_id, FilingKind.SOKUHO)
    for path, value in {
        "overview.what_happened": title,
        "cause.description": "送信前の宛先確認が守られていなかったため。",
        "secondary_damage.present": False,
        **draft_fields,
    }.items():
        drafts.set_field(sokuho.id, path, value)
    return incident_id


def context(db: Database, incident_id: int, kind: DocumentKind) -> DocumentContext:
    return DocumentService(db).context(incident_id, kind)


def test_the_draft_is_prefilled_with_the_my_number_items(db: Database) -> None:
    incident_id = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    draft = ReportDraftService(db).latest(incident_id, FilingKind.SOKUHO)
    assert draft is not None
    bango = draft.draft.bango
    assert bango.involved and bango.filing is Filing.BANGO_ONLY
    assert bango.categories == (4,) and bango.count == 150 and not bango.count_is_max
    assert "個人番号（マイナンバー）" in bango.items
    assert read_report(encode(draft.draft)) == draft.draft


def test_a_report_under_the_my_number_act_alone_is_addressed_and_titled_as_such(db: Database) -> None:
    incident_id = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    ctx = context(db, incident_id, DocumentKind.SOKUHO)
    pdf = builders.build(DocumentKind.SOKUHO, ctx)
    text = pdf_text(pdf)
    for phrase in (
        "特定個人情報の漏えい等に関する報告書（速報）",
        "個人情報保護委員会殿",
        "番号の利用等に関する法律第29条の4第1項の規定に基づき",
        "規則第2条各号該当性",
        RULE2_4,
        "□1号情報提供ネットワークシステム等",
        "□2号不正の目的をもって",
        "２．特定個人情報の項目",
        "３．特定個人情報に係る本人の数",
        "本人の数150名",
        "報告の方法（特定個人情報）番号法の報告のみ（個人情報保護委員会）",
    ):
        assert phrase in text, phrase
    # Only the 番号法 report: no 第7条 verdict, no title or basis of the 第26条 report.
    for phrase in ("規則第7条各号該当性", "個人データの漏えい等に関する報告書", "法律第26条第1項"):
        assert phrase not in text, phrase
    assert "番号法第29条の4第1項" in str(read_pdf(pdf).metadata.get("/Subject"))


def test_a_joint_report_ticks_both_rules_and_counts_both_ways(db: Database) -> None:
    incident_id = register(db, EXAMPLE_2, "給与計算用パソコンのランサムウェア感染")
    ctx = context(db, incident_id, DocumentKind.SOKUHO)
    assert ctx.incident.assessment is not None and ctx.incident.assessment.bango.filing is Filing.JOINT
    text = pdf_text(builders.build(DocumentKind.SOKUHO, ctx))
    for phrase in (
        "個人データ及び特定個人情報の漏えい等に関する報告書（速報）",
        "個人情報の保護に関する法律第26条第1項及び行政手続における",
        "規則第7条各号該当性",
        "■3号不正の目的をもって行われたおそれがある行為による個人データ等の漏えい等",
        "□4号個人データに係る本人の数が1,000人を超える漏えい等",
        "■2号不正の目的をもって行われたおそれがある特定個人情報の漏えい等・利用・提供",
        "□4号特定個人情報に係る本人の数が100人を超える",
        "個人データの項目",
        "特定個人情報の項目",
        "個人データに係る本人の数40名",
        "特定個人情報に係る本人の数40名",
        "第7条・規則第2条の報告を一つの報告として行う",
    ):
        assert phrase in text, phrase
    check = builders.preflight(builders.compose(DocumentKind.SOKUHO, ctx))
    assert not check.blocking  # ■ and □ are in the fonts
    assert any("マイナンバー" in message and "第26条" in message for message in check.messages())


def test_with_a_delegated_minister_the_file_holds_two_reports(db: Database) -> None:
    incident_id = register(
        db,
        {**EXAMPLE_2, "delegated_sector": True},
        "給与計算用パソコンのランサムウェア感染",
        **{"envelope.ministry_name": "金融庁"},
    )
    ctx = context(db, incident_id, DocumentKind.SOKUHO)
    pdf = builders.build(DocumentKind.SOKUHO, ctx)
    pages = [compact(page) for page in page_texts(pdf)]
    second = next(n for n, page in enumerate(pages) if "個人情報保護委員会殿" in page)
    minister, ppc = "".join(pages[:second]), "".join(pages[second:])
    assert "金融庁殿" in minister and "個人データの漏えい等に関する報告書（速報）" in minister
    assert "規則第7条各号該当性4号" not in minister  # the 第7条-only rows stay as they always were
    assert "規則第2条" not in minister and "別途、個人情報保護委員会に行います" in minister
    assert "特定個人情報の漏えい等に関する報告書（速報）" in ppc
    assert "別途、金融庁に行います" in ppc and "■2号不正の目的" in ppc
    assert "規則第7条各号該当性" not in ppc
    assert minister.count("以上") == 1 and ppc.count("以上") == 1


def test_a_final_report_must_give_the_my_number_items(db: Database) -> None:
    incident_id = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    drafts = ReportDraftService(db)
    kakuho = drafts.start(incident_id, FilingKind.KAKUHO)
    drafts.set_field(kakuho.id, "bango.count", None)
    ctx = context(db, incident_id, DocumentKind.KAKUHO)
    document = builders.compose(DocumentKind.KAKUHO, ctx)
    assert any("特定個人情報に係る本人の数" in message for message in builders.preflight(document).messages())
    assert "【未入力：特定個人情報に係る本人の数】" in pdf_text(builders.build(DocumentKind.KAKUHO, ctx))


def test_an_unknown_count_is_stated_as_a_maximum(db: Database) -> None:
    facts = {**EXAMPLE_3, "affected_count": None, "affected_count_max": 180}
    incident_id = register(db, facts, "源泉徴収票（税務署提出用）の誤送付")
    text = pdf_text(builders.build(DocumentKind.SOKUHO, context(db, incident_id, DocumentKind.SOKUHO)))
    assert "本人の数最大180名（確定していません）" in text


def test_the_letter_tells_a_person_whose_number_leaked_how_to_get_a_new_one(db: Database) -> None:
    incident_id = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    ctx = context(db, incident_id, DocumentKind.NOTICE_LETTER)
    with_number = pdf_text(build_letter(ctx, recipient(1, items=("name", "address", "my_number"))))
    assert "・個人番号（マイナンバー）" in with_number
    assert "お住まいの市区町村の窓口にご相談ください" in with_number and NEW_NUMBER in with_number
    assert with_number.index("その他参考となる事項") < with_number.index(NEW_NUMBER)
    # A person whose own number was not in the data is told nothing about numbers (GL 3-5-4-4).
    without = pdf_text(build_letter(ctx, recipient(2, items=("name", "address"))))
    items_and_advice = without[without.index("対象となる個人情報の項目") : without.index("お問い合わせ窓口")]
    assert "・氏名・住所３．" in items_and_advice
    assert "マイナンバー" not in items_and_advice and "個人番号" not in items_and_advice


def test_the_announcement_and_the_notice_to_the_entrustor_name_the_my_number_track(db: Database) -> None:
    incident_id = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    publication = pdf_text(
        builders.build(DocumentKind.PUBLICATION, context(db, incident_id, DocumentKind.PUBLICATION))
    )
    assert "３．個人番号（マイナンバー）について" in publication and "４．原因" in publication
    assert "個人番号が含まれる方：150名" in publication and NEW_NUMBER in publication

    processor = register(db, {**EXAMPLE_3, "role": "processor"}, "委託を受けた給与計算データの誤送信")
    ctx = context(db, processor, DocumentKind.ENTRUSTOR_NOTICE)
    notice = pdf_text(builders.build(DocumentKind.ENTRUSTOR_NOTICE, ctx))
    assert "特定個人情報（個人番号を含む個人情報）が含まれます" in notice
    assert "第29条の4第1項ただし書の規定による通知を兼ねて" in notice
    assert RULE2_4 in notice and "特定個人情報に係る本人の数150名" in notice


@pytest.mark.parametrize(
    "kind",
    [
        DocumentKind.SOKUHO,
        DocumentKind.KAKUHO,
        DocumentKind.NOTICE_LETTER,
        DocumentKind.ENTRUSTOR_NOTICE,
        DocumentKind.PUBLICATION,
    ],
    ids=str,
)
def test_an_incident_without_my_numbers_shows_none_of_it(db: Database, kind: DocumentKind) -> None:
    incident_id = seed_incident(db)
    ctx = context(db, incident_id, kind)
    text = pdf_text(builders.build(kind, ctx))
    for word in MY_NUMBER_WORDS:
        assert word not in text, word
    assert not any("マイナンバー" in message for message in builders.compose(kind, ctx).problems)


def test_the_form_lists_the_my_number_fields_only_for_a_draft_that_has_them() -> None:
    plain = ReportDraft()
    assert not {f.path for f in fields_for(plain)} & BANGO_FIELDS
    involved = plain.replace("bango.involved", True)
    assert fields_for(involved) == FIELDS and {f.path for f in FIELDS} >= BANGO_FIELDS
    assert involved.replace("bango.categories", [4]).bango.categories == (4,)


def test_the_internal_report_shows_both_verdicts_and_one_set_of_deadlines_where_they_coincide(
    db: Database,
) -> None:
    joint = register(db, EXAMPLE_2, "給与計算用パソコンのランサムウェア感染")
    text = pdf_text(
        builders.build(DocumentKind.INTERNAL_REPORT, context(db, joint, DocumentKind.INTERNAL_REPORT))
    )
    assert "個人情報保護法（規則第7条）：報告対象事態に該当する（個人情報保護法施行規則第7条3号）" in text
    assert "番号法（特定個人情報、第29条の4）：報告対象事態に該当する" in text and "規則第2条2号）" in text
    # 60 days under both laws: one 速報 and one 確報, not two of each.
    deadlines = text[text.index("３．期限と対応状況") : text.index("４．事実経過")]
    assert "速報（個人情報保護法・番号法）速やかに（遅くとも2026年9月28日まで）" in deadlines
    assert "確報（個人情報保護法・番号法）2026年11月24日" in deadlines
    assert "番号法速報" not in deadlines and "番号法確報" not in deadlines

    alone = register(db, EXAMPLE_3, "従業員150名分の個人番号を含むファイルの誤送信")
    text = pdf_text(
        builders.build(DocumentKind.INTERNAL_REPORT, context(db, alone, DocumentKind.INTERNAL_REPORT))
    )
    assert "個人情報保護法（規則第7条）：報告対象事態に該当しない" in text
    assert "番号法（特定個人情報、第29条の4）：報告対象事態に該当する" in text
    assert "番号法確報（30日以内）2026年11月4日" in text  # 30th day 11-03 is 文化の日
    assert "番号法本人通知速やかに" in text


def rows_of(document: Any) -> dict[str, str]:
    return {
        label: value
        for block in document.blocks
        if isinstance(block, KeyValues)
        for label, value in block.rows
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    exact=st.none() | st.integers(0, 250),
    extra=st.none() | st.integers(0, 60),
    own=st.booleans(),
)
def test_the_report_states_the_count_as_known_and_ticks_4_only_above_100(
    exact: int | None, extra: int | None, own: bool
) -> None:
    """Around 100/101 persons, known or only as a maximum, counted from the 番号法 facts or the shared ones."""
    maximum = None if extra is None else (exact or 0) + extra
    counts = {"affected_count": exact, "affected_count_max": maximum}
    if own:  # the persons whose own number is in the data win over the shared count (§15.3 rule 8)
        shared = 999 if exact is not None or maximum is not None else None
        facts = parse_facts({**EXAMPLE_3, "affected_count": shared, "bango": counts})
    else:
        facts = parse_facts({**EXAMPLE_3, **counts})
    assessment = assess(facts)
    sample = sample_context()
    ctx = sample_context(
        draft_from(facts, assessment, title="源泉徴収票の誤送付"),
        incident=dataclasses.replace(sample.incident, facts=facts, assessment=assessment),
    )
    rows = rows_of(builders.compose(DocumentKind.SOKUHO, ctx))
    persons = max((n for n in (exact, maximum) if n is not None), default=None)
    assert assessment.bango.persons == persons
    if persons is None:
        assert rows["本人の数"] == "（調査中）"
    elif exact is None or exact < persons:
        assert rows["本人の数"] == f"最大{persons:,}名（確定していません）"
    else:
        assert rows["本人の数"] == f"{persons:,}名"
    ticks = rows["規則第2条各号該当性"].splitlines()
    assert [line[0] for line in ticks] == [
        "□",
        "□",
        "□",
        "■" if persons is not None and persons > 100 else "□",
    ]
    assert ("本人の数が100人を超える" in ticks[3]) and all(f"{n}号" in ticks[n - 1] for n in range(1, 5))


def test_a_report_under_article_26_alone_still_goes_the_my_number_way() -> None:
    """Sensitive data of 3 employees with their numbers: 第7条1号, nothing under 規則2条 (filing appi_only)."""
    facts = parse_facts({**EXAMPLE_3, "data_items": ["name", "diagnosis", "my_number"], "affected_count": 3})
    assessment = assess(facts)
    assert assessment.bango.filing is Filing.APPI_ONLY
    sample = sample_context()
    ctx = sample_context(
        draft_from(facts, assessment, title="健康診断結果の誤送付"),
        incident=dataclasses.replace(sample.incident, facts=facts, assessment=assessment),
    )
    document = builders.compose(DocumentKind.SOKUHO, ctx)
    rows = rows_of(document)
    assert document.title == "個人データの漏えい等に関する報告書（速報）"
    assert rows["規則第7条各号該当性"].startswith("■ 1号")
    assert "■" not in rows["規則第2条各号該当性"] and rows["特定個人情報に係る本人の数"] == "3名"
    assert any("第26条" in problem for problem in document.problems)


def test_a_draft_started_before_my_numbers_were_found_still_reports_them() -> None:
    """The 速報 draft predates the assessment that found 個人番号: the report takes the items from it."""
    facts = parse_facts(EXAMPLE_3)
    sample = sample_context()
    ctx = dataclasses.replace(
        sample, incident=dataclasses.replace(sample.incident, facts=facts, assessment=assess(facts))
    )
    assert ctx.report is not None and not ctx.report.bango.involved
    rows = rows_of(builders.compose(DocumentKind.SOKUHO, ctx))
    assert rows["規則第2条各号該当性"].splitlines()[3].startswith("■ 4号") and rows["本人の数"] == "150名"
