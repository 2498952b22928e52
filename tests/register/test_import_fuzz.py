"""`register import` of a damaged export: a field-level message and exit 2, or a clean import; never a traceback,
never a row written by a refused file, never another person's name or address in the message (issue 16, point 5).

The export is a real one (incidents, 事実経過, filings, drafts, 本人通知 deliveries with their history) made through
the services; hypothesis damages it the ways files get damaged: keys dropped, values of the wrong kind, bad dates,
a name where a code belongs, empty incidents, nesting 1,000 deep, numbers of thousands of digits.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import math
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import build_parser, run_command
from app.db.database import Database
from app.documents.context import DocumentKind
from app.documents.mailmerge import merge
from app.domain.dates import JST, today_jst
from app.i18n import set_language
from app.paths import DataPaths
from app.services.documents import DocumentService
from app.services.notices import NoticeService, deliveries_from
from tests.documents.builders.factories import recipient, seed_incident
from tests.register.test_export_import import _fill

PEOPLE = [
    recipient(n, key=f"C{n}", name=f"𠮷野 花子{n}", address1=f"大阪府堺市北区{n}丁目") for n in range(1, 4)
]
PRIVATE = [text for person in PEOPLE for text in (person.name, person.address1, person.email)]
TABLES = (
    "incidents",
    "timeline_entries",
    "filings",
    "notice_deliveries",
    "notice_delivery_events",
    "audit_log",
)


def _cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(list(argv)), out, err)
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A register with everything an export carries, exported through the command line."""
    set_language("ja")
    root = tmp_path_factory.mktemp("source")
    paths = DataPaths(root / "data")
    paths.ensure()
    db = Database.open(paths)
    try:
        _fill(db)
        incident_id = seed_incident(db)
        ctx = DocumentService(db).context(incident_id, DocumentKind.NOTICE_LETTER, today=dt.date(2027, 7, 5))
        result = merge.write(ctx, merge.plan(ctx, PEOPLE, merge.MergeMode.COMBINED), root / "letters.pdf")
        notices = NoticeService(db)
        sent_on = today_jst() - dt.timedelta(days=30)
        sent = dt.datetime.combine(sent_on, dt.time(10, 0), tzinfo=JST)
        notices.record_sent(
            incident_id, deliveries_from(result), channel="letter", sent_at=sent, document=result.document
        )
        notices.record_event(incident_id, "C1", "returned", happened_on=sent_on + dt.timedelta(days=3))
    finally:
        db.close()
    target = root / "register.json"
    code, _text = _cli(
        "--data-dir", str(paths.root), "register", "export", "--format", "json", "--out", str(target)
    )
    assert code == 0
    data = _Export(json.loads(target.read_text(encoding="utf-8")))
    assert any(incident["notice_deliveries"] for incident in data["incidents"])
    return data


class _Export(dict[str, Any]):
    """The export, shown short when hypothesis reports a failing example (its documents are 200 kB of base64)."""

    def __repr__(self) -> str:
        return "<register export>"


def _counts(paths: DataPaths) -> dict[str, int]:
    if not paths.db_file.exists():
        return {}
    with sqlite3.connect(f"{paths.db_file.as_uri()}?mode=ro", uri=True) as conn:
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}


def _import(paths: DataPaths, text: str, folder: Path) -> tuple[int, str, dict[str, int], dict[str, int]]:
    source = folder / "damaged.json"
    source.write_text(text, encoding="utf-8")
    before = _counts(paths)
    code, output = _cli("--data-dir", str(paths.root), "register", "import", str(source))
    return code, output, before, _counts(paths)


def _assert_clean(code: int, output: str) -> None:
    assert code in (0, 2), output
    assert "Traceback" not in output and "Error" not in output.replace("Error: ", "", 1)
    for private in PRIVATE:
        assert private not in output


