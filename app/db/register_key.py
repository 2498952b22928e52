"""The register's data key as a value, without the cryptography that wraps it (app/db/cipher.py).

Kept apart so that opening a register (app/db/connect.py, app/db/database.py) does not import the AES and scrypt
code, which only unlocking and setting a passphrase need (docs/adr/0010-register-encryption.md).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

KEY_BYTES = 32
KEYS_NAME = "breachdesk.keys.json"  # the passphrase-wrapped data key beside the register (app/db/cipher.py)


@dataclass(frozen=True, slots=True)
class RegisterKey:
    """The data key. `raw` never goes to a log, a message or settings.json."""

    raw: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES:
            raise ValueError("a register key has 32 bytes")

    @property
    def pragma(self) -> str:
        """The value of `PRAGMA key`: SQLCipher's raw-key form, so no key derivation runs per connection."""
        return f"x'{self.raw.hex()}'"

    @property
    def key_id(self) -> str:
        """A short fingerprint that tells keys apart (a backup made under another key) without revealing them."""
        return hashlib.sha256(b"breachdesk key id" + self.raw).hexdigest()[:12]

    def __repr__(self) -> str:  # never print the key itself
        return f"RegisterKey({self.key_id})"

    @classmethod
    def new(cls) -> RegisterKey:
        return cls(secrets.token_bytes(KEY_BYTES))
