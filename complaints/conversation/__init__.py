"""The WhatsApp complaint conversation.

state.py   the typed state (stored as JSON per phone) and the effects a step asks for
fields.py  the questions: labels, examples, validators, how answers are shown (shared with the PDF)
words.py   what the citizen may type: yes/no and keywords
texts.py   every sentence the bot says (gettext)
machine.py the pure state machine: step(state, text, now=, today=) → (state, reply, effects)
"""

from complaints.conversation.fields import PERSONAL_FIELDS, TXN_FIELDS, display_value
from complaints.conversation.machine import ABANDON_AFTER, TIMEOUT, media_received, step
from complaints.conversation.state import (
    ALERTS_OPTIN,
    CONFIRM,
    CONSENT,
    EDIT,
    IDLE,
    LANGUAGE,
    MONEY_LOSS,
    READ_RECEIPT,
    RIGHTS,
    STATUS,
    SUBMIT,
    TIMED_OUT,
    TRANSACTION_COUNT,
    TXN,
    ConversationState,
    Effect,
)
from complaints.conversation.texts import submitted_reply
from complaints.conversation.words import shown as shown_keyword

__all__ = [
    "ABANDON_AFTER",
    "ALERTS_OPTIN",
    "CONFIRM",
    "CONSENT",
    "EDIT",
    "IDLE",
    "LANGUAGE",
    "MONEY_LOSS",
    "PERSONAL_FIELDS",
    "READ_RECEIPT",
    "RIGHTS",
    "STATUS",
    "SUBMIT",
    "TIMED_OUT",
    "TIMEOUT",
    "TRANSACTION_COUNT",
    "TXN",
    "TXN_FIELDS",
    "ConversationState",
    "Effect",
    "display_value",
    "shown_keyword",
    "media_received",
    "step",
    "submitted_reply",
]
