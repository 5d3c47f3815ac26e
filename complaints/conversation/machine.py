"""The conversation as a pure state machine: `step(state, text, now=, today=)` → (new state, reply, effects).

No database, no network: the caller (complaints.services) loads the state, applies the returned effects (submit
the complaint, record consent, list the caller's complaints) and stores the new state after every message, so
nothing typed is lost across restarts.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.notice import notice_text
from complaints.conversation import edits, receipt, receipt_texts, texts, texts_edit, texts_language, words
from complaints.conversation.fields import (
    MAX_TRANSACTIONS,
    PERSONAL_FIELDS,
    PERSONAL_KEYS,
    TXN_ASKED,
    TXN_FIELD_BY_KEY,
    recognise_beneficiary,
    whatsapp_mobile,
)
from complaints.conversation.state import (
    ALERTS_OPTIN,
    CONFIRM,
    CONSENT,
    EDIT,
    IDLE,
    LANGUAGE,
    MONEY_LOSS,
    RIGHTS,
    STATUS,
    SUBMIT,
    TIMED_OUT,
    TRANSACTION_COUNT,
    TXN,
    ConversationState,
    Effect,
)
from fraudsafe.districts import district_lookup, pin_check
from fraudsafe.languages import detect_language, normalise_digits

TIMEOUT = timedelta(minutes=30)
ABANDON_AFTER = timedelta(hours=settings.RETENTION_CONVERSATION_HOURS)  # answers kept this long after silence
HELP_AFTER_FAILURES = 3

Result = tuple[ConversationState, str, list[Effect]]


def step(state: ConversationState | dict | None, text: str, *, now: datetime, today: date, phone: str = "") -> Result:
    """One incoming message → (new state, reply text, effects for the service layer).

    The reply is worded in the conversation's language (`state.language`, settled here: from the menu, a language's
    name, or the script of a first message); digits of every script are read as ASCII. `phone`: the sender's
    WhatsApp number, offered as the complaint's mobile number when it is an Indian mobile.
    """
    # A copy: the caller's state is never changed in place (asdict copies the answers too).
    state = ConversationState.from_dict(state.to_dict() if isinstance(state, ConversationState) else state)
    if phone and not state.whatsapp_mobile:
        state.whatsapp_mobile = whatsapp_mobile(phone)
    raw = normalise_digits((text or "").strip())
    word = words.normalise(raw)

    last_at = state.last_message_at
    silent_for = now - last_at if last_at else timedelta(0)
    state.last_at = now.isoformat()
    abandoned = state.in_progress and silent_for > ABANDON_AFTER
    if abandoned:
        state = ConversationState(last_at=now.isoformat(), language=state.language)
    elif state.step == ALERTS_OPTIN and silent_for > ABANDON_AFTER:
        state.step = IDLE

    had_language = state.language is not None
    choice = _settle_language(state, raw, word)
    with translation.override(state.language or settings.LANGUAGE_CODE):
        effects = [Effect(LANGUAGE, {"code": state.language})] if choice in (CHOSEN, DETECTED) else []
        if choice == MENU:
            return state, texts_language.language_menu(first=not had_language and state.step == IDLE), []
        if choice == CHOSEN:
            if state.step == IDLE:
                new_state, reply, more = _start(state, prefix=texts_language.language_set() if had_language else "")
            else:
                new_state, reply, more = state, texts_language.language_set() + "\n\n" + texts.question(state), []
        else:
            new_state, reply, more = _step(state, raw, word, silent_for=silent_for, today=today)
            if choice == DETECTED:
                reply = reply + "\n\n" + texts_language.language_hint()
        if abandoned:
            reply = texts.abandoned() + "\n\n" + reply
        return new_state, reply, effects + more


MENU, CHOSEN, DETECTED = "menu", "chosen", "detected"
# Keywords a first message may be, answered at once before any language is chosen (e.g. STOP from a subscriber).
_WORK_AT_ONCE = words.CANCEL | words.HELP | words.STATUS | words.JOIN | words.STOP | words.PRIVACY | set(words.RIGHTS)


def _settle_language(state: ConversationState, raw: str, word: str) -> str | None:
    """Settles the conversation's language before the message is handled; says what happened (None: nothing).

    The menu's number or a language's name picks it; a first message in a supported script starts in that
    language at once; a first message that says nothing of its language (Latin letters, emoji) gets the menu,
    unless it is a keyword that must work at once (STOP, JOIN, STATUS, …).
    """
    choosing, state.choosing_language = state.choosing_language, False
    code = words.language_numbered(word) if choosing else words.language_named(word)
    if code:
        state.language = code
        return CHOSEN
    if word in words.LANGUAGE:
        state.choosing_language = True
        return MENU
    if state.language is None and state.in_progress:
        state.language = settings.LANGUAGE_CODE  # a conversation begun before languages existed goes on in English
        return None
    if state.language is None:
        detected = detect_language(raw)
        if detected is not None:
            state.language = detected.code
            return DETECTED
        if word not in _WORK_AT_ONCE:
            state.choosing_language = True
            return MENU
    return None


def _step(state: ConversationState, raw: str, word: str, *, silent_for: timedelta, today: date) -> Result:
    keyword = _keyword(state, raw, word)
    if keyword is not None:
        return keyword

    # Timeout: the next message after 30 minutes of silence gets the notice and the choice.
    if state.in_progress and state.step != TIMED_OUT and silent_for > TIMEOUT:
        state.resume_step, state.step = state.step, TIMED_OUT
        return state, texts.timeout_notice(), []

    if word in words.PAYMENT and (said := receipt.payment_said(state)) is not None:  # "this is the payment"
        return state, said, []

    if word in words.GREETINGS:
        if state.step in (IDLE, ALERTS_OPTIN):
            return _start(state)
        if state.step != TIMED_OUT:
            return state, texts.already_in_progress() + "\n\n" + texts.question(state), []

    handler = _HANDLERS.get(state.step, _on_idle)
    return handler(state, raw, word, today=today)


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
    if word in words.PRIVACY:
        reply = notice_text(
            language=translation.get_language() or settings.LANGUAGE_CODE, keywords=words.notice_keywords()
        )
        reply += "\n\n" + texts.question(state) if state.in_progress else ""
        return state, reply, [Effect(RIGHTS, {"kind": "notice"})]  # privacy adds the withdraw page's link
    if word in words.RIGHTS:
        return state, texts.question(state) if state.in_progress else "", [Effect(RIGHTS, {"kind": words.RIGHTS[word]})]
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
    if state.pending.get("key") == key:
        chosen = _pending_choice(state, word)
        if chosen is not None:
            return _keep_personal(state, key, *chosen)
        state.pending = {}  # anything else is a new answer to the same question
    if key == "mobile" and state.whatsapp_mobile and word in words.YES:
        return _keep_personal(state, key, state.whatsapp_mobile)
    try:
        value = PERSONAL_FIELDS[PERSONAL_KEYS.index(key)].clean(raw, today=today)
    except ValidationError as exc:
        return _fail(state, key, exc.messages[0])
    if key == "district":
        match = district_lookup(value)
        if match.sure:  # canonical, or a known alias ("Bangalore"): kept as the canonical name, and said so
            return _keep_personal(
                state, key, match.name, texts.district_noted(match.name) if match.kind == "alias" else ""
            )
        state.pending = {"key": key, "typed": value, "choices": list(match.candidates), "keep": match.kind == "close"}
        return state, texts.pending_question(state.pending), []
    if key == "pin_code":
        district = state.answers.get("district", "")
        check = pin_check(district=district, pin=value)
        if check.status == "mismatch":  # asked about, never changed silently
            state.pending = {"key": key, "typed": value, "district": district, "choices": list(check.pin_districts)}
            return state, texts.pending_question(state.pending), []
    return _keep_personal(state, key, value)


def _pending_choice(state: ConversationState, word: str) -> tuple | None:
    """The answer to a pending question as (value, note[, new district]), or None when it is a new answer."""
    pending = state.pending
    typed, choices = pending.get("typed", ""), list(pending.get("choices") or [])
    if pending["key"] == "pin_code":
        if word in words.YES and not (word.isdigit() and word != "1"):
            return (typed, "")  # 1 / YES: keep both as given
        if word.isdigit() and 2 <= int(word) <= len(choices) + 1:
            new_district = choices[int(word) - 2]
            return (typed, texts.district_noted(new_district), new_district)
        return None
    if word.isdigit() and 1 <= int(word) <= len(choices):
        return (choices[int(word) - 1], "")
    if word.isdigit() and pending.get("keep") and int(word) == len(choices) + 1:
        return (typed, "")
    if word in words.YES and len(choices) == 1:
        return (choices[0], "")
    if word in words.YES and not choices:
        return (typed, "")
    return None


def _keep_personal(state: ConversationState, key: str, value: str, note: str = "", district: str = "") -> Result:
    state.pending = {}
    state.succeed(key)
    state.answers[key] = value
    if district:
        state.answers["district"] = district
    position = PERSONAL_KEYS.index(key)
    state.step = PERSONAL_KEYS[position + 1] if position + 1 < len(PERSONAL_KEYS) else TRANSACTION_COUNT
    reply = texts.question(state)
    return state, (note + "\n\n" + reply) if note else reply, []


def _on_transaction_count(state, raw, word, *, today):
    if not (word.isdigit() and 1 <= int(word) <= MAX_TRANSACTIONS):
        return _fail(state, TRANSACTION_COUNT, texts.transaction_count_refused())
    state.succeed(TRANSACTION_COUNT)
    state.transaction_count = int(word)
    state.transactions = [{}]
    state.step, state.txn_index, state.txn_field = TXN, 0, 0
    if (reading := receipt.kept_read_now(state)) is not None:  # the screenshot sent earlier is read now
        return state, receipt_texts.reading_started() + "\n\n" + texts.question(state), [reading]
    return state, texts.question(state), []


def _next_asked(txn: dict, after: int) -> int | None:
    """The position in TXN_ASKED of the next question that applies to this transaction's answers."""
    for position in range(after + 1, len(TXN_ASKED)):
        if TXN_ASKED[position].applies_to(txn):
            return position
    return None


