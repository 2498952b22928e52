"""`main.py assess` and `main.py deadlines` as a user runs them: stdout, stderr and the exit code."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import build_parser, run_command
from app.domain.dates import today_jst

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FACT_FILES = sorted(EXAMPLES.glob("*.facts.json"))
# The examples are dated up to 2027-11-29: replayed on a day after them, as a facts file is refused on a day before.
REPLAY = ("--today", "2027-12-31")


def main_py(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


def test_assess_prints_the_assessment_json_and_exits_0() -> None:
    result = main_py("assess", str(EXAMPLES / "email-missend-health.facts.json"), *REPLAY)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assessment = json.loads(result.stdout)
    assert assessment["applicable_items"] == [1]
    assert "要配慮個人情報（健康診断結果）" in result.stdout  # ensure_ascii=False: readable Japanese


def test_assess_reads_stdin_with_a_dash() -> None:
    facts = '{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "affected_count": 1500}'
    result = main_py("assess", "-", *REPLAY, stdin=facts)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["applicable_items"] == [4]


def test_invalid_input_exits_2_with_a_japanese_message_naming_the_field() -> None:
    facts = '{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "affected_count": 5, "affected_count_max": 2}'
    result = main_py("assess", "-", stdin=facts)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "エラー: 項目 affected_count_max（影響を受けた人数の上限）は affected_count 以上にしてください。"
    )


@pytest.mark.parametrize(
    ("facts", "fragment"),
    [
        ('{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "colour": 1}', "項目 colour"),
        ('{"role": "controller", "event": "leak", "learned_date": "2027-02-29"}', "存在しない日付"),
        ('{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "malicious": 1}', "項目 malicious"),
        ('{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "occurred_date": "2027-07-09"}',
         "occurred_date 以降"),
        ('{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "affected_count": -4}', "負の数"),
    ],
)  # fmt: skip
def test_each_kind_of_invalid_input_exits_2(facts: str, fragment: str) -> None:
    out, err = _run_in_process("assess", "-", stdin=facts)
    assert out == (2, "")
    assert err.startswith("エラー: ") and fragment in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    (code, out), err = _run_in_process("assess", str(tmp_path / "nothing.json"))
    assert (code, out) == (2, "")
    assert "が見つかりません" in err


def test_unreadable_and_non_utf8_files_exit_2(tmp_path: Path) -> None:
    sjis = tmp_path / "sjis.json"
    sjis.write_bytes('{"learned_by": "山田"}'.encode("cp932"))
    assert "UTF-8" in _run_in_process("assess", str(sjis))[1]
    assert "読み込めません" in _run_in_process("assess", str(tmp_path))[1]


def test_deadlines_for_a_start_date_in_japanese_text() -> None:
    result = main_py("deadlines", "--start", "2027-04-03", "--days", "30", "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "30日目は2027年5月2日（日）、期限は2027年5月6日（木）" in result.stdout
    assert "5月2日は日曜日、5月3日は憲法記念日、5月4日はみどりの日、5月5日はこどもの日のため" in result.stdout


def test_deadlines_for_a_start_date_as_json() -> None:
    (code, out), _ = _run_in_process("deadlines", "--start", "2027-10-30", "--days", "60")
    report = json.loads(out)
    assert code == 0
    assert report["kakuho"] == {
        "days": 60, "nth_day": "2027-12-28", "deadline": "2027-12-28", "moved": False, "skipped": [],
    }  # fmt: skip
    assert report["sokuho_window"] == {"from": "2027-11-01", "to": "2027-11-03"}


def test_deadlines_for_facts_include_every_clock() -> None:
    (code, out), _ = _run_in_process("deadlines", str(EXAMPLES / "ransomware.facts.json"), *REPLAY)
    report = json.loads(out)
    assert code == 0
    assert report["kakuho"]["deadline"] == "2027-05-06"
    assert [s["reason_ja"] for s in report["kakuho"]["skipped"]] == ["みどりの日", "こどもの日"]
    assert report["pmark"]["kakuho"]["days"] == 60 and report["pmark"]["convention"] is True
    assert report["gdpr"]["art33_deadline"] == "2027-03-09T08:40:00+09:00"


@pytest.mark.parametrize(
    ("example", "expected"),
    [
        (
            "processor-usb-lost",
            "委託元への通知の目安（3日目〜5日目）：2027年12月1日（水）〜2027年12月3日（金）",
        ),
        ("not-reportable-recovered", "報告対象事態に当たらないため、報告期限はありません。"),
        ("email-missend-health", "30日目は開庁日のため、繰り延べはありません。"),
        ("ransomware", "GDPR第33条の通知：2027-03-09T08:40:00+09:00 まで"),
    ],
)
def test_deadlines_text_for_the_examples(example: str, expected: str) -> None:
    (code, out), _ = _run_in_process(
        "deadlines", str(EXAMPLES / f"{example}.facts.json"), "--format", "text", *REPLAY
    )
    assert code == 0
    assert expected in out


def test_deadlines_show_one_set_of_dates_where_both_laws_coincide() -> None:
    """Payroll ransomware (docs/domain.md §15.5 example 2): 第7条 3号 and 番号法 2号 fall on the same dates."""
    (code, out), _ = _run_in_process("deadlines", str(EXAMPLES / "payroll-ransomware-my-number.facts.json"))
    report = json.loads(out)
    assert code == 0
    assert report["bango"]["categories"] == [2]
    assert report["bango"]["kakuho"]["deadline"] == report["kakuho"]["deadline"] == "2026-11-24"
    (code, text), _ = _run_in_process(
        "deadlines", str(EXAMPLES / "payroll-ransomware-my-number.facts.json"), "--format", "text"
    )
    assert (
        "確報（個人情報保護法・番号法）（60日以内）：60日目は2026年11月22日（日）、期限は2026年11月24日（火）"
        in text
    )
    assert "番号法 確報" not in text
    assert text.count("期限は2026年11月24日") == 1


def test_deadlines_of_the_my_number_track_alone() -> None:
    """150 employees' numbers mailed to a wrong address (§15.5 example 3): only the 番号法 clocks run."""
    (code, text), _ = _run_in_process(
        "deadlines", str(EXAMPLES / "payroll-excel-150-my-numbers.facts.json"), "--format", "text"
    )
    assert code == 0
    assert "番号法 速報：速やかに（遅くとも2026年10月9日（金）まで）" in text
    assert "番号法 確報（30日以内）：30日目は2026年11月3日（火）、期限は2026年11月4日（水）" in text
    assert "報告期限はありません" not in text


