"""The conversation state machine on its own: state + text → new state, reply, effects (no database)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from complaints import conversation as c
from complaints.conversation import texts
from fraudsafe.money import format_inr

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)
PERSONAL = ["Asha Rao", "9876543210", "17-05-1985", "Ramesh Kumar", "Bengaluru Urban", "560066"]
# After the transaction ID: where the money went (5 = don't know), the fraudster's phone and website (skipped).
NOT_KNOWN = ["5", "skip", "don't know"]
TXN = ["18-11-2026", "2:30 PM", "State Bank of India", "123456789012", "25,000", "412345678901", *NOT_KNOWN, "1"]

# Tests need app registry for the fraud-type labels only; no database.
pytestmark = pytest.mark.usefixtures("settings")


def talk(messages, state=None, now=NOW):
    """Messages of a citizen who already chose English (the language menu has tests of its own)."""
    state = c.ConversationState(language="en") if state is None else state
    effects = []
    reply = ""
    for text in messages:
        state, reply, more = c.step(state, text, now=now, today=TODAY)
        effects += more
    return state, reply, effects


def at_step(step_name):
    """A state that has reached the given point of the conversation."""
    prefix = ["hi", "yes"]
    if step_name == "name":
        return talk(prefix)[0]
    if step_name == "transaction_count":
        return talk(prefix + PERSONAL)[0]
    if step_name == "confirm":
        return talk(prefix + PERSONAL + ["1"] + TXN)[0]
    raise AssertionError(step_name)


def test_hi_asks_whether_money_was_lost():
    state, reply, effects = talk(["hi"])
    assert state.step == c.MONEY_LOSS
    assert "Did you lose money" in reply
    assert effects == []


def test_no_money_lost_points_to_the_portal_and_ends():
    state, reply, _ = talk(["hi", "no"])
    assert state.step == c.IDLE
    assert "cybercrime.gov.in" in reply


def test_one_transaction_conversation_ends_in_a_submit_effect_with_every_answer():
    state, reply, effects = talk(["hi", "yes", *PERSONAL, "1", *TXN, "confirm"])
    assert [e.kind for e in effects] == [c.SUBMIT]
    data = effects[0].data
    assert data["answers"] == {
        "name": "Asha Rao",
        "mobile": "9876543210",
        "dob": "1985-05-17",
        "father_name": "Ramesh Kumar",
        "district": "Bengaluru Urban",
        "pin_code": "560066",
    }
    assert data["transactions"] == [
        {
            "date": "2026-11-18",
            "time": "14:30",
            "bank": "State Bank of India",
            "account_number": "123456789012",
            "amount": "25000.00",
            "transaction_id": "412345678901",
            "beneficiary_kind": "",
            "fraudster_phone": "",
            "fraudster_website": "",
            "fraud_type": "upi",
        }
    ]
    assert state.step == c.ALERTS_OPTIN
    assert state.answers == {}  # handed to the service; not kept in the session


def test_three_transaction_conversation_collects_each_with_its_fraud_type():
    second = ["19-11-2026", "09:15", "HDFC Bank", "50100123456789", "1500.50", "T2411191234ABCD", *NOT_KNOWN, "6"]
    third = ["20-11-2026", "23:59", "ICICI", "001234567890", "10000000", "998877665544", *NOT_KNOWN, "9"]
    _, _, effects = talk(["hi", "yes", *PERSONAL, "3", *TXN, *second, *third, "confirm"])
    transactions = effects[0].data["transactions"]
    assert [t["fraud_type"] for t in transactions] == ["upi", "investment", "other"]
    assert [t["amount"] for t in transactions] == ["25000.00", "1500.50", "10000000.00"]


def test_summary_numbers_every_field_with_its_serial():
    state = at_step("confirm")
    reply = texts.question(state)
    for serial in [
        "1.1 Name: Asha Rao",
        "1.6 PIN code: 560066",
        "2.1.3 Bank: State Bank of India",
        "2.1.5 Amount: ₹25,000.00",
        "2.1.7 Type of fraud: UPI fraud",
    ]:
        assert serial in reply
    assert "Total amount lost: ₹25,000.00" in reply


def test_a_refused_answer_leaves_every_saved_answer_unchanged_and_says_why():
    before = talk(["hi", "yes", "Asha Rao", "9876543210"])[0]
    after, reply, _ = c.step(before, "17-05-2015", now=NOW, today=TODAY)
    assert after.step == before.step == "dob"
    assert after.answers == before.answers
    assert "at least 18" in reply and "Example" in reply


def test_a_refused_transaction_field_keeps_the_earlier_fields_of_that_transaction():
    before = talk(["hi", "yes", *PERSONAL, "1", "18-11-2026", "14:30", "SBI"])[0]
    after, reply, _ = c.step(before, "12345", now=NOW, today=TODAY)
    assert after.transactions == before.transactions == [{"date": "2026-11-18", "time": "14:30", "bank": "SBI"}]
    assert after.txn_field == before.txn_field
    assert "9 to 18 digits" in reply


def test_third_failure_on_the_same_field_adds_help_and_the_way_out():
    state = at_step("name")
    state, first, _ = c.step(state, "X", now=NOW, today=TODAY)
    state, second, _ = c.step(state, "X", now=NOW, today=TODAY)
    state, third, _ = c.step(state, "X", now=NOW, today=TODAY)
    assert "RESTART" not in first and "RESTART" not in second
    assert "*Help*" in third and "RESTART" in third and "CANCEL" in third
    assert "Example: Asha Rao" in third


def test_failures_count_again_from_zero_after_a_valid_answer():
    state = at_step("name")
    for text in ["X", "X", "Asha Rao", "1", "2"]:
        state, reply, _ = c.step(state, text, now=NOW, today=TODAY)
    assert "RESTART" not in reply


@pytest.mark.parametrize("count", ["0", "11", "two"])
def test_transaction_count_must_be_1_to_10(count):
    state = at_step("transaction_count")
    after, reply, _ = c.step(state, count, now=NOW, today=TODAY)
    assert after.step == c.TRANSACTION_COUNT
    assert "1 to 10" in reply


def test_edit_mode_changes_a_personal_field_and_a_transaction_field():
    state, reply, _ = talk(["edit", "1.1 = Meera Iyer", "2.1.3 = HDFC Bank", "done"], state=at_step("confirm"))
    assert state.step == c.CONFIRM
    assert state.answers["name"] == "Meera Iyer"
    assert state.transactions[0]["bank"] == "HDFC Bank"
    assert "1.1 Name: Meera Iyer" in reply and "2.1.3 Bank: HDFC Bank" in reply


def test_a_change_typed_straight_at_the_summary_is_applied_as_an_edit():
    state, reply, _ = talk(["1.1 = Meera Iyer"], state=at_step("confirm"))
    assert state.step == c.EDIT
    assert state.answers["name"] == "Meera Iyer"
    assert "Meera Iyer" in reply


def test_an_invalid_change_typed_at_the_summary_is_refused_and_changes_nothing():
    state, reply, _ = talk(["1.6 = 012345"], state=at_step("confirm"))
    assert state.answers["pin_code"] == "560066"
    assert "0" in reply and "PIN" in reply


def test_edit_mode_validates_like_the_first_time_and_changes_nothing_on_refusal():
    state = talk(["edit"], state=at_step("confirm"))[0]
    after, reply, _ = c.step(state, "1.6 = 012345", now=NOW, today=TODAY)
    assert after.answers == state.answers
    assert "cannot start with 0" in reply


def test_edit_mode_applies_nothing_when_one_of_several_lines_is_refused():
    state = talk(["edit"], state=at_step("confirm"))[0]
    after, _, _ = c.step(state, "1.1 = Meera Iyer\n2.1.5 = 0", now=NOW, today=TODAY)
    assert after.answers["name"] == "Asha Rao"
    assert after.transactions == state.transactions


@pytest.mark.parametrize("line", ["1.7 = x", "2.2.1 = 1-1-2026", "3.1 = x", "hello"])
def test_edit_mode_refuses_unknown_serial_numbers(line):
    state = talk(["edit"], state=at_step("confirm"))[0]
    after, reply, _ = c.step(state, line, now=NOW, today=TODAY)
    assert after.answers == state.answers and after.transactions == state.transactions
    assert "1.1 = Asha Rao" in reply  # the instructions with an example


def test_edit_mode_adds_a_transaction_then_returns_to_editing():
    added = ["20-11-2026", "10:00", "SBI", "123456789", "1500.50", "998877665544", *NOT_KNOWN, "9"]
    state, reply, _ = talk(["edit", "add", *added], state=at_step("confirm"))
    assert state.step == c.EDIT
    assert len(state.transactions) == 2
    assert state.transactions[1]["fraud_type"] == "other"
    assert "2.2.5 Amount: ₹1,500.50" in reply


def test_edit_mode_removes_a_transaction_and_renumbers_the_rest():
    second = ["19-11-2026", "09:15", "HDFC Bank", "50100123456789", "1500.50", "T2411191234ABCD", *NOT_KNOWN, "6"]
    state = talk(["hi", "yes", *PERSONAL, "2", *TXN, *second])[0]
    state, reply, _ = talk(["edit", "remove 1"], state=state)
    assert [t["bank"] for t in state.transactions] == ["HDFC Bank"]
    assert "2.1.3 Bank: HDFC Bank" in reply


def test_edit_mode_keeps_the_last_transaction():
    state, reply, _ = talk(["edit", "remove 1"], state=at_step("confirm"))
    assert len(state.transactions) == 1
    assert "at least one transaction" in reply


def test_help_says_what_to_type_now_with_an_example():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, reply, _ = c.step(state, "help", now=NOW, today=TODAY)
    assert "mobile number" in reply and "Example: 9876543210" in reply
    assert after.step == state.step and after.answers == state.answers


def test_restart_clears_answers_and_asks_the_first_question():
    state, reply, _ = talk(["restart"], state=at_step("confirm"))
    assert state.step == c.MONEY_LOSS
    assert state.answers == {} and state.transactions == []
    assert "Did you lose money" in reply


def test_cancel_deletes_the_answers():
    state, reply, _ = talk(["cancel"], state=at_step("confirm"))
    assert state.step == c.IDLE and state.answers == {}
    assert "cancelled" in reply


def test_hi_in_the_middle_keeps_the_answers_and_repeats_the_question():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, reply, _ = c.step(state, "Hi", now=NOW, today=TODAY)
    assert after.answers == {"name": "Asha Rao"}
    assert "mobile number" in reply


def test_status_keyword_asks_the_service_for_the_complaints_and_keeps_the_place():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, reply, effects = c.step(state, "STATUS", now=NOW, today=TODAY)
    assert effects == [c.Effect(c.STATUS)]
    assert after.step == "mobile" and "mobile number" in reply


def test_join_and_stop_keywords_record_whatsapp_consent_at_any_point():
    state = talk(["hi", "yes"])[0]
    state, joined, join_effects = c.step(state, "JOIN", now=NOW, today=TODAY)
    state, stopped, stop_effects = c.step(state, "unsubscribe", now=NOW, today=TODAY)
    assert join_effects[0].data == {"granted": True, "source": "whatsapp_keyword", "evidence": "JOIN"}
    assert stop_effects[0].data["granted"] is False
    assert "JOIN" in stopped  # how to rejoin
    assert state.step == "name"


@pytest.mark.parametrize(("answer", "granted"), [("YES", True), ("no", False)])
def test_alert_question_after_the_complaint_records_consent_from_the_complaint(answer, granted):
    state = talk(["confirm"], state=at_step("confirm"))[0]
    state, _, effects = c.step(state, answer, now=NOW, today=TODAY)
    assert effects == [c.Effect(c.CONSENT, {"granted": granted, "source": "complaint", "evidence": answer})]
    assert state.step == c.IDLE


def test_other_input_at_the_alert_question_just_continues():
    state = talk(["confirm"], state=at_step("confirm"))[0]
    state, reply, effects = c.step(state, "hi", now=NOW, today=TODAY)
    assert effects == []
    assert state.step == c.MONEY_LOSS


def test_after_30_minutes_of_silence_the_next_message_gets_the_timeout_notice():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    later = NOW + timedelta(minutes=31)
    after, reply, _ = c.step(state, "9876543210", now=later, today=TODAY)
    assert after.step == c.TIMED_OUT
    assert "30 minutes" in reply and "resume" in reply
    assert after.answers == {"name": "Asha Rao"}


def test_29_minutes_of_silence_is_not_a_timeout():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, _, _ = c.step(state, "9876543210", now=NOW + timedelta(minutes=29), today=TODAY)
    assert after.answers["mobile"] == "9876543210"


def test_resume_after_a_timeout_continues_where_the_citizen_left_off():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    later = NOW + timedelta(minutes=45)
    state, _, _ = c.step(state, "hello?", now=later, today=TODAY)
    state, reply, _ = c.step(state, "1", now=later, today=TODAY)
    assert state.step == "mobile" and state.answers == {"name": "Asha Rao"}
    assert "mobile number" in reply
    state, _, _ = c.step(state, "9876543210", now=later, today=TODAY)
    assert state.answers["mobile"] == "9876543210"


def test_start_again_after_a_timeout_drops_the_saved_answers():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    later = NOW + timedelta(hours=1)
    state, _, _ = c.step(state, "hi", now=later, today=TODAY)
    state, reply, _ = c.step(state, "2", now=later, today=TODAY)
    assert state.step == c.MONEY_LOSS and state.answers == {}


def test_answers_older_than_24_hours_are_dropped_on_the_next_message():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, reply, _ = c.step(state, "hi", now=NOW + timedelta(hours=25), today=TODAY + timedelta(days=1))
    assert after.answers == {}
    assert "deleted after 24 hours" in reply
    assert after.step == c.MONEY_LOSS


@pytest.mark.parametrize(
    ("amount", "text"), [("1234567.5", "12,34,567.50"), ("999", "999.00"), ("100000", "1,00,000.00")]
)
def test_amounts_are_shown_with_indian_digit_grouping(amount, text):
    assert format_inr(amount) == text


# --- the fraudster's side: where the money went ------------------------------------------------------------------

BEFORE_BENEFICIARY = [
    "hi",
    "yes",
    *PERSONAL,
    "1",
    "18-11-2026",
    "2:30 PM",
    "SBI",
    "123456789012",
    "25,000",
    "412345678901",
]


def submitted_transaction(answers):
    _, _, effects = talk([*BEFORE_BENEFICIARY, *answers, "1", "confirm"])
    assert [e.kind for e in effects] == [c.SUBMIT]
    return effects[0].data["transactions"][0]


def test_after_the_transaction_id_the_bot_asks_where_the_money_went_with_a_menu():
    state, reply, _ = talk(BEFORE_BENEFICIARY)
    assert "Where did the money go?" in reply
    for option in ["1. UPI ID", "2. Bank account", "3. Wallet / phone", "4. Card / merchant", "5. Don’t know"]:
        assert option in reply


def test_a_upi_beneficiary_is_asked_for_its_upi_id_then_the_fraudsters_phone_and_website():
    txn = submitted_transaction(
        ["1", "Quick.Loan-99@OKHDFCBANK", "+91 98123 45678", "https://www.quick-loans.example.com/apply"]
    )
    assert txn["beneficiary_kind"] == "upi"
    assert txn["beneficiary_upi"] == "quick.loan-99@okhdfcbank"
    assert txn["fraudster_phone"] == "+919812345678"
    assert txn["fraudster_website"] == "quick-loans.example.com/apply"
    assert "beneficiary_account" not in txn


def test_a_bank_account_beneficiary_is_asked_for_the_account_number_and_the_ifsc():
    state, reply, _ = talk([*BEFORE_BENEFICIARY, "2"])
    assert "account number the money was sent to" in reply
    state, reply, _ = c.step(state, "5010 0123 456789", now=NOW, today=TODAY)
    assert "IFSC" in reply and "DON'T KNOW" in reply
    txn = submitted_transaction(["2", "50100123456789", "hdfc0001234", "skip", "skip"])
    assert (txn["beneficiary_account"], txn["beneficiary_ifsc"]) == ("50100123456789", "HDFC0001234")


def test_a_wallet_and_a_card_merchant_are_kept_as_typed():
    wallet = submitted_transaction(["3", "Paytm 98123 45678", "skip", "skip"])
    merchant = submitted_transaction(["card", "XYZ TRADERS MUMBAI", "skip", "Telegram"])
    assert (wallet["beneficiary_kind"], wallet["beneficiary_wallet"]) == ("wallet", "Paytm 98123 45678")
    assert (merchant["beneficiary_kind"], merchant["beneficiary_merchant"]) == ("merchant", "XYZ TRADERS MUMBAI")
    assert merchant["fraudster_website"] == "Telegram"


@pytest.mark.parametrize("answer", ["don't know", "DONT KNOW", "skip", "no", "पता नहीं"])
def test_dont_know_answers_every_detail_and_never_blocks_the_complaint(answer):
    txn = submitted_transaction(["1", answer, answer, answer])
    assert txn["beneficiary_kind"] == "upi"
    assert txn["beneficiary_upi"] == txn["fraudster_phone"] == txn["fraudster_website"] == ""


@pytest.mark.parametrize(
    ("kind", "bad", "says"),
    [
        ("1", "quickloan.okhdfcbank", "with an @"),
        ("1", "quick loan@ok hdfc!", "does not look like a UPI ID"),
        ("2", "12345", "9 to 18 digits"),
    ],
)
def test_a_malformed_beneficiary_is_refused_with_an_example_and_asked_again(kind, bad, says):
    state = talk([*BEFORE_BENEFICIARY, kind])[0]
    after, reply, _ = c.step(state, bad, now=NOW, today=TODAY)
    assert says in reply and "Example" in reply
    assert after.txn_field == state.txn_field


def test_a_malformed_ifsc_is_refused_and_the_account_number_kept():
    state = talk([*BEFORE_BENEFICIARY, "2", "50100123456789"])[0]
    after, reply, _ = c.step(state, "HDFC1001234", now=NOW, today=TODAY)
    assert "4 letters, a zero" in reply
    assert after.transactions[0]["beneficiary_account"] == "50100123456789"


def test_the_summary_shows_the_fraudsters_side_with_new_serials_and_only_what_applies():
    state = talk([*BEFORE_BENEFICIARY, "1", "fraud@ybl", "skip", "skip", "1"])[0]
    reply = texts.question(state)
    assert "2.1.8 Money went to: UPI ID" in reply
    assert "2.1.9 UPI ID: fraud@ybl" in reply
    assert "2.1.10 Fraudster's phone: Don’t know" in reply  # numbered on from what is shown, without a gap
    assert "2.1.11 Website / app: Don’t know" in reply
    assert "2.1.12" not in reply and "Beneficiary account" not in reply  # no account number for a UPI payment
    assert "2.1.7 Type of fraud: UPI fraud" in reply  # the earlier serials are unchanged


def test_edit_mode_fills_in_a_beneficiary_later_and_its_kind_follows():
    state = talk(
        ["edit", "2.1.8 = 50100123456789", "2.1.10 = HDFC0001234", "2.1.11 = 9812345678"], state=at_step("confirm")
    )[0]
    txn = state.transactions[0]
    assert txn["beneficiary_kind"] == "account"
    assert (txn["beneficiary_account"], txn["beneficiary_ifsc"], txn["fraudster_phone"]) == (
        "50100123456789",
        "HDFC0001234",
        "+919812345678",
    )


def test_edit_mode_choosing_where_the_money_went_says_which_serial_takes_the_detail():
    state, reply, _ = talk(["edit", "2.1.8 = 1"], state=at_step("confirm"))
    assert state.transactions[0]["beneficiary_kind"] == "upi"
    assert "2.1.9 = " in reply


def test_edit_mode_refuses_a_bad_ifsc_and_changes_nothing():
    state = talk(["edit", "2.1.8 = 2"], state=at_step("confirm"))[0]
    after, reply, _ = c.step(state, "2.1.10 = 12345", now=NOW, today=TODAY)
    assert after.transactions == state.transactions
    assert "2.1.10 IFSC" in reply


def test_files_received_are_acknowledged_and_the_question_asked_again():
    state = talk(["hi", "yes", "Asha Rao"])[0]
    after, reply, effects = c.media_received(state, now=NOW, accepted=2, refused=["video/mp4"])
    assert "received your 2 files" in reply
    assert "video/mp4" in reply and "PDF" in reply
    assert "mobile number" in reply
    assert after.answers == state.answers and effects == []
