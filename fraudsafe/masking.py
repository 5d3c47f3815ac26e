"""Masking of personal data (phone, account, Aadhaar numbers) for logs and for non-staff readers."""

import logging
import re

# Runs of 9+ digits (optionally with +, spaces or dashes inside) are account, phone or Aadhaar numbers.
# A run glued to a word by a dash is a reference such as FS-2026-000123 (an acknowledgement number): kept.
_LONG_NUMBER = re.compile(r"(?<![\w-])\+?\d(?:[\d\s-]{7,}\d)(?![\w])")


def _mask_digits(text: str, keep: int = 4) -> str:
    digits = [c for c in text if c.isdigit()]
    if len(digits) < 9:
        return text
    to_hide = len(digits) - keep
    out, hidden = [], 0
    for char in text:
        if char.isdigit() and hidden < to_hide:
            out.append("X")
            hidden += 1
        else:
            out.append(char)
    return "".join(out)


def mask_phone(phone: object) -> str:
    """+919876543210 → +91XXXXXX3210 (country code and last four kept)."""
    text = str(phone or "")
    if text.startswith("+") and len(text) > 7:
        return text[:3] + "X" * (len(text) - 7) + text[-4:]
    return _mask_digits(text)


def mask_account(number: object) -> str:
    """123456789012 → XXXXXXXX9012."""
    text = str(number or "")
    return "X" * max(len(text) - 4, 0) + text[-4:]


def mask_email(email: object) -> str:
    text = str(email or "")
    local, _, domain = text.partition("@")
    if not domain:
        return mask_account(text)
    return (local[:1] + "***@" + domain) if local else text


def mask_name(name: object) -> str:
    """Asha Rao → A*** R*** (initials only)."""
    return " ".join(word[:1] + "***" for word in str(name or "").split())


def mask_place(place: object) -> str:
    """An area or address line → its first letter only (Hinjewadi → H***)."""
    text = str(place or "").strip()
    return text[:1] + "***" if text else ""


def mask_pin(pin: object) -> str:
    """411057 → 411XXX: the first three digits name the postal district only."""
    text = str(pin or "")
    return text[:3] + "X" * max(len(text) - 3, 0)


def mask_date(value: object) -> str:
    """A date of birth → XX-XX-XXXX: not even the year is told."""
    return re.sub(r"\d", "X", str(value or ""))


_ANYONES = object()
_MASKERS = {
    "date": mask_date,
    "text": lambda text: mask_text(str(text)),
    "phone": mask_phone,
    "account": mask_account,
    "email": mask_email,
    "name": mask_name,
    "place": mask_place,
    "pin": mask_pin,
}


def sees_personal_data(viewer, *, handler_id=_ANYONES) -> bool:
    """The masking policy, in one place: who sees full phone, account and email numbers, names and addresses.

    A complaint's data is decided by `complaints.access` (can_work); this is the policy for the apps below it.
    Inactive staff never do. Helpline admins always do. Attenders do for data that belongs to no case, and for a
    case's data only when they handle it (pass the case's `handler_id`, None when unassigned). Partners and
    anonymous callers never do.
    """
    if not getattr(viewer, "is_active", False):
        return False
    if getattr(viewer, "is_helpline_admin", False):
        return True
    if not getattr(viewer, "is_attender", False):
        return False
    return handler_id is _ANYONES or (handler_id is not None and handler_id == viewer.pk)


def shown(value: object, *, kind: str, viewer, handler_id=_ANYONES) -> str:
    """`value` as this viewer may see it: in full, or masked as a `kind` ("phone", "account", "email", "name",
    "place" or "pin")."""
    text = str(value or "")
    if not text or sees_personal_data(viewer, handler_id=handler_id):
        return text
    return _MASKERS[kind](text)


def mask_as(text: str, *, kind: str) -> str:
    """`text` masked as a `kind` (see `shown`)."""
    return _MASKERS[kind](text)


def mask_text(text: str) -> str:
    """Every long digit run in free text masked, last four kept."""
    return _LONG_NUMBER.sub(lambda m: _mask_digits(m.group(0)), text)


class MaskPersonalDataFilter(logging.Filter):
    """Rewrites each record's final message so no handler ever writes a full phone/account/Aadhaar number."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not drop the record
            return True
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
