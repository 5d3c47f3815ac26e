"""The WhatsApp complaint conversation as a pure state machine: `step(state, text, now=, today=)`.

No database, no network: the caller (complaints.services) loads the state, applies the returned effects
(submit the complaint, record consent, list the caller's complaints) and stores the new state. The state is a
JSON-safe dict, so what the citizen typed is saved after every message and survives restarts.
"""

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import validators
from fraudsafe.vocabulary import FraudType, fraud_type_label

TIMEOUT = timedelta(minutes=30)
ABANDON_AFTER = timedelta(hours=24)
MAX_TRANSACTIONS = 10
HELP_AFTER_FAILURES = 3

IDLE, MONEY_LOSS, TRANSACTION_COUNT, TXN, CONFIRM, EDIT, ALERTS_OPTIN, TIMED_OUT = (
    "idle",
    "money_loss",
    "transaction_count",
    "txn",
    "confirm",
    "edit",
    "alerts_optin",
    "timeout",
)

# Effect kinds, applied by the service layer.
SUBMIT, CONSENT, STATUS = "submit", "consent", "status"


@dataclass(frozen=True)
class Effect:
    kind: str
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Field:
    key: str
    label: object  # lazy translation
    question: object
    example: object
    validate: Callable[..., str]
    needs_today: bool = False


def _fraud_type(text: str) -> str:
    choices = list(FraudType)
    raw = text.strip().lower()
    if raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1].value
    for choice in choices:
        if raw in (choice.value, str(choice.label).lower(), choice.value.replace("_", " ")):
            return choice.value
    raise ValidationError(
        _("Please reply with the number of the type of fraud, from 1 to %(count)s. %(example)s")
        % {"count": len(choices), "example": _("Example: 1")}
    )


def fraud_type_menu() -> str:
    return "\n".join(f"{n}. {choice.label}" for n, choice in enumerate(FraudType, start=1))


PERSONAL_FIELDS = [
    Field(
        "name",
        gettext_lazy("Name"),
        gettext_lazy("What is your full name?"),
        gettext_lazy("Asha Rao"),
        validators.validate_person_name,
    ),
    Field(
        "mobile",
        gettext_lazy("Mobile number"),
        gettext_lazy("What is your 10-digit mobile number?"),
        gettext_lazy("9876543210"),
        validators.validate_mobile,
    ),
    Field(
        "dob",
        gettext_lazy("Date of birth"),
        gettext_lazy("What is your date of birth (D-M-YYYY)?"),
        gettext_lazy("17-05-1985"),
        validators.validate_dob,
        needs_today=True,
    ),
    Field(
        "father_name",
        gettext_lazy("Father's name"),
        gettext_lazy("What is your father's name?"),
        gettext_lazy("Ramesh Kumar"),
        validators.validate_person_name,
    ),
    Field(
        "district",
        gettext_lazy("District"),
        gettext_lazy("Which district do you live in?"),
        gettext_lazy("Bengaluru Urban"),
        validators.validate_district,
    ),
    Field(
        "pin_code",
        gettext_lazy("PIN code"),
        gettext_lazy("What is your 6-digit PIN code?"),
        gettext_lazy("560066"),
        validators.validate_pin_code,
    ),
]

