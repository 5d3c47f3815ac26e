"""Complaints as cases of the fraud-pattern analysis: each transaction is one case in the case store.

The case store (patterns) receives cases and never reads complaints; this module is the one that sends them,
with keyed hashes of the fraudster's identifiers (never the identifiers), from which campaigns counts complaints
per fraudster identifier per hour.
"""

import logging

from django.db import transaction

from complaints.identifiers import fraudster_keys
from complaints.models import Complaint
from fraudsafe.vocabulary import FraudCategory, fraud_type_normalise
from patterns.models import FraudCase
from patterns.services import district_normalise, fraud_cases_replace

logger = logging.getLogger(__name__)


def complaint_cases_record(*, complaint_id: int) -> int:
    """Upserts one case per transaction of the complaint (ref "<ack>/<position>") and drops removed ones.

    Idempotent; returns the number of the complaint's transactions recorded.
    """
    complaint = Complaint.objects.select_related("citizen").get(pk=complaint_id)
    cases = [
        {
            "source_ref": f"{complaint.ack_number}/{tx.position}",
            "occurred_at": tx.occurred_at,
            "district": district_normalise(complaint.district),
            "area": " ".join(str(complaint.citizen.area or "").split())[:100],
            "fraud_type": fraud_type_normalise(tx.fraud_type),
            "category": FraudCategory.FINANCIAL,
            "amount": tx.amount,
            "reporter_hash": "",
            "fraudster_keys": fraudster_keys(tx),
        }
        for tx in complaint.transactions.order_by("position")
    ]
    fraud_cases_replace(source=FraudCase.Source.COMPLAINT, ref_prefix=f"{complaint.ack_number}/", cases=cases)
    return len(cases)


def complaint_cases_record_on_commit(*, complaint_id: int) -> None:
    """After the surrounding transaction commits, tells the case store; a failure there never fails a complaint."""

    def record() -> None:
        try:
            complaint_cases_record(complaint_id=complaint_id)
        except Exception:  # noqa: BLE001 - the case store must never fail a complaint; backfill_cases repairs it
            logger.warning("fraud case store not updated for complaint %s", complaint_id, exc_info=True)

    transaction.on_commit(record)


def complaint_cases_backfill(*, batch_size: int = 500, progress=None) -> int:
    """Records the cases of every complaint (idempotent); returns the number of complaints processed."""
    done = 0
    for complaint_id in Complaint.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=batch_size):
        complaint_cases_record(complaint_id=complaint_id)
        done += 1
        if progress and done % batch_size == 0:
            progress(done)
    return done
