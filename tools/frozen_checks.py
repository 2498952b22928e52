"""What tools/smoke_bundle.py asks of the frozen app beyond starting: every document kind written by the frozen
command line and read back (pypdf) for its Japanese text, and the start to first paint, frozen beside source.

The register is seeded from the source tree (tests/documents/builders/factories.py: an office, an assessed
incident with its 速報 and 確報 drafts), then only the frozen exe touches it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
EXPORT_KINDS = (
    "sokuho", "kakuho", "tsuikan", "notice_letter", "entrustor_notice", "publication", "internal_report",
    "pmark_report", "initial_sheet",
)  # fmt: skip
RECIPIENTS = (
    "顧客番号,氏名,郵便番号,住所1,住所2,メール,漏えい項目\r\n"
    'C1,髙橋 一郎,100-0001,"東京都千代田区千代田1-1, 2F",,ichiro@example.jp,"氏名、住所"\r\n'
    "C2,山﨑 花子,1000002,大阪府大阪市北区梅田1-2-3,梅田ビル5F,,氏名・病歴\r\n"
)
SEED = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from app.db.database import Database
from app.paths import DataPaths
from tests.documents.builders.factories import seed_incident
paths = DataPaths(Path({data!r})); paths.ensure()
db = Database.open(paths)
print(seed_incident(db))
db.close()
"""


class Failed(Exception):
    """A check of the frozen app failed; the message says which and shows its output."""


def seed_register(data: Path) -> str:
    """The incident's id, in a register created by the source tree in `data`."""
    code = SEED.format(root=str(ROOT), data=str(data))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise Failed(f"seeding the register from source\n{result.stderr[-2000:]}")
    return result.stdout.strip().splitlines()[-1]


