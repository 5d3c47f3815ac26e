"""A payment screenshot in the conversation (pure, like machine.py): reading pending, what was read proposed with
the summary's serial numbers, kept only on YES, corrected with `number = value`.

`state.receipt` is {} or {"status": "reading" | "read", "evidence_id": …, "txn_index": …, "values": {…}}.
While the reading is pending the victim may go on typing: typed answers are kept as always, and a value read
later never replaces one the victim typed. Each kept field is listed in the transaction's "_read" (its source:
read from the image, confirmed by the victim) with "_evidence" (the screenshot).
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError

from complaints.conversation import receipt_texts, texts, words
from complaints.conversation.fields import TXN_FIELD_BY_KEY, BeneficiaryKind, txn_serial
from complaints.conversation.state import TXN, ConversationState

READ_KEYS = ("date", "time", "bank", "amount", "transaction_id", "beneficiary_upi", "beneficiary_account",
             "beneficiary_ifsc")  # fmt: skip
READING, READ = "reading", "read"


def reading_started(state: ConversationState, *, evidence_id: int) -> tuple[ConversationState, str]:
    """An image arrived during a transaction's questions: its reading is queued (the worker answers later)."""
    state.receipt = {"status": READING, "evidence_id": evidence_id, "txn_index": state.txn_index}
    return state, receipt_texts.reading_started()


def wants_reading(state: ConversationState) -> bool:
    return state.step == TXN and state.txn_index < len(state.transactions)


def validated(read: dict[str, str], *, txn: dict, today: date) -> dict[str, str]:
    """The read values that pass the same validators as typed answers, for fields the victim has not typed."""
    kept = {}
    for key in READ_KEYS:
        if not read.get(key) or txn.get(key):
            continue
        try:
            kept[key] = TXN_FIELD_BY_KEY[key].clean(_as_typed(key, read[key]), today=today)
        except ValidationError:
            continue
    if "beneficiary_upi" in kept or txn.get("beneficiary_kind") not in (None, "", BeneficiaryKind.ACCOUNT):
        kept.pop("beneficiary_account", None)
        kept.pop("beneficiary_ifsc", None)
    if txn.get("beneficiary_kind") not in (None, "", BeneficiaryKind.UPI):
        kept.pop("beneficiary_upi", None)
    return kept


def _as_typed(key: str, value: str) -> str:
    """The engine's value as the victim would type it (its dates are ISO; the question asks D-M-YYYY)."""
    if key == "date" and len(value) == 10 and value[4] == "-":
        year, month, day = value.split("-")
        return f"{day}-{month}-{year}"
    return value


def reading_done(
    state: ConversationState, *, evidence_id: int, read: dict[str, str] | None, today: date
) -> tuple[ConversationState, str] | None:
    """The worker's result (None: nothing could be read). None when the conversation has moved on (another
    image, a new conversation, the transaction finished): then nothing is said."""
    pending = state.receipt or {}
    index = pending.get("txn_index", -1)
    if pending.get("status") != READING or pending.get("evidence_id") != evidence_id:
        return None
    if state.step != TXN or state.txn_index != index:
        state.receipt = {}
        return None
    values = validated(read or {}, txn=state.transactions[index], today=today)
    if not values:
        state.receipt = {}
        return state, receipt_texts.nothing_read() + "\n\n" + texts.question(state)
    state.receipt = {**pending, "status": READ, "values": values}
    return state, receipt_texts.read_proposal(index + 1, values, state.transactions[index])


def on_proposal(state: ConversationState, raw: str, word: str, *, today: date, proceed: Callable) -> tuple | None:
    """The victim's answer to "I read: …": YES keeps it, `2.t.n = value` corrects one value, NO drops it.
    None: not an answer to the proposal (a typed answer to the pending question, handled as always)."""
    pending = state.receipt or {}
    if pending.get("status") != READ or pending.get("txn_index") != state.txn_index:
        return None
    t = state.txn_index + 1
    if word in words.YES:
        txn = state.transactions[state.txn_index]
        values = {k: v for k, v in pending["values"].items() if not txn.get(k)}
        for key, value in values.items():
            txn[key] = value
            txn.update(dict(TXN_FIELD_BY_KEY[key].sets))
        txn["_read"] = sorted(set(txn.get("_read", [])) | set(values))
        txn["_evidence"] = pending["evidence_id"]
        state.receipt = {}
        new_state, reply, effects = proceed(state)
        return new_state, receipt_texts.read_kept() + "\n\n" + reply, effects
    if word in words.NO:
        state.receipt = {}
        return state, receipt_texts.read_dropped() + "\n\n" + texts.question(state), []
    match = words.EDIT_LINE.match(raw)
    if not match:
        return None
    parts = match.group(1).split(".")
    kept = receipt_texts.as_kept(state.transactions[state.txn_index], pending["values"])
    key = next((k for k in READ_KEYS if parts == ["2", str(t), str(txn_serial(k, kept))]), None)
    if key is None:
        return state, texts.edit_not_understood(raw), []
    try:
        value = TXN_FIELD_BY_KEY[key].clean(match.group(2), today=today)
    except ValidationError as exc:
        return state, texts.edit_refused(match.group(1), TXN_FIELD_BY_KEY[key], exc.messages[0]), []
    values = validated({**pending["values"], key: value}, txn=state.transactions[state.txn_index], today=today)
    state.receipt = {**pending, "values": values}
    return state, receipt_texts.read_proposal(t, values, state.transactions[state.txn_index]), []


def typed_over_read(txn: dict, key: str) -> None:
    """A value the victim typed is theirs, not the image's."""
    if key in txn.get("_read", []):
        txn["_read"] = [k for k in txn["_read"] if k != key]
