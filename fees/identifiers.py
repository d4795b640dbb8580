"""The numbers on an invoice that carry their own check digit: the organisation number (Peppol
participant id with scheme 0007), the issuer's bankgiro and the OCR payment reference.

All three use the Luhn check digit (modulus 10: every second digit from the right doubled, the
digits of the products summed). An organisation number has ten digits (the last is the check
digit); a bankgiro number seven or eight; an OCR reference is the invoice number's digits, a
length digit (Bankgirot's "längdsiffra": the reference's total length, check digit included,
modulo 10) and the check digit, so a mistyped or shortened reference is refused by the payer's bank."""
from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PEPPOL_SCHEME_SE = "0007"  # the Peppol EAS code of the Swedish organisation number (Bolagsverket)


def luhn_digit(digits: str) -> int:
    """The check digit to append to `digits` (modulus 10, Luhn)."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 0:  # the digit next to the check digit is doubled
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def luhn_valid(digits: str) -> bool:
    return bool(digits) and digits.isdigit() and luhn_digit(digits[:-1]) == int(digits[-1])


def digits_of(value: str) -> str:
    """The digits of a number as people write it (spaces and hyphens left out)."""
    return re.sub(r"[\s\-\u2010-\u2013]", "", value or "")


def organisation_number(value: str) -> str:
    """A Swedish organisation number as ten digits (NNNNNN-NNNN accepted), or ValidationError."""
    digits = digits_of(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_("An organisation number has ten digits (NNNNNN-NNNN)."), code="length")
    if not luhn_valid(digits):
        raise ValidationError(_("The organisation number's check digit is wrong: check the number."),
                              code="check_digit")
    return digits


def validate_organisation_number(value: str) -> None:
    if value:
        organisation_number(value)


def bankgiro(value: str) -> str:
    """A bankgiro number as its seven or eight digits (NNN-NNNN or NNNN-NNNN accepted)."""
    digits = digits_of(value)
    if not re.fullmatch(r"\d{7,8}", digits):
        raise ValidationError(_("A bankgiro number has seven or eight digits (NNN-NNNN or NNNN-NNNN)."),
                              code="length")
    if not luhn_valid(digits):
        raise ValidationError(_("The bankgiro number's check digit is wrong: check the number."),
                              code="check_digit")
    return digits


def validate_bankgiro(value: str) -> None:
    if value:
        bankgiro(value)


def format_organisation_number(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


def format_bankgiro(digits: str) -> str:
    return f"{digits[:-4]}-{digits[-4:]}" if len(digits) in (7, 8) else digits


def ocr_reference(invoice_number: str, *, length_digit: bool = True) -> str:
    """The OCR payment reference of an invoice number ("2026-007" → "20260079" + check digit):
    its digits, Bankgirot's length digit (optional) and the Luhn check digit."""
    base = digits_of(invoice_number)
    if not base.isdigit():
        raise ValueError(f"an invoice number without digits: {invoice_number!r}")
    if length_digit:
        base += str((len(base) + 2) % 10)
    return base + str(luhn_digit(base))


def ocr_valid(reference: str, *, length_digit: bool = True) -> bool:
    """Bankgirot's "hård kontroll": the check digit, and the length digit when one is used."""
    if not (reference.isdigit() and 2 <= len(reference) <= 25 and luhn_valid(reference)):
        return False
    return not length_digit or int(reference[-2]) == len(reference) % 10
