"""How a clock reads on screen: state as colour AND symbol AND words (never colour alone), dates in Japan time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QStyle, QWidget

from app.calendar.office_calendar import AUTHORITIES, OfficeCalendar
from app.deadlines import workdays
from app.deadlines.clocks import Clock, ClockKind, ClockState
from app.domain.dates import JST, WEEKDAYS_EN, WEEKDAYS_JA
from app.i18n import N_, _, current_language, ngettext
from ui.common.formatting import format_short_date

# (background, text) pairs chosen for contrast above 4.5:1 on each other.
STATE_COLOURS: dict[ClockState, tuple[str, str]] = {
    ClockState.OVERDUE: ("#fde0dd", "#8a1111"),
    ClockState.DUE_TODAY: ("#ffeab0", "#6b4200"),
    ClockState.UPCOMING: ("#eef3fb", "#1d3f73"),
    ClockState.OPEN_NO_DATE: ("#efe7fa", "#4a2a7a"),
    ClockState.DONE_ON_TIME: ("#e3f3e3", "#1e5b1e"),
    ClockState.DONE_LATE: ("#eeeeee", "#444444"),
}
SOON_COLOURS = (
    "#fff3d6",
    "#6b4200",
)  # upcoming and soon (workdays.SOON_WORKING_DAYS): amber, lighter than "today"
STATE_SYMBOLS: dict[ClockState, str] = {
    ClockState.OVERDUE: "▲",
    ClockState.DUE_TODAY: "●",
    ClockState.UPCOMING: "○",
    ClockState.OPEN_NO_DATE: "◆",
    ClockState.DONE_ON_TIME: "✓",
    ClockState.DONE_LATE: "✓",
}
_ICONS = {
    ClockState.OVERDUE: QStyle.StandardPixmap.SP_MessageBoxCritical,
    ClockState.DUE_TODAY: QStyle.StandardPixmap.SP_MessageBoxWarning,
    ClockState.UPCOMING: QStyle.StandardPixmap.SP_MessageBoxInformation,
    ClockState.OPEN_NO_DATE: QStyle.StandardPixmap.SP_MessageBoxQuestion,
    ClockState.DONE_ON_TIME: QStyle.StandardPixmap.SP_DialogApplyButton,
    ClockState.DONE_LATE: QStyle.StandardPixmap.SP_DialogApplyButton,
}
_SHORT_KIND = {  # written inside a calendar cell: a few characters at most
    ClockKind.SOKUHO: N_("Prelim."),
    ClockKind.KAKUHO: N_("Final"),
    ClockKind.ENTRUSTOR_NOTICE: N_("To client"),
    ClockKind.INDIVIDUAL_NOTICE: N_("Notice"),
    ClockKind.PUBLICATION: N_("Publish"),
    ClockKind.PMARK_SOKUHO: N_("PM prelim."),
    ClockKind.PMARK_KAKUHO: N_("PM final"),
    ClockKind.GDPR: N_("GDPR"),
    ClockKind.BANGO_SOKUHO: N_("MyNo prelim."),
    ClockKind.BANGO_KAKUHO: N_("MyNo final"),
    ClockKind.BANGO_ENTRUSTOR_NOTICE: N_("MyNo to client"),
    ClockKind.BANGO_INDIVIDUAL_NOTICE: N_("MyNo notice"),
    ClockKind.BANGO_EFFORT_REPORT: N_("MyNo effort"),
}
# Which tab of the incident workspace to open for each clock: where the officer acts on it.
TAB_FOR_KIND = {
    ClockKind.SOKUHO: "report",
    ClockKind.KAKUHO: "report",
    ClockKind.ENTRUSTOR_NOTICE: "filings",
    ClockKind.INDIVIDUAL_NOTICE: "filings",
    ClockKind.PUBLICATION: "filings",
    ClockKind.PMARK_SOKUHO: "filings",
    ClockKind.PMARK_KAKUHO: "filings",
    ClockKind.GDPR: "filings",
    ClockKind.BANGO_SOKUHO: "report",
    ClockKind.BANGO_KAKUHO: "report",
    ClockKind.BANGO_ENTRUSTOR_NOTICE: "filings",
    ClockKind.BANGO_INDIVIDUAL_NOTICE: "filings",
    ClockKind.BANGO_EFFORT_REPORT: "report",
}


# The office calendar every deadline on screen counts its working days with; the deadline features set it from the
# register when it opens and whenever the officer changes the closure days.
_office = AUTHORITIES


def office_calendar() -> OfficeCalendar:
    return _office


def set_office_calendar(calendar: OfficeCalendar) -> None:
    global _office
    _office = calendar


def clock_today(clock: Clock) -> dt.date | None:
    """The day the clock was computed on: its due day less the days left."""
    due = clock.due_day()
    if due is None or clock.days_left is None:
        return None
    return due - dt.timedelta(days=clock.days_left)


def working_days_left(clock: Clock) -> int | None:
    """Office working days after today up to the due day (CONV-WORKDAYS); None for undated or GDPR clocks."""
    due, today = clock.due_date, clock_today(clock)
    if due is None or today is None or clock.due_at is not None:
        return None
    return _office.working_days_left(today, due)


def is_soon(clock: Clock) -> bool:
    """Upcoming with at most workdays.SOON_WORKING_DAYS working days left (the one meaning of "soon")."""
    due, today = clock.due_day(), clock_today(clock)
    if clock.state is not ClockState.UPCOMING or due is None or today is None:
        return False
    return workdays.is_soon(today, due, _office)


def closed_run_warning(clock: Clock) -> str | None:
    """The warning before a run of closed days ahead of an open dated clock, with the day to submit by."""
    due, today = clock.due_date, clock_today(clock)
    if clock.state.done or due is None or today is None or clock.due_at is not None:
        return None
    return workdays.closed_run_warning(today, due, _office)


def colours(clock: Clock) -> tuple[QColor, QColor]:
    background, text = SOON_COLOURS if is_soon(clock) else STATE_COLOURS[clock.state]
    return QColor(background), QColor(text)


def state_icon(widget: QWidget, state: ClockState) -> QIcon:
    return widget.style().standardIcon(_ICONS[state])


def state_text(clock: Clock) -> str:
    """「⚠ 期限超過」: the symbol repeats the colour for anyone who cannot tell the colours apart."""
    words = clock.state.label()
    if clock.kind.effort_only and clock.state is ClockState.OPEN_NO_DATE:
        words = _("Best effort (no date)")  # 努力義務: neither 速やかに nor a duty
    return f"{STATE_SYMBOLS[clock.state]} {words}"


def short_kind(kind: ClockKind) -> str:
    return _(_SHORT_KIND[kind])


def short_label(clock: Clock) -> str:
    """A calendar cell's few characters: 「確報」, 「番確報」 (番号法, like 「P確報」), 「確報・番」 for both laws."""
    if clock.joint:
        return _("{short}+MyNo").format(short=short_kind(clock.kind))
    return short_kind(clock.kind)


