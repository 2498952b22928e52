"""What the register shows of an incident, and the lifecycle states it moves through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_, _


class IncidentStatus(StrEnum):
    INVESTIGATING = "investigating"  # 調査中
    SOKUHO_FILED = "sokuho_filed"  # 速報済
    KAKUHO_FILED = "kakuho_filed"  # 確報済
    INDIVIDUALS_NOTIFIED = "individuals_notified"  # 本人通知済
    CLOSED = "closed"  # 完了
    NOT_REPORTABLE = "not_reportable"  # 非該当（記録のみ）

    def label(self) -> str:
        return _(_STATUS_LABELS[self])

    @classmethod
    def stored(cls, value: str) -> IncidentStatus:
        """A status read from the register; one this version does not know (written by a newer one) shows as
        調査中 rather than failing the whole register."""
        try:
            return cls(value)
        except ValueError:
            return cls.INVESTIGATING


_STATUS_LABELS = {
    IncidentStatus.INVESTIGATING: N_("Investigating"),
    IncidentStatus.SOKUHO_FILED: N_("Preliminary report filed"),
    IncidentStatus.KAKUHO_FILED: N_("Final report filed"),
    IncidentStatus.INDIVIDUALS_NOTIFIED: N_("Individuals notified"),
    IncidentStatus.CLOSED: N_("Closed"),
    IncidentStatus.NOT_REPORTABLE: N_("Not reportable (record only)"),
}


@dataclass(frozen=True)
class IncidentSummary:
    """One row of the register, detached from the database session."""

    id: int
    reference: str  # 番号, e.g. "2026-0001"
    title: str
    learned_date: dt.date | None
    incident_kind: str | None  # wizard's "what happened" code (email_missend, loss, ransomware, ...)
    applicable_items: tuple[int, ...]
    status: IncidentStatus
    next_deadline: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