# --- damage -------------------------------------------------------------------------------------------------------
DEEP = "__deep__"
HUGE = "__huge__"
BAD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["", "2027-02-30", "2027-07-01T25:00:00+09:00", "0001-01-01T00:00:00+09:00", "not base64!"]
    ),
    st.sampled_from(["2027-07-01", "2027-07-01T09:00:00", "closed", "bogus_code", DEEP, HUGE]),
    st.sampled_from(PRIVATE),  # a name or an address where a code or a date belongs
    st.text(max_size=20),
    st.lists(st.integers(-3, 3), max_size=3),
    # Fresh objects each time (st.just would hand out one object that a later round mutates).
    st.builds(dict),
    st.builds(lambda: [{}]),
    st.builds(
        lambda: {
            "role": "controller",
            "event": "leak",
            "learned_date": "2027-07-01",
            "affected_count": 10**12,
        }
    ),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            found += _paths(item, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


DAMAGE = st.lists(
    st.tuples(
        st.integers(0, 10**6), st.sampled_from(["drop", "replace", "replace", "empty_incident"]), BAD_VALUES
    ),
    min_size=1,
    max_size=3,
)


def damaged(export: dict[str, Any], damage: list[tuple[int, str, Any]]) -> str:
    """The export as text with each (where, what, value) applied: where picks one of the values in the tree."""
    data = copy.deepcopy(export)
    for where, action, value in damage:
        if action == "empty_incident":
            data["incidents"].append({})
            continue
        paths = [p for p in _paths(data) if p]
        path = paths[where % len(paths)]
        parent = _parent(data, path)
        if action == "drop":
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(value)
    text = json.dumps(data, ensure_ascii=False)
    return text.replace(f'"{DEEP}"', "[" * 1000 + "]" * 1000).replace(f'"{HUGE}"', "9" * 5000)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(damage=DAMAGE)
def test_a_damaged_export_is_refused_field_by_field_or_imported_whole(
    export: dict[str, Any], tmp_path_factory: pytest.TempPathFactory, damage: list[tuple[int, str, Any]]
) -> None:
    set_language("ja")
    folder = tmp_path_factory.mktemp("fuzz")
    paths = DataPaths(folder / "data")
    text = damaged(export, damage)
    code, output, before, after = _import(paths, text, folder)
    _assert_clean(code, output)
    if code == 2:
        assert after == before or (not before and after.get("incidents", 0) == 0)
        assert after.get("incidents", 0) == 0
    shutil.rmtree(folder, ignore_errors=True)


# --- what the officer reads ---------------------------------------------------------------------------------------
def _one(export: dict[str, Any], folder: Path, change: Any) -> tuple[int, str, dict[str, int]]:
    data = copy.deepcopy(export)
    change(data)
    paths = DataPaths(folder / "data")
    code, output, _before, after = _import(paths, json.dumps(data, ensure_ascii=False), folder)
    _assert_clean(code, output)
    return code, output, after


def test_each_problem_names_the_incident_its_number_and_the_field(
    export: dict[str, Any], tmp_path: Path
) -> None:
    def damage(data: dict[str, Any]) -> None:
        first, second = data["incidents"][0], data["incidents"][1]
        first["status"] = PEOPLE[0].name  # a name where a code belongs: never echoed
        first["learned_date"] = "2027-02-30"
        first["facts"] = "誤送信"
        second["timeline"] = [{"id": 1}]
        delivery = next(i for i in data["incidents"] if i["notice_deliveries"])["notice_deliveries"][0]
        delivery["created_at"] = "2027-07-06T10:00:00"  # no offset
        delivery["filing_id"] = 999
        data["incidents"].append({})

    code, output, after = _one(export, tmp_path, damage)
    first = f"事案 1（番号 {export['incidents'][0]['reference']}）の"
    assert code == 2 and after.get("incidents", 0) == 0
    assert "取り込みませんでした" in output
    assert f"{first} status：" in output
    assert "investigating" in output  # what is expected
    assert f"{first} learned_date：" in output and "存在しない日付" in output
    assert f"{first} facts：" in output and "オブジェクト" in output
    assert "の timeline[1].occurred_at：必須ですが、ありません" in output
    assert "notice_deliveries[1].created_at：" in output and "時差" in output
    assert "notice_deliveries[1].filing_id：" in output
    assert f"事案 {len(export['incidents']) + 1}の reference：必須ですが、ありません" in output


def test_many_problems_are_listed_twenty_then_counted(export: dict[str, Any], tmp_path: Path) -> None:
    code, output, _after = _one(
        export, tmp_path, lambda data: data["incidents"].extend({} for _ in range(10))
    )
    assert code == 2
    assert "…ほか" in output
    assert len([line for line in output.splitlines() if line.startswith("事案 ")]) == 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "breachdesk-register", "version": 1, "incidents": ' + "[" * 1000 + "]" * 1000 + "}",
            "64",
        ),
        ('{"format": "breachdesk-register", "version": 1, "incidents": [' + "9" * 5000 + "]}", "4000"),
        ('{"format": "breachdesk-register", "version": "山田太郎", "incidents": []}', "文字列"),
    ],
    ids=["nested-1000-deep", "number-of-5000-digits", "version-is-a-name"],
)
def test_the_shape_of_the_file_is_refused_before_it_is_read(tmp_path: Path, text: str, expected: str) -> None:
    code, output, before, after = _import(DataPaths(tmp_path / "data"), text, tmp_path)
    _assert_clean(code, output)
    assert code == 2 and expected in output and "山田太郎" not in output
    assert (after.get("incidents", 0) == 0 and before == after) or not before


def test_more_people_than_the_cap_is_refused_in_the_stored_facts(
    export: dict[str, Any], tmp_path: Path
) -> None:
    def damage(data: dict[str, Any]) -> None:
        data["incidents"][0]["facts"]["affected_count"] = 10**9 + 1
        data["incidents"][0]["assessments"][0]["facts"]["affected_count"] = math.inf

    code, output, _after = _one(export, tmp_path, damage)
    assert code == 2
    assert "facts.affected_count：" in output and "1,000,000,000" in output
    assert "assessments[1].facts：" in output