def day_text(day: dt.date, today: dt.date | None = None) -> str:
    """7/30（金） or Fri 7/30; the year is added when it is not this year's."""
    year = "" if today is not None and day.year == today.year else f"{day.year}/"
    if current_language() == "ja":
        return f"{year}{day.month}/{day.day}（{WEEKDAYS_JA[day.weekday()]}）"
    return f"{WEEKDAYS_EN[day.weekday()]} {year}{day.month}/{day.day}"


def due_text(clock: Clock, today: dt.date | None = None) -> str:
    if clock.due_at is not None:
        local = clock.due_at.astimezone(JST)
        return f"{day_text(local.date(), today)} {local:%H:%M}"
    if clock.due_date is None:
        return _("Best effort") if clock.kind.effort_only else _("Promptly")
    if clock.due_from is not None:
        # 速やかに, the guide's day 5 the outer bound: a span "day 3〜day 5" read as if the duty opened on day 3.
        return _("Promptly, by {date} at the latest").format(date=day_text(clock.due_date, today))
    return day_text(clock.due_date, today)


def left_text(clock: Clock, *, compact: bool = False) -> str:
    """あと29日 / あと1日（39時間） / 本日中（あと14時間） / 3日超過 / あと24時間 (GDPR always in hours).

    compact=True: the narrow panel's form of calendar and working days, "4 days (1 working)" in English
    (app/deadlines/workdays.py days_left_compact); the row's tooltip keeps the sentence."""
    if clock.state.done:
        return clock.state.label()
    if clock.state is ClockState.OPEN_NO_DATE:
        return "—"  # nothing to count: the due column already says 速やかに
    if clock.due_at is not None and clock.hours_left is not None:
        if clock.hours_left < 0:
            return _("{hours} h overdue").format(hours=-clock.hours_left)
        return _("{hours} h left").format(hours=clock.hours_left)
    days = clock.days_left or 0
    if days < 0:
        return ngettext("{days} day overdue", "{days} days overdue", -days).format(days=-days)
    if days == 0:
        return _("Today ({hours} h left)").format(hours=clock.hours_left or 0)
    working = working_days_left(clock)
    if working is None:
        return ngettext("{days} day left", "{days} days left", days).format(days=days)
    if clock.hours_left is not None:
        return ngettext(
            "{days} day left ({hours} h, {working})", "{days} days left ({hours} h, {working})", days
        ).format(days=days, hours=clock.hours_left, working=workdays.working_days_words(working))
    if compact:
        return workdays.days_left_compact(days, working)
    return workdays.days_left_words(days, working)


def days_left_text(due: dt.date, today: dt.date) -> str:
    """「あと4日（営業日 1日）」, 「本日」 or 「3日超過」 for a due day without a Clock (the workspace's list)."""
    days = (due - today).days
    if days < 0:
        return ngettext("{days} day overdue", "{days} days overdue", -days).format(days=-days)
    if days == 0:
        return _("Today")
    return workdays.days_left_words(days, _office.working_days_left(today, due))


def pending_line(kind: str, due: dt.date, today: dt.date) -> str:
    """「速報：2027/05/02まで — あと4日（営業日 1日）」, and the warning before a run of closed days under it."""
    line = _("{kind}: by {date}").format(kind=kind, date=format_short_date(due))
    line = f"{line} — {days_left_text(due, today)}"
    warning = workdays.closed_run_warning(today, due, _office)
    return f"{line}\n⚠ {warning}" if warning else line


def subject_text(clock: Clock) -> str:
    return _("{kind} · {reference} {title}").format(
        kind=clock.label(), reference=clock.reference, title=clock.title
    )


def tooltip(clock: Clock, today: dt.date | None = None) -> str:
    lines = [subject_text(clock), f"{state_text(clock)} — {due_text(clock, today)} — {left_text(clock)}"]
    if clock.moved and clock.nth_day is not None and clock.start is not None:
        days = (clock.nth_day - clock.start).days + 1
        lines.append(_("Day {days} fell on a closed day: moved to the next open day.").format(days=days))
    warning = closed_run_warning(clock)
    if warning is not None:
        lines.append(warning)
    lines.append(clock.legal_basis)
    return "\n".join(lines)
