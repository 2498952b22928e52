"""The locks (requirements/*.lock) must say what pyproject.toml pins, hash every file, and be what CI, the build
and the README install: a pin changed without re-running requirements/update.sh fails here, not on an officer's PC
(docs/adr/0016-locked-dependencies.md)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PLATFORMS = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
}
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+) \\$")


def lock(platform: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes) of requirements/<platform>.lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = ""
    for line in (ROOT / "requirements" / f"{platform}.lock").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", " ")) or not line:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
            if hashes:
                entries[current][1].extend(hashes)
            continue
        match = ENTRY.match(line)
        assert match, f"not an exact pin with hashes: {line!r}"
        current = canonicalize_name(match["name"])
        entries[current] = (match["version"], [])
    return entries


def pinned() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    texts = list(project["project"]["dependencies"]) + list(project["build-system"]["requires"])
    for extra in project["project"]["optional-dependencies"].values():
        texts += extra
    return [Requirement(text) for text in texts if not text.startswith("breachdesk")]


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_pin_of_pyproject_is_in_the_lock_at_the_same_version(platform: str) -> None:
    locked = lock(platform)
    for requirement in pinned():
        if requirement.marker and not requirement.marker.evaluate(PLATFORMS[platform]):
            continue
        (spec,) = requirement.specifier  # every direct dependency is pinned with ==, nothing looser
        assert spec.operator == "==", requirement
        name = canonicalize_name(requirement.name)
        assert name in locked, (
            f"{name} is pinned in pyproject.toml but not locked: run requirements/update.sh"
        )
        assert locked[name][0] == spec.version, (
            f"{name}: pyproject.toml {spec.version}, lock {locked[name][0]}"
        )
        for extra in requirement.extras:  # psycopg[binary] -> psycopg-binary, at the same version
            assert locked[canonicalize_name(f"{name}-{extra}")][0] == spec.version


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_locked_package_has_hashes(platform: str) -> None:
    locked = lock(platform)
    assert len(locked) > 50
    assert not [name for name, (_, hashes) in locked.items() if not hashes]


def test_linux_and_windows_share_one_resolution() -> None:
    linux, windows = lock("linux"), lock("windows")
    assert {name: linux[name][0] for name in linux.keys() & windows.keys()} == {
        name: windows[name][0] for name in linux.keys() & windows.keys()
    }
    assert {"pyside6-essentials", "sqlcipher3", "psycopg-binary", "pytest", "pyinstaller", "pip-audit"} <= (
        linux.keys() & windows.keys()
    )
    assert "pywin32-ctypes" in windows  # keyring's Windows backend
    assert "secretstorage" in linux and "secretstorage" not in windows


def test_readme_ci_and_windows_build_install_the_lock_with_hashes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    bootstrap = (
        "python3 -m venv .venv && .venv/bin/pip install -q --require-hashes -r requirements/bootstrap.lock"
        " && .venv/bin/uv pip install -q --python .venv/bin/python"
    )
    lock = (
        " --require-hashes -r requirements/linux.lock"
        " && .venv/bin/uv pip install -q --python .venv/bin/python --no-deps --no-build-isolation -e ."
    )
    install = bootstrap + lock  # the tests' half: byte code is compiled as the suite imports (ADR 0016)
    test_command = install + " && QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest"
    assert test_command in readme
    # .ci/run: the install half first (the checks beside the suite need the venv), then the whole command, whose
    # exit status is judged once the checks beside it have printed their logs.
    assert install in ci.splitlines()
    assert test_command + " || tests=$?" in ci.splitlines()
    assert (
        bootstrap + " --compile-bytecode" + lock + " && .venv/bin/python main.py" in readme
    )  # the first start
    assert r"-m pip install -q --require-hashes -r requirements\windows.lock" in readme
    assert "pip-audit -r requirements/linux.lock -r requirements/windows.lock --require-hashes" in ci
    assert '.venv/bin/python requirements/audit_gate.py "$report"' in ci
    assert workflow.count(r"pip install --require-hashes -r requirements\windows.lock") == 2
    assert 'install -e ".[test]"' not in readme + ci + workflow


def audit_gate():  # requirements/ is not a package: the script .ci/run runs, loaded from its path
    spec = importlib.util.spec_from_file_location("audit_gate", ROOT / "requirements" / "audit_gate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["audit_gate"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def run_gate(tmp_path: Path, report: dict, projects: dict, capsys) -> tuple:
    gate = audit_gate()
    (tmp_path / "audit.json").write_text(json.dumps(report), encoding="utf-8")
    code = gate.main(str(tmp_path / "audit.json"), projects.get)  # no network in the suite
    return code, capsys.readouterr().out


def test_the_audit_fails_on_a_vulnerability_with_a_fix_and_passes_one_without(tmp_path, capsys) -> None:
    fixable = {"id": "GHSA-xxxx", "fix_versions": ["2.8.1"], "aliases": [], "description": ""}
    unfixed = {"id": "PYSEC-2099-1", "fix_versions": [], "aliases": [], "description": ""}
    report = {"dependencies": [{"name": "urllib3", "version": "2.8.0", "vulns": [fixable]}], "fixes": []}
    code, out = run_gate(tmp_path, report, {}, capsys)
    assert code == 1 and "urllib3 2.8.0: GHSA-xxxx (fixed in: 2.8.1)" in out
    report["dependencies"][0]["vulns"] = [unfixed]
    code, out = run_gate(tmp_path, report, {}, capsys)
    assert code == 0 and "PYSEC-2099-1 (fixed in: no fix released yet)" in out


def test_a_package_pip_audit_skipped_is_audited_again_or_named_never_passed_silently(
    tmp_path, capsys
) -> None:
    def skipped(name: str, version: str) -> dict:
        return {
            "name": name,
            "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} ({version})",
        }

    report = {
        "dependencies": [
            skipped("cryptography", "50.0.2"),
            skipped("babel", "2.19.0"),
            skipped("zipp", "4.1.2"),
        ]
    }
    advisory = {"id": "GHSA-yyyy", "fixed_in": ["2.19.1"], "withdrawn": None}
    projects = {
        "cryptography": {
            "info": {"version": "51.0.1"},
            "vulnerabilities": [],
        },  # pinned release is not the newest
        "babel": {"info": {"version": "2.19.0"}, "vulnerabilities": [advisory]},  # its advisories apply
    }  # zipp: no project page at all
    code, out = run_gate(tmp_path, report, projects, capsys)
    assert code == 1 and "babel 2.19.0: GHSA-yyyy (fixed in: 2.19.1)" in out
    assert (
        "NOT AUDITED" in out
        and "cryptography 50.0.2 (newest: 51.0.1)" in out
        and "zipp 4.1.2 (newest: unknown)" in out
    )
    assert "1 locked releases audited, 2 not audited" in out


def test_the_bootstrap_lock_pins_the_dev_extras_uv_with_hashes() -> None:
    """The README's first download (uv, which then installs the lock) is hash-checked and is the uv the dev extra
    pins: requirements/update.sh writes both."""
    (uv,) = [r for r in pinned() if r.name == "uv"]
    (spec,) = uv.specifier
    entries = lock("bootstrap")
    assert list(entries) == ["uv"] and entries["uv"][0] == spec.version
    assert len(entries["uv"][1]) >= 10  # the wheel of every platform, not only this one