TXN_FIELDS = [
    Field(
        "date",
        gettext_lazy("Date"),
        gettext_lazy("On what date did the transaction happen (D-M-YYYY)?"),
        gettext_lazy("18-11-2026"),
        validators.validate_transaction_date,
        needs_today=True,
    ),
    Field(
        "time",
        gettext_lazy("Time"),
        gettext_lazy("At what time (14:30 or 2:30 PM)?"),
        gettext_lazy("14:30"),
        validators.validate_transaction_time,
    ),
    Field(
        "bank",
        gettext_lazy("Bank"),
        gettext_lazy("Which bank was the money taken from?"),
        gettext_lazy("State Bank of India"),
        validators.validate_bank,
    ),
    Field(
        "account_number",
        gettext_lazy("Account number"),
        gettext_lazy("What is the account number (9 to 18 digits)?"),
        gettext_lazy("123456789012"),
        validators.validate_account_number,
    ),
    Field(
        "amount",
        gettext_lazy("Amount"),
        gettext_lazy("How much money was lost in this transaction (in rupees)?"),
        gettext_lazy("25000"),
        validators.validate_amount,
    ),
    Field(
        "transaction_id",
        gettext_lazy("Transaction ID"),
        gettext_lazy("What is the transaction ID or UPI reference number?"),
        gettext_lazy("412345678901"),
        validators.validate_transaction_id,
    ),
    Field(
        "fraud_type",
        gettext_lazy("Type of fraud"),
        gettext_lazy("What type of fraud was it? Reply with a number:"),
        gettext_lazy("1"),
        _fraud_type,
    ),
]
PERSONAL_KEYS = [f.key for f in PERSONAL_FIELDS]

_YES = {"yes", "y", "1", "haan", "ha", "han", "हाँ", "हां"}
_NO = {"no", "n", "2", "nahi", "nahin", "नहीं"}
_GREETINGS = {"hi", "hello", "start", "hey", "namaste", "नमस्ते"}
_EDIT_LINE = re.compile(r"^\s*(\d+(?:\.\d+){1,2})\s*[=:]\s*(.*?)\s*$")


def initial_state() -> dict:
    return {"step": IDLE}


def in_progress(state: dict) -> bool:
    return state.get("step", IDLE) not in (IDLE, ALERTS_OPTIN)


# --- formatting shared with the PDF -------------------------------------------------------------------------


