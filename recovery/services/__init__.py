"""Writes of the money trail: freeze requests opened for beneficiaries, the banks' answers, staff actions.

States: sent → acknowledged → on hold (amount held) | moved on (opens a request to the next bank: a new layer) |
not found | rejected (reason). Staff may cancel an open request, send one again, or add a layer by hand.
Callbacks to banks and the victim's notice go out after commit.

Split by topic (issue 21.8): common.py (states, FreezeConflict, deadlines, history), opening.py, answers.py (the
bank's answers), staff.py (staff actions). Import from `recovery.services` as before.
"""

from recovery.services.answers import MovedOn, freeze_request_acknowledge, freeze_request_answer
from recovery.services.common import FreezeConflict, callbacks_queue, deadlines
from recovery.services.opening import freeze_requests_open, freeze_requests_open_waiting
from recovery.services.staff import (
    bank_partner_set_callback,
    freeze_request_add_layer,
    freeze_request_cancel,
    freeze_request_resend,
)

__all__ = [
    "FreezeConflict",
    "MovedOn",
    "bank_partner_set_callback",
    "callbacks_queue",
    "deadlines",
    "freeze_request_acknowledge",
    "freeze_request_add_layer",
    "freeze_request_answer",
    "freeze_request_cancel",
    "freeze_request_resend",
    "freeze_requests_open",
    "freeze_requests_open_waiting",
]
