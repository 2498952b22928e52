"""The coverage gate (tests/coverage_gate.py) fails a whole-suite run that leaves the rules unproven, and stays out of
a run of some tests. The "whole suite" below is pytest with its test paths set to one small module of tests/clocks:
run as the README runs the suite (no paths on the command line), in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests import coverage_gate

ROOT = Path(__file__).resolve().parents[2]
SMALL = "tests/clocks/test_ics.py"  # a few fast tests that import, but hardly run, app.rules


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("BREACHDESK_COVERAGE_GATE", "PYTEST_XDIST_WORKER", "PYTEST_ADDOPTS")
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_whole_run_that_leaves_the_rules_unproven_fails_the_gate() -> None:
    result = _pytest("-o", f"testpaths={SMALL}")
    assert "passed" in result.stdout and " failed" not in result.stdout  # the tests themselves pass
    assert result.returncode == 1, result.stdout[-2000:]
    assert "95 % NOT reached" in result.stdout
    assert "app/rules/evaluate.py" in result.stdout  # the report names what is missing


@pytest.mark.parametrize(
    ("paths", "keyword", "gated"),
    [([], "", True), (["tests/rules"], "", False), ([], "bango", False)],
)
def test_only_the_whole_suite_is_gated(paths: list[str], keyword: str, gated: bool) -> None:
    """A run of some tests (paths, -k or -m given) measures nothing and fails nothing."""
    known = SimpleNamespace(file_or_dir=paths, keyword=keyword, markexpr="", lf=False)
    assert coverage_gate._whole_suite(SimpleNamespace(known_args_namespace=known)) is gated  # type: ignore[arg-type]


def test_hypothesis_tests_run_untraced_and_example_tests_are_measured() -> None:
    """What the gate counts is what the example tests reach: a property test's random examples are not traced."""
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.integers())
    def property_test(n: int) -> None:
        pass

    def example_test() -> None:
        pass

    rules = ROOT / "tests" / "rules" / "test_x.py"
    elsewhere = ROOT / "tests" / "gui" / "test_x.py"

    def measured(test: object, path: Path) -> bool:
        return coverage_gate._measured(SimpleNamespace(obj=test, path=path))  # type: ignore[arg-type]

    assert measured(example_test, rules)
    assert not measured(property_test, rules)
    assert not measured(example_test, elsewhere)


def test_each_measured_test_starts_with_the_rules_caches_empty() -> None:
    """A cached line reached first by an untraced test must still count when an example test reaches it."""
    from app.rules.wording import items_words

    items_words((1, 3))
    assert items_words.cache_info().currsize > 0
    coverage_gate._clear_caches()
    assert items_words.cache_info().currsize == 0
