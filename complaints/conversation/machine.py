"""The conversation as a pure state machine: `step(state, text, now=, today=)` → (new state, reply, effects).

No database, no network: the caller (complaints.services) loads the state, applies the returned effects (submit
the complaint, record consent, list the caller's complaints) and stores the new state after every message, so
nothing typed is lost across restarts.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError

from complaints.conversation import texts, words
from complaints.conversation.fields import (
    MAX_TRANSACTIONS,
    PERSONAL_FIELDS,
    PERSONAL_KEYS,
    TXN_ASKED,
    Field,
    field_for_serial,
)
from complaints.conversation.state import (
    ALERTS_OPTIN,
    CONFIRM,
    CONSENT,
    EDIT,
    IDLE,
    MONEY_LOSS,
    STATUS,
    SUBMIT,
    TIMED_OUT,
    TRANSACTION_COUNT,
    TXN,
    ConversationState,
    Effect,
)

TIMEOUT = timedelta(minutes=30)
ABANDON_AFTER = timedelta(hours=24)
HELP_AFTER_FAILURES = 3

Result = tuple[ConversationState, str, list[Effect]]


def step(state: ConversationState | dict | None, text: str, *, now: datetime, today: date) -> Result:
    """One incoming message → (new state, reply text, effects for the service layer)."""
    # A copy: the caller's state is never changed in place (asdict copies the answers too).
    state = ConversationState.from_dict(state.to_dict() if isinstance(state, ConversationState) else state)
    raw = (text or "").strip()
    word = words.normalise(raw)
    prefix = ""

    last_at = state.last_message_at
    silent_for = now - last_at if last_at else timedelta(0)
    state.last_at = now.isoformat()
    if state.in_progress and silent_for > ABANDON_AFTER:
        state = ConversationState(last_at=now.isoformat())
        prefix = texts.abandoned()
    elif state.step == ALERTS_OPTIN and silent_for > ABANDON_AFTER:
        state.step = IDLE

    keyword = _keyword(state, raw, word)
    if keyword is not None:
        return keyword

    # Timeout: the next message after 30 minutes of silence gets the notice and the choice.
    if state.in_progress and state.step != TIMED_OUT and silent_for > TIMEOUT:
        state.resume_step, state.step = state.step, TIMED_OUT
        return state, texts.timeout_notice(), []

    if word in words.GREETINGS:
        if state.step in (IDLE, ALERTS_OPTIN):
            return _start(state, prefix=prefix)
        if state.step != TIMED_OUT:
            return state, texts.already_in_progress() + "\n\n" + texts.question(state), []

    handler = _HANDLERS.get(state.step, _on_idle)
    new_state, reply, effects = handler(state, raw, word, today=today)
    if prefix:
        reply = prefix + "\n\n" + reply
    return new_state, reply, effects


def _keyword(state: ConversationState, raw: str, word: str) -> Result | None:
    """Keywords that work at any point, even after a timeout."""
    if word in words.CANCEL:
        return state.fresh(), texts.cancelled(had_answers=state.in_progress), []
    if word in words.RESTART:
        return _start(state, prefix=texts.starting_again())
    if word in words.HELP:
        return state, texts.help_text(state), []
    if word in words.STATUS:
        return state, texts.question(state) if state.in_progress else "", [Effect(STATUS)]
    if word in words.JOIN or word in words.STOP:
        granted = word in words.JOIN
        effect = Effect(CONSENT, {"granted": granted, "source": "whatsapp_keyword", "evidence": raw})
        reply = texts.alerts_joined() if granted else texts.alerts_stopped()
        if state.in_progress:
            reply += "\n\n" + texts.question(state)
        return state, reply, [effect]
    return None


def _start(state: ConversationState, *, prefix: str = "") -> Result:
    new = state.fresh(MONEY_LOSS)
    return new, "\n\n".join(p for p in (prefix, texts.greeting(), texts.question(new)) if p), []


def _fail(state: ConversationState, key: str, message: str) -> Result:
    if state.fail(key) >= HELP_AFTER_FAILURES:
        message = texts.with_help(message, state)
    return state, message, []


def _on_idle(state, raw, word, *, today):
    return _start(state)


def _on_timeout(state, raw, word, *, today):
    if word in words.RESUME:
        state.step, state.resume_step = state.resume_step or MONEY_LOSS, None
        return state, texts.welcome_back() + "\n\n" + texts.question(state), []
    if word in words.START_AGAIN:
        return _start(state)
    return state, texts.timeout_notice(), []


def _on_money_loss(state, raw, word, *, today):
    if word in words.YES:
        state.succeed(MONEY_LOSS)
        state.step = PERSONAL_KEYS[0]
        return state, texts.sorry_lets_record() + "\n\n" + texts.question(state), []
    if word in words.NO:
        return state.fresh(), texts.not_money_loss(), []
    return _fail(state, MONEY_LOSS, texts.yes_or_no())


def _on_personal(state, raw, word, *, today):
    key = state.step
    position = PERSONAL_KEYS.index(key)
    try:
        value = PERSONAL_FIELDS[position].clean(raw, today=today)
    except ValidationError as exc:
        return _fail(state, key, exc.messages[0])
    state.succeed(key)
    state.answers[key] = value
    state.step = PERSONAL_KEYS[position + 1] if position + 1 < len(PERSONAL_KEYS) else TRANSACTION_COUNT
    return state, texts.question(state), []


def _on_transaction_count(state, raw, word, *, today):
    if not (word.isdigit() and 1 <= int(word) <= MAX_TRANSACTIONS):
        return _fail(state, TRANSACTION_COUNT, texts.transaction_count_refused())
    state.succeed(TRANSACTION_COUNT)
    state.transaction_count = int(word)
    state.transactions = [{}]
    state.step, state.txn_index, state.txn_field = TXN, 0, 0
    return state, texts.question(state), []


def _clean(f: Field, raw: str, *, today: date) -> str:
    """The stored value of an answer; "" for "don't know" where the question allows it."""
    if f.optional and words.normalise(raw) in words.DONT_KNOW:
        return ""
    return f.clean(raw, today=today)


def _next_asked(txn: dict, after: int) -> int | None:
    """The position in TXN_ASKED of the next question that applies to this transaction's answers."""
    for position in range(after + 1, len(TXN_ASKED)):
        if TXN_ASKED[position].applies_to(txn):
            return position
    return None


