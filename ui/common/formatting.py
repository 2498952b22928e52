"""Date formats shared by the register and the incident workspace."""

from __future__ import annotations

import datetime as dt

from app.i18n import current_language


def format_short_date(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%Y/%m/%d") if current_language() == "ja" else value.isoformat()
