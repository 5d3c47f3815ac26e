"""The screenshot's part of the conversation, pure: stale readings say nothing, NO drops a proposal, typed
answers win over read ones, every read value passes the typed validator."""

from datetime import date

from complaints.conversation import receipt
from complaints.conversation.state import CONFIRM, TXN, ConversationState

TODAY = date(2026, 12, 7)
READ = {"amount": "25000", "transaction_id": "412345678901", "date": "2026-11-18", "beneficiary_upi": "x.y@ybl"}


def at_first_transaction(**txn) -> ConversationState:
    return ConversationState(step=TXN, transaction_count=1, transactions=[dict(txn)], language="en")


def test_a_reading_for_another_image_or_after_the_transaction_is_done_says_nothing():
    state, _reply = receipt.reading_started(at_first_transaction(), evidence_id=7)
    assert receipt.reading_done(state, evidence_id=8, read=READ, today=TODAY) is None  # a newer image is pending
    state.step = CONFIRM
    assert receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY) is None
    assert state.receipt == {}


def test_values_that_fail_the_typed_validator_or_were_typed_are_not_offered():
    state, _reply = receipt.reading_started(at_first_transaction(amount="100.00"), evidence_id=7)
    read = {**READ, "date": "2030-01-01", "transaction_id": "12"}  # a future date, a too-short reference
    state, reply = receipt.reading_done(state, evidence_id=7, read=read, today=TODAY)
    assert state.receipt["values"] == {"beneficiary_upi": "x.y@ybl"}
    assert "2.1.9" in reply and "2.1.5" not in reply


def test_no_drops_the_proposal_and_yes_is_then_an_ordinary_answer():
    state, _reply = receipt.reading_started(at_first_transaction(), evidence_id=7)
    state, _reply = receipt.reading_done(state, evidence_id=7, read=READ, today=TODAY)
    state, reply, _effects = receipt.on_proposal(state, "no", "no", today=TODAY, proceed=None)
    assert state.receipt == {} and "will not use" in reply
    assert receipt.on_proposal(state, "yes", "yes", today=TODAY, proceed=None) is None
    assert state.transactions[0] == {}


def test_nothing_readable_clears_the_reading_and_asks_again():
    state, _reply = receipt.reading_started(at_first_transaction(), evidence_id=7)
    state, reply = receipt.reading_done(state, evidence_id=7, read=None, today=TODAY)
    assert state.receipt == {} and "could not read a payment" in reply and "date" in reply.lower()