def test_deadlines_name_the_effort_report(tmp_path: Path) -> None:
    facts = tmp_path / "f.json"
    facts.write_text(
        json.dumps({"role": "controller", "event": "leak", "learned_date": "2026-06-10",
                    "data_items": ["name", "my_number"], "bango": {"affected_count": 3}}),
        encoding="utf-8",
    )  # fmt: skip
    (code, text), _ = _run_in_process("deadlines", str(facts), "--format", "text")
    assert code == 0
    assert "報告期限はありません" in text
    assert "努力義務" in text


def test_deadlines_text_in_english() -> None:
    (code, out), _ = _run_in_process("--lang", "en", "deadlines", "--start", "2027-04-03", "--format", "text")
    assert code == 0
    assert "Moved because 2 May is Sunday, 3 May is Constitution Day" in out


@pytest.mark.parametrize(
    "args",
    [
        ("deadlines",),
        ("deadlines", "x.json", "--start", "2027-07-01"),
        ("deadlines", "--start", "2027-02-30"),
        ("deadlines", "--start", "July 1"),
        ("deadlines", "--start", "2100-01-01"),
    ],
)
def test_deadlines_refuses_unclear_requests(args: tuple[str, ...]) -> None:
    (code, out), err = _run_in_process(*args)
    assert (code, out) == (2, "")
    assert err.startswith("エラー: ")


