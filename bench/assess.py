"""Assessments per second for a mixed batch, in-process (the wizard re-assesses on every answer). Target ≥ 10,000/s.

Run: python bench/assess.py  — prints the median of 7 runs over a fixed, seeded batch; nothing asserted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.facts import DataItem, Encryption, Event, Facts, Financial, MaliciousBasis, Role  # noqa: E402
from app.rules import assess  # noqa: E402
from app.rules.facts_json import parse_facts_text  # noqa: E402

RUNS = 7
BATCH = 5000


def mixed_batch(size: int, seed: int = 20270701) -> list[Facts]:
    """The example files plus seeded variations: every 号, every exclusion, processors, P-mark, GDPR, moved deadlines."""
    rng = random.Random(seed)
    examples = [
        parse_facts_text(p.read_text("utf-8")) for p in sorted((ROOT / "examples").glob("*.facts.json"))
    ]
    jst = dt.timezone(dt.timedelta(hours=9))
    batch = list(examples)
    items = list(DataItem)
    while len(batch) < size:
        learned = dt.date(2022, 4, 1) + dt.timedelta(days=rng.randrange(365 * 8))
        malicious = rng.random() < 0.3
        count = rng.choice([1, 1, 1, 3, 40, 999, 1000, 1001, 2500, None])
        gdpr = rng.random() < 0.1
        batch.append(
            Facts(
                role=Role.PROCESSOR if rng.random() < 0.15 else Role.CONTROLLER,
                event=rng.choice(list(Event)),
                learned_date=learned,
                possibility_only=rng.random() < 0.3,
                is_personal_data=rng.random() < 0.95,
                data_items=tuple(rng.sample(items, rng.randrange(1, 5))),
                financial=Financial(
                    card_number_full=rng.random() < 0.05, bank_account_only=rng.random() < 0.05
                ),
                malicious=malicious,
                malicious_basis=rng.choice(list(MaliciousBasis)) if malicious else None,
                affected_count=count,
                affected_count_max=None if count else rng.choice([None, 800, 5000]),
                encryption=Encryption(
                    encrypted=(enc := rng.random() < 0.2), high_grade=enc and rng.random() < 0.5
                ),
                recovered_before_viewed=rng.random() < 0.05,
                identical_copy_exists=rng.random() < 0.1,
                learned_at=dt.datetime(learned.year, learned.month, learned.day, 9, tzinfo=jst)
                if gdpr
                else None,
                delegated_sector=rng.random() < 0.1,
                notification_difficult=rng.random() < 0.1,
                pmark_holder=rng.random() < 0.3,
                gdpr_applies=gdpr,
            )
        )
    return batch


def main() -> None:
    batch = mixed_batch(BATCH)
    reportable = sum(1 for facts in batch if assess(facts).applicable_items)  # warm-up, and a sanity figure
    rates = []
    for _ in range(RUNS):
        # Fresh objects each run so nothing is answered from identity-based shortcuts.
        fresh = [dataclasses.replace(facts) for facts in batch]
        start = time.perf_counter()
        for facts in fresh:
            assess(facts)
        rates.append(len(fresh) / (time.perf_counter() - start))
    summary = {
        "batch": len(batch),
        "reportable": reportable,
        "assessments_per_second_median": round(statistics.median(rates)),
        "min": round(min(rates)),
        "max": round(max(rates)),
        "target": 10_000,
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