def _on_txn(state, raw, word, *, today):
    proposal = receipt.on_proposal(state, raw, word, today=today, proceed=_after_answers)
    if proposal is not None:
        return proposal
    f = TXN_ASKED[state.txn_field]
    fail_key = f"txn.{f.key}"
    index, note, answered = state.txn_index, "", state.txn_field
    try:
        typed = recognise_beneficiary(raw) if f.key == "beneficiary_kind" else None
        value = edits.clean(f, raw, today=today) if typed is None else ""
    except ValidationError as exc:
        return _fail(state, fail_key, exc.messages[0])
    if typed is not None:  # "Where did the money go?" answered with the UPI ID, account or phone itself
        kind, key, value = typed
        state.transactions[index].update({f.key: kind, key: value})
        answered = [g.key for g in TXN_ASKED].index(key)
        note = texts_edit.beneficiary_recognised(TXN_FIELD_BY_KEY[key], value)
        receipt.typed_over_read(state.transactions[index], key)
    else:
        state.transactions[index][f.key] = value
    receipt.typed_over_read(state.transactions[index], f.key)
    state.succeed(fail_key)
    return _after_answers(state, after=answered, note=note)


def _after_answers(state: ConversationState, after: int = -1, note: str = "") -> Result:
    """The next question of this transaction not answered yet (after position `after`), or what follows it;
    `note` (what was noted) goes before the question."""
    index, txn = state.txn_index, state.transactions[state.txn_index]
    following = _next_asked(txn, after)
    while following is not None and TXN_ASKED[following].key in txn:
        following = _next_asked(txn, following)
    if following is not None:
        state.txn_field = following
        return state, "\n\n".join(p for p in (note, texts.question(state)) if p), []
    # This transaction is complete.
    state.txn_field, state.receipt = 0, {}
    if state.adding:
        state.adding, state.step = False, EDIT
        state.transaction_count = len(state.transactions)
        return state, texts.transaction_added(state, index + 1), []
    if index + 1 < state.transaction_count:
        state.transactions.append({})
        state.txn_index = index + 1
        return state, texts.question(state), []
    state.step = CONFIRM
    return state, "\n\n".join(p for p in (note, texts.question(state)) if p), []


def _submit(state: ConversationState) -> Result:
    data = {"answers": state.answers, "transactions": state.transactions}
    return state.fresh(ALERTS_OPTIN), "", [Effect(SUBMIT, data)]


def _on_confirm(state, raw, word, *, today):
    if (screenshot := receipt.at_summary(state, raw, word, today=today)) is not None:
        return screenshot
    if word in words.CONFIRM:
        return _submit(state)
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
    if (screenshot := receipt.at_summary(state, raw, word, today=today)) is not None:
        return screenshot
    if word in words.CONFIRM:  # every edit reply shows the updated summary, so CONFIRM right after one submits it
        return _submit(state)
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
    """`serial = value` lines, all validated first: a refused line changes nothing; the reply shows the summary."""
    changes, refused = edits.parse(state, raw, today=today)
    if refused:
        return _fail(state, EDIT, refused)
    state.succeed(EDIT)
    return state, edits.apply(state, changes), []


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
