"""The office profile: who reports, and the office-level facts every assessment needs (P-mark, delegated sector)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import _


class DateStyle(StrEnum):
    """How Japanese documents write dates: 2027年7月1日 or 令和9年7月1日."""

    WESTERN = "western"
    JAPANESE_ERA = "japanese_era"


@dataclass(frozen=True)
class OfficeProfile:
    name: str = ""  # 事業者名
    corporate_number: str = ""  # 法人番号 (13 digits, check digit first); empty for sole proprietors
    address: str = ""  # 所在地
    representative: str = ""  # 代表者
    industry: str = ""  # 業種
    department: str = ""  # 担当部署
    contact_person: str = ""  # 担当者
    phone: str = ""
    email: str = ""
    pmark_holder: bool = False  # Pマーク付与事業者
    delegated_sector: bool = False  # 権限委任業種 (report to the 事業所管大臣 instead of the PPC)
    date_style: DateStyle = DateStyle.WESTERN

    def validate(self) -> dict[str, str]:
        """Field name -> message in the current UI language; empty when the profile can be saved."""
        problems: dict[str, str] = {}
        if not self.name.strip():
            problems["name"] = _("Enter the name of the business.")
        if self.corporate_number and not is_valid_corporate_number(self.corporate_number):
            problems["corporate_number"] = _(
                "The corporate number must be 13 digits with a valid check digit (leave it empty if you have none)."
            )
        if self.email and not _EMAIL.fullmatch(self.email.strip()):
            problems["email"] = _("The e-mail address does not look valid.")
        if self.phone and not _PHONE.fullmatch(self.phone.strip()):
            problems["phone"] = _("Enter the phone number with digits and hyphens only.")
        return problems


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9\-() ]{5,20}")


def is_valid_corporate_number(value: str) -> bool:
    """法人番号: 13 digits; the first is 9 - (sum of the other 12 weighted 1,2,1,2… from the right) mod 9."""
    digits = value.strip()
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return False
    base = digits[1:]
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base)))
    return int(digits[0]) == 9 - total % 9
