"""Reads of the money trail: a bank's requests, a complaint's trail as a tree, overdue requests, the dashboard."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from complaints.access import complaints_workable_by
from complaints.models import Complaint, Transaction
from recovery.models import BankPartner, FreezeEvent, FreezeRequest, UnknownHandle
from recovery.resolution import BankDirectory, beneficiary_from

Status = FreezeRequest.Status
# What a bank's API response reads (recovery.serializers.FreezeRequestOutput), nothing more.
FREEZE_REQUEST_COLUMNS = [
    "id", "ack_number", "layer", "parent", "status", "bank__code", "amount", "occurred_at", "transaction_ref",
    "transaction__fraud_type", "beneficiary_kind", "beneficiary_upi", "beneficiary_account", "beneficiary_ifsc",
    "beneficiary_wallet", "source_bank", "source_account", "sent_at", "ack_due_at", "answer_due_at",
    "acknowledged_at", "answered_at", "bank_reference", "amount_held", "reason",
]  # fmt: skip


def freeze_requests_for_partner(*, partner: BankPartner) -> QuerySet[FreezeRequest]:
    """Every request addressed to one of the partner's banks, oldest first (index: bank, status, sent_at)."""
    return (
        FreezeRequest.objects.filter(bank__in=[bank.pk for bank in partner.banks.all()])
        .select_related("bank", "transaction")
        .only(*FREEZE_REQUEST_COLUMNS)
        .order_by("sent_at", "pk")
    )


def freeze_request_detail(pk: int) -> FreezeRequest:
    return FreezeRequest.objects.select_related("bank", "transaction").only(*FREEZE_REQUEST_COLUMNS).get(pk=pk)


@dataclass
class TrailNode:
    request: FreezeRequest
    children: list["TrailNode"] = field(default_factory=list)
    overdue: str = ""  # "ack" | "answer" | ""


@dataclass
class TransactionTrail:
    transaction: Transaction
    roots: list[TrailNode]
    waiting: str = ""  # why no request was opened ("" when there is one)
    held: Decimal = Decimal(0)


def overdue_kind(request: FreezeRequest, now: datetime) -> str:
    if request.status == Status.SENT and request.ack_due_at <= now:
        return "ack"
    if request.status in FreezeRequest.OPEN and request.answer_due_at <= now:
        return "answer"
    return ""


def money_trail(*, complaint: Complaint, now: datetime | None = None) -> list[TransactionTrail]:
    """Per transaction, its freeze requests as a tree (layer 1 at the root, the layers the money moved on to
    below), oldest first; with why no request exists where there is none."""
    now = now or timezone.now()
    requests = list(
        FreezeRequest.objects.filter(complaint=complaint).select_related("bank").order_by("layer", "sent_at", "pk")
    )
    nodes = {r.pk: TrailNode(r, overdue=overdue_kind(r, now)) for r in requests}
    roots: dict[int, list[TrailNode]] = defaultdict(list)
    for request in requests:
        node = nodes[request.pk]
        if request.parent_id and request.parent_id in nodes:
            nodes[request.parent_id].children.append(node)
        else:
            roots[request.transaction_id].append(node)
    directory = None
    trails = []
    for txn in complaint.transactions.order_by("position"):
        waiting = ""
        if not roots[txn.pk]:
            beneficiary = beneficiary_from(txn.beneficiary)
            if beneficiary is None:
                waiting = "no_beneficiary"
            else:
                directory = directory or BankDirectory.current()
                bank, flag = directory.resolve(beneficiary)
                is_open = complaint.status in (Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS)
                later = "not_opened" if is_open else "closed"  # known bank, no request: not yet, or too late
                waiting = "unknown_bank" if flag else ("no_ifsc" if bank is None else later)
        held = sum((r.amount_held for r in requests if r.transaction_id == txn.pk), Decimal(0))
        trails.append(TransactionTrail(transaction=txn, roots=roots[txn.pk], waiting=waiting, held=held))
    return trails


def answer_notes(*, complaint: Complaint) -> dict[int, str]:
    """The latest answer note of each answered request of the complaint (moved-on details, unknown banks)."""
    notes = {}
    for request_id, note in (
        FreezeEvent.objects.filter(request__complaint=complaint, kind=FreezeEvent.Kind.ANSWERED)
        .order_by("created_at", "pk")
        .values_list("request_id", "note")
    ):
        notes[request_id] = note
    return notes


def overdue_requests(*, user, now: datetime | None = None) -> QuerySet[FreezeRequest]:
    """Open requests past a deadline: all of them for admins, those of the attender's complaints otherwise."""
    now = now or timezone.now()
    queryset = FreezeRequest.objects.filter(
        Q(status=Status.SENT, ack_due_at__lte=now) | Q(status__in=FreezeRequest.OPEN, answer_due_at__lte=now)
    ).select_related("bank", "complaint__handler")
    return queryset.filter(complaint__in=complaints_workable_by(user=user)).order_by("answer_due_at", "pk")


@dataclass
class BankTimes:
    code: str
    name: str
    requests: int
    answered: int
    held: Decimal
    median_ack_minutes: float | None
    median_answer_minutes: float | None


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def dashboard(*, days: int = 90, now: datetime | None = None) -> dict:
    """Amount reported (complaint transactions) against amount held, and per bank how many requests it got and
    its median acknowledgement and answer times (from the time the request was sent), over the last `days`."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    money = DecimalField(max_digits=16, decimal_places=2)
    reported = Transaction.objects.filter(complaint__created_at__gte=since).aggregate(
        total=Coalesce(Sum("amount"), Value(0), output_field=money)
    )["total"]
    requests = FreezeRequest.objects.filter(sent_at__gte=since)
    held = requests.aggregate(total=Coalesce(Sum("amount_held"), Value(0), output_field=money))["total"]
    per_bank: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"n": 0, "answered": 0, "held": Decimal(0), "ack": [], "answer": []}
    )
    rows = requests.exclude(status=Status.CANCELLED).values_list(
        "bank__code", "bank__name", "sent_at", "acknowledged_at", "answered_at", "amount_held"
    )
    for code, name, sent_at, acknowledged_at, answered_at, amount_held in rows.iterator():
        entry = per_bank[(code, name)]
        entry["n"] += 1
        entry["held"] += amount_held or 0
        if acknowledged_at:
            entry["ack"].append(_minutes(acknowledged_at - sent_at))
        if answered_at:
            entry["answered"] += 1
            entry["answer"].append(_minutes(answered_at - sent_at))
    banks = [
        BankTimes(
            code=code,
            name=name,
            requests=entry["n"],
            answered=entry["answered"],
            held=entry["held"],
            median_ack_minutes=statistics.median(entry["ack"]) if entry["ack"] else None,
            median_answer_minutes=statistics.median(entry["answer"]) if entry["answer"] else None,
        )
        for (code, name), entry in per_bank.items()
    ]
    banks.sort(key=lambda b: (-b.requests, b.name))
    open_count = requests.filter(status__in=FreezeRequest.OPEN).count()
    return {
        "days": days,
        "reported": reported,
        "held": held,
        "held_share": (held / reported * 100) if reported else Decimal(0),
        "requests": sum(b.requests for b in banks),
        "open": open_count,
        "banks": banks,
        "unknown_handles": UnknownHandle.objects.filter(resolved_at__isnull=True).order_by("-times_seen")[:10],
    }