def _on_txn(state, raw, word, *, today):
    f = TXN_ASKED[state.txn_field]
    fail_key = f"txn.{f.key}"
    try:
        value = _clean(f, raw, today=today)
    except ValidationError as exc:
        return _fail(state, fail_key, exc.messages[0])
    state.succeed(fail_key)
    index = state.txn_index
    state.transactions[index][f.key] = value
    following = _next_asked(state.transactions[index], state.txn_field)
    if following is not None:
        state.txn_field = following
        return state, texts.question(state), []
    # This transaction is complete.
    state.txn_field = 0
    if state.adding:
        state.adding, state.step = False, EDIT
        state.transaction_count = len(state.transactions)
        return state, texts.transaction_added(state, index + 1), []
    if index + 1 < state.transaction_count:
        state.transactions.append({})
        state.txn_index = index + 1
        return state, texts.question(state), []
    state.step = CONFIRM
    return state, texts.question(state), []


def _on_confirm(state, raw, word, *, today):
    if word in words.CONFIRM:
        data = {"answers": state.answers, "transactions": state.transactions}
        return state.fresh(ALERTS_OPTIN), "", [Effect(SUBMIT, data)]
    if word in words.EDIT:
        state.succeed(CONFIRM)
        state.step = EDIT
        return state, texts.edit_instructions(), []
    if words.EDIT_LINE.match(raw):  # "1.1 = …" typed straight at the summary: treat it as an edit
        state.succeed(CONFIRM)
        state.step = EDIT
        return _on_edit(state, raw, word, today=today)
    return _fail(state, CONFIRM, texts.confirm_prompt())


