"""Judges pip-audit's JSON report of the locks for .ci/run (docs/adr/0016-locked-dependencies.md).

Fails on a known vulnerability that has a fixed version (there is something to upgrade to); prints one without a
fix and lets the run pass. pip-audit marks a package it could not look up as skipped and still says "No known
vulnerabilities found": a network that serves PyPI's project pages but not its per-release ones (seen on our CI
machine) would make that a silent pass for every package. A skipped package is looked up once more on its project
page, whose advisories are those of the newest release: when the lock pins that release, they apply; otherwise the
package is listed as not audited, by name, so that nobody reads the green run as "audited"."""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ProjectFetcher = Callable[[str], dict[str, Any] | None]


@dataclass(frozen=True)
class Finding:
    name: str
    version: str
    vuln_id: str
    fixes: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    findings: list[Finding]
    audited: int
    not_audited: list[str]  # "name version (newest: X)"

    @property
    def fixable(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.fixes]


def pypi_project(name: str) -> dict[str, Any] | None:
    """PyPI's project page (JSON), or None when it cannot be had."""
    try:
        with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30) as response:
            data: dict[str, Any] = json.load(response)
            return data
    except (OSError, ValueError):
        return None


def judge(report: dict[str, Any], fetch_project: ProjectFetcher = pypi_project) -> Verdict:
    findings: list[Finding] = []
    audited = 0
    not_audited: list[str] = []
    seen: set[tuple[str, str]] = set()
    for dep in report["dependencies"]:
        name, version = dep["name"], dep.get("version", "")
        if "skip_reason" not in dep:
            if (name, version) in seen:
                continue  # the same pin in both locks
            seen.add((name, version))
            audited += 1
            findings += [
                Finding(name, version, v["id"], tuple(v.get("fix_versions", []))) for v in dep["vulns"]
            ]
            continue
        version = version or dep["skip_reason"].rsplit("(", 1)[-1].rstrip(")")
        if (name, version) in seen:
            continue
        seen.add((name, version))
        project = fetch_project(name)
        newest = project["info"]["version"] if project else "unknown"
        if project is None or newest != version:
            not_audited.append(f"{name} {version} (newest: {newest})")
            continue
        audited += 1
        for vuln in project.get("vulnerabilities") or []:
            if not vuln.get("withdrawn"):
                findings.append(Finding(name, version, vuln["id"], tuple(vuln.get("fixed_in") or [])))
    return Verdict(findings, audited, not_audited)


def main(path: str, fetch_project: ProjectFetcher = pypi_project) -> int:
    with open(path, encoding="utf-8") as file:
        report = json.load(file)  # no report (pip-audit failed, a bad lock): the run fails here
    verdict = judge(report, fetch_project)
    for finding in verdict.findings:
        fixes = ", ".join(finding.fixes) or "no fix released yet"
        print(f"{finding.name} {finding.version}: {finding.vuln_id} (fixed in: {fixes})")
    if verdict.not_audited:
        print(f"NOT AUDITED (no advisory data for these pinned releases): {', '.join(verdict.not_audited)}")
    print(
        f"audit: {verdict.audited} locked releases audited, {len(verdict.not_audited)} not audited, "
        f"{len(verdict.findings)} known vulnerabilities, {len(verdict.fixable)} with a fix"
    )
    return 1 if verdict.fixable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
