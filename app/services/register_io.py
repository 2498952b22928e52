"""The whole register as JSON (for a move to another PC, an archive, an audit) and as CSV for Japanese Excel.

The JSON holds every incident with everything recorded about it, ids and timestamps included, so an import into
an empty database followed by an export gives the same file byte for byte. Documents travel as base64. The audit
log is not exported: the import writes its own entry, and the imported rows carry their original actors. An export
made before the register had its 番号法 column (migration 0003) gets that column worked out from each incident's
latest assessment, as an upgraded database does.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from app.db import audit
from app.db.database import Database
from app.db.models import (
    AppSetting,
    Assessment,
    ChecklistEntry,
    DeliveryEventWithdrawal,
    Filing,
    FilingCorrection,
    Incident,
    NoticeDelivery,
    NoticeDeliveryEvent,
    OfficeProfileRow,
    ReportDraftRow,
    TimelineEntry,
)
from app.db.types import UTCDateTime
from app.domain import jipdec
from app.domain.dates import to_jst
from app.domain.incident import IncidentStatus
from app.domain.incident_kind import IncidentKind
from app.domain.register import BangoVerdict, bango_words
from app.errors import InputError
from app.i18n import _, current_language
from app.services.register_check import check_export, has_scalar_default, kind_of
from app.services.workspace.derived import refresh_derived

FORMAT = "breachdesk-register"
VERSION = 1
# Incident columns added after exports of VERSION 1 were first written: derived from the latest assessment when an
# older export lacks them.
BANGO_COLUMNS = ("bango_verdict", "bango_categories")


# Child tables, in the order an import must insert them (report drafts point at drafts, deliveries at filings).
def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


CHILDREN: tuple[tuple[str, Table], ...] = (
    ("assessments", _table(Assessment)),
    ("timeline", _table(TimelineEntry)),
    ("filings", _table(Filing)),
    ("checklist", _table(ChecklistEntry)),
    ("report_drafts", _table(ReportDraftRow)),
    ("notice_deliveries", _table(NoticeDelivery)),
    ("notice_delivery_events", _table(NoticeDeliveryEvent)),
    ("filing_corrections", _table(FilingCorrection)),  # 0006
    ("delivery_event_withdrawals", _table(DeliveryEventWithdrawal)),  # 0006
)
INCIDENTS = _table(Incident)
OFFICE = _table(OfficeProfileRow)
SETTINGS = _table(AppSetting)


def _dump_value(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, UTCDateTime):
        return value.isoformat()
    if isinstance(column_type, Date):
        return value.isoformat()
    if isinstance(column_type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def _load_value(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, UTCDateTime | DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column_type, LargeBinary):
        return base64.b64decode(value)
    return value


def _row_json(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {column.name: _dump_value(column.type, mapping[column.name]) for column in table.columns}


def _row_values(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - {column.name for column in table.columns}
    if unknown:
        raise InputError(
            _("The file has fields this version does not know: {names}").format(
                names=", ".join(sorted(unknown))
            )
        )
    return {
        column.name: _load_value(column.type, data[column.name]) if column.name in data else _absent(column)
        for column in table.columns
    }


def _absent(column: Any) -> Any:
    """A column newer than the export: its constant default ("" for notes), else NULL (check_export decided)."""
    return column.default.arg if has_scalar_default(column) else None


def export_json(db: Database) -> dict[str, Any]:
    with db.engine.connect() as conn:
        office = conn.execute(select(OFFICE)).first()
        children: dict[str, dict[int, list[dict[str, Any]]]] = {}
        for key, table in CHILDREN:
            grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for row in conn.execute(select(table).order_by(table.c.id)):
                grouped[row.incident_id].append(_row_json(table, row))
            children[key] = grouped
        incidents = []
        for row in conn.execute(select(INCIDENTS).order_by(INCIDENTS.c.id)):
            item = _row_json(INCIDENTS, row)
            for key, _table in CHILDREN:
                item[key] = children[key].get(row.id, [])
            incidents.append(item)
        settings = {row.key: row.value for row in conn.execute(select(SETTINGS).order_by("key"))}
    return {
        "format": FORMAT,
        "version": VERSION,
        "office_profile": _row_json(OFFICE, office) if office is not None else None,
        "app_settings": settings,
        "incidents": incidents,
    }


def export_json_text(db: Database) -> str:
    return json.dumps(export_json(db), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def import_json(db: Database, data: Any) -> int:
    """Into an empty register only (merging two registers would have to renumber 番号 and ids); returns the count."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(_("This file is not a BreachDesk register export."))
    version = data.get("version")
    if version != VERSION:
        shown = version if isinstance(version, int) and 0 <= version < 1000 else kind_of(version)
        raise InputError(
            _("This export has format version {version}, which this BreachDesk cannot read.").format(
                version=shown
            )
        )
    incidents = data.get("incidents")
    if not isinstance(incidents, list):
        raise InputError(_("This file is not a BreachDesk register export."))
    # The whole file first: nothing is written unless every row can be (docs/domain.md §11, issue 16).
    check_export(data, incidents, dict(CHILDREN))
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    with db.session_scope() as session:
        conn: Connection = session.connection()
        if conn.execute(select(func.count()).select_from(INCIDENTS)).scalar_one():
            raise InputError(_("The register already holds incidents; import into an empty register only."))
        if data.get("office_profile"):
            conn.execute(OFFICE.delete())
            conn.execute(insert(OFFICE), [_row_values(OFFICE, data["office_profile"])])
        for key, value in (data.get("app_settings") or {}).items():
            conn.execute(SETTINGS.delete().where(SETTINGS.c.key == key))
            conn.execute(insert(SETTINGS), [{"key": key, "value": value, "updated_at": _now()}])
        rows = list(_split(incidents))
        if rows:
            conn.execute(insert(INCIDENTS), [incident for incident, _children, _old in rows])
        for key, table in CHILDREN:
            children = sorted(
                (child for _incident, kids, _old in rows for child in kids[key]),
                key=lambda child: child["id"],
            )
            if children:
                conn.execute(insert(table), children)
        older = [incident for incident, _children, old in rows if old]
        for incident in older:
            refresh_derived(session, incident["id"], audited=False)  # the import's own entry says so
        if older:
            session.flush()
            # A column worked out is no edit: each incident keeps the 更新日時 it was exported with.
            conn.execute(
                update(INCIDENTS).where(INCIDENTS.c.id == bindparam("incident")),
                [{"incident": item["id"], "updated_at": item["updated_at"]} for item in older],
            )
        after: dict[str, Any] = {"incidents": len(rows), "sha256": digest}
        if older:
            after["derived_bango_column"] = len(older)
        audit.append(session, action="import", entity="register", entity_id=None, after=after)
        return len(rows)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _split(
    incidents: list[Any],
) -> Iterator[tuple[dict[str, Any], dict[str, list[dict[str, Any]]], bool]]:
    """Each incident, its children, and whether it comes from an export older than the 番号法 column."""
    for item in incidents:
        if not isinstance(item, dict):
            raise InputError(_("This file is not a BreachDesk register export."))
        own = {k: v for k, v in item.items() if k not in dict(CHILDREN)}
        older = not any(column in own for column in BANGO_COLUMNS)
        if older:
            own["bango_categories"] = []  # NOT NULL; refresh_derived fills both columns from the assessment
        kids = {key: [_row_values(table, child) for child in item.get(key) or []] for key, table in CHILDREN}
        yield _row_values(INCIDENTS, own), kids, older


