"""Builds the one-folder bundle with pyinstaller.spec and proves it starts: selftest and the window, no traceback;
and that the frozen app keeps a register encrypted (SQLCipher, cryptography and keyring bundled: issue 17).

Issue 20: prints the bundle's size by component and fails above 150 MB on Linux; prints an estimate for Windows
from the win_amd64 wheels (tools/bundle_size.py); writes every document kind with the frozen command line and reads
each PDF back for its Japanese text, opens every main screen and the tray in the frozen window
(tools/frozen_checks.py, ui/shell/smoke_screens.py); prints the frozen start to first paint beside the source one.
What it cannot check headless it says (the offscreen platform has no notification area, no printer).

Used by .ci/run on Linux and by the Windows workflow.
    python tools/smoke_bundle.py [--no-build] [--no-windows-estimate] [--skip-sizes] [--no-start-times]
    python tools/smoke_bundle.py [...] --nice-after-build N
    python tools/smoke_bundle.py --start-times-only
--no-windows-estimate skips the download of the win_amd64 wheels (~250 MB, cached in build/win-wheels);
--skip-sizes skips the size report and its 150 MB limit (to run the functional checks alone).
.ci/run builds and checks beside the test suite (--no-start-times --nice-after-build 10: the build at normal
priority, as one long serial step that every check waits for; then the five groups of checks at once, niced), then
times the starts alone (--start-times-only, on the bundle already built): a start timed while the suite runs would
time the suite.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers beside this script
import bundle_size
import frozen_checks

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "BreachDesk"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
LINUX_LIMIT_MB = 150  # issue 20 point 1
WIN_WHEELS = ROOT / "build" / "win-wheels"  # the download cache of the Windows estimate
SCREENS = ("main_window", "wizard", "workspace", "calendar", "dashboard", "preview", "letters", "office",
           "reminder_settings")  # fmt: skip


def _folder_size_mb(folder: Path) -> float:
    return bundle_size.total_mb(folder)


def _sizes(fetching: subprocess.Popen[str] | None = None) -> float:
    """The bundle by component (its total returned: main fails above the limit on Linux), the Windows estimate."""
    total = _folder_size_mb(DIST)
    print(f"bundle: {total:.1f} MB ({DIST})")
    for name, size in bundle_size.by_component(DIST).most_common():
        print(f"  {size / 1e6:6.1f} MB  {name}")
    if "--no-windows-estimate" in sys.argv or os.name == "nt":
        return total
    estimate = bundle_size.windows_estimate(DIST, ROOT / "build" / "pyinstaller", WIN_WHEELS, fetching)
    if isinstance(estimate, str):
        print(f"Windows estimate: not available ({estimate})")
        return total
    print(
        f"Windows estimate: ~{estimate[0]:.0f} MB (an estimate: win_amd64 wheels' kept files + Linux-measured parts)"
    )
    for name, size in estimate[1]:
        print(f"  {size:6.1f} MB  {name}")
    return total


def _screens(exe: Path, env: dict[str, str], data: Path, incident: str) -> None:
    """Every main screen in the frozen window (ui/shell/smoke_screens.py), and the tray."""
    screen_env = {**env, "BREACHDESK_SMOKE_SCREENS": incident, "BREACHDESK_QUIT_AFTER_MS": "90000"}
    _check(_run([str(exe), "--data-dir", str(data)], screen_env, timeout=150), "screens", data / "logs")
    log = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*.log*"))
    missing = [name for name in SCREENS if f"smoke screen {name}: shown" not in log]
    if missing or "smoke screens failed" in log or "smoke tray: created" not in log:
        print(f"FAILED: screens in the frozen app (not shown: {missing})\n{log[-3000:]}", file=sys.stderr)
        raise SystemExit(1)
    for line in log.splitlines():
        if "smoke screen" in line or "smoke tray" in line:
            print("  " + line.split(": ", 1)[1])
    print("  not checked headless: the tray icon on a real notification area (offscreen has none), printing")


def _run(cmd: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    started = time.perf_counter()
    result = subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env, timeout=timeout
    )
    print(
        f"  {Path(cmd[0]).name} {' '.join(cmd[1:2])}: exit {result.returncode} "
        f"in {time.perf_counter() - started:.2f} s"
    )
    return result


def _check(result: subprocess.CompletedProcess[str], what: str, log_dir: Path | None = None) -> None:
    output = result.stdout + result.stderr
    logs = (
        "".join(p.read_text(encoding="utf-8", errors="replace") for p in log_dir.glob("*.log*"))
        if log_dir
        else ""
    )
    if result.returncode != 0 or "Traceback" in output or "Traceback" in logs:
        print(f"FAILED: {what}\n--- output ---\n{output}\n--- log ---\n{logs}", file=sys.stderr)
        raise SystemExit(1)


def _encrypted_register(console: Path, env: dict[str, str], folder: Path) -> None:
    """The command line's path to an encrypted register in the frozen app: created by a first command with
    BREACHDESK_PASSPHRASE set, verified with it, refused without it; the passphrase never echoed back."""
    passphrase = f"smoke {secrets.token_hex(8)} 暗号化"
    keyed = {**env, "BREACHDESK_PASSPHRASE": passphrase}
    keyed.pop("BREACHDESK_RECOVERY_KEY", None)
    created = _run(
        [str(console), "--data-dir", str(folder), "register", "export", "--format", "csv", "--out", "-"],
        keyed,
    )
    _check(created, "encrypted register created (register export)")
    if folder.joinpath("breachdesk.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00":
        print("FAILED: the register created with BREACHDESK_PASSPHRASE is not encrypted", file=sys.stderr)
        raise SystemExit(1)
    _check(_run([str(console), "verify", "--data-dir", str(folder)], keyed), "verify (encrypted register)")
    plain = {k: v for k, v in env.items() if k not in ("BREACHDESK_PASSPHRASE", "BREACHDESK_RECOVERY_KEY")}
    refused = _run([str(console), "verify", "--data-dir", str(folder)], plain)
    output = refused.stdout + refused.stderr
    if refused.returncode == 0 or "Traceback" in output or "BREACHDESK_PASSPHRASE" not in output:
        print(f"FAILED: verify without the passphrase\n{output}", file=sys.stderr)
        raise SystemExit(1)
    if any(passphrase in r.stdout + r.stderr for r in (created, refused)):
        print("FAILED: the passphrase was printed", file=sys.stderr)
        raise SystemExit(1)


def _team_driver(console: Path, env: dict[str, str], folder: Path) -> None:
    """Team mode without a server: a URL to a port nobody listens on must load SQLAlchemy's psycopg dialect and
    psycopg with a libpq (its C implementation with its own libpq on Windows; on Linux the Python one with the PC's
    libpq, pyinstaller.spec), then fail as a known fault (a Japanese message, exit 2 or so), never as a missing
    module or a traceback."""
    result = _run(
        [
            str(console),
            "selftest",
            "--data-dir",
            str(folder),
            "--database-url",
            "postgresql+psycopg://smoke@127.0.0.1:1/register",
        ],
        env,
    )
    output = result.stdout + result.stderr
    if "Traceback" in output or "No module named" in output or "127.0.0.1:1/register" not in output:
        print(f"FAILED: team mode (psycopg) in the bundle\n{output}", file=sys.stderr)
        raise SystemExit(1)
    carried = any(DIST.rglob("psycopg_binary/pq.*"))
    if sys.platform.startswith("linux"):
        if carried:
            print("FAILED: psycopg_binary is in the Linux bundle (the PC's libpq is used)", file=sys.stderr)
            raise SystemExit(1)
        print(
            "  team mode: psycopg (Python implementation, the PC's libpq) loads; an unreachable server is a known fault"
        )
        return
    # psycopg's C implementation carries libpq: without it a PC with no PostgreSQL client installed cannot connect.
    if not carried:
        print("FAILED: psycopg_binary (libpq) is not in the bundle", file=sys.stderr)
        raise SystemExit(1)
    print("  team mode: psycopg (with psycopg_binary) loads; an unreachable server is a known fault")


def _start_times(env: dict[str, str], folder: Path) -> None:
    try:
        frozen, source = frozen_checks.start_times(DIST / f"BreachDesk{EXE_SUFFIX}", env, folder)
    except frozen_checks.Failed as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        raise SystemExit(1) from None
    verdict = "frozen <= source" if frozen <= source else "frozen slower than source"
    print(
        f"start to first paint (median of 3): frozen {frozen * 1000:.0f} ms, source {source * 1000:.0f} ms, "
        f"ratio {frozen / source:.2f} ({verdict}; target: frozen <= source)"
    )


def _console_group(env: dict[str, str], tmp: Path, _seeded: Path, _incident: str) -> None:
    """The command line: its version, the self-test (with its encrypted register), an encrypted register of its own
    and team mode's driver."""
    console = DIST / f"BreachDesk-console{EXE_SUFFIX}"
    version = _run([str(console), "--version"], env)
    _check(version, "--version")
    print(f"  {version.stdout.strip()}")
    selftest = _run([str(console), "selftest", "--data-dir", str(tmp / "data")], env)
    _check(selftest, "selftest")
    if (
        "SQLCipher 4." not in selftest.stdout
    ):  # the self-test's own encrypted register (app/commands/selftest.py)
        print(f"FAILED: selftest did not check the encryption\n{selftest.stdout}", file=sys.stderr)
        raise SystemExit(1)
    print(
        "  "
        + "\n  ".join(line for line in selftest.stdout.splitlines() if "SQLCipher" in line or "「" in line)
    )
    _encrypted_register(console, env, tmp / "encrypted")
    _team_driver(console, env, tmp / "team")


