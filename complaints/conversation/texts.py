"""Every sentence the WhatsApp bot says, in one place, each through gettext (rendered in the citizen's language
by the caller's `translation.override`). The state machine chooses; this module words."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaints.conversation import words
from complaints.conversation.fields import (
    MAX_TRANSACTIONS,
    PERSONAL_FIELDS,
    PERSONAL_KEYS,
    TXN_ASKED,
    Field,
    answers_pin_check,
    beneficiary_kind_menu,
    display_value,
    format_inr,
    fraud_type_menu,
    shown_txn_fields,
    spaced_mobile,
    total_amount,
    txn_serial,
)
from complaints.conversation.state import (
    ALERTS_OPTIN,
    CONFIRM,
    EDIT,
    MONEY_LOSS,
    TIMED_OUT,
    TRANSACTION_COUNT,
    TXN,
    ConversationState,
)
from fraudsafe.districts import district_label


def _helpline() -> dict:
    return {"number": settings.HELPLINE_NUMBER, "portal": settings.HELPLINE_PORTAL_URL}


def _kw() -> dict:
    """The keywords to show, in the active language: `*%(confirm)s*` reads *CONFIRM*, *पुष्टि*, *உறுதி*, …"""
    return {name: words.shown(name) for name in words.KEYWORDS} | {"hi": words.shown("greeting")}


def current_field(state: ConversationState) -> Field | None:
    if state.step in PERSONAL_KEYS:
        return PERSONAL_FIELDS[PERSONAL_KEYS.index(state.step)]
    if state.step == TXN:
        return TXN_ASKED[state.txn_field]
    return None


# --- the summary ---------------------------------------------------------------------------------------------


def summary(state: ConversationState) -> str:
    lines = [_("*Please check your complaint*"), "", _("*1. Your details*")]
    for n, f in enumerate(PERSONAL_FIELDS, start=1):
        lines.append(f"1.{n} {f.label}: {display_value(f.key, state.answers.get(f.key, ''))}")
    lines += ["", _("*2. Transactions* (%(count)s)") % {"count": len(state.transactions)}]
    for t, txn in enumerate(state.transactions, start=1):
        lines.append(_("2.%(t)s Transaction %(t)s") % {"t": t})
        for n, f in enumerate(shown_txn_fields(txn), start=1):  # a UPI ID only when the money went to one, …
            lines.append(f"2.{t}.{n} {f.label}: {display_value(f.key, txn.get(f.key, ''))}")
    total = format_inr(total_amount(state.transactions))
    lines += ["", _("Total amount lost: ₹%(total)s") % {"total": total}]
    check = answers_pin_check(state.answers)
    if check.status == "mismatch":
        lines += ["", pin_mismatch_warning(state.answers["pin_code"], state.answers["district"], check.pin_districts)]
    return "\n".join(lines)


def confirm_prompt() -> str:
    return _("Reply *%(confirm)s* to submit the complaint, or *%(edit)s* to change something.") % _kw()


def edit_instructions() -> str:
    return _(
        "To change an answer, type its number in the summary, = and the new value, e.g. *1.1 = Asha Rao* or "
        "*2.1.3 = HDFC Bank*.\nWhere the money went is *2.1.8*: 1 UPI ID, 2 bank account, 3 wallet, "
        "4 card/merchant, 5 don't know, or the UPI ID, account or phone number itself (*2.1.8 = name@okhdfcbank*).\n"
        "Type *%(add)s* to add a transaction, *%(remove)s 2* to remove transaction 2, and *%(done)s* when you have "
        "finished."
    ) % _kw()


def way_out() -> str:
    return _("Type *%(help)s* for help, *%(restart)s* to start again or *%(cancel)s* to stop.") % _kw()


# --- questions ------------------------------------------------------------------------------------------------


def question(state: ConversationState) -> str:
    """What the bot is waiting for now (asked again after keywords, timeouts and errors)."""
    step = state.step
    if state.pending and state.pending.get("key") == step:
        return pending_question(state.pending)
    if step == "mobile" and state.whatsapp_mobile:
        return f"({PERSONAL_KEYS.index(step) + 1}/{len(PERSONAL_KEYS)}) " + mobile_offer(state.whatsapp_mobile)
    if step == MONEY_LOSS:
        return _("Did you lose money due to cyber crime? Reply *%(yes)s* or *%(no)s*.") % _kw()
    if step in PERSONAL_KEYS:
        return f"({PERSONAL_KEYS.index(step) + 1}/{len(PERSONAL_KEYS)}) {current_field(state).question}"
    if step == TRANSACTION_COUNT:
        return _("In how many transactions did you lose money? Reply with a number from 1 to %(max)s.") % {
            "max": MAX_TRANSACTIONS
        }
    if step == TXN:
        f = current_field(state)
        total = len(state.transactions) if state.adding else state.transaction_count or 1
        head = _("Transaction %(n)s of %(total)s") % {
            "n": state.txn_index + 1,
            "total": max(total, state.txn_index + 1),
        }
        text = f"*{head}* – {f.question}"
        if f.key == "fraud_type":
            text += "\n" + fraud_type_menu()
        elif f.key == "beneficiary_kind":
            text += "\n" + beneficiary_kind_menu()
        elif f.optional:
            text += "\n" + dont_know_hint(f)
        return text
    if step == CONFIRM:
        return summary(state) + "\n\n" + confirm_prompt()
    if step == EDIT:
        return edit_instructions()
    if step == TIMED_OUT:
        return timeout_notice()
    if step == ALERTS_OPTIN:
        return alerts_question()
    return _("Type *%(hi)s* to report a cyber fraud.") % _kw()


def dont_know_hint(f: Field) -> str:
    return _("Example: %(example)s. If you do not know, type *%(dont_know)s*.") % {**_kw(), "example": f.example}


def help_text(state: ConversationState) -> str:
    f = current_field(state)
    lines = [_("*Help*")]
    if state.pending and state.pending.get("key") == state.step:
        lines.append(pending_question(state.pending))
    elif f is not None:
        lines.append(_("Now I need: %(question)s") % {"question": f.question})
        lines.append(_("Example: %(example)s") % {"example": f.example})
    else:
        lines.append(question(state))
    lines.append(
        _(
            "Keywords you can type at any time: *%(help)s*, *%(restart)s* (start again), *%(cancel)s* (stop and "
            "delete answers), *%(status)s* (your complaints), *%(join)s* / *%(stop)s* (fraud alerts on WhatsApp), "
            "*%(language)s* (change the language), *%(privacy)s* (how we use your data and your rights)."
        )
        % _kw()
    )
    lines.append(_("In an emergency call %(number)s or visit %(portal)s.") % _helpline())
    return "\n".join(lines)


def with_help(message: str, state: ConversationState) -> str:
    """A refused answer's message, followed by help and the way out (after repeated failures)."""
    return message + "\n\n" + help_text(state) + "\n" + way_out()


