"""A screenshot sent at the summary, while editing, or after "this is the payment" (pure, no database): which
transaction it is, the proposal beside what was typed, YES / NO / NEW / `number = value`, never a silent change."""

import pytest
from django.utils import translation

from complaints import conversation as c
from complaints.conversation import receipt, words
from complaints.tests.test_conversation import NOW, PERSONAL, TODAY, TXN, talk

pytestmark = pytest.mark.usefixtures("settings")

SECOND = ["19-11-2026", "10:00", "HDFC Bank", "223456789012", "5,000", "512345678901", "5", "skip", "skip", "1"]
READ = {"amount": "25000", "transaction_id": "412345678999", "date": "2026-11-18", "beneficiary_upi": "fraud.x@ybl"}


def at_summary(count: int = 2) -> c.ConversationState:
    state = talk(["hi", "yes", *PERSONAL, str(count), *TXN, *SECOND][: 9 + 10 * count])[0]
    assert state.step == c.CONFIRM
    return state


def say(state, text):
    return c.step(state, text, now=NOW, today=TODAY)


def test_with_several_transactions_the_victim_says_which_one_and_sees_the_values_beside_what_they_typed():
    state, reply = receipt.reading_started(at_summary(), evidence_id=7)
    assert "Which transaction is this payment?" in reply and "1. ₹25,000" in reply and "2. ₹5,000" in reply
    assert "*NEW*" in reply

    state, reply, _ = say(state, "1")  # chosen before the reading is back
    assert "still reading" in reply and state.receipt["txn_index"] == 0
    state, reply = receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY)
    # Only what differs is proposed, with the summary's serials and what was typed beside it.
    assert "2.1.6 Transaction ID 412345678999 (you typed 412345678901)" in reply
    assert "2.1.9 UPI ID fraud.x@ybl" in reply and "2.1.5" not in reply and "2.1.1" not in reply
    assert state.transactions[0]["transaction_id"] == "412345678901"  # nothing changed before the yes

    state, reply, effects = say(state, "yes")
    txn = state.transactions[0]
    assert txn["transaction_id"] == "412345678999" and txn["beneficiary_upi"] == "fraud.x@ybl"
    assert txn["beneficiary_kind"] == "upi" and set(txn["_read"]) == {"transaction_id", "beneficiary_upi"}
    assert "2.1.6 Transaction ID: 412345678999" in reply and "Reply *CONFIRM*" in reply
    assert state.step == c.CONFIRM and state.receipt == {} and effects == []
    assert say(state, "confirm")[2][0].kind == c.SUBMIT  # the next yes-word submits, as always


def test_a_reading_back_before_the_choice_waits_for_it_and_no_keeps_everything_typed():
    state, _reply = receipt.reading_started(at_summary(), evidence_id=7)
    state, reply = receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY)
    assert reply == "" and state.receipt["status"] == "read"  # the question is already asked
    state, reply, _ = say(state, "yes")  # not a transaction's number: asked again, nothing submitted
    assert "Which transaction" in reply and state.step == c.CONFIRM
    state, reply, _ = say(state, "2")
    assert "2.2.6 Transaction ID 412345678999 (you typed 512345678901)" in reply
    assert "2.2.5 Amount ₹25,000.00 (you typed ₹5,000.00)" in reply
    before = [dict(t) for t in state.transactions]
    state, reply, _ = say(state, "no")
    assert "will not use" in reply and state.transactions == before and state.receipt == {}


def test_new_makes_it_another_transaction_asked_as_one_added_from_the_summary():
    state, _reply = receipt.reading_started(at_summary(), evidence_id=7)
    state, _reply = receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY)
    state, reply, _ = say(state, "new")
    assert state.step == c.TXN and state.txn_index == 2 and state.adding
    assert "2.3.1 Date 18-11-2026" in reply and "(you typed" not in reply
    state, reply, _ = say(state, "2.3.5 = 24,000")  # corrected with the proposal's own serial
    assert "₹24,000" in reply
    state, reply, _ = say(state, "yes")
    assert state.transactions[2]["amount"] == "24000.00" and "Transaction 3 of 3" in reply
    assert "time" in reply.lower()  # what the screenshot lacks is asked as today


