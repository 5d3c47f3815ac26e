"""A payment screenshot in the conversation (pure, like machine.py): reading pending, what was read proposed with
the summary's serial numbers, kept only on YES, corrected with `number = value`.

`state.receipt` is {} or {"status": "reading" | "read", "evidence_id": …, "txn_index": … | None, "at": "txn" |
"summary", "read": {what the engine read}, "values": {what is proposed}}.

- During a transaction's questions ("at": "txn") the screenshot is that transaction's. The victim may go on
  typing while it is read: typed answers are kept as always, and a value read later never replaces one typed.
- At the summary or while editing ("at": "summary") it belongs to the only transaction, or the victim says which
  one (its number) or *NEW* for another payment (a new transaction, then asked as when added). Values that
  differ from typed ones are proposed beside what was typed and replace them only on YES.
- Before the transaction questions, "this is the payment" ({"status": "expected"}, typed or as the caption)
  keeps the next image ({"status": "kept", "evidence_id": …}); it is read for transaction 1 when they start.
Each kept field is listed in the transaction's "_read" (its source: read from the image, confirmed by the victim)
with "_evidence" (the screenshot).
"""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError

from complaints.conversation import receipt_texts, texts, texts_edit, words
from complaints.conversation.fields import MAX_TRANSACTIONS, TXN_FIELD_BY_KEY, BeneficiaryKind, txn_serial
from complaints.conversation.state import CONFIRM, EDIT, READ_RECEIPT, TIMED_OUT, TXN, ConversationState, Effect

READ_KEYS = ("date", "time", "bank", "amount", "transaction_id", "beneficiary_upi", "beneficiary_account",
             "beneficiary_ifsc")  # fmt: skip
READING, READ = "reading", "read"
EXPECTED, KEPT = "expected", "kept"  # before the transaction questions: "this is the payment" said, image kept
AT_TXN, AT_SUMMARY = "txn", "summary"
SUMMARY_STEPS = (CONFIRM, EDIT)


def wants_reading(state: ConversationState) -> bool:
    """An image sent now is read: during a transaction's questions, at the summary and while editing."""
    if state.step == TXN:
        return state.txn_index < len(state.transactions)
    return state.step in SUMMARY_STEPS and bool(state.transactions)


def reading_started(state: ConversationState, *, evidence_id: int) -> tuple[ConversationState, str]:
    """An image arrived where it is read: its reading is queued (the worker answers later). At the summary with
    several transactions the victim is asked which one it is while it is read."""
    if state.step == TXN:
        state.receipt = {"status": READING, "evidence_id": evidence_id, "txn_index": state.txn_index, "at": AT_TXN}
        return state, receipt_texts.reading_started()
    only = 0 if len(state.transactions) == 1 else None
    state.receipt = {"status": READING, "evidence_id": evidence_id, "txn_index": only, "at": AT_SUMMARY}
    if only is None:
        return state, receipt_texts.which_transaction(state.transactions)
    return state, receipt_texts.reading_started(at_summary=True)


def payment_said(state: ConversationState) -> str | None:
    """The victim typed "this is the payment" (any language): the reply, or None when it is not taken as that
    (not in a complaint, or a screenshot is proposed or its transaction asked: the pending question answers)."""
    status = state.receipt.get("status")
    if not state.in_progress or status == READ or (status == READING and state.receipt.get("txn_index") is None):
        return None
    if status == READING:
        return receipt_texts.still_reading() + ("\n\n" + texts.question(state) if state.step == TXN else "")
    if wants_reading(state):
        return receipt_texts.send_the_screenshot()
    if status == KEPT:
        return receipt_texts.read_later() + "\n\n" + texts.question(state)
    state.receipt = {"status": EXPECTED}
    return receipt_texts.screenshot_later() + "\n\n" + texts.question(state)


def keeps_for_later(state: ConversationState, *, caption: str) -> bool:
    """An image sent before the transaction questions, after "this is the payment" (or with it as its caption),
    is kept to be read when they start (for transaction 1)."""
    if not state.in_progress or state.step == TIMED_OUT or wants_reading(state):
        return False
    return state.receipt.get("status") == EXPECTED or words.normalise(caption) in words.PAYMENT


def kept_for_later(state: ConversationState, *, evidence_id: int) -> str:
    state.receipt = {"status": KEPT, "evidence_id": evidence_id}
    return receipt_texts.read_later()