def _frozen(console: Path, env: dict[str, str], data: Path, *argv: str) -> str:
    result = subprocess.run(
        [str(console), "--data-dir", str(data), *argv],
        capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, timeout=180, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    if result.returncode != 0 or "Traceback" in output or "No module named" in output:
        raise Failed(f"frozen `{' '.join(argv[:2])}` exited {result.returncode}\n{output[-3000:]}")
    return output


def _japanese_text(pdf: Path) -> str:
    """The PDF's text as pypdf extracts it; fails when a page has no Japanese (a font or text map lost)."""
    reader = PdfReader(pdf)
    texts = [page.extract_text() or "" for page in reader.pages]
    if not texts or any(not JAPANESE.search(text) for text in texts):
        raise Failed(f"{pdf.name}: a page without Japanese text ({len(texts)} pages)")
    return "".join(texts)


REPORT_KINDS = ("sokuho", "kakuho", "tsuikan", "internal_report", "pmark_report")  # from the report drafts


def _read_back(pdfs: list[tuple[str, Path]]) -> list[str]:
    lines = []
    for name, pdf in pdfs:
        text = _japanese_text(pdf)
        sample = "".join(JAPANESE.findall(text))[:12]
        lines.append(f"{name}: {len(PdfReader(pdf).pages)} page(s), Japanese text read back ({sample}…)")
    return lines


def _export(console: Path, env: dict[str, str], data: Path, out: Path, incident: str, kind: str) -> Path:
    target = out / f"{kind}.pdf"
    _frozen(console, env, data, "export", kind, "--incident", incident, "--out", str(target),
            "--date", "2027-07-05", "--allow-missing")  # fmt: skip
    return target


def reports(console: Path, env: dict[str, str], data: Path, out: Path, incident: str) -> list[str]:
    """The reports from the frozen exe on the seeded register in `data` (its 速報 and 確報 drafts, and a 追完 draft
    started here), each exported and read back; one line per document for the output."""
    out.mkdir(parents=True, exist_ok=True)
    _frozen(console, env, data, "report", "start", "--incident", incident)
    _frozen(
        console, env, data, "report", "start", "--incident", incident, "--kind", "tsuikan"
    )  # the 追完 draft
    shown = _frozen(console, env, data, "report", "show", "--incident", incident)
    lines = [f"report show: {len(shown.splitlines())} lines, Japanese: {bool(JAPANESE.search(shown))}"]
    pdfs = [(f"export {kind}", _export(console, env, data, out, incident, kind)) for kind in REPORT_KINDS]
    return lines + _read_back(pdfs)


def documents(console: Path, env: dict[str, str], data: Path, out: Path, incident: str) -> list[str]:
    """Every other document kind the command line writes (notices, letters, the annual review, the calendar, the
    register's export), from the frozen exe on the seeded register in `data`; one line per document."""
    out.mkdir(parents=True, exist_ok=True)
    others = [kind for kind in EXPORT_KINDS if kind not in REPORT_KINDS]
    pdfs = [(f"export {kind}", _export(console, env, data, out, incident, kind)) for kind in others]
    recipients = out / "名簿.csv"
    recipients.write_bytes(RECIPIENTS.encode("cp932"))  # Excel's Japanese CSV
    letters = out / "letters.pdf"
    _frozen(console, env, data, "letters", "--incident", incident, "--recipients", str(recipients),
            "--out", str(letters), "--mode", "combined", "--date", "2027-07-05", "--allow-missing")  # fmt: skip
    pdfs.append(("letters (combined, 2 people)", letters))
    review = out / "review.pdf"
    _frozen(console, env, data, "review", "--fiscal-year", "2027", "--pdf", str(review))
    pdfs.append(("review --pdf", review))
    lines = _read_back(pdfs)
    ics = out / "deadlines.ics"
    _frozen(console, env, data, "calendar", "--out", str(ics))
    if "BEGIN:VCALENDAR" not in ics.read_text(encoding="utf-8"):
        raise Failed("calendar: not an iCalendar file")
    lines.append("calendar: .ics written")
    csv_out = _frozen(console, env, data, "register", "export", "--format", "csv", "--out", "-")
    lines.append(f"register export csv: {len(csv_out.splitlines())} lines")
    return lines


def _painted_at(log_dir: Path) -> float | None:
    """The wall-clock time of the 'window painted' line (ui/shell/application.py), from the log's asctime."""
    for log in sorted(log_dir.glob("*.log*")):
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.rstrip().endswith("window painted"):
                stamp = dt.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                return stamp.timestamp()
    return None


def first_paint(command: list[str], env: dict[str, str], data: Path) -> float:
    """Seconds from starting `command` (a window on `data`, quitting by itself) to its first paint."""
    for log in (data / "logs").glob("*.log*"):
        log.unlink()
    started = time.time()
    subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
    painted = _painted_at(data / "logs")
    if painted is None:
        raise Failed(f"no 'window painted' in the log of {Path(command[0]).name}")
    return painted - started


def start_times(exe: Path, env: dict[str, str], data: Path, runs: int = 3) -> tuple[float, float]:
    """Median first paint of the frozen window and of the source one (python main.py), after a warm-up run of each
    (byte code cached for the source run in a folder of its own, as on an installed PC), turn about."""
    quit_env = {**env, "BREACHDESK_QUIT_AFTER_MS": "150"}  # after the first paint, which is all that is timed
    source_env = {k: v for k, v in quit_env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    source_env["PYTHONPYCACHEPREFIX"] = str(data.parent / "pycache")
    frozen_cmd = [str(exe), "--data-dir", str(data)]
    source_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)]
    first_paint(frozen_cmd, quit_env, data)
    first_paint(source_cmd, source_env, data)
    frozen, source = [], []
    for _ in range(runs):
        frozen.append(first_paint(frozen_cmd, quit_env, data))
        source.append(first_paint(source_cmd, source_env, data))
    return statistics.median(frozen), statistics.median(source)


if os.name == "nt":  # pragma: no cover - the console's code page on Windows
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
