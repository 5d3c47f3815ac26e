"""The conversation's typed state: what the citizen has answered and where they are. Stored as JSON per phone."""

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

IDLE = "idle"
MONEY_LOSS = "money_loss"
TRANSACTION_COUNT = "transaction_count"
TXN = "txn"
CONFIRM = "confirm"
EDIT = "edit"
ALERTS_OPTIN = "alerts_optin"
TIMED_OUT = "timeout"
# The personal-details steps are named after their fields ("name", "mobile", …): see fields.PERSONAL_KEYS.

# Effect kinds: what the service layer does after a step (the machine itself touches no database).
SUBMIT, CONSENT, STATUS, LANGUAGE = "submit", "consent", "status", "language"
RIGHTS = "rights"  # a data principal request (DPDP): data {"kind": access | correction | erasure}
READ_RECEIPT = "read_receipt"  # a screenshot kept before the transaction questions is read now: {"evidence_id"}


@dataclass(frozen=True)
class Effect:
    kind: str
    data: dict = field(default_factory=dict)


@dataclass
class ConversationState:
    """Where one phone's conversation stands. Answers are kept as validated, JSON-safe strings."""

    step: str = IDLE
    answers: dict[str, str] = field(default_factory=dict)
    transactions: list[dict[str, str]] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)  # refused answers per field, for help after three
    last_at: str | None = None  # ISO time of the previous message (timeouts)
    transaction_count: int = 0
    txn_index: int = 0  # the transaction being asked about
    txn_field: int = 0  # the question of that transaction being asked (a position in fields.TXN_ASKED)
    adding: bool = False  # a transaction added from edit mode
    resume_step: str | None = None  # where a timed-out conversation resumes
    whatsapp_mobile: str = ""  # the sender's WhatsApp number as a 10-digit Indian mobile, offered for "mobile"
    # A question the bot asked about an answer before keeping it: {"key": "district" | "pin_code", "typed": …,
    # "choices": [canonical names], "keep": bool} (an unsure district, a PIN code in another district).
    pending: dict = field(default_factory=dict)
    language: str | None = None  # the citizen's language; None until chosen from the menu or detected
    choosing_language: bool = False  # the language menu was shown: a number now picks a language
    receipt: dict = field(default_factory=dict)  # a payment screenshot being read or proposed (see receipt.py)

    @classmethod
    def from_dict(cls, data: dict | None) -> "ConversationState":
        """A state from its stored JSON (unknown keys ignored, missing ones defaulted)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in (data or {}).items() if key in known})

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def in_progress(self) -> bool:
        return self.step not in (IDLE, ALERTS_OPTIN)

    @property
    def last_message_at(self) -> datetime | None:
        return datetime.fromisoformat(self.last_at) if self.last_at else None

    def fresh(self, step: str = IDLE) -> "ConversationState":
        """A new conversation at `step`, keeping the language, the time of the last message and the sender's number."""
        return ConversationState(
            step=step, last_at=self.last_at, language=self.language, whatsapp_mobile=self.whatsapp_mobile
        )

    def fail(self, key: str) -> int:
        """Counts one more refused answer for `key`; returns the count."""
        self.failures[key] = self.failures.get(key, 0) + 1
        return self.failures[key]

    def succeed(self, key: str) -> None:
        self.failures.pop(key, None)
