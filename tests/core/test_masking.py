"""Masking for screens and paper (PIPL; GB/T 35273): what a passer-by may see of a person."""

from __future__ import annotations

import pytest

from app.core.masking import mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        (" 13812345678 ", "138****5678"),
        ("02787654321", "027****4321"),  # a Wuhan landline: area code and the last four
        ("027-87654321", "027-****4321"),  # as written, dash kept
        ("87654321", "****4321"),
        ("1234", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张小三", "张*三"),
        ("欧阳小明", "欧**明"),
        ("李", "李"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_name(name: str | None, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize("phone", ["13812345678", "02787654321", "87654321"])
def test_masked_phone_hides_the_middle_digits(phone: str) -> None:
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    assert masked.endswith(phone[-4:])
    assert phone[-8:-4] not in masked  # the digits that identify the line are gone


def test_id_number_masking_is_the_one_in_idnumber() -> None:
    assert mask_id_number("420106199001011231") == "420106********1231"
