"""Builds the one-folder bundle with pyinstaller.spec and proves it starts: selftest and the window, no traceback;
and that the frozen app keeps a register encrypted (SQLCipher, cryptography and keyring bundled: issue 17).

Used by .ci/run on Linux and by the Windows workflow; prints the bundle's size and start times.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "BreachDesk"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


def _folder_size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


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
    psycopg's C implementation, then fail as a known fault (a Japanese message, exit 2 or so), never as a missing
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
    # psycopg's C implementation carries libpq: without it a PC with no PostgreSQL client installed cannot connect.
    if not any(DIST.rglob("psycopg_binary/pq.*")):
        print("FAILED: psycopg_binary (libpq) is not in the bundle", file=sys.stderr)
        raise SystemExit(1)
    print("  team mode: psycopg (with psycopg_binary) loads; an unreachable server is a known fault")


def main() -> int:
    if "--no-build" not in sys.argv:
        shutil.rmtree(ROOT / "build" / "pyinstaller.spec", ignore_errors=True)
        started = time.perf_counter()
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
        print(f"built {DIST} in {time.perf_counter() - started:.1f} s, {_folder_size_mb(DIST):.0f} MB")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        console = DIST / f"BreachDesk-console{EXE_SUFFIX}"
        version = _run([str(console), "--version"], env)
        _check(version, "--version")
        print(f"  {version.stdout.strip()}")
        selftest = _run([str(console), "selftest", "--data-dir", str(data)], env)
        _check(selftest, "selftest")
        if (
            "SQLCipher 4." not in selftest.stdout
        ):  # the self-test's own encrypted register (app/commands/selftest.py)
            print(f"FAILED: selftest did not check the encryption\n{selftest.stdout}", file=sys.stderr)
            raise SystemExit(1)
        print(
            "  "
            + "\n  ".join(
                line for line in selftest.stdout.splitlines() if "SQLCipher" in line or "「" in line
            )
        )
        _encrypted_register(console, env, Path(tmp) / "encrypted")
        _team_driver(console, env, Path(tmp) / "team")
        # The windowed exe: open the real main window on a fresh data folder, let it load the register, quit.
        gui_env = {**env, "BREACHDESK_QUIT_AFTER_MS": "2500"}
        _check(
            _run([str(DIST / f"BreachDesk{EXE_SUFFIX}"), "--data-dir", str(data)], gui_env),
            "window start",
            data / "logs",
        )
    print("bundle smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
