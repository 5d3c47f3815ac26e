"""Evidence the victim sends in the conversation (photos and PDFs): received with the message, fetched from
Twilio by a worker with the account's credentials, checked by content and kept privately with the complaint.

Files that arrive before the complaint exists belong to the conversation (the phone) and are attached when it is
submitted; files sent after filing are added to the phone's latest recent complaint. Nothing here is public:
staff open files through an authorised console view.
"""

import hashlib
import io
import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import Citizen
from alerts.whatsapp import whatsapp_send_free_form
from complaints.conversation import ABANDON_AFTER, texts
from complaints.models import Complaint, Evidence
from fraudsafe.masking import mask_phone
from fraudsafe.tasking import task_enqueue

logger = logging.getLogger(__name__)

DECLARED_TYPES = ("image/", "application/pdf")  # what Twilio says; checked again on the bytes
KEPT = {"image/jpeg", "image/png", "image/webp", "application/pdf"}
CHUNK = 64 * 1024


class EvidenceFetchTemporaryError(Exception):
    """Twilio did not answer, or answered 5xx / 429: the worker tries again with backoff."""


def content_type_of(head: bytes) -> str:
    """The type of a file from its first bytes (magic numbers), never from what the sender claims; "" if none."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.lstrip(b"\r\n\t ")[:5] == b"%PDF-":
        return "application/pdf"
    return ""


def media_from_twilio(post: dict) -> list[tuple[str, str]]:
    """[(MediaUrl{i}, MediaContentType{i})] of a Twilio webhook form (NumMedia of them, at most 10)."""
    try:
        count = min(int(post.get("NumMedia", "0") or 0), 10)
    except ValueError:
        return []
    media = []
    for i in range(count):
        url = str(post.get(f"MediaUrl{i}", "")).strip()
        if url:
            media.append((url, str(post.get(f"MediaContentType{i}", "")).strip().lower()[:100]))
    return media


def _fetchable(url: str) -> bool:
    """Only Twilio's own HTTPS media addresses are fetched (the credentials go nowhere else)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == allowed or host.endswith("." + allowed) for allowed in settings.COMPLAINTS_EVIDENCE_HOSTS
    )


def evidence_target(*, phone: str, in_progress: bool, now: datetime) -> Complaint | None:
    """Where files sent now go: None (the conversation) while a complaint is being filed, else the phone's
    latest complaint filed within COMPLAINTS_EVIDENCE_ATTACH_DAYS (None when there is none)."""
    if in_progress:
        return None
    since = now - timedelta(days=settings.COMPLAINTS_EVIDENCE_ATTACH_DAYS)
    return Complaint.objects.filter(citizen__phone=phone, created_at__gte=since).order_by("-created_at", "-pk").first()


def evidence_receive(
    *,
    phone: str,
    message_sid: str,
    media: list[tuple[str, str]],
    complaint: Complaint | None,
    now: datetime,
    read_first: bool = False,
) -> tuple[int, list[str], bool, int | None]:
    """Records the files of one message and queues their fetch (after commit).

    Returns (accepted, refused declared types, some refused for being too many, the id of the image queued to be
    read as a receipt). `read_first`: the first accepted image is fetched by the receipt reader instead. Wrong
    declared types are refused at once; the real type and the size are checked by the worker.
    """
    owned = Evidence.objects.filter(complaint=complaint) if complaint else _conversation_evidence(phone, now)
    room = settings.COMPLAINTS_EVIDENCE_MAX_FILES - owned.exclude(status=Evidence.Status.REFUSED).count()
    accepted, refused, too_many = [], [], False
    for index, (url, declared) in enumerate(media):
        row = Evidence(
            phone=phone,
            complaint=complaint,
            message_sid=message_sid,
            index=index,
            media_url=url[:500],
            declared_type=declared,
            received_at=now,
        )
        if not declared.startswith(DECLARED_TYPES) or not _fetchable(url):
            row.status, row.refusal = Evidence.Status.REFUSED, Evidence.Refusal.TYPE
            refused.append(declared)
        elif len(accepted) >= room:
            row.status, row.refusal = Evidence.Status.REFUSED, Evidence.Refusal.TOO_MANY
            too_many = True
        else:
            accepted.append(row)
        row.save()
    reading = next((row for row in accepted if row.declared_type.startswith("image/")), None) if read_first else None
    for row in accepted:
        task = "complaints.tasks.receipt_read_task" if row is reading else "complaints.tasks.evidence_fetch_task"
        task_enqueue(task, row.pk, on_commit=True)
    return len(accepted), refused, too_many, reading.pk if reading else None


def _conversation_evidence(phone: str, now: datetime):
    return Evidence.objects.filter(phone=phone, complaint__isnull=True, received_at__gte=now - ABANDON_AFTER)


