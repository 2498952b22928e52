"""`main.py selftest`: proves an installed or packaged BreachDesk works end to end without a screen.

Opens a database in a temporary data folder (or --data-dir), runs the migrations, reads the office profile,
builds a PDF with embedded Japanese fonts and checks it. It also creates a small encrypted register in a folder of
its own, reopens it and verifies its audit chain, so a packaged app that lacks SQLCipher (sqlcipher3's compiled
module) fails here rather than on the officer's first start (docs/adr/0010-register-encryption.md). The packaged
app's smoke test runs exactly this.

On a read-only medium (a CD, a write-protected USB copy of the data folder) it says so and checks what it can
read: the register opened read-only, and the PDF built in memory, not saved (issue 16 point 3).
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import keyring
import keyring.backends.fail
from sqlalchemy.orm import Session

from app.db import cipher
from app.db.connect import connect, is_encrypted_file
from app.db.faults import DatabaseFault, FaultKind, server_label
from app.db.preflight import read_only_reason
from app.db.register_key import RegisterKey
from app.db.snapshot import open_evidence
from app.db.sqlite_uri import readonly_uri
from app.documents.render.selftest import build_selftest_pdf
from app.domain.office import OfficeProfile
from app.i18n import _, ngettext
from app.logs import setup_logging
from app.paths import DataPaths, data_paths
from app.services.audit_check import check_audit_chain, check_chain_in, check_tables_in
from app.services.root import Services

if TYPE_CHECKING:
    from collections.abc import Callable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")


def run(args: argparse.Namespace, out: TextIO, err: TextIO, register: Callable[[], Services]) -> int:
    """Not `register`: the check opens a fresh register in its own folder, as a first start would. With
    --database-url of a server (team mode, issue 19) it opens, migrates and verifies THAT database instead, and names
    it; the folder then only takes the log and the PDF."""
    url = getattr(args, "database_url", None)
    server = url if url and not url.startswith("sqlite") else None
    if args.data_dir:
        return _check(Path(args.data_dir), out, server)
    if args.keep:
        return _check(Path(tempfile.mkdtemp(prefix="breachdesk-selftest-")), out, server)
    with tempfile.TemporaryDirectory(prefix="breachdesk-selftest-") as tmp:
        return _check(Path(tmp), out, server)


def _writable(paths: DataPaths) -> bool:
    """Whether the data folder takes files at all; never changes its access rights (app/paths.py `ensure`)."""
    try:
        paths.ensure()
    except OSError:
        return False
    return read_only_reason(paths.root, paths.db_file) is None


def _check(folder: Path, out: TextIO, server: str | None = None) -> int:
    paths = data_paths(folder)
    writable = _writable(paths)
    if writable:
        setup_logging(paths)
    out.write(_("Data folder: {path}").format(path=paths.root) + "\n")
    if not writable:
        out.write(
            _(
                "The data folder cannot be written, so the self-test checks only what it can read: no register "
                "is created or migrated and the PDF is not saved."
            )
            + "\n"
        )
        _check_register_read_only(paths, out)
    elif server is not None and not _check_server(paths, server, out):
        return 1
    else:
        if server is None:
            services = Services.open(paths)
            try:
                services.office.load()
                out.write(_("Database: opened and migrated ({url})").format(url=services.db.url) + "\n")
            finally:
                services.close()
        _check_encryption(out)
        out.write(_credential_store() + "\n")

    pdf = build_selftest_pdf()
    if not pdf.startswith(b"%PDF-") or b"/FontFile2" not in pdf:
        raise RuntimeError("self-test PDF lacks an embedded TrueType font")
    if not writable:
        out.write(
            ngettext(
                "PDF with Japanese text: built in memory ({size} byte), not saved",
                "PDF with Japanese text: built in memory ({size} bytes), not saved",
                len(pdf),
            ).format(size=len(pdf))
            + "\n"
        )
        out.write(_("Self-test passed for what can be read. Nothing was written.") + "\n")
        return 0
    pdf_path = paths.root / "selftest.pdf"
    pdf_path.write_bytes(pdf)
    out.write(
        ngettext(
            "PDF with Japanese text: {path} ({size} byte)",
            "PDF with Japanese text: {path} ({size} bytes)",
            len(pdf),
        ).format(path=pdf_path, size=len(pdf))
        + "\n"
    )
    out.write(_("Self-test passed.") + "\n")
    return 0


def _check_server(paths: DataPaths, url: str, out: TextIO) -> bool:
    """The team register on its server: opened and migrated as the window would, read back, its audit chain and
    row digests verified read-only. The URL is printed without its password (`server_label`)."""
    services = Services.open(paths, url)
    try:
        services.office.load()
        count = services.incidents.count()
        chain = check_audit_chain(services.db)
        with services.db.read_scope() as session:
            tables = check_tables_in(session)
        shown = server_label(services.db.url)
    finally:
        services.close()
    out.write(
        ngettext(
            "Database server: {url} opened and migrated ({count} incident)",
            "Database server: {url} opened and migrated ({count} incidents)",
            count,
        ).format(url=shown, count=count)
        + "\n"
    )
    out.write(chain.message() + "\n")
    if tables.checked and not tables.ok:
        out.write(tables.message() + "\n")
    return chain.ok and tables.ok


def _check_register_read_only(paths: DataPaths, out: TextIO) -> None:
    """A register on the medium is opened the way the window would open it there: read-only, writing nothing."""
    file = paths.db_file
    if not (file.is_file() and file.stat().st_size):
        out.write(_("Database: this folder holds no register to read") + "\n")
        return
    services = Services.open(paths)
    try:
        services.office.load()
        count = services.incidents.count()
    finally:
        services.close()
    out.write(
        ngettext(
            "Database: opened read-only ({count} incident)",
            "Database: opened read-only ({count} incidents)",
            count,
        ).format(count=count)
        + "\n"
    )


class EncryptionCheckFailed(RuntimeError):
    """A bug or a broken bundle, not an officer's mistake: the self-test stops with the reason (no key in it)."""


