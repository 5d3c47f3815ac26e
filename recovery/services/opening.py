"""Opening freeze requests: for a complaint's transactions, and for requests that waited on an unknown bank."""

import logging
from collections import defaultdict
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.models import Transaction
from recovery.models import FreezeEvent, FreezeRequest, UnknownHandle
from recovery.resolution import BankDirectory, beneficiary_from, unknown_handles_flag
from recovery.services.common import (
    OPEN_COMPLAINT,
    Status,
    _after_commit_push,
    _cancel,
    deadlines,
)

logger = logging.getLogger(__name__)


def freeze_requests_open(
    *,
    complaint_ids: list[int] | None = None,
    transaction_ids: list[int] | None = None,
    by: User | None = None,
    now: datetime | None = None,
) -> list[FreezeRequest]:
    """Opens a first-layer freeze request for every transaction (of open complaints) whose beneficiary resolves to
    a bank and has no live request yet; open requests to a beneficiary the transaction no longer names are
    cancelled (the details were corrected). Idempotent; batched (a few queries whatever the number of complaints).

    Unknown UPI handles and bank codes are flagged for the admins. Returns the new requests.
    """
    now = now or timezone.now()
    try:
        return _open(complaint_ids=complaint_ids, transaction_ids=transaction_ids, by=by, now=now)
    except IntegrityError:  # a concurrent run opened one of them first: read again, open the rest
        return _open(complaint_ids=complaint_ids, transaction_ids=transaction_ids, by=by, now=now)


def _open(*, complaint_ids, transaction_ids, by, now: datetime) -> list[FreezeRequest]:
    transactions = (
        Transaction.objects.filter(complaint__status__in=OPEN_COMPLAINT).select_related("complaint").order_by()
    )
    if complaint_ids is not None:
        transactions = transactions.filter(complaint_id__in=complaint_ids)
    if transaction_ids is not None:
        transactions = transactions.filter(pk__in=transaction_ids)
    transactions = list(transactions)
    live: dict[int, list[FreezeRequest]] = defaultdict(list)
    for request in (
        FreezeRequest.objects.filter(transaction_id__in=[t.pk for t in transactions], parent__isnull=True)
        .exclude(status=Status.CANCELLED)
        .order_by()
    ):
        live[request.transaction_id].append(request)
    directory = BankDirectory.current()
    new, superseded, flags = [], [], []
    for txn in transactions:
        beneficiary = beneficiary_from(txn.beneficiary)
        key = beneficiary.key if beneficiary else ""
        superseded += [r for r in live[txn.pk] if r.identifier_key != key and r.is_open]
        if beneficiary is None or any(r.identifier_key == key for r in live[txn.pk]):
            continue
        bank, flag = directory.resolve(beneficiary)
        if flag:
            flags.append(flag)
        if bank is None:
            continue
        new.append(
            FreezeRequest(
                complaint=txn.complaint,
                transaction=txn,
                layer=1,
                bank=bank,
                identifier_key=key,
                amount=txn.amount,
                occurred_at=txn.occurred_at,
                transaction_ref=txn.transaction_id,
                source_bank=txn.bank,
                source_account=txn.account_number,
                ack_number=txn.complaint.ack_number,
                sent_at=now,
                created_by=by if getattr(by, "pk", None) else None,
                created_at=now,
                **beneficiary.as_fields(),
                **deadlines(now),
            )
        )
    if not (new or superseded or flags):
        return []
    with transaction.atomic():
        for request in superseded:
            _cancel(request, by=by, reason=_("The beneficiary details were corrected."), now=now)
        created = FreezeRequest.objects.bulk_create(new, batch_size=1000) if new else []
        FreezeEvent.objects.bulk_create(
            [FreezeEvent(request=r, kind=FreezeEvent.Kind.CREATED, actor=r.created_by, created_at=now) for r in created]
        )
        if flags:
            unknown_handles_flag(flags)
        _after_commit_push(created, event="freeze_request.created")
    return created


def freeze_requests_open_waiting(*, kind: str, value: str) -> list[FreezeRequest]:
    """A handle or bank code was added to the mapping: opens the requests that were waiting for it (transactions
    of open complaints naming it) and marks the flag resolved."""
    transactions = Transaction.objects.filter(complaint__status__in=OPEN_COMPLAINT)
    if kind == UnknownHandle.Kind.UPI:
        transactions = transactions.filter(beneficiary_kind="upi", beneficiary_upi__iendswith="@" + value)
    elif kind == UnknownHandle.Kind.IFSC:
        transactions = transactions.filter(beneficiary_kind="account", beneficiary_ifsc__istartswith=value)
    else:
        transactions = transactions.filter(beneficiary_kind="wallet", beneficiary_wallet__icontains=value)
    UnknownHandle.objects.filter(kind=kind, value=value, resolved_at__isnull=True).update(resolved_at=timezone.now())
    return freeze_requests_open(transaction_ids=list(transactions.values_list("pk", flat=True)))
