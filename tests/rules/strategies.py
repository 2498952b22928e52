"""Hypothesis strategies: any facts the wizard could produce, consistent as the JSON validator requires."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from app.domain.facts import (
    BangoFacts,
    BangoMisuse,
    CausedBy,
    DataItem,
    Encryption,
    Event,
    Facts,
    Financial,
    MaliciousBasis,
    Role,
)

JST = dt.timezone(dt.timedelta(hours=9))


@st.composite
def valid_facts(draw: st.DrawFn) -> Facts:
    learned = draw(st.dates(min_value=dt.date(2022, 4, 1), max_value=dt.date(2099, 8, 1)))
    malicious = draw(st.booleans())
    encrypted = draw(st.booleans())
    count = draw(st.none() | st.integers(0, 5000))
    count_max = draw(st.none() | st.integers(count or 0, 20_000))
    largest = max((c for c in (count, count_max) if c is not None), default=0)
    crossing = None
    if largest > 1000 and draw(st.booleans()):
        crossing = learned + dt.timedelta(days=draw(st.integers(0, 40)))
    bango = draw(bango_facts(learned, largest))
    gdpr = draw(st.booleans())
    learned_at = None
    if gdpr or draw(st.booleans()):
        learned_at = dt.datetime(
            learned.year, learned.month, learned.day, draw(st.integers(0, 23)), tzinfo=JST
        )
    return Facts(
        role=draw(st.sampled_from(Role)),
        event=draw(st.sampled_from(Event)),
        learned_date=learned,
        possibility_only=draw(st.booleans()),
        is_personal_data=draw(st.booleans()),
        data_items=tuple(draw(st.lists(st.sampled_from(DataItem), unique=True, max_size=6))),
        sensitive=draw(st.booleans()),
        financial=draw(st.builds(Financial, st.booleans(), st.booleans(), st.booleans(), st.booleans())),
        malicious=malicious,
        malicious_basis=draw(st.none() | st.sampled_from(MaliciousBasis)) if malicious else None,
        affected_count=count,
        affected_count_max=count_max,
        encryption=Encryption(
            encrypted, encrypted and draw(st.booleans()), encrypted and draw(st.booleans())
        ),
        pseudonymized=draw(st.booleans()),
        recovered_before_viewed=draw(st.booleans()),
        intentional_provision=draw(st.booleans()),
        identical_copy_exists=draw(st.booleans()),
        occurred_date=draw(st.none() | st.just(learned - dt.timedelta(days=draw(st.integers(0, 30))))),
        learned_at=learned_at,
        learned_by=draw(st.none() | st.text(max_size=10)),
        officer_learned_date=draw(st.none() | st.just(learned + dt.timedelta(days=draw(st.integers(0, 5))))),
        count_exceeded_1000_learned_date=crossing,
        delegated_sector=draw(st.booleans()),
        notification_difficult=draw(st.booleans()),
        pmark_holder=draw(st.booleans()),
        gdpr_applies=gdpr,
        data_being_acquired=draw(st.booleans()),
        caused_by=draw(st.none() | st.sampled_from(CausedBy)),
        bango=bango,
    )


@st.composite
def bango_facts(draw: st.DrawFn, learned: dt.date, shared_largest: int) -> BangoFacts:
    """The 番号法 facts (§15.2), consistent with the validator: a crossing of 100 only above 100 persons."""
    count = draw(st.none() | st.integers(0, 300))
    count_max = draw(st.none() | st.integers(count or 0, 600))
    own = [c for c in (count, count_max) if c is not None]
    largest = max(own) if own else shared_largest
    crossing = None
    if largest > 100 and draw(st.booleans()):
        crossing = learned + dt.timedelta(days=draw(st.integers(0, 40)))
    return BangoFacts(
        affected_count=count,
        affected_count_max=count_max,
        count_exceeded_100_learned_date=crossing,
        publicly_viewable=draw(st.booleans()),
        gov_system=draw(st.booleans()),
        misuse=draw(st.none() | st.sampled_from(BangoMisuse)),
        other_violation=draw(st.booleans()),
    )