def kept_read_now(state: ConversationState) -> Effect | None:
    """The transaction questions start: a screenshot kept for them is read now, for transaction 1."""
    if state.receipt.get("status") != KEPT or state.step != TXN:
        return None
    evidence_id = state.receipt["evidence_id"]
    state.receipt = {"status": READING, "evidence_id": evidence_id, "txn_index": state.txn_index, "at": AT_TXN}
    return Effect(READ_RECEIPT, {"evidence_id": evidence_id})


def validated(read: dict[str, str], *, txn: dict, today: date, replace: bool = False) -> dict[str, str]:
    """The read values that pass the same validators as typed answers, for fields the victim has not typed
    (`replace`: also those that differ from what was typed, proposed beside it)."""
    kept = {}
    for key in READ_KEYS:
        if not read.get(key) or (txn.get(key) and not replace):
            continue
        try:
            value = TXN_FIELD_BY_KEY[key].clean(_as_typed(key, read[key]), today=today)
        except ValidationError:
            continue
        if txn.get(key) != value:
            kept[key] = value
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


def _current(state: ConversationState, pending: dict) -> bool:
    """The pending screenshot still fits where the conversation is."""
    index = pending.get("txn_index")
    if pending.get("at", AT_TXN) == AT_TXN:
        return state.step == TXN and state.txn_index == index
    return state.step in SUMMARY_STEPS and (index is None or index < len(state.transactions))


def reading_done(
    state: ConversationState, *, evidence_id: int, read: dict[str, str] | None, today: date
) -> tuple[ConversationState, str] | None:
    """The worker's result (None: nothing could be read) → (state, what to say; "" for nothing). None when the
    conversation has moved on (another image, a new conversation, the transaction finished): nothing is said."""
    pending = state.receipt or {}
    if pending.get("status") != READING or pending.get("evidence_id") != evidence_id:
        return None
    if not _current(state, pending):
        state.receipt = {}
        return None
    if pending.get("txn_index") is None:  # the victim has not said which transaction yet
        if not read:
            state.receipt = {}
            return state, receipt_texts.nothing_read(at_summary=True) + "\n\n" + summary_prompt(state)
        state.receipt = {**pending, "status": READ, "read": read}
        return state, ""  # the proposal follows their answer
    state.receipt = {**pending, "read": read or {}}
    return _propose(state, today=today)


def _propose(state: ConversationState, *, today: date) -> tuple[ConversationState, str]:
    """What was read for the chosen transaction: the proposal, or why there is none and the question again."""
    pending = state.receipt
    index, at_txn = pending["txn_index"], pending.get("at", AT_TXN) == AT_TXN
    txn, read = state.transactions[index], pending.get("read") or {}
    values = validated(read, txn=txn, today=today, replace=not at_txn)
    if values:
        state.receipt = {**pending, "status": READ, "values": values}
        return state, receipt_texts.read_proposal(index + 1, values, txn, at_summary=not at_txn)
    state.receipt = {}
    if at_txn:
        return state, receipt_texts.nothing_read() + "\n\n" + texts.question(state)
    if validated(read, txn={}, today=today):  # readable, and every value is what the victim typed
        return state, receipt_texts.read_matches(index + 1) + "\n\n" + summary_prompt(state)
    return state, receipt_texts.nothing_read(at_summary=True) + "\n\n" + summary_prompt(state)


def asked_again(state: ConversationState) -> str:
    """The pending question, short at the summary (the summary itself was just shown)."""
    return summary_prompt(state) if state.step in SUMMARY_STEPS else texts.question(state)


def summary_prompt(state: ConversationState) -> str:
    return texts.confirm_prompt() if state.step == CONFIRM else texts_edit.confirm_or_more_changes()


def at_summary(state: ConversationState, raw: str, word: str, *, today: date) -> tuple | None:
    """A message at the summary or while editing, while a screenshot is read or proposed: which transaction it
    is, or the answer to the proposal. None: an ordinary message (handled as always)."""
    pending = state.receipt or {}
    if pending.get("at") != AT_SUMMARY or pending.get("status") not in (READING, READ):
        return None
    if pending.get("txn_index") is None:
        return _on_choice(state, word, today=today)
    if pending["status"] == READ:
        return on_proposal(state, raw, word, today=today, proceed=None)
    if word in words.YES:  # "yes" to "Reading your screenshot…" does not submit the complaint; CONFIRM does
        return state, receipt_texts.still_reading() + "\n\n" + summary_prompt(state), []
    return None


