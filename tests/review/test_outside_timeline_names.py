"""Who noticed first stays inside (issue 18): the register's 事実経過 names 「受付の山田」, nothing proposed for outside
readers does — the 速報 and Pマーク reports say 「従業員が発見」, the 公表文 and the letters do not name anyone."""

from __future__ import annotations

from app.db.database import Database
from app.documents import builders
from app.documents.context import DocumentKind
from app.domain.filing import FilingKind
from app.domain.office import OfficeProfile
from app.services.assessments import AssessmentService
from app.services.documents import DocumentService
from app.services.workspace import OverviewService, ReportDraftService
from app.services.workspace.timeline import TimelineService
from tests.documents.helpers import page_texts
from tests.wizard.conftest import NOW, answers

NAME = "山田"  # the wizard's 「最初に気付いた人」 is 「受付の山田」 (tests/wizard/conftest.py)
OUTSIDE = (
    DocumentKind.SOKUHO,
    DocumentKind.PUBLICATION,
    DocumentKind.NOTICE_LETTER,
    DocumentKind.ENTRUSTOR_NOTICE,
    DocumentKind.PMARK_REPORT,
)


def text_of(pdf: bytes) -> str:
    return "".join(page_texts(pdf)).replace("\n", "").replace(" ", "")


def _lost_bag(db: Database) -> int:
    given = answers("loss", ["name", "address"], count=300, loss_place="outside", recovered="no")
    given["encryption"] = {"encrypted": "no"}
    given["learned"] = {**given["learned"], "occurred_date": "2027-05-31"}
    office = OfficeProfile(name="さくら会計事務所", pmark_holder=True)
    incident_id = AssessmentService(db).create_from_wizard(given, office, now=NOW)
    overview = OverviewService(db)
    overview.set_public_summary(incident_id, overview.propose_summary(incident_id))
    ReportDraftService(db).start(incident_id, FilingKind.SOKUHO)
    return incident_id


def test_the_name_of_who_noticed_first_stays_in_the_register(db: Database) -> None:
    incident_id = _lost_bag(db)
    inside = [e.text for e in TimelineService(db).entries(incident_id)]
    assert "事業者内で事案を把握（最初に気付いた人：受付の山田）" in inside

    draft = ReportDraftService(db).drafts(incident_id)[-1].draft
    assert "事業者内で事案を把握（従業員が発見）" in draft.overview.timeline
    assert NAME not in draft.overview.timeline and draft.overview.discovered_by == "従業員"

    service = DocumentService(db)
    sokuho = text_of(builders.build(DocumentKind.SOKUHO, service.context(incident_id, DocumentKind.SOKUHO)))
    assert "従業員が発見" in sokuho  # the 事実経過 still tells when and that staff noticed
    for kind in OUTSIDE:
        text = text_of(builders.build(kind, service.context(incident_id, kind)))
        assert NAME not in text, kind
    internal = DocumentKind.INTERNAL_REPORT
    assert "受付の山田" in text_of(builders.build(internal, service.context(incident_id, internal)))