def evidence_attach(*, phone: str, complaint: Complaint, now: datetime | None = None) -> int:
    """Gives the conversation's files (those received within the last 24 hours) to the submitted complaint."""
    now = now or timezone.now()
    return _conversation_evidence(phone, now).update(complaint=complaint)


def evidence_fetch(*, evidence_id: int, last_attempt: bool = False) -> str:
    """Fetches one pending file from Twilio (HTTP basic auth with the account SID and token), checks its size
    and its type by content, and stores it privately. Returns the new status.

    Raises EvidenceFetchTemporaryError on network errors, 429 and 5xx (the task retries), unless this is the
    `last_attempt`: then the file is marked failed. A refused file is told to the victim on WhatsApp; a stored
    file of a submitted complaint has its PDF re-rendered.
    """
    try:
        return _fetch(evidence_id)
    except EvidenceFetchTemporaryError as exc:
        if not last_attempt:
            raise
        row = Evidence.objects.filter(pk=evidence_id, status=Evidence.Status.PENDING).first()
        return _finish(row, Evidence.Status.FAILED, error=str(exc)) if row else ""


def _fetch(evidence_id: int) -> str:
    row = Evidence.objects.filter(pk=evidence_id).first()
    if row is None or row.status != Evidence.Status.PENDING:
        return row.status if row else ""
    Evidence.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
    limit = settings.COMPLAINTS_EVIDENCE_MAX_BYTES
    try:
        with requests.get(
            row.media_url,
            auth=(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN),
            stream=True,
            timeout=settings.COMPLAINTS_EVIDENCE_FETCH_TIMEOUT,
        ) as response:
            if response.status_code == 429 or response.status_code >= 500:
                raise EvidenceFetchTemporaryError(f"Twilio answered {response.status_code}")
            if response.status_code >= 400:
                return _finish(row, Evidence.Status.FAILED, error=f"Twilio answered {response.status_code}")
            declared_length = int(response.headers.get("Content-Length") or 0)
            if declared_length > limit:
                return _finish(row, Evidence.Status.REFUSED, refusal=Evidence.Refusal.TOO_LARGE)
            buffer, size = io.BytesIO(), 0
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > limit:
                    return _finish(row, Evidence.Status.REFUSED, refusal=Evidence.Refusal.TOO_LARGE)
                buffer.write(chunk)
    except requests.RequestException as exc:
        raise EvidenceFetchTemporaryError(type(exc).__name__) from exc
    content = buffer.getvalue()
    content_type = content_type_of(content[:16])
    if content_type not in KEPT:
        return _finish(row, Evidence.Status.REFUSED, refusal=Evidence.Refusal.TYPE)
    row.content_type, row.size = content_type, len(content)
    row.sha256 = hashlib.sha256(content).hexdigest()
    row.file.save("evidence", ContentFile(content), save=False)
    return _finish(row, Evidence.Status.STORED)


def _finish(row: Evidence, status: str, *, refusal: str = "", error: str = "") -> str:
    now = timezone.now()
    with transaction.atomic():
        updated = Evidence.objects.filter(pk=row.pk, status=Evidence.Status.PENDING).update(
            status=status,
            refusal=refusal,
            error=error[:300],
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            file=row.file.name or "",
            fetched_at=now,
        )
        if not updated:  # fetched twice at once: the other fetch decided
            if row.file.name:
                row.file.storage.delete(row.file.name)
            return Evidence.objects.get(pk=row.pk).status
        complaint_id = Evidence.objects.values_list("complaint_id", flat=True).get(pk=row.pk)
        if status == Evidence.Status.STORED and complaint_id:
            task_enqueue("complaints.tasks.complaint_pdf_refresh_task", complaint_id, on_commit=True)
    if status == Evidence.Status.REFUSED:
        _tell_refused(row, too_large=refusal == Evidence.Refusal.TOO_LARGE)
    logger.info("evidence %s from %s: %s %s", row.pk, mask_phone(row.phone), status, refusal or error)
    return status


def _tell_refused(row: Evidence, *, too_large: bool) -> None:
    """Best effort, in the citizen's language (they have just written, so the WhatsApp session is open)."""
    language = Citizen.objects.filter(phone=row.phone).values_list("language", flat=True).first() or "en"
    with translation.override(language):
        body = texts.media_refused_after_check(
            too_large=too_large, max_megabytes=settings.COMPLAINTS_EVIDENCE_MAX_BYTES // (1024 * 1024)
        )
    whatsapp_send_free_form(phone=row.phone, body=body)  # the WhatsApp gate: only inside the 24-hour window


def evidence_purge_abandoned(*, now: datetime) -> int:
    """Deletes files of conversations abandoned before a complaint was filed (with their stored bytes)."""
    stale = Evidence.objects.filter(complaint__isnull=True, received_at__lt=now - ABANDON_AFTER)
    count = 0
    for row in stale.iterator():
        if row.file.name:
            row.file.storage.delete(row.file.name)
        row.delete()
        count += 1
    return count