def _on_choice(state: ConversationState, word: str, *, today: date) -> tuple:
    pending, count = state.receipt, len(state.transactions)
    if word.isdigit() and 1 <= int(word) <= count:
        state.receipt = {**pending, "txn_index": int(word) - 1}
    elif word in words.NEW or word in words.ADD:
        if count >= MAX_TRANSACTIONS:
            again = receipt_texts.which_transaction(state.transactions, again=True)
            return state, texts.too_many_transactions() + "\n\n" + again, []
        _new_transaction(state)
    elif word in words.NO:
        state.receipt = {}
        return state, receipt_texts.read_dropped() + "\n\n" + summary_prompt(state), []
    else:
        return state, receipt_texts.which_transaction(state.transactions, again=True), []
    if state.receipt["status"] == READ:
        new_state, reply = _propose(state, today=today)
        return new_state, reply, []
    return state, receipt_texts.still_reading() + ("\n\n" + texts.question(state) if state.step == TXN else ""), []


def _new_transaction(state: ConversationState) -> None:
    """The screenshot is of another payment: a new transaction, asked as one added at the summary."""
    state.transactions.append({})
    state.step, state.txn_index, state.txn_field, state.adding = TXN, len(state.transactions) - 1, 0, True
    state.receipt = {**state.receipt, "txn_index": state.txn_index, "at": AT_TXN}
    state.receipt.pop("values", None)


def on_proposal(
    state: ConversationState, raw: str, word: str, *, today: date, proceed: Callable | None
) -> tuple | None:
    """The victim's answer to "I read: …": YES keeps it, `2.t.n = value` corrects one value, NO drops it (and at
    the summary NEW makes it a new transaction). None: not an answer to the proposal (a typed answer to the
    pending question, handled as always). `proceed`: what follows a kept proposal during the questions."""
    pending = state.receipt or {}
    index = pending.get("txn_index")
    if pending.get("status") != READ or index is None or not _current(state, pending):
        return None
    at_txn = pending.get("at", AT_TXN) == AT_TXN
    t, txn = index + 1, state.transactions[index]
    if word in words.YES:
        values = {k: v for k, v in pending["values"].items() if not (at_txn and txn.get(k))}
        for key, value in values.items():
            txn[key] = value
            txn.update(dict(TXN_FIELD_BY_KEY[key].sets))
        txn["_read"] = sorted(set(txn.get("_read", [])) | set(values))
        txn["_evidence"] = pending["evidence_id"]
        state.receipt = {}
        if not at_txn:
            reply = "\n\n".join((receipt_texts.read_kept(), texts.summary(state), summary_prompt(state)))
            return state, reply, []
        new_state, reply, effects = proceed(state)
        return new_state, receipt_texts.read_kept() + "\n\n" + reply, effects
    if word in words.NO:
        state.receipt = {}
        return state, receipt_texts.read_dropped() + "\n\n" + asked_again(state), []
    if not at_txn and (word in words.NEW or word in words.ADD) and len(state.transactions) < MAX_TRANSACTIONS:
        _new_transaction(state)
        new_state, reply = _propose(state, today=today)
        return new_state, reply, []
    match = words.EDIT_LINE.match(raw)
    if not match:
        return None
    parts = match.group(1).split(".")
    kept = receipt_texts.as_kept(txn, pending["values"])
    key = next((k for k in READ_KEYS if parts == ["2", str(t), str(txn_serial(k, kept))]), None)
    if key is None:
        return state, texts.edit_not_understood(raw), []
    try:
        value = TXN_FIELD_BY_KEY[key].clean(match.group(2), today=today)
    except ValidationError as exc:
        return state, texts.edit_refused(match.group(1), TXN_FIELD_BY_KEY[key], exc.messages[0]), []
    values = validated({**pending["values"], key: value}, txn=txn, today=today, replace=not at_txn)
    if not values:  # corrected to what was typed: nothing left to propose
        state.receipt = {}
        return state, receipt_texts.read_matches(t) + "\n\n" + asked_again(state), []
    state.receipt = {**pending, "values": values}
    return state, receipt_texts.read_proposal(t, values, txn, at_summary=not at_txn), []


def typed_over_read(txn: dict, key: str) -> None:
    """A value the victim typed is theirs, not the image's."""
    if key in txn.get("_read", []):
        txn["_read"] = [k for k in txn["_read"] if k != key]