# --- the conversation's moments -------------------------------------------------------------------------------


def greeting() -> str:
    return (
        _(
            "Namaste! I am the FraudSafe assistant of the %(number)s cyber-fraud helpline. "
            "I will help you file a complaint in a few minutes."
        )
        % _helpline()
    )


def starting_again() -> str:
    return _("Starting again.")


def timeout_notice() -> str:
    return _(
        "You were away for more than 30 minutes, so the conversation was paused. Your answers are saved.\n"
        "Reply *1* to resume where you left off, or *2* to start again."
    )


def welcome_back() -> str:
    return _("Welcome back! Let's continue.")


def abandoned() -> str:
    return _("Your unfinished complaint was deleted after 24 hours without a reply.")


def already_in_progress() -> str:
    return (
        _("You already have a complaint in progress; your answers are saved. Type *%(restart)s* to start again.")
        % _kw()
    )


def cancelled(*, had_answers: bool) -> str:
    if had_answers:
        return _("Your complaint was cancelled and your answers deleted. Type *%(hi)s* to start again.") % _kw()
    return _("There is nothing to cancel. Type *%(hi)s* to report a cyber fraud.") % _kw()


def alerts_joined() -> str:
    return _("✅ You will now get fraud alerts on WhatsApp. Reply *%(stop)s* at any time to stop them.") % _kw()


