"""Resident ID numbers under GB 11643: what staff type, paste or import is read correctly, and what
is wrong is caught with the right reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.core.registry import idnumber
from app.core.registry.idnumber import IdNumberError

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DATE_POSITIONS = range(6, 14)

regions = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)
births = st.dates(min_value=date(1880, 1, 1), max_value=date.today())
genders = st.sampled_from(["M", "F"])
sequences = st.integers(min_value=0, max_value=499)


@st.composite
def id_numbers(draw: st.DrawFn) -> tuple[str, date, str]:
    born, gender = draw(births), draw(genders)
    return idnumber.make(draw(regions), born, draw(sequences), gender), born, gender


# --- hand-checked examples ---------------------------------------------------------------------

KNOWN = [
    # number, birth date, gender (the examples of GB 11643 and one computed by hand)
    ("11010519491231002X", date(1949, 12, 31), "F"),
    ("440524188001010014", date(1880, 1, 1), "M"),
    ("420106199001011231", date(1990, 1, 1), "M"),
]


@pytest.mark.parametrize(("number", "born", "gender"), KNOWN)
def test_known_numbers(number: str, born: date, gender: str) -> None:
    info = idnumber.parse(number)
    assert (info.number, info.birth_date, info.gender, info.region) == (
        number,
        born,
        gender,
        number[:6],
    )
    assert idnumber.check_char(number[:17]) == number[17]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("110105194912310021", "id_checksum"),  # X expected
        ("420106199001011234", "id_checksum"),  # 1 expected
        ("42010619900101123", "id_format"),  # 17 characters
        ("4201061990010112311", "id_format"),  # 19 characters
        ("42010619900101123A", "id_format"),
        ("4201061990010112X1", "id_format"),  # X only at the end
        ("020106199001011231", "id_format"),  # no region starts with 0
        ("420106199002300000", "id_format"),  # 30 February
        ("420106199013010000", "id_format"),  # month 13
        ("420106187912310000", "id_format"),  # before 1880
        ("420106299001010000", "id_format"),  # in the future
        ("", "id_format"),
    ],
)
def test_bad_numbers_are_rejected_with_the_reason(raw: str, code: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        idnumber.parse(raw)
    assert caught.value.code == code
    assert caught.value.zh and caught.value.en


def test_lowercase_x_and_spaces_are_accepted() -> None:
    assert idnumber.parse("11010519491231002x").number == "11010519491231002X"
    assert idnumber.parse(" 110105 19491231 002X ").number == "11010519491231002X"
    assert idnumber.parse("11010519491231002ｘ").number == "11010519491231002X"


def test_known_15_digit_number_upgrades() -> None:
    info = idnumber.parse("110105491231002")
    assert info.number == "11010519491231002X"
    assert (info.birth_date, info.gender) == (date(1949, 12, 31), "F")


def test_mask_keeps_region_and_last_four() -> None:
    assert idnumber.mask("420106199001011234") == "420106********1234"
    assert idnumber.mask("11010519491231002X") == "110105********002X"
    assert idnumber.mask(None) == ""
    assert idnumber.mask("") == ""


# --- properties ---------------------------------------------------------------------------------


@given(id_numbers())
def test_made_numbers_parse_back(made: tuple[str, date, str]) -> None:
    number, born, gender = made
    info = idnumber.parse(number)
    assert len(number) == 18
    assert (info.number, info.birth_date, info.gender) == (number, born, gender)


@given(id_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
@example(("11010519491231002X", date(1949, 12, 31), "F"), 16, 1)
def test_any_single_digit_change_is_caught(
    made: tuple[str, date, str], position: int, shift: int
) -> None:
    number = made[0]
    digit = (int(number[position]) + shift) % 10
    changed = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(IdNumberError) as caught:
        idnumber.parse(changed)
    if caught.value.code == "id_format":
        # a date that no longer exists (or a region starting with 0) is a format error
        assert position in DATE_POSITIONS or (position == 0 and digit == 0)
    else:
        assert caught.value.code == "id_checksum"


@given(id_numbers())
def test_full_width_digits_are_accepted(made: tuple[str, date, str]) -> None:
    number = made[0]
    wide = number.translate(FULL_WIDTH).replace("X", "Ｘ")
    assert idnumber.parse(wide).number == number


@given(id_numbers())
def test_lowercase_check_character_is_accepted(made: tuple[str, date, str]) -> None:
    number = made[0]
    assert idnumber.parse(number.lower()).number == number


@given(
    regions,
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    st.integers(min_value=0, max_value=999),
)
def test_15_digit_numbers_upgrade_to_valid_18(region: str, born: date, seq: int) -> None:
    old = f"{region}{born:%y%m%d}{seq:03d}"
    info = idnumber.parse(old)
    assert info.number == f"{region}{born:%Y%m%d}{seq:03d}" + info.number[17]
    assert info.number[17] == idnumber.check_char(info.number[:17])
    assert info.birth_date == born
    assert info.gender == ("M" if seq % 2 else "F")


@given(id_numbers())
def test_mask_shows_only_region_and_last_four(made: tuple[str, date, str]) -> None:
    number = made[0]
    masked = idnumber.mask(number)
    assert masked == number[:6] + "*" * 8 + number[-4:]  # the birth date is hidden