def format_inr(amount: Decimal | str) -> str:
    """Indian digit grouping: 1234567.5 → 12,34,567.50."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole, _dot, paise = f"{value:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        whole = ",".join([*groups, tail])
    return f"{sign}{whole}.{paise}"


def display_value(key: str, value: str) -> str:
    if value in (None, ""):
        return "—"
    if key in ("dob", "date"):
        return date.fromisoformat(value).strftime("%d-%m-%Y")
    if key == "amount":
        return "₹" + format_inr(value)
    if key == "fraud_type":
        return fraud_type_label(value)
    return str(value)


def total_amount(transactions: list[dict]) -> Decimal:
    return sum((Decimal(t["amount"]) for t in transactions if t.get("amount")), Decimal("0.00"))


def summary(state: dict) -> str:
    answers = state.get("answers", {})
    transactions = state.get("transactions", [])
    lines = [_("*Please check your complaint*"), "", _("*1. Your details*")]
    for n, f in enumerate(PERSONAL_FIELDS, start=1):
        lines.append(f"1.{n} {f.label}: {display_value(f.key, answers.get(f.key, ''))}")
    lines += ["", _("*2. Transactions* (%(count)s)") % {"count": len(transactions)}]
    for t, txn in enumerate(transactions, start=1):
        lines.append(_("2.%(t)s Transaction %(t)s") % {"t": t})
        for n, f in enumerate(TXN_FIELDS, start=1):
            lines.append(f"2.{t}.{n} {f.label}: {display_value(f.key, txn.get(f.key, ''))}")
    lines += ["", _("Total amount lost: ₹%(total)s") % {"total": format_inr(total_amount(transactions))}]
    return "\n".join(lines)


def _confirm_prompt() -> str:
    return _("Reply *CONFIRM* to submit the complaint, or *EDIT* to change something.")


def _edit_instructions() -> str:
    return _(
        "To change an answer, type its number, = and the new value, e.g. *1.1 = Asha Rao* or *2.1.3 = HDFC Bank*.\n"
        "Type *ADD* to add a transaction, *REMOVE 2* to remove transaction 2, and *DONE* when you have finished."
    )


def _way_out() -> str:
    return _("Type *HELP* for help, *RESTART* to start again or *CANCEL* to stop.")


# --- questions ------------------------------------------------------------------------------------------------


def _current_field(state: dict) -> Field | None:
    step = state.get("step")
    if step in PERSONAL_KEYS:
        return PERSONAL_FIELDS[PERSONAL_KEYS.index(step)]
    if step == TXN:
        return TXN_FIELDS[state.get("txn_field", 0)]
    return None


def question(state: dict) -> str:
    """What the bot is waiting for now (asked again after keywords, timeouts and errors)."""
    step = state.get("step", IDLE)
    if step == MONEY_LOSS:
        return _("Did you lose money due to cyber crime? Reply *YES* or *NO*.")
    if step in PERSONAL_KEYS:
        f = _current_field(state)
        return f"({PERSONAL_KEYS.index(step) + 1}/6) {f.question}"
    if step == TRANSACTION_COUNT:
        return _("In how many transactions did you lose money? Reply with a number from 1 to %(max)s.") % {
            "max": MAX_TRANSACTIONS
        }
    if step == TXN:
        f = _current_field(state)
        index = state.get("txn_index", 0)
        total = len(state.get("transactions", [])) if state.get("adding") else state.get("transaction_count", 1)
        head = _("Transaction %(n)s of %(total)s") % {"n": index + 1, "total": max(total, index + 1)}
        text = f"*{head}* – {f.question}"
        if f.key == "fraud_type":
            text += "\n" + fraud_type_menu()
        return text
    if step == CONFIRM:
        return summary(state) + "\n\n" + _confirm_prompt()
    if step == EDIT:
        return _edit_instructions()
    if step == TIMED_OUT:
        return _timeout_notice()
    if step == ALERTS_OPTIN:
        return _("Would you like fraud alerts on WhatsApp? Reply YES or NO")
    return _("Type *HI* to report a cyber fraud.")


def help_text(state: dict) -> str:
    f = _current_field(state)
    lines = [_("*Help*")]
    if f is not None:
        lines.append(_("Now I need: %(question)s") % {"question": f.question})
        lines.append(_("Example: %(example)s") % {"example": f.example})
    else:
        lines.append(question(state))
    lines.append(
        _(
            "Keywords you can type at any time: *HELP*, *RESTART* (start again), *CANCEL* (stop and delete answers), "
            "*STATUS* (your complaints), *JOIN* / *STOP* (fraud alerts on WhatsApp)."
        )
    )
    lines.append(
        _("In an emergency call %(number)s or visit %(portal)s.")
        % {"number": settings.HELPLINE_NUMBER, "portal": settings.HELPLINE_PORTAL_URL}
    )
    return "\n".join(lines)


def _timeout_notice() -> str:
    return _(
        "You were away for more than 30 minutes, so the conversation was paused. Your answers are saved.\n"
        "Reply *1* to resume where you left off, or *2* to start again."
    )


def submitted_reply(*, ack_number: str) -> str:
    """The answer after a complaint is saved (the PDF goes with it as media)."""
    return "\n".join(
        [
            _("✅ Your complaint has been registered."),
            _("Acknowledgement number: *%(ack)s*") % {"ack": ack_number},
            _("The PDF of your complaint is attached. Keep it and show it to the police or your bank."),
            "",
            _("*What to do next*"),
            _("1. Call %(number)s at once and tell your bank to block the transactions.")
            % {"number": settings.HELPLINE_NUMBER},
            _("2. Register the complaint on %(portal)s within 24 hours.") % {"portal": settings.HELPLINE_PORTAL_URL},
            "",
            _("Would you like fraud alerts on WhatsApp? Reply YES or NO"),
        ]
    )


# --- the machine ----------------------------------------------------------------------------------------------


def _fresh(step: str = IDLE) -> dict:
    return {"step": step, "answers": {}, "transactions": [], "failures": {}}


def _start(state: dict, *, prefix: str = "") -> tuple[dict, str]:
    new = _fresh(MONEY_LOSS)
    new["last_at"] = state.get("last_at")
    greeting = _(
        "Namaste! I am the FraudSafe assistant of the %(number)s cyber-fraud helpline. "
        "I will help you file a complaint in a few minutes."
    ) % {"number": settings.HELPLINE_NUMBER}
    return new, "\n\n".join(p for p in (prefix, greeting, question(new)) if p)


def _fail(state: dict, key: str, message: str) -> tuple[dict, str]:
    failures = state.setdefault("failures", {})
    failures[key] = failures.get(key, 0) + 1
    reply = message
    if failures[key] >= HELP_AFTER_FAILURES:
        reply += "\n\n" + help_text(state) + "\n" + _way_out()
    return state, reply


def _ok(state: dict, key: str) -> None:
    state.setdefault("failures", {}).pop(key, None)


def _validate(f: Field, text: str, *, today: date) -> str:
    return f.validate(text, today=today) if f.needs_today else f.validate(text)


def step(state: dict | None, text: str, *, now: datetime, today: date) -> tuple[dict, str, list[Effect]]:
    """One incoming message → (new state, reply text, effects for the service layer)."""
    state = copy.deepcopy(state) if state else initial_state()
    raw = (text or "").strip()
    word = " ".join(raw.lower().split())
    effects: list[Effect] = []
    prefix = ""

    last_at = datetime.fromisoformat(state["last_at"]) if state.get("last_at") else None
    silent_for = now - last_at if last_at else timedelta(0)
    state["last_at"] = now.isoformat()
    if in_progress(state) and silent_for > ABANDON_AFTER:
        state = _fresh()
        state["last_at"] = now.isoformat()
        prefix = _("Your unfinished complaint was deleted after 24 hours without a reply.")
    elif state.get("step") == ALERTS_OPTIN and silent_for > ABANDON_AFTER:
        state["step"] = IDLE

    # Keywords that work at any point, even after a timeout.
    if word == "cancel":
        had = in_progress(state)
        new = _fresh()
        new["last_at"] = state["last_at"]
        if had:
            return new, _("Your complaint was cancelled and your answers deleted. Type *HI* to start again."), []
        return new, _("There is nothing to cancel. Type *HI* to report a cyber fraud."), []
    if word == "restart":
        return (*_start(state, prefix=_("Starting again.")), [])
    if word == "help":
        return state, help_text(state), []
    if word in ("status", "my complaints"):
        reminder = question(state) if in_progress(state) else ""
        return state, reminder, [Effect(STATUS)]
    if word == "join":
        effects.append(Effect(CONSENT, {"granted": True, "source": "whatsapp_keyword", "evidence": raw}))
        reply = _("✅ You will now get fraud alerts on WhatsApp. Reply *STOP* at any time to stop them.")
        if in_progress(state):
            reply += "\n\n" + question(state)
        return state, reply, effects
    if word in ("stop", "unsubscribe"):
        effects.append(Effect(CONSENT, {"granted": False, "source": "whatsapp_keyword", "evidence": raw}))
        reply = _("You will no longer get fraud alerts on WhatsApp. Reply *JOIN* to get them again.")
        if in_progress(state):
            reply += "\n\n" + question(state)
        return state, reply, effects

    # Timeout: the next message after 30 minutes of silence gets the notice and the choice.
    if in_progress(state) and state["step"] != TIMED_OUT and silent_for > TIMEOUT:
        state["resume_step"] = state["step"]
        state["step"] = TIMED_OUT
        return state, _timeout_notice(), []

    current = state.get("step", IDLE)
    if word in _GREETINGS:
        if current in (IDLE, ALERTS_OPTIN):
            return (*_start(state, prefix=prefix), [])
        if current != TIMED_OUT:
            return (
                state,
                _("You already have a complaint in progress; your answers are saved. Type *RESTART* to start again.")
                + "\n\n"
                + question(state),
                [],
            )

    handler = _HANDLERS.get(current, _on_idle)
    new_state, reply, more = handler(state, raw, word, now=now, today=today)
    if prefix:
        reply = prefix + "\n\n" + reply
    return new_state, reply, effects + more


def _on_idle(state, raw, word, *, now, today):
    return (*_start(state), [])


def _on_timeout(state, raw, word, *, now, today):
    if word in ("1", "resume", "continue"):
        state["step"] = state.pop("resume_step", MONEY_LOSS)
        return state, _("Welcome back! Let's continue.") + "\n\n" + question(state), []
    if word in ("2", "start again", "new", "start over"):
        new_state, reply = _start(state)
        return new_state, reply, []
    return state, _timeout_notice(), []


def _on_money_loss(state, raw, word, *, now, today):
    if word in _YES:
        _ok(state, MONEY_LOSS)
        state["step"] = PERSONAL_KEYS[0]
        return state, _("I'm sorry this happened. Let's record the details.") + "\n\n" + question(state), []
    if word in _NO:
        new = _fresh()
        new["last_at"] = state["last_at"]
        reply = _(
            "This assistant takes complaints about money lost to cyber crime. To report any other cyber crime, "
            "visit %(portal)s or call %(number)s. Type *HI* if you want to start again."
        ) % {"portal": settings.HELPLINE_PORTAL_URL, "number": settings.HELPLINE_NUMBER}
        return new, reply, []
    return (*_fail(state, MONEY_LOSS, _("Please reply *YES* or *NO*.")), [])


def _on_personal(state, raw, word, *, now, today):
    key = state["step"]
    f = PERSONAL_FIELDS[PERSONAL_KEYS.index(key)]
    try:
        value = _validate(f, raw, today=today)
    except ValidationError as exc:
        return (*_fail(state, key, exc.messages[0]), [])
    _ok(state, key)
    state.setdefault("answers", {})[key] = value
    position = PERSONAL_KEYS.index(key)
    state["step"] = PERSONAL_KEYS[position + 1] if position + 1 < len(PERSONAL_KEYS) else TRANSACTION_COUNT
    return state, question(state), []


def _on_transaction_count(state, raw, word, *, now, today):
    if not (word.isdigit() and 1 <= int(word) <= MAX_TRANSACTIONS):
        message = _("Please reply with a number from 1 to %(max)s. Example: 2") % {"max": MAX_TRANSACTIONS}
        return (*_fail(state, TRANSACTION_COUNT, message), [])
    _ok(state, TRANSACTION_COUNT)
    state["transaction_count"] = int(word)
    state["transactions"] = [{}]
    state.update(step=TXN, txn_index=0, txn_field=0)
    return state, question(state), []


def _on_txn(state, raw, word, *, now, today):
    f = _current_field(state)
    fail_key = f"txn.{f.key}"
    try:
        value = _validate(f, raw, today=today)
    except ValidationError as exc:
        return (*_fail(state, fail_key, exc.messages[0]), [])
    _ok(state, fail_key)
    index = state["txn_index"]
    state["transactions"][index][f.key] = value
    if state["txn_field"] + 1 < len(TXN_FIELDS):
        state["txn_field"] += 1
        return state, question(state), []
    # This transaction is complete.
    if state.pop("adding", False):
        state.update(step=EDIT, txn_field=0)
        state["transaction_count"] = len(state["transactions"])
        added = _("Transaction %(n)s added.") % {"n": index + 1}
        return state, added + "\n\n" + summary(state) + "\n\n" + _edit_instructions(), []
    if index + 1 < state["transaction_count"]:
        state["transactions"].append({})
        state.update(txn_index=index + 1, txn_field=0)
        return state, question(state), []
    state.update(step=CONFIRM, txn_field=0)
    return state, question(state), []


def _on_confirm(state, raw, word, *, now, today):
    if word in ("confirm", "yes", "y", "1", "submit"):
        data = {"answers": state.get("answers", {}), "transactions": state.get("transactions", [])}
        new = _fresh(ALERTS_OPTIN)
        new["last_at"] = state["last_at"]
        return new, "", [Effect(SUBMIT, data)]
    if word in ("edit", "2", "change"):
        _ok(state, CONFIRM)
        state["step"] = EDIT
        return state, _edit_instructions(), []
    if _EDIT_LINE.match(raw.strip()):  # "1.1 = …" typed straight at the summary: treat it as an edit
        _ok(state, CONFIRM)
        state["step"] = EDIT
        return _on_edit(state, raw, word, now=now, today=today)
    return (*_fail(state, CONFIRM, _confirm_prompt()), [])


def _field_for_serial(state: dict, serial: str) -> tuple[Field, int | None] | None:
    parts = [int(p) for p in serial.split(".")]
    if len(parts) == 2 and parts[0] == 1 and 1 <= parts[1] <= len(PERSONAL_FIELDS):
        return PERSONAL_FIELDS[parts[1] - 1], None
    if (
        len(parts) == 3
        and parts[0] == 2
        and 1 <= parts[1] <= len(state.get("transactions", []))
        and 1 <= parts[2] <= len(TXN_FIELDS)
    ):
        return TXN_FIELDS[parts[2] - 1], parts[1] - 1
    return None


def _on_edit(state, raw, word, *, now, today):
    if word in ("done", "finish", "finished"):
        _ok(state, EDIT)
        state["step"] = CONFIRM
        return state, question(state), []
    if word == "add":
        if len(state["transactions"]) >= MAX_TRANSACTIONS:
            message = _("A complaint can have at most %(max)s transactions.") % {"max": MAX_TRANSACTIONS}
            return state, message, []
        state["transactions"].append({})
        state.update(step=TXN, txn_index=len(state["transactions"]) - 1, txn_field=0, adding=True)
        return state, question(state), []
    if match := re.fullmatch(r"(?:remove|delete)\s+(?:2\.)?(\d+)", word):
        number = int(match.group(1))
        count = len(state["transactions"])
        if not 1 <= number <= count:
            message = _("There is no transaction %(n)s. Example: REMOVE 2") % {"n": number}
            return (*_fail(state, EDIT, message), [])
        if count == 1:
            return state, _("A complaint needs at least one transaction; change it with 2.1.x = … instead."), []
        _ok(state, EDIT)
        del state["transactions"][number - 1]
        state["transaction_count"] = len(state["transactions"])
        removed = _("Transaction %(n)s removed; the others were renumbered.") % {"n": number}
        return state, removed + "\n\n" + summary(state) + "\n\n" + _edit_instructions(), []

    lines = [line for line in raw.splitlines() if line.strip()]
    changes = []
    for line in lines:
        match = _EDIT_LINE.match(line)
        target = _field_for_serial(state, match.group(1)) if match else None
        if target is None:
            message = _("I did not understand “%(line)s”.") % {"line": line.strip()[:60]} + " " + _edit_instructions()
            return (*_fail(state, EDIT, message), [])
        f, txn_index = target
        try:
            value = _validate(f, match.group(2), today=today)
        except ValidationError as exc:
            return (*_fail(state, EDIT, f"{match.group(1)} {f.label}: {exc.messages[0]}"), [])
        changes.append((f.key, txn_index, value, match.group(1), f.label))
    if not changes:
        return (*_fail(state, EDIT, _edit_instructions()), [])
    # All lines valid: apply them together (a refused line changes nothing).
    for key, txn_index, value, _serial, _label in changes:
        if txn_index is None:
            state["answers"][key] = value
        else:
            state["transactions"][txn_index][key] = value
    _ok(state, EDIT)
    done = "\n".join(
        _("✔ %(serial)s %(label)s changed to %(value)s")
        % {"serial": serial, "label": label, "value": display_value(key, value)}
        for key, _i, value, serial, label in changes
    )
    return state, done + "\n" + _("Type more changes, or *DONE* to see the summary."), []


def _on_alerts_optin(state, raw, word, *, now, today):
    state["step"] = IDLE
    if word in _YES:
        reply = _("✅ You will get fraud alerts on WhatsApp. Reply *STOP* at any time to stop them.")
        return state, reply, [Effect(CONSENT, {"granted": True, "source": "complaint", "evidence": raw})]
    if word in _NO:
        reply = _("OK, you will not get fraud alerts. Reply *JOIN* at any time if you change your mind.")
        return state, reply, [Effect(CONSENT, {"granted": False, "source": "complaint", "evidence": raw})]
    return _on_idle(state, raw, word, now=now, today=today)


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
