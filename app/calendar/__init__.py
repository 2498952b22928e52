"""The office's calendar: which days are closed and how days are counted from a clock start (docs/domain.md §5).

It sits below the rules, which count with it, and above the domain, whose date windows it fills. It may import only
the standard library, the `holidays` library and app.domain.

- closed_days: national holidays (from `holidays`), 12/29–1/3 and weekends, with their names; the next open day;
  which years' holidays are still a forecast.
- day_count: day n with the start as day 1, the 速報 / 委託元 guide windows, the 確報 deadline, the GDPR 72 hours.
"""