def _run_in_process(*argv: str, stdin: str | None = None) -> tuple[tuple[int, str], str]:
    """The same path as main.py without a new interpreter: parse, run, collect stdout/stderr."""
    import io

    out, err = io.StringIO(), io.StringIO()
    args = build_parser().parse_args(list(argv))
    if stdin is not None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            code = run_command(args, out, err)
    else:
        code = run_command(args, out, err)
    return (code, out.getvalue()), err.getvalue()


@pytest.mark.parametrize("facts_file", FACT_FILES, ids=[f.name for f in FACT_FILES])
def test_examples_produce_their_expected_assessment(facts_file: Path) -> None:
    expected = json.loads(
        facts_file.with_name(facts_file.name.replace(".facts.", ".assessment.")).read_text("utf-8")
    )
    (code, out), err = _run_in_process("assess", str(facts_file), *REPLAY)
    assert (code, err) == (0, "")
    assert json.loads(out) == expected


def test_the_examples_cover_the_cases_the_readme_promises() -> None:
    names = {f.name for f in FACT_FILES}
    assert {
        "email-missend-health.facts.json",
        "ransomware.facts.json",
        "processor-usb-lost.facts.json",
        "not-reportable-recovered.facts.json",
    } <= names


@pytest.mark.parametrize("command", ["assess", "deadlines"])
def test_a_date_after_today_is_refused_in_japanese_with_exit_2(command: str) -> None:
    """Issue 18: a future 発覚日 gave real-looking deadlines; now it is an input error like any other."""
    facts = '{"role": "controller", "event": "leak", "learned_date": "2027-07-02", "affected_count": 1500}'
    (code, out), err = _run_in_process(command, "-", "--today", "2027-07-01", stdin=facts)
    assert (code, out) == (2, "")
    assert err.strip() == (
        "エラー: 項目 learned_date（事業者内で最初に事態を知った日）が未来の日付です（2027-07-02）。今日までの日付を入力してください。"
    )
    # The same facts replayed on that day are assessed, and --today changes nothing in the output.
    (code, out), err = _run_in_process(command, "-", "--today", "2027-07-02", stdin=facts)
    assert (code, err) == (0, "")
    (_, later), _ = _run_in_process(command, "-", "--today", "2030-01-01", stdin=facts)
    assert json.loads(later) == json.loads(out)


def test_an_occurrence_after_today_is_refused_too() -> None:
    facts = '{"role": "controller", "event": "leak", "learned_date": "2027-07-01", "occurred_date": "2027-06-20", "officer_learned_date": "2027-07-04"}'
    (code, out), err = _run_in_process("assess", "-", "--today", "2027-07-03", stdin=facts)
    assert (code, out) == (2, "")
    assert "項目 officer_learned_date" in err and "未来の日付です（2027-07-04）" in err


def test_without_today_the_date_in_japan_decides() -> None:
    """No --today: Japan's date on the machine's clock; the examples dated 2027 are refused before then."""
    tomorrow = today_jst() + dt.timedelta(days=1)
    facts = json.dumps({"role": "controller", "event": "leak", "learned_date": tomorrow.isoformat()})
    result = main_py("assess", "-", stdin=facts)
    assert result.returncode == 2 and result.stdout == ""
    assert "未来の日付です" in result.stderr
    today = json.dumps({"role": "controller", "event": "leak", "learned_date": today_jst().isoformat()})
    assert main_py("assess", "-", stdin=today).returncode == 0


@pytest.mark.parametrize("value", ["2027-02-30", "2027/07/01", "tomorrow", "20270701"])
def test_an_unclear_today_is_refused(value: str) -> None:
    facts = '{"role": "controller", "event": "leak", "learned_date": "2026-07-01"}'
    (code, out), err = _run_in_process("assess", "-", "--today", value, stdin=facts)
    assert (code, out) == (2, "")
    assert (
        err.strip() == "エラー: オプション --today には、実在する日付を YYYY-MM-DD の形式で指定してください。"
    )