def alerts_stopped() -> str:
    return _("You will no longer get fraud alerts on WhatsApp. Reply *%(join)s* to get them again.") % _kw()


def sorry_lets_record() -> str:
    return _("I'm sorry this happened. Let's record the details.")


def not_money_loss() -> str:
    return _(
        "This assistant takes complaints about money lost to cyber crime. To report any other cyber crime, "
        "visit %(portal)s or call %(number)s. Type *%(hi)s* if you want to start again."
    ) % (_helpline() | _kw())


def yes_or_no() -> str:
    return _("Please reply *%(yes)s* or *%(no)s*.") % _kw()


def transaction_count_refused() -> str:
    return _("Please reply with a number from 1 to %(max)s. Example: 2") % {"max": MAX_TRANSACTIONS}


def transaction_added(state: ConversationState, number: int) -> str:
    added = _("Transaction %(n)s added.") % {"n": number}
    return added + "\n\n" + summary(state) + "\n\n" + edit_instructions()


def transaction_removed(state: ConversationState, number: int) -> str:
    removed = _("Transaction %(n)s removed; the others were renumbered.") % {"n": number}
    return removed + "\n\n" + summary(state) + "\n\n" + edit_instructions()


def too_many_transactions() -> str:
    return _("A complaint can have at most %(max)s transactions.") % {"max": MAX_TRANSACTIONS}


def no_such_transaction(number: int) -> str:
    return _("There is no transaction %(n)s. Example: %(remove)s 2") % ({"n": number} | _kw())


def last_transaction_stays() -> str:
    return _("A complaint needs at least one transaction; change it with 2.1.x = … instead.")


def edit_not_understood(line: str) -> str:
    return _("I did not understand “%(line)s”.") % {"line": line.strip()[:60]} + " " + edit_instructions()


def edit_refused(serial: str, f: Field, message: str) -> str:
    return f"{serial} {f.label}: {message}"


def edits_applied(state: ConversationState, changes: list[tuple[str, Field, str]]) -> str:
    """One line per (serial, field, stored value) changed, and what to do next (after choosing where the money
    went, which numbers take its details)."""
    lines = [
        _("✔ %(serial)s %(label)s changed to %(value)s")
        % {"serial": serial, "label": f.label, "value": display_value(f.key, value)}
        for serial, f, value in changes
    ]
    for serial, f, value in changes:
        if f.key != "beneficiary_kind" or not value:
            continue
        t = serial.split(".")[1]
        txn = state.transactions[int(t) - 1]
        for detail in shown_txn_fields(txn):
            if detail.sets and not txn.get(detail.key):
                lines.append(
                    _("Type *2.%(t)s.%(n)s = …* to add the %(label)s, e.g. 2.%(t)s.%(n)s = %(example)s")
                    % {"t": t, "n": txn_serial(detail.key, txn), "label": detail.label, "example": detail.example}
                )
    return "\n".join(lines)


def media_received(count: int, *, in_progress: bool) -> str:
    """A photo or PDF arrived (it is fetched and checked in the background)."""
    if in_progress:
        return ngettext(
            "📎 Thank you, I received your file. It will be attached to this complaint.",
            "📎 Thank you, I received your %(count)s files. They will be attached to this complaint.",
            count,
        ) % {"count": count}
    return ngettext(
        "📎 Thank you, I received your file. It is kept with your complaint.",
        "📎 Thank you, I received your %(count)s files. They are kept with your complaint.",
        count,
    ) % {"count": count}


def media_kept_for_next_complaint() -> str:
    return _("It will be attached to the complaint you file next. Type *%(hi)s* to report a cyber fraud.") % _kw()


def media_refused_type(declared_types: list[str]) -> str:
    return _(
        "I can keep only photos (JPG, PNG, WEBP) and PDF files; the file you sent (%(types)s) was not kept. "
        "Please send a screenshot or a PDF instead."
    ) % {"types": ", ".join(t or _("unknown type") for t in declared_types)}


def media_refused_too_many(maximum: int) -> str:
    return _("A complaint can keep at most %(max)s files; the others were not kept.") % {"max": maximum}


