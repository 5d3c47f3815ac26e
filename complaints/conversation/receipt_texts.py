"""What the bot says about a payment screenshot it reads (kept apart from texts.py, which is near its limit)."""

from django.utils.translation import gettext as _

from complaints.conversation.fields import TXN_FIELD_BY_KEY, display_value, txn_serial


def reading_started() -> str:
    """The webhook's answer at once, while a worker reads the screenshot."""
    return _(
        "🔎 Reading your screenshot… I will send you what I find in a moment. You can also keep typing the answer."
    )


def as_kept(txn: dict, values: dict[str, str]) -> dict:
    """The transaction's answers as they will be once the read values are kept (a payee's UPI ID makes it a UPI
    transaction): the serials of the proposal are those the summary will then show."""
    kept = dict(txn)
    for key, value in values.items():
        kept[key] = value
        kept.update(dict(TXN_FIELD_BY_KEY[key].sets))
    return kept


def read_proposal(t: int, values: dict[str, str], txn: dict | None = None) -> str:
    """What was read, with the summary's serial numbers; nothing is kept until the victim says yes."""
    kept = as_kept(txn or {}, values)

    def serial(key: str) -> int:
        return txn_serial(key, kept) or 99

    shown = " · ".join(
        f"2.{t}.{serial(key)} {TXN_FIELD_BY_KEY[key].label} {display_value(key, value)}"
        for key, value in sorted(values.items(), key=lambda item: serial(item[0]))
    )
    first = min(values, key=serial)
    return _(
        "I read: %(fields)s\n\nIs this right? Reply *YES*, or type a number = value to correct, like *%(example)s*."
    ) % {"fields": shown, "example": f"2.{t}.{serial(first)} = …"}


def nothing_read() -> str:
    """The image holds no payment we could read (or reading is not possible here)."""
    return _("I could not read a payment in that picture. That is all right: please type the answer instead.")


def read_dropped() -> str:
    return _("All right, I will not use what I read. Let us go on.")


def read_kept() -> str:
    return _("✔ Thank you, I have noted what I read.")