def _window_group(env: dict[str, str], tmp: Path, _seeded: Path, _incident: str) -> None:
    """The windowed exe: the real main window on a fresh data folder, left to load the register, then quit."""
    data = tmp / "data"
    gui_env = {**env, "BREACHDESK_QUIT_AFTER_MS": "2500"}
    _check(_run([str(DIST / f"BreachDesk{EXE_SUFFIX}"), "--data-dir", str(data)], gui_env), "window start",
           data / "logs")  # fmt: skip


def _documents(write: Callable[[Path, dict[str, str], Path, Path, str], list[str]]) -> Group:
    """Document kinds from the frozen command line, read back, on a copy of the seeded register (the reports, or
    every other kind: frozen_checks.reports and .documents, two groups of about the same length)."""

    def group(env: dict[str, str], tmp: Path, seeded: Path, incident: str) -> None:
        shutil.copytree(seeded, tmp / "data")
        for line in write(DIST / f"BreachDesk-console{EXE_SUFFIX}", env, tmp / "data", tmp / "out", incident):
            print(f"  {line}")

    return group


def _screens_group(env: dict[str, str], tmp: Path, seeded: Path, incident: str) -> None:
    shutil.copytree(seeded, tmp / "data")
    _screens(DIST / f"BreachDesk{EXE_SUFFIX}", env, tmp / "data", incident)


