"""Edits typed at the summary (`2.1.3 = HDFC Bank`, several lines at once): parsed against the serials the victim
was shown, all validated before any is applied, and answered with the updated summary (CONFIRM then submits)."""

from datetime import date

from django.core.exceptions import ValidationError

from complaints.conversation import receipt, texts, texts_edit, words
from complaints.conversation.fields import (
    TXN_FIELD_BY_KEY,
    Field,
    field_for_serial,
    recognise_beneficiary,
    txn_serial,
)
from complaints.conversation.state import ConversationState
from fraudsafe.districts import district_lookup

Change = tuple[str, Field, int | None, str]  # (serial as typed, field, transaction index or None, stored value)


def clean(f: Field, raw: str, *, today: date) -> str:
    """The stored value of an answer; "" for "don't know" where the question allows it."""
    if f.optional and words.normalise(raw) in words.DONT_KNOW:
        return ""
    return f.clean(raw, today=today)


def parse(state: ConversationState, raw: str, *, today: date) -> tuple[list[Change], str]:
    """The changes of every `serial = value` line, or ([], the refusal) when one line is refused."""
    changes = []
    for line in (line for line in raw.splitlines() if line.strip()):
        match = words.EDIT_LINE.match(line)
        target = field_for_serial(match.group(1), transactions=state.transactions) if match else None
        if target is None:
            return [], texts.edit_not_understood(line)
        f, txn_index = target
        try:
            typed = recognise_beneficiary(match.group(2)) if f.key == "beneficiary_kind" else None
            value = clean(f, match.group(2), today=today) if typed is None else ""
        except ValidationError as exc:
            return [], texts.edit_refused(match.group(1), f, exc.messages[0])
        if f.key == "district":
            found = district_lookup(value)
            if found.sure:
                value = found.name
            elif found.candidates:  # unsure: ask for the exact name instead of guessing
                return [], texts.edit_district_unsure(match.group(1), f, value, found.candidates)
        if typed is not None:  # "2.1.8 = name@ybl": the kind and its detail at once
            changes.append((match.group(1), f, txn_index, typed[0]))
            f, value = TXN_FIELD_BY_KEY[typed[1]], typed[2]
        changes.append((match.group(1), f, txn_index, value))
    if not changes:
        return [], texts.edit_instructions()
    return changes, ""


def apply(state: ConversationState, changes: list[Change]) -> str:
    """Applies the changes to `state`; the reply: what changed, the updated summary, CONFIRM or more changes."""
    for _serial, f, txn_index, value in changes:
        if txn_index is None:
            state.answers[f.key] = value
        else:
            state.transactions[txn_index][f.key] = value
            receipt.typed_over_read(state.transactions[txn_index], f.key)
            if value:  # a detail of where the money went makes the transaction of its kind
                state.transactions[txn_index].update(dict(f.sets))
    shown = [(_serial_now(state, serial, f, i), f, value) for serial, f, i, value in changes]
    return "\n\n".join((texts.edits_applied(state, shown), texts.summary(state), texts_edit.confirm_or_more_changes()))


def _serial_now(state: ConversationState, typed: str, f: Field, txn_index: int | None) -> str:
    """The serial of an edited field in the updated summary (a kind's detail typed with it gets its own)."""
    n = txn_serial(f.key, state.transactions[txn_index]) if txn_index is not None else None
    return f"2.{txn_index + 1}.{n}" if n else typed
