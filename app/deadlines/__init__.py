"""The running clocks of an incident and what reminds the officer of them (docs/domain.md §5, §10).

It sits above the rules, whose assessments it reads, and below the services and the UI that show it. It may import
the standard library, `icalendar`, app.calendar, app.domain (the assessment the rules produced, the dates in Japan),
app.i18n, app.errors and the app's name and version; of the rules only their texts (advice); never the database
(but its JSON codec), the services or Qt.

- kinds: the clock kinds (速報, 確報, 委託元通知, 本人通知, …), their labels and how each one stops.
- clocks: the clocks of one incident, built from its stored assessment and the filings recorded so far.
- reminders: which clocks are due for a reminder, and the officer's reminder settings.
- ics: the clocks as an iCalendar file with alarms, for Outlook or Google Calendar.
- workdays: working days beside calendar days, the one meaning of "soon", the warning before a run of closed days.
- advice: the 速報 / 委託元通知 advice as it fits today (the stored assessment keeps its own).
"""
