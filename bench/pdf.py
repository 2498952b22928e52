"""Time to build the self-test PDF: cold (fresh process, imports and font registration included) and warm.

Run: python bench/pdf.py  — prints medians of 5; numbers only, nothing asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

COLD = """
import time
start = time.perf_counter()
from app.documents.render.selftest import build_selftest_pdf
imported = time.perf_counter()
from app.documents.render.fonts import register_fonts
register_fonts()
registered = time.perf_counter()
build_selftest_pdf()
done = time.perf_counter()
print(imported - start, registered - imported, done - registered, done - start)
"""


def cold_runs() -> list[tuple[float, ...]]:
    results = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", COLD], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        results.append(tuple(float(x) for x in out.split()))
    return results


def warm_runs() -> tuple[list[float], int]:
    sys.path.insert(0, str(ROOT))
    from app.documents.render.selftest import build_selftest_pdf

    size = len(build_selftest_pdf())
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        build_selftest_pdf()
        times.append(time.perf_counter() - start)
    return times, size


def ms(value: float) -> str:
    return f"{value * 1000:7.1f} ms"


def main() -> None:
    cold = cold_runs()
    imports, fonts, first_build, total = (statistics.median(column) for column in zip(*cold, strict=True))
    warm, size = warm_runs()
    print(f"self-test PDF ({size / 1024:.0f} KiB, 2 pages), median of {RUNS}")
    print(f"  cold total (fresh process)   {ms(total)}")
    print(f"    import reportlab + app      {ms(imports)}")
    print(f"    register 3 BIZ UD fonts     {ms(fonts)}")
    print(f"    first build                 {ms(first_build)}")
    print(f"  warm build                   {ms(statistics.median(warm))}")


if __name__ == "__main__":
    main()
