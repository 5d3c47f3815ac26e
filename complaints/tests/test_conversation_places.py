"""The bot and places: canonical districts (aliases, unsure names asked about), the PIN code checked against the
district, and the WhatsApp number offered as the mobile number. Pure state machine, no database."""

from datetime import UTC, date, datetime

import pytest

from complaints import conversation as c

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
PHONE = "+919876543210"

pytestmark = pytest.mark.usefixtures("settings")


def talk(messages, state=None, phone=PHONE):
    reply, effects = "", []
    state = c.ConversationState(language="en") if state is None else state  # a citizen who chose English
    for text in messages:
        state, reply, more = c.step(state, text, now=NOW, today=TODAY, phone=phone)
        effects += more
    return state, reply, effects


def at_district(**kwargs):
    return talk(["hi", "yes", "Asha Rao", "yes", "17-05-1985", "Ramesh Kumar"], **kwargs)


# --- the mobile number ------------------------------------------------------------------------------------------


def test_the_bot_offers_the_whatsapp_number_it_already_has():
    state, reply, _ = talk(["hi", "yes", "Asha Rao"])
    assert state.step == "mobile"
    assert "Is *98765 43210* the number to reach you? Reply *YES*, or type another" in reply


def test_yes_keeps_the_whatsapp_number_in_one_word():
    state, reply, _ = talk(["hi", "yes", "Asha Rao", "YES"])
    assert state.answers["mobile"] == "9876543210"
    assert state.step == "dob"


def test_another_number_can_be_typed_instead():
    state, _, _ = talk(["hi", "yes", "Asha Rao", "91234 56789"])
    assert state.answers["mobile"] == "9123456789"


def test_a_foreign_whatsapp_number_is_not_offered():
    state, reply, _ = talk(["hi", "yes", "Asha Rao"], phone="+447700900123")
    assert "Is *" not in reply and "10-digit mobile number" in reply
    state, reply, _ = talk(["yes"], state=state, phone="+447700900123")
    assert state.step == "mobile"  # "yes" is no number here


# --- districts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Bangalore", "Bengaluru Urban"), ("gurgaon", "Gurugram"), ("BOMBAY", "Mumbai"), ("Pune district", "Pune")],
)
def test_a_known_alias_is_kept_as_the_canonical_name_and_said(typed, stored):
    state, reply, _ = talk([typed], state=at_district()[0])
    assert state.answers["district"] == stored and state.step == "pin_code"
    if typed.lower() not in ("pune district",):
        assert f"Noted: district *{stored}" in reply


def test_a_misspelt_district_is_suggested_and_confirmed_with_yes():
    state, reply, _ = talk(["Gurugam"], state=at_district()[0])
    assert state.step == "district" and "Did you mean" in reply and "1. Gurugram, Haryana" in reply
    assert "Keep “Gurugam” as I typed it" in reply
    state, _, _ = talk(["yes"], state=state)
    assert state.answers["district"] == "Gurugram" and state.step == "pin_code"


def test_the_victim_may_keep_an_unsure_district_as_typed():
    state, reply, _ = talk(["Gurugam"], state=at_district()[0])
    keep = str(len(state.pending["choices"]) + 1)
    state, _, _ = talk([keep], state=state)
    assert state.answers["district"] == "Gurugam"


def test_a_name_shared_by_several_districts_asks_which_one():
    state, reply, _ = talk(["Bilaspur"], state=at_district()[0])
    assert "several districts" in reply
    assert "1. Bilaspur (Chhattisgarh)" in reply and "2. Bilaspur (Himachal Pradesh)" in reply
    state, _, _ = talk(["2"], state=state)
    assert state.answers["district"] == "Bilaspur (Himachal Pradesh)"


def test_an_unknown_district_is_asked_about_and_kept_on_yes():
    state, reply, _ = talk(["Xyzpur"], state=at_district()[0])
    assert "could not find “Xyzpur”" in reply and state.step == "district"
    state, _, _ = talk(["YES"], state=state)
    assert state.answers["district"] == "Xyzpur"


