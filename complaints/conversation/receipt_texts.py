"""What the bot says about a payment screenshot it reads (kept apart from texts.py, which is near its limit)."""

from django.utils.translation import gettext as _

from complaints.conversation import words
from complaints.conversation.fields import TXN_FIELD_BY_KEY, display_value, txn_serial


def reading_started(*, at_summary: bool = False) -> str:
    """The webhook's answer at once, while a worker reads the screenshot."""
    if at_summary:
        return _("🔎 Reading your screenshot… I will send you what I find in a moment.")
    return _(
        "🔎 Reading your screenshot… I will send you what I find in a moment. You can also keep typing the answer."
    )


def which_transaction(transactions: list[dict], *, again: bool = False) -> str:
    """At the summary with several transactions: which one the screenshot is (it is read meanwhile)."""
    lines = [_("Which transaction is this payment? Reply with its number:")]
    for t, txn in enumerate(transactions, start=1):
        shown = " · ".join(display_value(k, txn[k]) for k in ("amount", "date", "transaction_id") if txn.get(k))
        lines.append(f"{t}. {shown or _('Transaction %(t)s') % {'t': t}}")
    lines.append(_("Or reply *%(new)s* if it is another payment.") % {"new": words.shown("new")})
    if again:
        return "\n".join(lines)
    return _("🔎 Reading your screenshot…") + "\n" + "\n".join(lines)


def still_reading() -> str:
    return _("Thank you. I am still reading the screenshot; I will send you what I find in a moment.")


def send_the_screenshot() -> str:
    """The victim said "this is the payment" where a screenshot is read."""
    return _("Please send the screenshot of the payment now. I will read it for you.")


def screenshot_later() -> str:
    """The victim said "this is the payment" before the transaction questions."""
    return _("Thank you. Send the screenshot now if you like: I will read it when we come to the transaction.")


def read_later() -> str:
    """The screenshot came before the transaction questions: kept, and read when they start."""
    return _("I will read your screenshot when we come to the transaction.")


def as_kept(txn: dict, values: dict[str, str]) -> dict:
    """The transaction's answers as they will be once the read values are kept (a payee's UPI ID makes it a UPI
    transaction): the serials of the proposal are those the summary will then show."""
    kept = dict(txn)
    for key, value in values.items():
        kept[key] = value
        kept.update(dict(TXN_FIELD_BY_KEY[key].sets))
    return kept


def read_proposal(t: int, values: dict[str, str], txn: dict | None = None, *, at_summary: bool = False) -> str:
    """What was read, with the summary's serial numbers (beside what was typed, where it differs); nothing is
    kept until the victim says yes."""
    txn = txn or {}
    kept = as_kept(txn, values)

    def serial(key: str) -> int:
        return txn_serial(key, kept) or 99

    def shown(key: str, value: str) -> str:
        text = f"2.{t}.{serial(key)} {TXN_FIELD_BY_KEY[key].label} {display_value(key, value)}"
        if txn.get(key):
            text += " " + _("(you typed %(value)s)") % {"value": display_value(key, txn[key])}
        return text

    fields = " · ".join(shown(key, value) for key, value in sorted(values.items(), key=lambda item: serial(item[0])))
    first = min(values, key=serial)
    text = _(
        "I read: %(fields)s\n\nIs this right? Reply *YES*, or type a number = value to correct, like *%(example)s*."
    ) % {"fields": fields, "example": f"2.{t}.{serial(first)} = …"}
    if at_summary:
        text += " " + _("If it is another payment, reply *%(new)s*.") % {"new": words.shown("new")}
    return text


def nothing_read(*, at_summary: bool = False) -> str:
    """The image holds no payment we could read (or reading is not possible here)."""
    if at_summary:
        return _("I could not read a payment in that picture. Nothing in your complaint has changed.")
    return _("I could not read a payment in that picture. That is all right: please type the answer instead.")


def read_matches(t: int) -> str:
    """Everything read is what the victim typed."""
    return _("✔ The screenshot matches what you typed for transaction %(t)s.") % {"t": t}


def read_dropped() -> str:
    return _("All right, I will not use what I read. Let us go on.")


def read_kept() -> str:
    return _("✔ Thank you, I have noted what I read.")
