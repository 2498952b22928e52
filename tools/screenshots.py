"""Screenshots of every main screen in Japanese and English at 1024×768 (issue 18: looked at before it is done).

    python tools/screenshots.py OUT_FOLDER [--scale 1.5] [--xvfb]

Each language (and scale) runs in a fresh process (tests/gui/fit_probe.py, which builds the screens the fit tests
check from a seeded throwaway register, tests/gui/screens.py): offscreen by default, under Xvfb with --xvfb when
xvfb-run is installed. Prints every PNG it saved and what did not fit.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shoot(out: Path, lang: str, scale: str | None, xvfb: bool) -> int:
    folder = out / (lang if scale is None else f"{lang}@{scale}")
    env = dict(os.environ, LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    env["QT_QPA_PLATFORM"] = "xcb" if xvfb else "offscreen"
    if scale is not None:
        env["QT_SCALE_FACTOR"] = scale
    command = [sys.executable, "-m", "tests.gui.fit_probe", lang, str(folder)]
    if xvfb:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1024x768x24", *command]
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        return result.returncode
    for line in result.stdout.splitlines():
        if not line.startswith("{"):
            continue
        shot = json.loads(line)
        if "skipped" in shot:
            print(f"{folder.name}/{shot['screen']}: skipped ({shot['skipped']})")
            continue
        for path in shot["saved"]:
            print(f"saved {path}")
        for problem in [*shot["problems"], *shot["a11y"], *shot["asked"]]:
            print(f"  {shot['screen']}: {problem}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files (one sub-folder per language)")
    parser.add_argument("--scale", help="also at this QT_SCALE_FACTOR, e.g. 1.5")
    parser.add_argument("--xvfb", action="store_true", help="a real X server (xvfb-run) instead of offscreen")
    args = parser.parse_args(argv)
    xvfb = args.xvfb and shutil.which("xvfb-run") is not None
    if args.xvfb and not xvfb:
        print("xvfb-run is not installed: using the offscreen platform", file=sys.stderr)
    status = 0
    for lang in ("ja", "en"):
        for scale in (None, args.scale) if args.scale else (None,):
            status = shoot(args.out, lang, scale, xvfb) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
