from datetime import date

import pytest
from django.core.exceptions import ValidationError

from complaints import validators as v

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Jo", "Jo"), ("A" * 50, "A" * 50), ("Dr. Asha  Rao", "Dr. Asha Rao"), ("आशा राव", "आशा राव")],
)
def test_name_of_2_to_50_letters_spaces_and_dots_is_accepted(typed, stored):
    assert v.validate_person_name(typed) == stored


@pytest.mark.parametrize("typed", ["J", "A" * 51, "Asha Rao2", "Asha_Rao", "Asha-Rao", ". Asha", "", "   "])
def test_name_outside_the_rule_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as exc:
        v.validate_person_name(typed)
    assert "Example" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9876543210", "9876543210"), ("+91 98765 43210", "9876543210"), ("09876543210", "9876543210")],
)
def test_indian_mobile_number_is_accepted_and_stored_as_ten_digits(typed, stored):
    assert v.validate_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["987654321", "98765432101", "1234567890", "+1 650 253 0000", "98765abcde", ""])
def test_anything_but_a_ten_digit_indian_mobile_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_mobile(typed)


def test_date_of_birth_exactly_18_years_ago_is_accepted():
    assert v.validate_dob("21-11-2008", today=TODAY) == "2008-11-21"


@pytest.mark.parametrize("typed", ["22-11-2008", "1-1-2030", "31-02-1990", "1990-05-17", "17/05/85", "1-1-1900"])
def test_date_of_birth_under_18_in_future_impossible_or_misformatted_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_dob(typed, today=TODAY)


def test_date_of_birth_accepts_single_digit_day_and_month():
    assert v.validate_dob("7-5-1985", today=TODAY) == "1985-05-07"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Pune", "Pune"),
        ("Bengaluru  Urban", "Bengaluru Urban"),
        ("Go", "Go"),
        ("North 24 Parganas", "North 24 Parganas"),
        ("Gaurela-Pendra-Marwahi", "Gaurela-Pendra-Marwahi"),
        ("Bilaspur (Chhattisgarh)", "Bilaspur (Chhattisgarh)"),
    ],
)
def test_district_names_as_india_writes_them_are_accepted(typed, stored):
    assert v.validate_district(typed) == stored


@pytest.mark.parametrize("typed", ["P", "D" * 51, "Pune-1", "Pune2", "Pune!", "24 25"])
def test_district_with_other_characters_or_length_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_district(typed)


@pytest.mark.parametrize("typed", ["560066", "100001", "999999"])
def test_six_digit_pin_code_not_starting_with_zero_is_accepted(typed):
    assert v.validate_pin_code(typed) == typed


@pytest.mark.parametrize("typed", ["060066", "56006", "5600661", "56OO66", ""])
def test_pin_code_starting_with_zero_or_not_six_digits_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_pin_code(typed)


@pytest.mark.parametrize(("typed", "stored"), [("21-11-2026", "2026-11-21"), ("21-11-2021", "2021-11-21")])
def test_transaction_date_today_or_exactly_five_years_ago_is_accepted(typed, stored):
    assert v.validate_transaction_date(typed, today=TODAY) == stored


@pytest.mark.parametrize("typed", ["22-11-2026", "20-11-2021", "32-01-2026", "2026-11-21"])
def test_transaction_date_in_future_older_than_five_years_or_invalid_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_transaction_date(typed, today=TODAY)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("14:30", "14:30"),
        ("0:00", "00:00"),
        ("23:59", "23:59"),
        ("2:30 PM", "14:30"),
        ("12:00 am", "00:00"),
        ("12 pm", "12:00"),
        ("9.15 a.m.", "09:15"),
    ],
)
def test_24_hour_and_12_hour_times_are_accepted(typed, stored):
    assert v.validate_transaction_time(typed) == stored


@pytest.mark.parametrize("typed", ["24:00", "14:60", "13:00 PM", "0:30 AM", "2:30 XM", "half past two", ""])
def test_impossible_or_unreadable_times_are_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_transaction_time(typed)


@pytest.mark.parametrize("typed", ["SB", "State Bank of India", "B" * 100, "AU Small Finance Bank 2"])
def test_bank_name_of_2_to_100_alphanumeric_characters_is_accepted(typed):
    assert v.validate_bank(typed) == typed


