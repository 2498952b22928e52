"""The 年次レビュー on paper and in Excel: `main.py review` writes the PDF (charts as vectors, read back with pypdf)
and the two CSV files (UTF-8 with BOM, CRLF), all owner-only, with no 件名 and no names."""

from __future__ import annotations

import csv
import io
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import build_parser, run_command
from app.db.database import Database
from app.domain.filing import FilingKind
from app.paths import DataPaths
from tests.review.conftest import filed, incident


@pytest.fixture
def register(data_paths: DataPaths) -> DataPaths:
    db = Database.open(data_paths)
    a = incident(db, "2026-04-01", category="missend", cause="operation_error")
    incident(db, "2027-03-31", category="loss", cause="insufficient_check")
    incident(db, "2026-10-10", sensitive=False)
    incident(db, "2026-03-31", category="theft")  # 2025年度: not in the review
    filed(db, a, FilingKind.SOKUHO, "2026-04-03")
    db.close()
    return data_paths


def _run(paths: DataPaths, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_command(build_parser().parse_args(["--data-dir", str(paths.root), *argv]), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_the_totals_and_writes_pdf_and_csv(register: DataPaths, tmp_path: Path) -> None:
    pdf, table = tmp_path / "review.pdf", tmp_path / "review.csv"
    code, out, _err = _run(
        register, "review", "--fiscal-year", "2026", "--pdf", str(pdf), "--csv", str(table)
    )

    assert code == 0
    assert "2026年度（2026-04-01〜2027-03-31）" in out and "3件" in out
    summary = tmp_path / "review_summary.csv"
    for path in (pdf, table, summary):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("年次レビュー（2026年度）", "2026年4月1日〜2027年3月31日", "事案の総数", "3件", "誤送信",
                     "紛失・滅失・き損", "作業・操作ミス", "月別の件数", "速報・確報の提出と期限", "2026-0001"):  # fmt: skip
        assert expected in text, expected
    assert "健診" not in text and "山田" not in text and "2026-0004" not in text
    for page in reader.pages:  # the charts are drawn, not pasted in as pictures
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not any(xobjects[name].get("/Subtype") == "/Image" for name in xobjects)

    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 4  # header + three incidents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["番号", "発生日", "発覚日"]
    assert [r[0] for r in rows[1:]] == ["2026-0001", "2026-0003", "2026-0002"]
    assert "健診" not in raw.decode("utf-8-sig") and "山田" not in raw.decode("utf-8-sig")
    totals = list(csv.reader(io.StringIO(summary.read_bytes().decode("utf-8-sig"))))
    months = [int(r[2]) for r in totals if r[0] == "月"]
    assert len(months) == 12 and sum(months) == 3
    assert ["速報", "期限内", "1"] in totals


def test_every_page_renders(register: DataPaths, tmp_path: Path) -> None:
    """pdftoppm draws each page (poppler reads the embedded fonts); the images are kept for a look."""
    pdf = tmp_path / "review.pdf"
    assert _run(register, "review", "--fiscal-year", "2026", "--pdf", str(pdf))[0] == 0
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(str(pdf)).pages) >= 2


def test_a_wrong_start_month_is_refused(register: DataPaths) -> None:
    code, _out, err = _run(register, "review", "--start-month", "13")
    assert code != 0 and "1から12" in err
