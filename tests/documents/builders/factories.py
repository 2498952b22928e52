"""A realistic incident for the document tests: an e-mail sent to the wrong customer, with a 速報 and a 確報."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.db.codec import encode
from app.db.database import Database
from app.documents.context import (
    ChecklistLine,
    ContactDesk,
    DocumentContext,
    IncidentInfo,
    Recipient,
    TimelineItem,
)
from app.domain.dates import JST
from app.domain.facts import DataItem, Event, Facts, Role
from app.domain.filing import FilingKind
from app.domain.office import DateStyle, OfficeProfile
from app.domain.report import (
    Addressee,
    Cause,
    CausedBy,
    DataInvolved,
    Envelope,
    Individuals,
    Overview,
    Prevention,
    Publication,
    PublicationStatus,
    ReportDraft,
    SecondaryDamage,
)
from app.rules import assess
from app.services.incidents import IncidentService
from app.services.office import OfficeService

LEARNED = dt.date(2027, 7, 1)
TODAY = dt.date(2027, 7, 5)

OFFICE = OfficeProfile(
    name="株式会社サンプル商事",
    corporate_number="",
    address="東京都千代田区丸の内一丁目1番1号",
    representative="代表取締役　山田 一郎",
    industry="小売業",
    department="個人情報保護担当",
    contact_person="佐藤 花子",
    phone="03-1234-5678",
    email="privacy@example.co.jp",
    date_style=DateStyle.WESTERN,
)

FACTS = Facts(
    role=Role.CONTROLLER,
    event=Event.LEAK,
    learned_date=LEARNED,
    occurred_date=dt.date(2027, 6, 30),
    possibility_only=True,
    data_items=(DataItem.NAME, DataItem.ADDRESS, DataItem.EMAIL, DataItem.DIAGNOSIS),
    sensitive=True,
    affected_count=3,
)

SOKUHO = ReportDraft(
    envelope=Envelope(kind=FilingKind.SOKUHO, report_date=dt.date(2027, 7, 3), addressee=Addressee.PPC),
    overview=Overview(
        occurred_date=dt.date(2027, 6, 30),
        learned_date=LEARNED,
        what_happened="当社従業員が、お客様への案内メールを送信する際、宛先を誤って別のお客様に送信しました。",
        discovered_by="受信したお客様からの連絡により判明",
        applicable_items=(1,),
        timeline="2027年6月30日 メール送信\n2027年7月1日 お客様からの連絡で判明",
    ),
    data=DataInvolved(
        items="氏名、住所、メールアドレス、診断名・診療情報",
        item_codes=("name", "address", "email", "diagnosis"),
        medium="電子媒体（電子メール）",
        data_kind="顧客情報",
    ),
    individuals=Individuals(count=3),
    cause=Cause(
        description="送信時に宛先を確認する手順が守られていなかったため。",
        caused_by=CausedBy.OFFICE,
        location="本社",
    ),
    secondary_damage=SecondaryDamage(present=False),
    response="対象のお客様に書面でお詫びとお知らせをお送りする予定です。",
    publication=PublicationStatus(status=Publication.NONE),
    prevention=Prevention(
        implemented="送信前の二重確認を義務化しました。", planned="誤送信防止ツールを導入します。"
    ),
)
KAKUHO = dataclasses.replace(
    SOKUHO,
    envelope=Envelope(kind=FilingKind.KAKUHO, report_date=dt.date(2027, 7, 20), addressee=Addressee.PPC),
    individuals=Individuals(count=4),
    cause=Cause(
        description="宛先の自動補完機能により、類似する別のお客様のアドレスが選ばれたため。",
        caused_by=CausedBy.OFFICE,
        location="本社",
    ),
)


def context(
    report: ReportDraft | None = SOKUHO, *, previous: ReportDraft | None = None, **changes: object
) -> DocumentContext:
    ctx = DocumentContext(
        office=OFFICE,
        incident=IncidentInfo(
            id=1, reference="2027-0001", title="案内メールの誤送信", facts=FACTS, assessment=assess(FACTS)
        ),
        issued_on=TODAY,
        report=report,
        previous_report=previous,
        timeline=(
            TimelineItem(dt.datetime(2027, 6, 30, 10, 5, tzinfo=JST), "案内メールを送信", "佐藤"),
            TimelineItem(dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST), "受信者から誤送信の連絡", "佐藤"),
        ),
        checklist=(
            ChecklistLine(
                "受信者に削除を依頼",
                "社内報告・被害拡大防止",
                dt.datetime(2027, 7, 1, 11, 0, tzinfo=JST),
                "佐藤",
            ),
            ChecklistLine("原因の調査", "事実調査・原因究明"),
        ),
        contact=ContactDesk(
            name="お客様相談室", phone="0120-000-111", hours="平日 9:00〜17:00", email="support@example.co.jp"
        ),
    )
    return dataclasses.replace(ctx, **changes) if changes else ctx  # type: ignore[arg-type]


def recipient(n: int = 1, **changes: object) -> Recipient:
    person = Recipient(
        key=f"R{n:04d}",
        name=f"髙橋 一郎{n}",
        postal_code="100-0005",
        address1="東京都千代田区丸の内二丁目3番4号",
        address2="サンプルマンション101号室",
        email=f"person{n}@example.jp",
        items=("name", "email"),
        line=n + 1,
    )
    return dataclasses.replace(person, **changes) if changes else person  # type: ignore[arg-type]


def seed_incident(db: Database) -> int:
    """The same incident in a register: office profile, assessed incident, timeline, 速報 and 確報 drafts."""
    from app.services.workspace import ReportDraftService, TimelineService

    OfficeService(db).save(OFFICE)
    incident_id = IncidentService(db).create(
        "案内メールの誤送信", encode(FACTS), encode(assess(FACTS)), "email_missend"
    )
    TimelineService(db).append(
        incident_id, dt.datetime(2027, 7, 1, 9, 30, tzinfo=JST), "受信者から誤送信の連絡"
    )
    drafts = ReportDraftService(db)
    sokuho = drafts.start(incident_id, FilingKind.SOKUHO)
    for path, value in (
        ("overview.what_happened", "当社従業員が、お客様への案内メールを誤って別のお客様に送信しました。"),
        ("cause.description", "送信前の宛先確認が守られていなかったため。"),
        ("secondary_damage.present", False),
    ):
        drafts.set_field(sokuho.id, path, value)
    kakuho = drafts.start(incident_id, FilingKind.KAKUHO)
    drafts.set_field(
        kakuho.id, "cause.description", "宛先の自動補完機能により別のお客様のアドレスが選ばれたため。"
    )
    return incident_id
