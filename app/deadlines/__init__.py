"""The running clocks of an incident and what reminds the officer of them (docs/domain.md §5, §10).

It sits above the rules, whose assessments it reads, and below the services and the UI that show it. It may import
the standard library, `icalendar`, app.calendar, app.domain (the assessment the rules produced, the dates in Japan),
app.i18n, app.errors and the app's name and version; never the rules, the database, the services or Qt.

- kinds: the clock kinds (速報, 確報, 委託元通知, 本人通知, …), their labels and how each one stops.
- clocks: the clocks of one incident, built from its stored assessment and the filings recorded so far.
- reminders: which clocks are due for a reminder, and the officer's reminder settings.
- ics: the clocks as an iCalendar file with alarms, for Outlook or Google Calendar.
"""
