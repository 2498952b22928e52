"""Where the GUI thread's stalls go (issue 18 point 4): a sampler thread records the GUI thread's Python stack every
`interval` seconds (sys._current_frames()), and `report(gaps)` aggregates the samples taken inside each heartbeat gap
longer than a threshold, by the innermost frame of our own code and by the leaf frame.

A sample taken while the GUI thread waits for the GIL shows where it waits (the call that was about to run Python);
samples of the worker threads in the same gaps are counted apart: a worker running Python during a GUI stall holds
the GIL the GUI thread wants. bench/ only: never imported by the app.
"""

from __future__ import annotations

import collections
import itertools
import sys
import threading
import time
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)


def _ours(frame) -> str:  # type: ignore[no-untyped-def]
    """The innermost frame in the project's own code (not the venv), as file:function."""
    leaf = f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}"
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(ROOT) and ".venv" not in name and "/bench/" not in name:
            return f"{name[len(ROOT) + 1 :]}:{frame.f_code.co_name}"
        frame = frame.f_back
    return leaf


def _leaf(frame) -> str:  # type: ignore[no-untyped-def]
    return f"{Path(frame.f_code.co_filename).name}:{frame.f_code.co_name}:{frame.f_lineno}"


class StackSampler:
    def __init__(self, interval: float = 0.002) -> None:
        self.interval = interval
        self.main = threading.main_thread().ident
        self.samples: list[tuple[float, str, str, tuple[str, ...]]] = []  # time, ours, leaf, workers' ours
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.thread.join()

    def _run(self) -> None:
        me = threading.get_ident()
        while not self._stop.is_set():
            frames = sys._current_frames()
            frame = frames.get(self.main)
            if frame is not None:
                workers = tuple(
                    f"{_ours(f)} > {_leaf(f)}" for ident, f in frames.items() if ident not in (me, self.main)
                )
                self.samples.append((time.perf_counter(), _ours(frame), _leaf(frame), workers))
            time.sleep(self.interval)

    def report(self, gaps: list[tuple[float, float]], title: str, top: int = 12) -> None:
        """`gaps`: (start, end) perf_counter pairs of the heartbeat's gaps worth explaining."""
        ours: collections.Counter[str] = collections.Counter()
        leaves: collections.Counter[str] = collections.Counter()
        workers: collections.Counter[str] = collections.Counter()
        total_ms = sum((b - a) * 1000 for a, b in gaps)
        n = 0
        for at, own, leaf, busy in self.samples:
            if any(a <= at <= b for a, b in gaps):
                n += 1
                ours[own] += 1
                leaves[leaf] += 1
                for w in busy:
                    if "wait" not in w and "_run" not in w:
                        workers[w] += 1
        print(f"--- {title}: {len(gaps)} gaps > threshold, {total_ms:.0f} ms in all, {n} samples")
        for name, counter in (
            ("GUI thread, our frame", ours),
            ("GUI thread, leaf", leaves),
            ("workers", workers),
        ):
            print(f"  {name}:")
            for key, count in counter.most_common(top):
                print(f"    {count * 100 / max(n, 1):5.1f}%  {key}")
        for a, b in sorted(gaps, key=lambda g: g[0] - g[1])[:3]:
            inside = [s for s in self.samples if a <= s[0] <= b]
            times = [a] + [s[0] for s in inside] + [b]
            blind = max((y - x) * 1000 for x, y in itertools.pairwise(times))
            print(
                f"  gap of {(b - a) * 1000:.0f} ms: {len(inside)} samples, sampler blind for up to {blind:.0f} ms"
            )
            last = None
            for at, own, leaf, busy in inside:
                entry = (own, leaf, busy)
                if entry != last:
                    print(f"    +{(at - a) * 1000:5.0f} ms  GUI {own} > {leaf} | workers {list(busy)}")
                last = entry
