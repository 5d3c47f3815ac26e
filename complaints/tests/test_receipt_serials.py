"""The serial numbers of a screenshot's proposal ("I read: 2.1.5 Amount ₹25,000 · 2.1.6 …") are exactly those the
summary shows for the same fields, and the summary's serials are contiguous (no gaps, no duplicates): for every
transaction field, transactions 1 to 3, money gone to a UPI ID or to a bank account, in every language."""

import re
from datetime import date

import pytest
from django.utils import translation

from complaints.conversation import receipt, texts
from complaints.conversation.fields import TXN_FIELDS, shown_txn_fields, txn_serial
from complaints.conversation.receipt_texts import as_kept, read_proposal
from complaints.conversation.state import CONFIRM, ConversationState
from fraudsafe.vocabulary import BeneficiaryKind

pytestmark = pytest.mark.usefixtures("settings")

TODAY = date(2026, 12, 7)
LANGUAGES = ["en", "hi", "bn", "mr", "te", "ta"]
KINDS = [BeneficiaryKind.UPI, BeneficiaryKind.ACCOUNT]
TYPED = {"date": "2026-11-18", "time": "14:30", "bank": "State Bank of India", "account_number": "123456789012",
         "amount": "25000.00", "transaction_id": "412345678901", "fraud_type": "upi", "fraudster_phone": "",
         "fraudster_website": ""}  # fmt: skip
BENEFICIARY = {
    BeneficiaryKind.UPI: {"beneficiary_kind": "upi", "beneficiary_upi": "name@okhdfcbank"},
    BeneficiaryKind.ACCOUNT: {
        "beneficiary_kind": "account",
        "beneficiary_account": "50100123456789",
        "beneficiary_ifsc": "HDFC0001234",
    },  # fmt: skip
}
# What a screenshot shows, every value different from the typed ones (so that all are proposed at the summary).
READ = {
    BeneficiaryKind.UPI: {"date": "2026-11-17", "time": "09:15", "bank": "Axis Bank", "amount": "24000",
                          "transaction_id": "512345678902", "beneficiary_upi": "other@ybl"},
    BeneficiaryKind.ACCOUNT: {"date": "2026-11-17", "time": "09:15", "bank": "Axis Bank", "amount": "24000",
                              "transaction_id": "512345678902", "beneficiary_account": "60200123456789",
                              "beneficiary_ifsc": "SBIN0001234"},
}  # fmt: skip
SUMMARY_LINE = re.compile(r"^2\.(\d+)\.(\d+) (.+?): ", re.MULTILINE)


def complete(kind: str) -> dict:
    return {**TYPED, **BENEFICIARY[kind]}


def summary_serials(state: ConversationState) -> dict[int, list[tuple[int, str]]]:
    """Transaction number → [(field number, label)] as the summary shows them."""
    shown: dict[int, list[tuple[int, str]]] = {}
    for t, n, label in SUMMARY_LINE.findall(texts.summary(state)):
        shown.setdefault(int(t), []).append((int(n), label))
    return shown


def assert_contiguous(state: ConversationState) -> dict[int, dict[str, int]]:
    """The summary's serials are 1…k for each transaction, each once, labelled as its fields; label → serial."""
    shown = summary_serials(state)
    assert sorted(shown) == list(range(1, len(state.transactions) + 1))
    by_label = {}
    for t, txn in enumerate(state.transactions, start=1):
        fields = shown_txn_fields(txn)
        assert [n for n, _label in shown[t]] == list(range(1, len(fields) + 1))
        assert [label for _n, label in shown[t]] == [str(f.label) for f in fields]
        by_label[t] = {label: n for n, label in shown[t]}
        for f in TXN_FIELDS:  # every field: the serial the code computes is the one the summary shows
            assert txn_serial(f.key, txn) == by_label[t].get(str(f.label))
    return by_label


def assert_proposal_matches(state: ConversationState, index: int, values: dict, proposal: str) -> None:
    kept_state = ConversationState.from_dict(state.to_dict())
    kept_state.transactions[index] = as_kept(state.transactions[index], values)
    serials = assert_contiguous(kept_state)[index + 1]
    for key in values:
        label = str(next(f.label for f in TXN_FIELDS if f.key == key))
        assert f"2.{index + 1}.{serials[label]} {label} " in proposal, (key, proposal)
    assert len(re.findall(rf"2\.{index + 1}\.\d+ ", proposal.split("\n\n")[0])) == len(values)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("t", [1, 2, 3])
def test_the_proposal_uses_the_summary_serials_and_they_are_contiguous(language, kind, t):
    index = t - 1
    with translation.override(language):
        # During the questions: the transaction's answers so far (none of where the money went yet).
        txns = [complete(kind) for _ in range(3)]
        txns[index] = {"date": TYPED["date"]}
        state = ConversationState(step=CONFIRM, transactions=txns, transaction_count=3, language=language)
        assert_contiguous(state)
        values = receipt.validated(READ[kind], txn=txns[index], today=TODAY)
        assert "date" not in values and len(values) == len(READ[kind]) - 1
        assert_proposal_matches(state, index, values, read_proposal(t, values, txns[index]))

        # At the summary: every field typed, every read value different (proposed beside what was typed).
        state.transactions[index] = complete(kind)
        assert_contiguous(state)
        values = receipt.validated(READ[kind], txn=state.transactions[index], today=TODAY, replace=True)
        assert set(values) == set(READ[kind])
        assert_proposal_matches(
            state, index, values, read_proposal(t, values, state.transactions[index], at_summary=True)
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_upi_read_for_a_transaction_whose_kind_is_not_known_yet_takes_the_upi_serials(language):
    """A payee's UPI ID makes the transaction a UPI one: the proposal's numbers are those of that summary."""
    with translation.override(language):
        state = ConversationState(step=CONFIRM, transactions=[{**TYPED, "beneficiary_kind": ""}], language=language)
        assert_contiguous(state)
        values = receipt.validated({"beneficiary_upi": "other@ybl"}, txn=state.transactions[0], today=TODAY)
        proposal = read_proposal(1, values, state.transactions[0])
        assert_proposal_matches(state, 0, values, proposal)
        assert "2.1.9 " in proposal