# --- CSV for Excel ------------------------------------------------------------------------------------------------
def _csv_safe(value: str) -> str:
    """Excel runs cells that start with = + - @ as formulas; a leading apostrophe keeps them text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(db: Database) -> Iterator[list[str]]:
    ja = current_language() == "ja"
    yield [
        _("No."),
        _("Title"),
        _("Learned on"),
        _("Event"),
        _("Rule 7 items"),
        _("My No. Act"),
        _("Status"),
        _("Next deadline"),
        _("Reportable"),
        _("JIPDEC incident type"),
        _("JIPDEC category"),
        _("JIPDEC cause"),
        _("Closed on"),
        _("Recorded at"),
        _("Updated at"),
    ]
    with db.engine.connect() as conn:
        for row in conn.execute(select(INCIDENTS).order_by(INCIDENTS.c.id)).yield_per(2000):
            kind = IncidentKind.parse(row.incident_kind)
            reportable = {True: _("Yes"), False: _("No"), None: ""}[row.reportable]
            yield [
                row.reference,
                _csv_safe(row.title),
                row.learned_date.isoformat() if row.learned_date else "",
                kind.label() if kind else (row.incident_kind or ""),
                ("・" if ja else ", ").join(f"{n}" for n in row.applicable_items or []),
                bango_words(BangoVerdict.stored(row.bango_verdict), row.bango_categories or ()),
                _status_label(row.status),
                row.next_deadline.isoformat() if row.next_deadline else "",
                reportable,
                _category(jipdec.EVENTS, row.jipdec_event),
                _category(jipdec.CATEGORIES, row.jipdec_category),
                _category(jipdec.CAUSES, row.jipdec_cause),
                _local(row.closed_at),
                _local(row.created_at),
                _local(row.updated_at),
            ]


def _status_label(value: str) -> str:
    try:
        return IncidentStatus(value).label()
    except ValueError:
        return value


def _category(choices: tuple[jipdec.Category, ...], code: str | None) -> str:
    found = jipdec.find(choices, code)
    return found.label(current_language()) if found else (code or "")


def _local(moment: dt.datetime | None) -> str:
    return to_jst(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


def export_csv_bytes(db: Database) -> bytes:
    """UTF-8 with BOM and CRLF: Japanese Excel opens it by double-click without mojibake."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(db))
    return buffer.getvalue().encode("utf-8-sig")
