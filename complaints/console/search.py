"""Finding a complaint from the console's search box: who finds what.

- An exact acknowledgement number (FS-2026-000006, case and dashes optional) or the caller's phone number finds
  the complaint for every attender, whoever handles it: the victim is on the line. Such a complaint opens through
  a signed, expiring lookup link (CONSOLE_LOOKUP_MAX_AGE), read-only and with numbers masked until claimed
  (fraudsafe.masking decides).
- Everything else (name, transaction ID / UTR, account number, district, part of an acknowledgement number)
  searches only what the user may see anyway: admins every complaint, attenders their own and the unassigned.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.db.models import Q

from accounts.models import User
from complaints.access import complaints_visible_to
from complaints.models import Complaint, ack_number_format
from complaints.priority import PRIORITY_ORDER, with_priority
from complaints.selectors import with_totals
from fraudsafe.districts import district_lookup
from fraudsafe.phones import phone_parse

LOOKUP_SALT = "complaints.console.lookup"
MAX_RESULTS = 100
_ACK = re.compile(r"^fs[\s-]*(\d{4})[\s-]*(\d{1,9})$", re.IGNORECASE)
_PHONE_CHARS = re.compile(r"^\+?[\d\s()-]{10,16}$")


@dataclass
class SearchResult:
    query: str
    kind: str  # "ack", "phone", "text" or "" (nothing typed)
    complaints: list[Complaint] = field(default_factory=list)
    looked_up: set[int] = field(default_factory=set)  # found by an exact identifier, opened through a lookup link
    truncated: bool = False


def ack_from_query(text: str) -> str | None:
    """ "fs-2026-6", "FS 2026 000006" → "FS-2026-000006"; None when the text is not an acknowledgement number."""
    match = _ACK.match(text.strip())
    if not match:
        return None
    return ack_number_format(int(match.group(1)), int(match.group(2)))


def phone_from_query(text: str):
    """A valid phone number typed in any usual way ("98765 43210", "+91 98765-43210"), else None."""
    if not _PHONE_CHARS.match(text.strip()):
        return None
    return phone_parse(re.sub(r"[\s()-]", "", text))


def complaints_search(*, user: User, query: str) -> SearchResult:
    """The complaints `query` finds for `user` (highest priority first), and which of them are lookups."""
    query = " ".join((query or "").split())[:100]
    if not query:
        return SearchResult(query="", kind="")
    everyone = Complaint.objects.select_related("handler", "citizen")
    visible = complaints_visible_to(user=user)
    ack = ack_from_query(query)
    phone = None if ack else phone_from_query(query)
    found_ids: set[int] = set()
    looked_up: set[int] = set()
    if ack:
        kind = "ack"
        looked_up = set(everyone.filter(ack_number=ack).values_list("pk", flat=True))
        found_ids |= looked_up
    elif phone is not None:
        kind = "phone"
        national = str(phone.national_number)
        looked_up = set(
            everyone.filter(Q(citizen__phone=phone.as_e164) | Q(mobile=national)).values_list("pk", flat=True)
        )
        found_ids |= looked_up
        # A run of digits may also be an account number or a UTR: those stay within what the user may see.
        digits = re.sub(r"\D", "", query)
        found_ids |= set(
            visible.filter(
                Q(transactions__account_number=digits) | Q(transactions__transaction_id__iexact=digits)
            ).values_list("pk", flat=True)
        )
    else:
        kind = "text"
        condition = (
            Q(ack_number__icontains=query)
            | Q(name__icontains=query)
            | Q(district__icontains=query)
            | Q(transactions__transaction_id__icontains=query)
        )
        district = district_lookup(query)
        if district.name:
            condition |= Q(district__iexact=district.name)
        digits = re.sub(r"[\s-]", "", query)
        if digits.isdigit() and len(digits) >= 4:
            condition |= Q(transactions__account_number__icontains=digits) | Q(mobile__icontains=digits)
        found_ids |= set(visible.filter(condition).values_list("pk", flat=True)[: MAX_RESULTS + 1])
    visible_ids = set(visible.filter(pk__in=found_ids).values_list("pk", flat=True))
    rows = list(
        with_priority(with_totals(everyone.filter(pk__in=found_ids))).order_by(*PRIORITY_ORDER)[: MAX_RESULTS + 1]
    )
    return SearchResult(
        query=query,
        kind=kind,
        complaints=rows[:MAX_RESULTS],
        looked_up=(looked_up - visible_ids),
        truncated=len(rows) > MAX_RESULTS,
    )


# --- lookup links: a complaint found by an exact identifier, opened by an attender who does not handle it --------


def lookup_token(*, user: User, complaint_id: int) -> str:
    return signing.TimestampSigner(salt=LOOKUP_SALT).sign(f"{user.pk}:{complaint_id}")


def lookup_allows(*, user: User, complaint_id: int, token: str) -> bool:
    """True when `token` is this user's lookup link to this complaint and has not expired."""
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=LOOKUP_SALT).unsign(token, max_age=settings.CONSOLE_LOOKUP_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == f"{user.pk}:{complaint_id}"
