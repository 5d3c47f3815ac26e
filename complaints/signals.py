"""What complaints tells the apps above it, without knowing them (they connect in their AppConfig.ready()).

complaint_submitted and beneficiary_changed are sent after the surrounding transaction has committed
(`send_after_commit`), so a receiver reads committed rows, and a failing receiver is logged and never undoes the
complaint.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

from complaints.models import Complaint

logger = logging.getLogger(__name__)

# A complaint was filed (WhatsApp intake): `complaint_id`.
complaint_submitted = Signal()

# Staff changed the fraudster's side of a transaction (beneficiary, fraudster's phone or website):
# `complaint_id`, `transaction_id`, `by` (the staff user).
beneficiary_changed = Signal()

# A citizen asked the bot for a copy, the correction or the erasure of their data (DPDP): `phone`, `kind`
# ("access" | "correction" | "erasure"), `language`. Sent at once, inside the message's transaction (the request
# is recorded with the reply); a receiver returns a `complaints.services.BotReply`-like object (`body`,
# `media_urls`) the bot adds to its answer.
data_request_received = Signal()


def send_after_commit(signal: Signal, **kwargs) -> None:
    """Sends `signal` (sender: the Complaint model) once the current transaction commits; receivers' errors are
    logged, never raised."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=Complaint, **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of a complaints signal failed", receiver, exc_info=result)

    transaction.on_commit(send)