def _check_encryption(out: TextIO) -> None:
    """An encrypted register in its own temporary folder (never the data folder): created with a new key wrapped by
    a passphrase (cryptography's AES-GCM and scrypt), written, closed; refused without the key; reopened with the
    key the passphrase unwraps; its audit chain verified read-only, as `verify` does."""
    key, passphrase = RegisterKey.new(), secrets.token_urlsafe(16)
    token = secrets.token_hex(8)
    marker = f"自己診断 {token}"
    with tempfile.TemporaryDirectory(prefix="breachdesk-selftest-cipher-") as tmp:
        paths = data_paths(tmp)
        paths.ensure()
        cipher.write_keys(paths.root, cipher.wrap(key, passphrase), paths.backups_dir)
        services = Services.open(paths, key=key)
        try:
            services.office.save(OfficeProfile(name=marker), actor="selftest")
        finally:
            services.close()
        if not is_encrypted_file(paths.db_file):
            raise EncryptionCheckFailed("the register was written without encryption")
        written = token.encode(
            "ascii"
        )  # ASCII: found whether the JSON in the audit log escapes Japanese or not
        if any(written in file.read_bytes() for file in Path(tmp).rglob("*") if file.is_file()):
            raise EncryptionCheckFailed("a file of the encrypted register holds its text in the clear")
        try:
            Services.open(paths).close()
        except DatabaseFault as error:
            if error.kind is not FaultKind.ENCRYPTED:
                raise
        else:
            raise EncryptionCheckFailed("the encrypted register opened without its key")
        services = Services.open(paths, key=cipher.unwrap(cipher.read_keys(paths.root), passphrase))
        try:
            if services.office.load().name != marker:
                raise EncryptionCheckFailed("the encrypted register did not read back what was written")
        finally:
            services.close()
        with open_evidence(paths.db_file, key) as (engine, _evidence), Session(engine) as session:
            chain = check_chain_in(session)
        if not chain.ok or chain.count == 0:
            raise EncryptionCheckFailed("the audit chain of the encrypted register does not verify")
        with contextlib.closing(connect(readonly_uri(paths.db_file), key)) as conn:
            version = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
    out.write(_("Encryption (SQLCipher {version}): OK").format(version=version) + "\n")


def _credential_store() -> str:
    """Which OS credential store 「このPCに記憶する」 would use (keyring finds its backends through entry points,
    which a packaged app must carry); none is not a failure: the passphrase is then asked at every start."""
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend must not fail the self-test: the window degrades to asking
        backend, problem = None, type(exc).__name__
    else:
        problem = ""
    if backend is None or isinstance(backend, keyring.backends.fail.Keyring):
        return _(
            "Credential store for 「Remember on this PC」: none on this PC ({reason}); the passphrase is asked at "
            "every start."
        ).format(reason=problem or _("no usable backend"))
    return _("Credential store for 「Remember on this PC」: {backend}").format(
        backend=f"{type(backend).__module__}.{type(backend).__name__}"
    )
