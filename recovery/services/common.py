"""Shared by the money trail's writes: states, the conflict error, deadlines, locking, history, pushes."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.models import Complaint
from recovery.callbacks import callback_deliveries_create
from recovery.models import BankPartner, FreezeEvent, FreezeRequest

logger = logging.getLogger(__name__)

Status = FreezeRequest.Status
OPEN_COMPLAINT = (Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS)


class FreezeConflict(Exception):
    """The request is not in a state that allows this (e.g. answered already): the API answers 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def deadlines(sent_at: datetime) -> dict[str, datetime]:
    return {
        "ack_due_at": sent_at + timedelta(minutes=settings.RECOVERY_ACK_MINUTES),
        "answer_due_at": sent_at + timedelta(minutes=settings.RECOVERY_ANSWER_MINUTES),
    }


def _locked(request_id: int, *, partner: BankPartner | None = None) -> FreezeRequest:
    queryset = FreezeRequest.objects.select_for_update().select_related("bank", "complaint")
    if partner is not None:
        queryset = queryset.filter(bank__in=partner.banks.all())
    return queryset.get(pk=request_id)


def _event(request, kind, *, partner=None, actor=None, note="", now=None) -> None:
    FreezeEvent.objects.create(
        request=request,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        partner=str(partner) if partner else "",
        note=note,
        created_at=now or timezone.now(),
    )


def _after_commit_push(requests: list[FreezeRequest], *, event: str) -> None:
    ids = [r.pk for r in requests]
    if ids:
        transaction.on_commit(lambda: callbacks_queue(request_ids=ids, event=event))


def callbacks_queue(*, request_ids: list[int], event: str) -> int:
    """Creates a callback delivery per request for every bank partner with a callback URL that answers for the
    request's bank, and queues their sending. Returns how many were queued."""
    return callback_deliveries_create(request_ids=request_ids, event=event)


def _cancel(request: FreezeRequest, *, by, reason: str, now: datetime) -> None:
    request.status, request.reason = Status.CANCELLED, reason
    request.save(update_fields=["status", "reason", "updated_at"])
    _event(request, FreezeEvent.Kind.CANCELLED, actor=by, note=reason, now=now)
    _after_commit_push([request], event="freeze_request.cancelled")