Group = Callable[
    [dict[str, str], Path, Path, str], None
]  # (env, its own temporary folder, seeded register, incident)
GROUPS: dict[str, Group] = {
    "console": _console_group,
    "window": _window_group,
    "reports": _documents(frozen_checks.reports),
    "documents": _documents(frozen_checks.documents),
    "screens": _screens_group,
}


def _group(name: str, env: dict[str, str], seeded: Path, incident: str) -> int:
    """One group of checks, in this process (`--group NAME SEEDED INCIDENT`), on a temporary folder of its own."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            GROUPS[name](env, Path(tmp), seeded, incident)
        except frozen_checks.Failed as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    return 0


def _all_groups(env: dict[str, str], seeded: Path, incident: str) -> None:
    """The groups at once, each in a process of its own (they share only the bundle and a copy of one seeded
    register), their output printed group by group. Why: the checks are ~35 s of one core run after run; at once
    they use both cores, which .ci/run has free once the suite beside them has ended (issue 20)."""
    started = [
        subprocess.Popen(
            [sys.executable, __file__, "--group", name, str(seeded), incident],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )
        for name in GROUPS
    ]
    failed = []
    for name, process in zip(GROUPS, started, strict=True):
        output, _ = process.communicate(timeout=900)
        print(output, end="", flush=True)
        if process.returncode != 0:
            failed.append(name)
    if failed:
        print(f"FAILED: the frozen app's checks: {', '.join(failed)}", file=sys.stderr)
        raise SystemExit(1)


def _build(fetching: subprocess.Popen[str] | None) -> None:
    """pyinstaller.spec, from clean; a failed build stops the wheels' download too."""
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--log-level",
                "WARN",
                str(ROOT / "pyinstaller.spec"),
            ],
            cwd=ROOT,
            check=True,
        )
    except BaseException:
        if fetching is not None:
            fetching.kill()
        raise


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    if sys.argv[1:2] == ["--group"]:
        return _group(sys.argv[2], env, Path(sys.argv[3]), sys.argv[4])
    if "--start-times-only" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            _start_times(env, Path(tmp) / "start")
        return 0
    estimating = (
        "--skip-sizes" not in sys.argv and "--no-windows-estimate" not in sys.argv and os.name != "nt"
    )
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max_workers=1) as pool:
        # Beside the build: the wheels' download (network time) and the register's seeding (from source).
        fetching = bundle_size.fetch_windows_wheels(WIN_WHEELS) if estimating else None
        seeded = Path(tmp) / "seeded"
        seeding = pool.submit(frozen_checks.seed_register, seeded)
        if "--no-build" not in sys.argv:
            started = time.perf_counter()
            _build(fetching)
            print(f"built {DIST} in {time.perf_counter() - started:.1f} s, {_folder_size_mb(DIST):.0f} MB")
        if "--nice-after-build" in sys.argv:  # the checks give way to whatever runs beside them (.ci/run)
            os.nice(int(sys.argv[sys.argv.index("--nice-after-build") + 1]))
        total = _sizes(fetching) if "--skip-sizes" not in sys.argv else 0.0
        try:
            incident = seeding.result()
        except frozen_checks.Failed as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            raise SystemExit(1) from None
        _all_groups(env, seeded, incident)
        if "--no-start-times" not in sys.argv:
            _start_times(env, Path(tmp) / "start")
    if sys.platform.startswith("linux") and total > LINUX_LIMIT_MB:
        print(f"FAILED: the Linux bundle is {total:.1f} MB, above {LINUX_LIMIT_MB} MB", file=sys.stderr)
        return 1
    print("bundle smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
