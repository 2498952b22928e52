"""The bundle's size by component (Linux, measured) and an estimate for Windows (from the win_amd64 wheels).

Used by tools/smoke_bundle.py. The Windows figure is an estimate, printed as one: the same pinned versions'
win_amd64 wheels are downloaded (pip download, no install) and the files a Windows build would keep are summed
uncompressed, by the filters of tools/bundle_filters.py; the pure-Python archive, the data files and the Python
runtime are taken from the Linux build (the archive twice: Windows has two launchers; python311.dll and the
standard library's .pyd files as their Linux counterparts). It cannot see what PyInstaller on Windows would add
on its own (API-set DLLs, a different set of dependencies), so it can be off by a few MB either way.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

from bundle_filters import KEPT_QT_MODULES, keeps_binary, keeps_data

ROOT = Path(__file__).resolve().parent.parent

# (pattern on the path inside the bundle, component), first match wins.
COMPONENTS = [
    (r"^BreachDesk[^/]*$", "launchers"),
    (r"PySide6/Qt/lib/libicu", "ICU (Qt's Unicode and locale data)"),
    (r"PySide6/Qt/lib/", "Qt libraries"),
    (r"PySide6/Qt/plugins/", "Qt plugins"),
    (r"PySide6/Qt/translations/", "Qt translations"),
    (r"(PySide6|shiboken6)/|libpyside|libshiboken", "PySide6 bindings"),
    (r"libpython|python3\.\d+/|base_library\.zip", "Python runtime"),
    (r"resources/fonts/", "fonts (BIZ UD, names fallback)"),
    (r"cryptography", "cryptography (OpenSSL inside)"),
    (r"sqlcipher3", "sqlcipher3 (SQLCipher, SQLite, OpenSSL inside)"),
    (r"psycopg", "psycopg + libpq (team mode)"),
    (r"PIL/|pillow\.libs/", "Pillow"),
    (r"^_internal/[^/]+\.so", "other shared libraries"),
    (r"", "other (Python packages' files, data)"),
]

# Wheels with compiled code for Windows (the rest is pure Python, in the archive measured on Linux).
WINDOWS_WHEELS = (
    "pyside6-essentials", "pyside6-addons", "shiboken6", "cryptography", "cffi", "pillow", "psycopg-binary",
    "sqlcipher3", "sqlalchemy", "charset-normalizer", "markupsafe", "rl-accel", "pyinstaller",
)  # fmt: skip
# The PySide6 modules the app imports (a binding not imported is not collected; QtDBus and QtOpenGL are excluded).
IMPORTED_BINDINGS = {"Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "Charts", "Network", "PrintSupport"}
# libcrypto-3.dll (~5 MB), libssl-3.dll (~0.8 MB), sqlite3.dll (~1.6 MB) of CPython 3.11 for Windows: not on PyPI,
# so not measured; on Linux the same libraries come from the host and are not in the bundle.
PYTHON_DLLS_MB = 7.4
# Plugin folders PyInstaller's Qt hooks collect for the modules kept (QtGui, QtNetwork, QtPrintSupport).
QT_PLUGIN_FOLDERS = (
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines", "styles", "generic",
    "tls", "networkinformation", "printsupport",
)  # fmt: skip


def files(folder: Path) -> list[Path]:
    return [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]


def total_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in files(folder)) / 1e6


def by_component(dist: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    for f in files(dist):
        rel = f.relative_to(dist).as_posix()
        name = next(name for pattern, name in COMPONENTS if re.search(pattern, rel))
        sizes[name] += f.stat().st_size
    return sizes


def _pins(lock: Path) -> dict[str, str]:
    text = lock.read_text(encoding="utf-8") if lock.exists() else ""
    return {
        m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", text, re.M)
    }


def _kept_in_wheel(wheel: Path) -> int:
    """Uncompressed bytes of the wheel's files that a Windows bundle would hold (binaries and Qt data only)."""
    kept = 0
    pyside = re.match(r"(pyside6|shiboken6)", wheel.name, re.IGNORECASE) is not None
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            path = info.filename
            if wheel.name.lower().startswith("pyinstaller"):
                keep = re.search(r"bootloader/Windows-64bit-intel/runw?\.exe$", path) is not None
            elif pyside:
                keep = _keeps_pyside_file(path)
            else:
                keep = path.lower().endswith((".pyd", ".dll")) and keeps_binary(path)
            kept += info.file_size if keep else 0
    return kept


