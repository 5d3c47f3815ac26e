"""Fraudster identifiers: the normalised UPI IDs, account numbers, phones and websites of the fraudster's side of
each transaction. Complaints that share one are linked; the case store receives only their keyed hashes.
"""

import hashlib
import hmac
import re
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DecimalField, Max, Min, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from complaints.models import Complaint, FraudsterIdentifier, Transaction
from fraudsafe.phones import phone_in_text
from fraudsafe.vocabulary import BeneficiaryKind

Kind = FraudsterIdentifier.Kind
_HASH_PURPOSE = b"complaints.fraudster-identifier"


def _phone(text: str) -> str:
    """The E.164 form of a phone number inside free text ("Paytm 98765 43210" → "+919876543210"), or ""."""
    return phone_in_text(text)


def _website(text: str) -> str:
    """A website's domain ("quick-loans.example.com/apply" → "quick-loans.example.com"); an app's name lower-case."""
    value = " ".join((text or "").lower().split())
    if " " not in value and "." in value:
        return value.split("/")[0]
    return value


def beneficiary_identifier(payee) -> tuple[str, str] | None:
    """(kind, normalised value) of the account the money went to, from anything with the beneficiary fields (a
    transaction, or a freeze request on its account); None for a merchant or an empty payee."""
    if payee.beneficiary_kind == BeneficiaryKind.UPI and payee.beneficiary_upi:
        return Kind.UPI, payee.beneficiary_upi.lower()
    if payee.beneficiary_kind == BeneficiaryKind.ACCOUNT and payee.beneficiary_account:
        return Kind.ACCOUNT, re.sub(r"\D", "", payee.beneficiary_account)
    if payee.beneficiary_kind == BeneficiaryKind.WALLET and (phone := _phone(payee.beneficiary_wallet)):
        return Kind.PHONE, phone
    return None


def identifiers_of(txn: Transaction) -> list[tuple[str, str]]:
    """(kind, normalised value) of every fraudster identifier of one transaction, without repeats."""
    found: list[tuple[str, str]] = []
    if (payee := beneficiary_identifier(txn)) is not None:
        found.append(payee)
    if txn.fraudster_phone and (phone := _phone(txn.fraudster_phone) or txn.fraudster_phone):
        found.append((Kind.PHONE, phone))
    if txn.fraudster_website and (site := _website(txn.fraudster_website)):
        found.append((Kind.WEBSITE, site[:200]))
    return list(dict.fromkeys(found))


def identifier_hash(kind: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY, 128 bits shown) of one identifier: the same fraudster identifier
    always gives the same hash, and the hash never reveals it. What the case store receives."""
    key = hmac.new(settings.SECRET_KEY.encode(), _HASH_PURPOSE, hashlib.sha256).digest()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def fraudster_keys(txn: Transaction) -> str:
    """ "kind:hash kind:hash …" of one transaction's identifiers (FraudCase.fraudster_keys)."""
    return " ".join(f"{kind}:{identifier_hash(kind, value)}" for kind, value in identifiers_of(txn))


# --- links ----------------------------------------------------------------------------------------------------


def complaint_identifiers_record(*, complaint_id: int) -> None:
    """Makes the complaint's transactions point at exactly their current identifiers and refreshes the counts of
    every identifier that gained or lost one. Idempotent."""
    with transaction.atomic():
        transactions = list(
            Transaction.objects.filter(complaint_id=complaint_id).prefetch_related("fraudster_identifiers")
        )
        wanted = {txn.pk: identifiers_of(txn) for txn in transactions}
        pairs = {pair for found in wanted.values() for pair in found}
        known = _identifiers_for(pairs)
        touched: set[int] = set()
        through = FraudsterIdentifier.transactions.through
        for txn in transactions:
            current = {identifier.pk for identifier in txn.fraudster_identifiers.all()}
            target = {known[pair] for pair in wanted[txn.pk]}
            if current == target:
                continue
            through.objects.filter(transaction_id=txn.pk, fraudsteridentifier_id__in=current - target).delete()
            through.objects.bulk_create(
                [through(transaction_id=txn.pk, fraudsteridentifier_id=pk) for pk in target - current],
                ignore_conflicts=True,
            )
            touched |= current ^ target
        identifiers_recount(identifier_ids=touched)


def _identifiers_for(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    if not pairs:
        return {}
    FraudsterIdentifier.objects.bulk_create(
        [FraudsterIdentifier(kind=kind, value=value) for kind, value in pairs], ignore_conflicts=True
    )
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, value in pairs:
        by_kind[kind].append(value)
    found = {}
    for kind, values in by_kind.items():
        for pk, value in FraudsterIdentifier.objects.filter(kind=kind, value__in=values).values_list("pk", "value"):
            found[(kind, value)] = pk
    return found


def identifiers_recount(*, identifier_ids: Iterable[int]) -> None:
    """Refreshes complaint and transaction counts, amount and first/last seen of these identifiers."""
    ids = list(identifier_ids)
    if not ids:
        return
    rows = FraudsterIdentifier.objects.filter(pk__in=ids).annotate(
        n_complaints=Count("transactions__complaint", distinct=True),
        n_transactions=Count("transactions", distinct=True),
        amount=Coalesce(
            Sum("transactions__amount"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)
        ),
        first=Min("transactions__complaint__created_at"),
        last=Max("transactions__complaint__created_at"),
    )
    for row in rows:
        FraudsterIdentifier.objects.filter(pk=row.pk).update(
            complaint_count=row.n_complaints,
            transaction_count=row.n_transactions,
            amount_total=row.amount,
            first_seen=row.first or row.first_seen,
            last_seen=row.last or row.last_seen,
        )


def complaints_linked_to(*, complaint: Complaint) -> list[tuple[Complaint, list[FraudsterIdentifier]]]:
    """Other complaints sharing at least one fraudster identifier with this one, newest first, each with the
    identifiers they share."""
    shared = FraudsterIdentifier.objects.filter(transactions__complaint=complaint).distinct()
    links: dict[int, dict[int, FraudsterIdentifier]] = defaultdict(dict)
    for identifier in shared:
        for other_id in (
            Transaction.objects.filter(fraudster_identifiers=identifier)
            .exclude(complaint=complaint)
            .values_list("complaint_id", flat=True)
            .distinct()
        ):
            links[other_id][identifier.pk] = identifier
    complaints = Complaint.objects.filter(pk__in=links).select_related("handler").order_by("-created_at", "-pk")
    return [(other, list(links[other.pk].values())) for other in complaints]


def most_reported_identifiers(*, kind: str | None = None) -> QuerySet[FraudsterIdentifier]:
    """Identifiers seen in more than one complaint, most reported first."""
    queryset = FraudsterIdentifier.objects.filter(complaint_count__gt=1)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-complaint_count", "-last_seen")