def test_typing_the_district_again_replaces_the_unsure_one():
    state, _, _ = talk(["Xyzpur", "Bangalore"], state=at_district()[0])
    assert state.answers["district"] == "Bengaluru Urban" and not state.pending


def test_help_during_the_question_repeats_it():
    state, _, _ = talk(["Bilaspur"], state=at_district()[0])
    state, reply, _ = talk(["help"], state=state)
    assert "Bilaspur (Chhattisgarh)" in reply


# --- PIN codes ---------------------------------------------------------------------------------------------------


def test_a_pin_code_of_the_district_goes_straight_on():
    state, _, _ = talk(["Bangalore", "560034"], state=at_district()[0])
    assert state.answers["pin_code"] == "560034" and state.step == "transaction_count"


def test_a_pin_code_of_another_district_is_asked_about_never_changed():
    state, reply, _ = talk(["Pune", "560034"], state=at_district()[0])
    assert state.step == "pin_code" and "pin_code" not in state.answers
    assert "PIN code 560034 is in Bengaluru Urban, Karnataka, not in Pune" in reply
    assert "1. Keep Pune and PIN code 560034" in reply and "2. Change the district to Bengaluru Urban" in reply
    assert state.answers["district"] == "Pune"  # nothing changed silently


def test_keeping_both_as_given():
    state, _, _ = talk(["Pune", "560034", "1"], state=at_district()[0])
    assert (state.answers["district"], state.answers["pin_code"]) == ("Pune", "560034")
    assert state.step == "transaction_count"


def test_changing_the_district_to_the_pin_codes_one():
    state, reply, _ = talk(["Pune", "560034", "2"], state=at_district()[0])
    assert (state.answers["district"], state.answers["pin_code"]) == ("Bengaluru Urban", "560034")
    assert "Noted: district *Bengaluru Urban" in reply


def test_typing_another_pin_code_checks_it_again():
    state, _, _ = talk(["Pune", "560034", "411001"], state=at_district()[0])
    assert (state.answers["district"], state.answers["pin_code"]) == ("Pune", "411001")


def test_the_summary_warns_about_a_kept_mismatch():
    # …, the transaction ID, where the money went (5: don't know), the fraudster's phone and site, the fraud type
    txn = [
        "18-11-2026", "14:30", "State Bank of India", "123456789012", "25000", "412345678901", "5", "skip", "skip", "1"
    ]  # fmt: skip
    state, reply, _ = talk(["Pune", "560034", "1", "1", *txn], state=at_district()[0])
    assert state.step == c.CONFIRM
    assert "⚠ PIN code 560034 is in Bengaluru Urban, Karnataka, not in Pune." in reply


# --- edit mode ---------------------------------------------------------------------------------------------------


def test_edit_mode_stores_the_canonical_name_of_an_alias():
    # …, the transaction ID, where the money went (5: don't know), the fraudster's phone and site, the fraud type
    txn = [
        "18-11-2026", "14:30", "State Bank of India", "123456789012", "25000", "412345678901", "5", "skip", "skip", "1"
    ]  # fmt: skip
    state, _, _ = talk(["Pune", "411001", "1", *txn, "edit", "1.5 = Calcutta"], state=at_district()[0])
    assert state.answers["district"] == "Kolkata"


def test_edit_mode_refuses_an_unsure_district_with_the_suggestion():
    # …, the transaction ID, where the money went (5: don't know), the fraudster's phone and site, the fraud type
    txn = [
        "18-11-2026", "14:30", "State Bank of India", "123456789012", "25000", "412345678901", "5", "skip", "skip", "1"
    ]  # fmt: skip
    state, reply, _ = talk(["Pune", "411001", "1", *txn, "edit", "1.5 = Bilaspur"], state=at_district()[0])
    assert state.answers["district"] == "Pune"
    assert "did you mean Bilaspur (Chhattisgarh) / Bilaspur (Himachal Pradesh)?" in reply
