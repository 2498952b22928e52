"""The coverage gate of the rules engine and the deadline calculator (>= 95 % of lines and branches), measured inside
the suite's own run instead of a second run of their tests.

Why a plugin of our own (loaded by `-p tests.coverage_gate` in pyproject's addopts, before any conftest imports the
app): the gate is about what tests/rules and tests/clocks prove of app.rules and app.calendar. Re-running those tests
under pytest-cov cost .ci/run 36 s on 2 cores (issue 20: the whole of .ci/run under 4 minutes), and tracing the
whole suite with pytest-cov cost 52 s, because its tracer also runs through the GUI tests' fixtures. Here coverage
(its public API) traces only while one of those tests runs, setup to teardown, and while the measured modules are
first imported, so the other 1,300 tests pay nothing. pytest-cov's own --cov-fail-under also printed FAIL and
exited 0 under pytest 9; this gate sets the session's exit status.

What counts is what the example tests reach: a test driven by Hypothesis runs untraced. Its examples are drawn at
random on each run, so a line only they reach would make the gate pass or fail by chance, and a line that matters
should have an example a reader can check against the guideline; the property tests still run, and prove their
invariants, in the same run. Tracing them too cost the run 25-30 s of CPU on 2 cores (coverage's tracer doubled
Hypothesis's own work) for 1.3 points of coverage (99.3 % against 98.0 %, measured on one commit).

The gate applies to a run of the whole suite (no paths, -k or -m given: the README's test command); a run of some
tests measures nothing. A whole run that leaves tests out otherwise (--deselect, --ignore) can turn it off with
`-p no:tests.coverage_gate`. Under pytest-xdist the controller decides and tells its workers through the environment;
each worker saves its data and the controller combines and reports them.
"""

from __future__ import annotations

import io
import os
import pkgutil
import shutil
import sys
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest

MEASURED = ("app.rules", "app.calendar")
TEST_FOLDERS = ("rules", "clocks")  # under tests/: the tests whose runs are measured
FAIL_UNDER = 95.0
ENV = "BREACHDESK_COVERAGE_GATE"  # the data folder, set by the process that decided to gate

_coverage = None  # coverage.Coverage while this process measures
_controller = False  # this process decided, and reports at the end


def _whole_suite(config: pytest.Config) -> bool:
    known = config.known_args_namespace
    return not (known.file_or_dir or known.keyword or known.markexpr or getattr(known, "lf", False))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    global _controller
    folder = os.environ.get(ENV)
    if folder is None:
        if os.environ.get("PYTEST_XDIST_WORKER") or not _whole_suite(early_config):
            return
        # One folder per run, removed after the report: a run of pytest inside a test has its own.
        folder = str(early_config.rootpath / ".coverage-gate" / str(os.getpid()))
        os.environ[ENV] = folder  # inherited by the xdist workers this process starts
        _controller = True
    _start(Path(folder))


def _start(folder: Path) -> None:
    """A Coverage for this process, and the measured modules imported under it (their module-level lines)."""
    global _coverage
    import coverage

    folder.mkdir(parents=True, exist_ok=True)
    _coverage = coverage.Coverage(
        data_file=str(folder / ".coverage"), data_suffix=True, source=list(MEASURED)
    )
    _coverage.start()
    for name in MEASURED:
        package = import_module(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            import_module(module.name)
    _coverage.stop()


def _measured(item: pytest.Item) -> bool:
    """An example test of tests/rules or tests/clocks (a Hypothesis test is not traced: see the docstring above)."""
    if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
        return False
    tests = Path(__file__).resolve().parent
    return any(tests / folder in item.path.parents for folder in TEST_FOLDERS)


def _clear_caches() -> None:
    """Empty the measured modules' functools caches (items_words, closed_day_labels…): a line inside a cached
    function counts only when it runs, and it would not run again for an example test if a test that is not traced
    (another folder's, or a property test) had filled the cache first in the same worker; what a test reaches must
    not depend on which tests ran before it."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(MEASURED):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if _coverage is None or not _measured(item):
        yield
        return
    _clear_caches()
    _coverage.start()
    try:
        yield
    finally:
        _coverage.stop()


@pytest.hookimpl(tryfirst=True)  # before xdist's worker tells the controller it has finished
def pytest_sessionfinish(session: pytest.Session) -> None:
    if _coverage is None:
        return
    _coverage.save()
    if not _controller or session.config.option.collectonly:
        return
    import coverage

    folder = Path(os.environ[ENV])
    combined = coverage.Coverage(data_file=str(folder / ".coverage"), source=list(MEASURED))
    combined.combine([str(folder)])
    report = io.StringIO()
    total = combined.report(file=report, skip_covered=True, show_missing=True)
    shutil.rmtree(folder, ignore_errors=True)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", f"coverage of {' and '.join(MEASURED)} by tests/{{{','.join(TEST_FOLDERS)}}}")
        reporter.write(report.getvalue())
        verdict = "reached" if total >= FAIL_UNDER else "NOT reached"
        reporter.write_line(
            f"coverage gate: {total:.2f} % of lines and branches, {FAIL_UNDER:.0f} % {verdict}"
        )
    if total < FAIL_UNDER and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
