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
SUBMIT, CONSENT, STATUS = "submit", "consent", "status"


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
        """A new conversation at `step`, keeping only the time of the last message."""
        return ConversationState(step=step, last_at=self.last_at)

    def fail(self, key: str) -> int:
        """Counts one more refused answer for `key`; returns the count."""
        self.failures[key] = self.failures.get(key, 0) + 1
        return self.failures[key]

    def succeed(self, key: str) -> None:
        self.failures.pop(key, None)
