"""Masking of personal data for screens and paper (PIPL; GB/T 35273)."""

from __future__ import annotations

from app.core.idnumber import mask as mask_id_number


def mask_phone(phone: str | None) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last four."""
    if not phone:
        return ""
    digits = phone.strip()
    if len(digits) == 11 and digits.isdigit():
        return digits[:3] + "****" + digits[7:]
    if len(digits) > 8:
        return digits[: len(digits) - 8] + "****" + digits[-4:]
    return "****" + digits[-4:] if len(digits) > 4 else "*" * len(digits)


def mask_name(name: str | None) -> str:
    """张*三 / 李* / 欧阳*明: the first and last characters stay, the middle is starred."""
    if not name:
        return ""
    if len(name) == 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


__all__ = ["mask_id_number", "mask_name", "mask_phone"]