def media_refused_after_check(*, too_large: bool, max_megabytes: int) -> str:
    """Sent by the worker when a file fails the checks it can only make after fetching it."""
    if too_large:
        return _(
            "The file you sent is larger than %(max)s MB and was not kept. Please send a smaller screenshot or PDF."
        ) % {"max": max_megabytes}
    return _(
        "The file you sent is not a photo (JPG, PNG, WEBP) or a PDF and was not kept. "
        "Please send a screenshot or a PDF instead."
    )


def alerts_question() -> str:
    return _("Would you like fraud alerts on WhatsApp? Reply *%(yes)s* or *%(no)s*.") % _kw()


def alerts_optin_yes() -> str:
    return _("✅ You will get fraud alerts on WhatsApp. Reply *%(stop)s* at any time to stop them.") % _kw()


def alerts_optin_no() -> str:
    return _("OK, you will not get fraud alerts. Reply *%(join)s* at any time if you change your mind.") % _kw()


def submitted_reply(*, ack_number: str) -> str:
    """The answer after a complaint is saved (the PDF goes with it as media)."""
    return "\n".join(
        [
            _("✅ Your complaint has been registered."),
            _("Acknowledgement number: *%(ack)s*") % {"ack": ack_number},
            _("The PDF of your complaint is attached. Keep it and show it to the police or your bank."),
            _("We will send you updates on this complaint here on WhatsApp (reply *%(stop)s* to stop all messages).")
            % _kw(),
            "",
            _("*What to do next*"),
            _("1. Call %(number)s at once and tell your bank to block the transactions.") % _helpline(),
            _("2. Register the complaint on %(portal)s within 24 hours.") % _helpline(),
            "",
            alerts_question(),
        ]
    )


# --- answers the bot asks about before keeping them ---------------------------------------------------------------


def mobile_offer(number: str) -> str:
    return _("Is *%(number)s* the number to reach you? Reply *%(yes)s*, or type another 10-digit mobile number.") % {
        **_kw(),
        "number": spaced_mobile(number),
    }


def district_noted(name: str) -> str:
    return _("Noted: district *%(district)s*.") % {"district": district_label(name)}


def _numbered(options: list[str]) -> str:
    return "\n".join(f"{n}. {option}" for n, option in enumerate(options, start=1))


def pending_question(pending: dict) -> str:
    """The question about an unsure district or a PIN code in another district (see machine._pending_choice)."""
    typed, choices = pending.get("typed", ""), list(pending.get("choices") or [])
    if pending.get("key") == "pin_code":
        options = [_("Keep %(district)s and PIN code %(pin)s") % {"district": pending["district"], "pin": typed}]
        options += [_("Change the district to %(district)s") % {"district": district_label(c)} for c in choices]
        head = pin_mismatch_warning(typed, pending["district"], choices)
        return "\n".join([head, _numbered(options), _("Reply with the number, or type the PIN code again.")])
    options = [district_label(c) for c in choices]
    if not choices:
        return _(
            "I could not find “%(typed)s” in the list of India's districts. Reply *%(yes)s* to keep it as you typed "
            "it, or type the district again."
        ) % {**_kw(), "typed": typed}
    if pending.get("keep"):
        options.append(_("Keep “%(typed)s” as I typed it") % {"typed": typed})
        head = _("I could not find “%(typed)s” exactly. Did you mean:") % {"typed": typed}
    else:
        head = _("“%(typed)s” is the name of several districts. Which one is yours?") % {"typed": typed}
    hint = _("Reply with the number, or type the district again.")
    if len(choices) == 1:
        hint = _("Reply *%(yes)s* or the number, or type the district again.") % _kw()
    return "\n".join([head, _numbered(options), hint])


def pin_mismatch_warning(pin: str, district: str, pin_districts) -> str:
    return _("⚠ PIN code %(pin)s is in %(pin_districts)s, not in %(district)s.") % {
        "pin": pin,
        "pin_districts": ", ".join(district_label(d) for d in pin_districts),
        "district": district,
    }


def edit_district_unsure(serial: str, f: Field, typed: str, choices) -> str:
    return f"{serial} {f.label}: " + _("did you mean %(choices)s? Type it like this: %(example)s") % {
        "choices": " / ".join(choices),
        "example": f"*{serial} = {choices[0]}*",
    }