def _keeps_pyside_file(path: str) -> bool:
    if m := re.match(r"PySide6/Qt6(\w+)\.dll$", path):
        return m.group(1) in KEPT_QT_MODULES
    if m := re.match(r"PySide6/Qt(\w+)\.pyd$", path):
        return m.group(1) in IMPORTED_BINDINGS
    if re.match(
        r"(PySide6|shiboken6)/[^/]*(pyside6|shiboken6|Shiboken)[^/]*\.(dll|pyd)$", path, re.IGNORECASE
    ):
        return True
    if re.match(r"PySide6/(msvcp140|vcruntime140|concrt140)[^/]*\.dll$", path, re.IGNORECASE):
        return True
    if re.match(r"PySide6/(opengl32sw|d3dcompiler_\d+)\.dll$", path, re.IGNORECASE):
        return keeps_binary(path)  # collected by PyInstaller's QtGui hook, then filtered
    if m := re.match(r"PySide6/plugins/([^/]+)/[^/]+\.dll$", path):
        return m.group(1) in QT_PLUGIN_FOLDERS and keeps_binary(path)
    if re.match(r"PySide6/translations/[^/]+\.qm$", path):
        return keeps_data("/" + path)
    return False


def _wanted() -> list[str] | str:
    pins = _pins(ROOT / "requirements" / "windows.lock")
    wanted = [f"{name}=={pins[name]}" for name in WINDOWS_WHEELS if name in pins]
    if len(wanted) < len(WINDOWS_WHEELS):
        return "requirements/windows.lock does not pin every wheel: " + ", ".join(
            n for n in WINDOWS_WHEELS if n not in pins
        )
    return wanted


def fetch_windows_wheels(cache: Path) -> subprocess.Popen[str] | None:
    """The download of the win_amd64 wheels (~250 MB), started, to be passed to `windows_estimate`: it is network
    time, and the bundle's build can run meanwhile (None when the lock does not pin them all: the estimate says so)."""
    wanted = _wanted()
    if isinstance(wanted, str):
        return None
    cache.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--platform", "win_amd64",
         "--python-version", "3.11", "--no-deps", "-d", str(cache), *wanted],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def windows_estimate(
    dist: Path, build: Path, cache: Path, fetching: subprocess.Popen[str] | None = None
) -> tuple[float, list[tuple[str, float]]] | str:
    """(total MB, parts) or the reason there is no estimate (no network, no lock). `fetching`: the download already
    started by `fetch_windows_wheels` (started here when not given)."""
    wanted = _wanted()
    if isinstance(wanted, str):
        return wanted
    fetching = fetching or fetch_windows_wheels(cache)
    assert fetching is not None
    try:
        _, errors = fetching.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        fetching.kill()
        return "pip download of the win_amd64 wheels took more than 10 minutes"
    if fetching.returncode != 0:
        return "pip download of the win_amd64 wheels failed: " + errors.strip()[-300:]
    parts: list[tuple[str, float]] = []
    for spec in wanted:
        name, version = spec.split("==")
        stem = re.sub(r"[-_.]+", "_", name).lower()
        wheels = [w for w in cache.glob("*.whl") if w.name.lower().startswith(f"{stem}-{version}-")]
        if not wheels:
            return f"no win_amd64 wheel of {spec} was downloaded"
        parts.append((f"{name} (win_amd64 wheel, kept files)", _kept_in_wheel(wheels[0]) / 1e6))
    internal = dist / "_internal"
    pyz = build / "PYZ-00.pyz"
    if pyz.exists():
        parts.append(("Python archive x2 (two launchers; Linux build's PYZ)", 2 * pyz.stat().st_size / 1e6))
    runtime = [f for f in files(internal) if re.search(r"libpython|python3\.\d+/", f.as_posix())]
    parts.append(
        ("Python runtime (python311.dll + .pyd; Linux sizes)", sum(f.stat().st_size for f in runtime) / 1e6)
    )
    parts.append(
        ("CPython's own OpenSSL and SQLite DLLs (from the host on Linux; typical size)", PYTHON_DLLS_MB)
    )
    data = [
        f
        for f in files(internal)
        if not re.search(r"\.so(\.|$)|PySide6/|libpython|python3\.\d+/", f.as_posix())
    ]
    parts.append(("data files (fonts, catalogs, …; Linux build)", sum(f.stat().st_size for f in data) / 1e6))
    return sum(size for _, size in parts), parts