def _on_edit(state, raw, word, *, today):
    if word in words.DONE:
        state.succeed(EDIT)
        state.step = CONFIRM
        return state, texts.question(state), []
    if word in words.ADD:
        if len(state.transactions) >= MAX_TRANSACTIONS:
            return state, texts.too_many_transactions(), []
        state.transactions.append({})
        state.step, state.txn_index, state.txn_field, state.adding = TXN, len(state.transactions) - 1, 0, True
        return state, texts.question(state), []
    if match := words.REMOVE.fullmatch(word):
        return _remove(state, int(match.group(1)))
    return _apply_edits(state, raw, today=today)


def _remove(state: ConversationState, number: int) -> Result:
    count = len(state.transactions)
    if not 1 <= number <= count:
        return _fail(state, EDIT, texts.no_such_transaction(number))
    if count == 1:
        return state, texts.last_transaction_stays(), []
    state.succeed(EDIT)
    del state.transactions[number - 1]
    state.transaction_count = len(state.transactions)
    return state, texts.transaction_removed(state, number), []


def _apply_edits(state: ConversationState, raw: str, *, today: date) -> Result:
    """`serial = value` lines, all validated first: a refused line changes nothing."""
    changes = []
    for line in (line for line in raw.splitlines() if line.strip()):
        match = words.EDIT_LINE.match(line)
        target = field_for_serial(match.group(1), transaction_count=len(state.transactions)) if match else None
        if target is None:
            return _fail(state, EDIT, texts.edit_not_understood(line))
        f, txn_index = target
        try:
            value = _clean(f, match.group(2), today=today)
        except ValidationError as exc:
            return _fail(state, EDIT, texts.edit_refused(match.group(1), f, exc.messages[0]))
        changes.append((match.group(1), f, txn_index, value))
    if not changes:
        return _fail(state, EDIT, texts.edit_instructions())
    for _serial, f, txn_index, value in changes:
        if txn_index is None:
            state.answers[f.key] = value
        else:
            state.transactions[txn_index][f.key] = value
            if value:  # a UPI ID typed for a transaction whose money "went to a bank account" makes it a UPI one
                state.transactions[txn_index].update(dict(f.sets))
    state.succeed(EDIT)
    return state, texts.edits_applied(state, [(serial, f, value) for serial, f, _i, value in changes]), []


def media_received(
    state: ConversationState | dict | None, *, now: datetime, accepted: int, refused: list[str]
) -> Result:
    """Files (photos, PDFs) arrived: acknowledged, and the pending question asked again. A caption sent with a
    file is not read as an answer. `refused` holds the declared types of files that will not be kept."""
    state = ConversationState.from_dict(state.to_dict() if isinstance(state, ConversationState) else state)
    state.last_at = now.isoformat()
    parts = []
    if accepted:
        parts.append(texts.media_received(accepted, in_progress=state.in_progress))
    if refused:
        parts.append(texts.media_refused_type(refused))
    if state.in_progress:
        parts.append(texts.question(state))
    return state, "\n\n".join(parts), []


def _on_alerts_optin(state, raw, word, *, today):
    state.step = IDLE
    if word in words.YES:
        return (
            state,
            texts.alerts_optin_yes(),
            [Effect(CONSENT, {"granted": True, "source": "complaint", "evidence": raw})],
        )
    if word in words.NO:
        return (
            state,
            texts.alerts_optin_no(),
            [Effect(CONSENT, {"granted": False, "source": "complaint", "evidence": raw})],
        )
    return _on_idle(state, raw, word, today=today)


_HANDLERS = {
    IDLE: _on_idle,
    TIMED_OUT: _on_timeout,
    MONEY_LOSS: _on_money_loss,
    TRANSACTION_COUNT: _on_transaction_count,
    TXN: _on_txn,
    CONFIRM: _on_confirm,
    EDIT: _on_edit,
    ALERTS_OPTIN: _on_alerts_optin,
    **dict.fromkeys(PERSONAL_KEYS, _on_personal),
}
