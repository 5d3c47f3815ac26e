"""Celery tasks of complaint intake (thin: each calls one service)."""

from celery import shared_task
from django.conf import settings

from complaints.evidence import EvidenceFetchTemporaryError, evidence_fetch
from complaints.receipt_reading import receipt_read, receipt_reply_send
from complaints.services import complaint_pdf_refresh, conversation_sessions_purge
from fraudsafe.channels import ChannelTemporaryError


@shared_task(acks_late=True)
def conversation_sessions_purge_task() -> int:
    return conversation_sessions_purge()


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(EvidenceFetchTemporaryError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_kwargs={"max_retries": settings.COMPLAINTS_EVIDENCE_FETCH_RETRIES},
)
def evidence_fetch_task(self, evidence_id: int) -> str:
    return evidence_fetch(evidence_id=evidence_id, last_attempt=self.request.retries >= self.max_retries)


@shared_task(acks_late=True)
def complaint_pdf_refresh_task(complaint_id: int) -> None:
    complaint_pdf_refresh(complaint_id=complaint_id)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(EvidenceFetchTemporaryError,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_kwargs={"max_retries": settings.COMPLAINTS_EVIDENCE_FETCH_RETRIES},
)
def receipt_read_task(self, evidence_id: int) -> str:
    return receipt_read(evidence_id=evidence_id, last_attempt=self.request.retries >= self.max_retries)


@shared_task(
    acks_late=True,
    autoretry_for=(ChannelTemporaryError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_kwargs={"max_retries": 5},
)
def receipt_reply_send_task(phone: str, body: str, evidence_id: int | None = None) -> str:
    return receipt_reply_send(phone=phone, body=body, evidence_id=evidence_id)
