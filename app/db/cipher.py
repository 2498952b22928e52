"""The register's encryption key: one random data key, opened by the officer's passphrase or the recovery key
(issue 17; docs/adr/0010-register-encryption.md).

SQLCipher encrypts the register, its WAL and every backup with one 256-bit data key given as a raw key
(`PRAGMA key = "x'…'"`), so opening a connection costs no key derivation. The data key is never derived from the
passphrase: it is random, and
- the **recovery key** printed once for the officer *is* the data key, written in groups of base32 with a checksum
  (like a disk-encryption recovery key): it opens the register even if the keys file below is lost;
- the **passphrase** opens a small keys file beside the register (`breachdesk.keys.json`, a copy in backups/):
  the data key wrapped with AES-GCM under a key derived from the passphrase with scrypt. Changing the passphrase
  re-wraps the same data key (old backups stay readable); `rekey` makes a new data key (and a new recovery key)
  when the old one may have leaked.
A wrong passphrase and a damaged keys file give the same answer (the wrap does not open), so nothing hints at
which part was wrong.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.db.register_key import KEY_BYTES, KEYS_NAME, RegisterKey
from app.errors import InputError, StorageError
from app.i18n import _

__all__ = [
    "KEYS_NAME",
    "KEY_BYTES",
    "RegisterKey",
]  # re-exported: callers import the key from here or from register_key
KEYS_FORMAT = "breachdesk-keys"
KEYS_VERSION = 1
# scrypt at n=2^15, r=8: ~0.1 s and 32 MB per attempt; one unlock, not one per connection.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
_AAD = b"breachdesk register data key v1"
_CHECK_BYTES = 3
MIN_PASSPHRASE = 10


def _normalise(passphrase: str) -> bytes:
    """NFKC, so a passphrase typed with full-width or half-width characters on another PC still matches."""
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is too weak, in the officer's language; None when it will do."""
    text = unicodedata.normalize("NFKC", passphrase)
    if len(text) < MIN_PASSPHRASE:
        return _("Use at least {count} characters (a short sentence in Japanese is fine).").format(
            count=MIN_PASSPHRASE
        )
    if len(set(text)) < 5:
        return _("Use more different characters: repeated characters are easy to guess.")
    return None


# --- the recovery key: the data key as the officer writes it down ---------------------------------------------
def recovery_text(key: RegisterKey) -> str:
    """56 base32 characters in 14 groups of 4 (the key and a 3-byte checksum that catches a mistyped group)."""
    check = hashlib.sha256(key.raw).digest()[:_CHECK_BYTES]
    text = base64.b32encode(key.raw + check).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def key_from_recovery(text: str) -> RegisterKey:
    """The data key from a typed recovery key; InputError when it is mistyped (the checksum says so)."""
    cleaned = unicodedata.normalize("NFKC", text).upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")  # base32 has no 0, 1 or 8
    try:
        data = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        data = b""
    raw, check = data[:KEY_BYTES], data[KEY_BYTES:]
    if len(raw) != KEY_BYTES or hashlib.sha256(raw).digest()[:_CHECK_BYTES] != check:
        raise InputError(
            _("This recovery key is not correct: check each group of four characters."), field="recovery_key"
        )
    return RegisterKey(raw)


# --- the keys file: the data key wrapped by the passphrase ---------------------------------------------------
def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        _normalise(passphrase), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap(key: RegisterKey, passphrase: str) -> dict[str, object]:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_kek(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, key.raw, _AAD)
    return {
        "format": KEYS_FORMAT,
        "version": KEYS_VERSION,
        "key_id": key.key_id,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


def wrong_passphrase() -> InputError:
    return InputError(
        _("The passphrase is not correct. Try again, or open the register with its recovery key."),
        field="passphrase",
    )


def unwrap(data: object, passphrase: str) -> RegisterKey:
    """The data key; InputError for a wrong passphrase *or* a damaged keys file (one answer for both)."""
    try:
        if not isinstance(data, dict) or data.get("format") != KEYS_FORMAT:
            raise ValueError("not a keys file")
        kdf = data["kdf"]
        kek = _kek(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        raw = AESGCM(kek).decrypt(base64.b64decode(data["nonce"]), base64.b64decode(data["wrapped"]), _AAD)
        return RegisterKey(raw)
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise wrong_passphrase() from None


def keys_file(root: Path) -> Path:
    return root / KEYS_NAME


def write_keys(root: Path, data: dict[str, object], backups_dir: Path | None = None) -> None:
    """Atomically, private, and a copy in backups/ (losing the keys file must not lose the register: the
    recovery key still opens it, and the copy is one more way back)."""
    text = json.dumps(data, indent=1) + "\n"
    for folder in (root, backups_dir):
        if folder is None:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = keys_file(folder)
        partial = target.with_name(target.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, text.encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, target)


def read_keys(root: Path) -> dict[str, object] | None:
    """The keys file beside the register, else its copy in backups/; None when neither exists."""
    for path in (keys_file(root), keys_file(root / "backups")):
        try:
            data = json.loads(path.read_text(encoding="ascii"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            raise StorageError(
                _("The keys file {path} cannot be read: open the register with its recovery key.").format(
                    path=path
                )
            ) from exc
        return data if isinstance(data, dict) else None
    return None
