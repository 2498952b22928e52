#!/usr/bin/env bash
# Rewrites requirements/linux.lock, requirements/windows.lock and requirements/bootstrap.lock from pyproject.toml (docs/adr/0016-locked-dependencies.md).
# pyproject.toml pins the direct dependencies; this resolves everything they pull in, for CPython 3.11 on the two
# platforms we ship, with the sha256 of every file pip may install. Run it after changing a pin in pyproject.toml,
# or with --upgrade to move the transitive dependencies to their newest versions, then commit the two files.
#   requirements/update.sh [--upgrade | --upgrade-package NAME ...]
# Uses the uv pinned in the dev extra (.venv/bin/uv, after the README's install); resolving for Windows works on Linux.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=".venv/bin/uv"
[ -x "$UV" ] || UV="uv"

# setuptools builds the editable install (`pip install --no-deps --no-build-isolation -e .`): locked with the rest.
build_requires=$(python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')

for target in linux:x86_64-manylinux_2_34 windows:x86_64-pc-windows-msvc; do
  name=${target%%:*}
  platform=${target#*:}
  echo "$build_requires" | "$UV" pip compile pyproject.toml - \
    --extra team --extra test --extra dev \
    --python-version 3.11 --python-platform "$platform" \
    --generate-hashes --index-url https://pypi.org/simple \
    --custom-compile-command "requirements/update.sh" \
    --output-file "requirements/$name.lock" --quiet "$@"
done
# uv itself, for the first step of the README's install (`pip install -r requirements/bootstrap.lock`, then uv
# installs the platform's lock): the dev extra's pin, with the hash of every platform's wheel.
uv_pin=$(python3 -c 'import tomllib; dev = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"]; print(next(r for r in dev if r.startswith("uv==")))')
echo "$uv_pin" | "$UV" pip compile - --universal --python-version 3.11 \
  --generate-hashes --index-url https://pypi.org/simple \
  --custom-compile-command "requirements/update.sh" \
  --output-file requirements/bootstrap.lock --quiet
wc -l requirements/*.lock
