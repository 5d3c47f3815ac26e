"""Escalation emails to staff: one email per person per run, listing every line that concerns them.

The freeze escalation, the restitution clocks and the breach register build their lines; this module picks the
people (active admins, the complaint's handler, configured extra addresses) and sends the digest. Sending is best
effort: the console and the admin still show what is overdue when the mail server is down.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from accounts.models import User

logger = logging.getLogger(__name__)


def admin_emails() -> set[str]:
    """The addresses of every active admin (role or superuser)."""
    admins = User.objects.filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(email="")
    return set(admins.values_list("email", flat=True))


def escalation_people(*, admins: set[str], handler: User | None = None, extra: Iterable[str] = ()) -> set[str]:
    """Who hears about one overdue item: the admins, the active handler of its complaint, the extra addresses."""
    people = set(admins) | set(extra)
    if handler is not None and handler.is_active and handler.email:
        people.add(handler.email)
    return people - {""}


class Digest:
    """Lines gathered per person, then sent as one email each."""

    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = defaultdict(list)

    def add(self, line: str, people: Iterable[str]) -> None:
        for person in people:
            self.lines[person].append(line)

    def send(self, *, subject: str, intro: str) -> int:
        """Sends one email per person (subject and intro already translated); returns how many were handed over."""
        messages = [
            EmailMessage(subject, intro + "\n\n" + "\n".join(f"- {line}" for line in lines), to=[person])
            for person, lines in sorted(self.lines.items())
        ]
        if not messages:
            return 0
        try:
            return get_connection().send_messages(messages) or 0
        except Exception:  # noqa: BLE001 - what is overdue stays visible on the console; the email is best effort
            logger.exception("escalation emails not sent (%s)", subject)
            return 0
