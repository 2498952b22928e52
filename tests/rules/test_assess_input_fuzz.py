"""`main.py assess` with hostile input: deep nesting and absurd numbers get a field-level message and exit 2,
never a RecursionError or any other traceback (issue 16, point 5)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import build_parser, run_command
from app.i18n import set_language

VALID = {
    "role": "controller",
    "event": "leak",
    "learned_date": "2027-07-01",
    "data_items": ["name", "health_checkup_result"],
    "affected_count": 3,
    "bango": {"affected_count": 1},
}
COUNTS = ("affected_count", "affected_count_max", "bango.affected_count", "bango.affected_count_max")


def _assess(folder: Path, text: str) -> tuple[int, str]:
    source = folder / "facts.json"
    source.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["assess", str(source), "--today", "2099-12-31"]), out, err)
    return code, err.getvalue()


def _with(field: str, raw: str) -> str:
    """The valid facts with one count replaced by `raw`, written as JSON text (NaN and 10**5000 included)."""
    data = json.loads(json.dumps(VALID))
    where = data["bango"] if field.startswith("bango.") else data
    where[field.removeprefix("bango.")] = "__value__"
    return json.dumps(data).replace('"__value__"', raw)


def test_the_valid_facts_are_assessed(tmp_path: Path) -> None:
    assert _assess(tmp_path, json.dumps(VALID))[0] == 0


ABSURD = st.one_of(
    st.integers(min_value=10**9 + 1, max_value=10**200).map(str),
    st.integers(max_value=-1).map(str),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x != int(x)).map(repr),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "3.0", '"12"', "true", "[]", "{}"]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(COUNTS), raw=ABSURD)
def test_absurd_counts_are_refused_naming_the_field(tmp_path: Path, field: str, raw: str) -> None:
    set_language("ja")
    code, err = _assess(tmp_path, _with(field, raw))
    assert code == 2, err
    assert "Traceback" not in err
    assert f"項目 {field}（" in err  # the field, with its Japanese label


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    depth=st.integers(min_value=65, max_value=5000),
    opener=st.sampled_from(["[", '{"a":']),
    where=st.sampled_from(["top", "bango", "data_items", "financial"]),
)
def test_deep_nesting_is_refused_before_parsing(tmp_path: Path, depth: int, opener: str, where: str) -> None:
    set_language("ja")
    closer = "]" if opener == "[" else "}"
    deep = opener * depth + "1" + closer * depth
    data = json.loads(json.dumps(VALID))
    if where == "top":
        text = "[" * (depth - 1) + json.dumps(data) + "]" * (depth - 1)
    else:
        data[where] = "__deep__"
        text = json.dumps(data).replace('"__deep__"', deep)
    code, err = _assess(tmp_path, text)
    assert code == 2, err
    assert "入れ子が 64 段を超えています" in err and "Traceback" not in err


def test_brackets_inside_text_do_not_count_as_nesting(tmp_path: Path) -> None:
    data = dict(VALID, learned_by="[[[[" * 100 + '"{{' * 50)
    code, err = _assess(tmp_path, json.dumps(data))
    assert code == 0, err


@pytest.mark.parametrize("digits", [4001, 20000])
def test_a_number_too_long_to_convert_is_refused(tmp_path: Path, digits: int) -> None:
    code, err = _assess(tmp_path, _with("affected_count", "9" * digits))
    assert code == 2 and "4000 桁を超える数" in err