def test_the_only_transaction_is_taken_and_a_screenshot_that_matches_says_so():
    state = at_summary(1)
    state.step = c.EDIT
    state, reply = receipt.reading_started(state, evidence_id=7)
    assert "Reading your screenshot" in reply and "keep typing" not in reply
    same = {"amount": "25000", "transaction_id": "412345678901", "date": "2026-11-18"}
    state, reply = receipt.reading_done(state, evidence_id=7, read=same, today=TODAY)
    assert "matches what you typed for transaction 1" in reply and state.receipt == {}
    assert state.step == c.EDIT and "type more changes" in reply


def test_at_the_summary_an_unreadable_picture_changes_nothing():
    state, _reply = receipt.reading_started(at_summary(1), evidence_id=7)
    state, reply = receipt.reading_done(state, evidence_id=7, read=None, today=TODAY)
    assert "Nothing in your complaint has changed" in reply and "Reply *CONFIRM*" in reply


def test_a_serial_no_screenshot_holds_is_not_understood_and_changes_nothing():
    state, _reply = receipt.reading_started(at_summary(1), evidence_id=7)
    state, _reply = receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY)
    before = [dict(t) for t in state.transactions]
    state, reply, _ = say(state, "2.1.4 = 999988887777")  # the victim's own account: never on a receipt
    assert "did not understand" in reply and state.transactions == before and state.receipt["status"] == "read"


@pytest.mark.parametrize("language", ["en", "hi", "bn", "mr", "te", "ta"])
def test_this_is_the_payment_is_understood_in_every_language(language):
    phrase = words.KEYWORDS["payment"][language][0]
    state = at_summary(1)
    state.language = language
    _state, reply, _ = say(state, phrase)
    with translation.override(language):
        assert reply == receipt.receipt_texts.send_the_screenshot()
    early = talk(["hi", "yes"])[0]
    early.language = language
    _state, reply, _ = say(early, phrase)
    with translation.override(language):
        assert reply.startswith(receipt.receipt_texts.screenshot_later())
        assert str(c.PERSONAL_FIELDS[0].question) in reply  # and the pending question again
    assert words.normalise(words.KEYWORDS["new"][language][0]) in words.NEW


def test_a_yes_while_the_only_transaction_is_read_waits_and_confirm_still_submits():
    state, _reply = receipt.reading_started(at_summary(1), evidence_id=7)
    state, reply, effects = say(state, "yes")
    assert "still reading" in reply and "Reply *CONFIRM*" in reply and effects == []
    assert say(state, "confirm")[2][0].kind == c.SUBMIT  # the victim need not wait


def test_a_screenshot_kept_before_the_transactions_is_read_for_the_first_one_when_they_start():
    state = talk(["hi", "yes"])[0]
    state, reply, _ = say(state, "this is the payment")
    assert state.receipt == {"status": "expected"}
    assert receipt.keeps_for_later(state, caption="") and not receipt.keeps_for_later(at_summary(1), caption="")
    assert receipt.keeps_for_later(talk(["hi", "yes"])[0], caption="This is the payment.")  # as the image's caption
    receipt.kept_for_later(state, evidence_id=7)
    state, reply, _ = say(state, "this is the payment")  # said again: it is already kept
    assert "when we come to the transaction" in reply and state.receipt["status"] == "kept"
    state = talk(PERSONAL, state=state)[0]
    state, reply, effects = say(state, "2")
    assert state.receipt == {"status": "reading", "evidence_id": 7, "txn_index": 0, "at": "txn"}
    assert effects == [c.Effect(c.READ_RECEIPT, {"evidence_id": 7})]  # the service queues the reading
    assert "Reading your screenshot" in reply and "Transaction 1 of 2" in reply