@pytest.mark.parametrize("typed", ["S", "B" * 101, "Bank<script>", "Bank_of_X", "@@"])
def test_bank_name_with_symbols_or_wrong_length_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_bank(typed)


@pytest.mark.parametrize(
    ("typed", "stored"), [("123456789", "123456789"), ("1" * 18, "1" * 18), ("1234 5678 9012", "123456789012")]
)
def test_account_number_of_9_to_18_digits_is_accepted(typed, stored):
    assert v.validate_account_number(typed) == stored


@pytest.mark.parametrize("typed", ["12345678", "1" * 19, "12345678A", ""])
def test_account_number_outside_9_to_18_digits_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_account_number(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0.01", "0.01"),
        ("10000000", "10000000.00"),
        ("1,00,000", "100000.00"),
        ("₹ 2,500.5", "2500.50"),
        ("Rs. 999", "999.00"),
    ],
)
def test_amount_above_zero_up_to_one_crore_is_accepted_as_decimal(typed, stored):
    assert v.validate_amount(typed) == stored


@pytest.mark.parametrize("typed", ["0", "-5", "10000000.01", "1e3x", "abc", "12.345", "NaN", "Infinity"])
def test_amount_zero_negative_above_one_crore_or_unreadable_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_amount(typed)


@pytest.mark.parametrize("typed", ["12345678", "A" * 50, "412345678901", "T2405171230ABC", "pay-123/456@ybl"])
def test_transaction_id_of_8_to_50_alphanumeric_or_upi_reference_is_accepted(typed):
    assert v.validate_transaction_id(typed) == typed


@pytest.mark.parametrize("typed", ["1234567", "A" * 51, "ABC 12345678", "ABC#12345678", "-12345678"])
def test_transaction_id_outside_the_rule_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_transaction_id(typed)


# --- the fraudster's side -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("name@okhdfcbank", "name@okhdfcbank"),
        ("9876543210@ybl", "9876543210@ybl"),
        ("Quick.Loan-99@OKICICI", "quick.loan-99@okicici"),
        (" asha_r@paytm ", "asha_r@paytm"),
    ],
)
def test_upi_id_of_name_at_handle_is_accepted_and_stored_lower_case(typed, stored):
    assert v.validate_upi_id(typed) == stored


@pytest.mark.parametrize(
    "typed", ["name.okhdfcbank", "@ybl", "name@", "name@@ybl", "name@ok-hdfc", "name@9ybl", "x@y", "a" * 101 + "@ybl"]
)
def test_upi_id_of_another_shape_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as exc:
        v.validate_upi_id(typed)
    assert "name@okhdfcbank" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("HDFC0001234", "HDFC0001234"), ("sbin0000691", "SBIN0000691"), ("UTIB 0ABC123", "UTIB0ABC123")],
)
def test_ifsc_of_four_letters_zero_and_six_alphanumerics_is_accepted(typed, stored):
    assert v.validate_ifsc(typed) == stored


@pytest.mark.parametrize(
    "typed", ["HDFC1001234", "HDF00001234", "HDFC000123", "HDFC00012345", "1234012345A", "HDFC0-01234!"]
)
def test_ifsc_of_another_shape_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as exc:
        v.validate_ifsc(typed)
    assert "HDFC0001234" in exc.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("98123 45678", "+919812345678"), ("+971 50 123 4567", "+971501234567"), ("022-2345-6789", "+912223456789")],
)
def test_fraudster_phone_may_be_indian_or_international_and_is_stored_in_e164(typed, stored):
    assert v.validate_fraudster_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "call me", "+00 1234567"])
def test_a_fraudster_phone_that_is_no_number_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_fraudster_phone(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://www.Quick-Loans.example.com/apply/?ref=1", "quick-loans.example.com/apply"),
        ("quick-loans.example.com", "quick-loans.example.com"),
        ("ABC Invest app", "ABC Invest app"),
        ("Telegram", "Telegram"),
    ],
)
def test_website_is_kept_as_its_domain_and_path_and_an_app_by_its_name(typed, stored):
    assert v.validate_website(typed) == stored


@pytest.mark.parametrize("typed", ["x", "<script>alert(1)</script>", "http://-bad-.com"])
def test_a_website_that_is_neither_an_address_nor_a_name_is_refused(typed):
    with pytest.raises(ValidationError):
        v.validate_website(typed)
