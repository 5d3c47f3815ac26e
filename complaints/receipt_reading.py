"""A payment screenshot read for the victim (complaints.receipts is the engine; conversation.receipt the talk).

The webhook only queues `receipt_read_task` for the image (instead of the plain evidence fetch) and answers
"Reading your screenshot…". The worker fetches the file from Twilio exactly as every evidence file (account
credentials, size and type checked by content, stored privately), reads it offline, and puts what it read into
the conversation as a proposal; the reply goes out through `receipt_reply_send_task` (queued through the
outbox after commit, retried on transient provider errors). Nothing read is an answer until the victim's YES.

Staff can read any stored evidence image again (`receipt_read_again`): the result is shown, never applied.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from complaints import conversation
from complaints.conversation import receipt, texts
from complaints.conversation.receipt import READ_KEYS
from complaints.evidence import evidence_fetch
from complaints.models import ConversationSession, Evidence
from complaints.receipts.extract import receipt_fields_merged
from complaints.receipts.ocr import IMAGE_TYPES, NotAnImage, image_texts
from fraudsafe.channels import OutboundMessage, get_channel_backend
from fraudsafe.masking import mask_phone
from fraudsafe.tasking import task_enqueue

logger = logging.getLogger(__name__)
__all__ = ["READ_KEYS", "evidence_read", "receipt_read", "receipt_read_again", "receipt_reply_send"]


def evidence_read(*, evidence: Evidence, language: str) -> dict[str, str] | None:
    """The fields read from one stored evidence image ({} when nothing was found); None when it is not an image
    that can be read (a PDF, too large, undecodable) or Tesseract is missing."""
    if evidence.status != Evidence.Status.STORED or evidence.content_type not in IMAGE_TYPES:
        return None
    if evidence.size > settings.RECEIPT_MAX_BYTES:
        return None
    with evidence.file.open("rb") as handle:
        data = handle.read(settings.RECEIPT_MAX_BYTES + 1)
    try:
        readings = image_texts(data, language=language, content_type=evidence.content_type)
    except NotAnImage:
        return None
    if not readings:
        return None
    return receipt_fields_merged(readings, today=timezone.localdate()).values


def receipt_read(*, evidence_id: int, last_attempt: bool = False) -> str:
    """Fetches (EvidenceFetchTemporaryError propagates for the task's retry) and reads the screenshot, then tells
    the victim what was read (or asks the question again). Returns what happened."""
    status = evidence_fetch(evidence_id=evidence_id, last_attempt=last_attempt)
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        return "gone"
    session = ConversationSession.objects.filter(phone=evidence.phone).first()
    language = ((session.state or {}).get("language") if session else None) or settings.LANGUAGE_CODE
    read = evidence_read(evidence=evidence, language=language) if status == Evidence.Status.STORED else None
    with transaction.atomic():
        session = ConversationSession.objects.select_for_update().filter(phone=evidence.phone).first()
        if session is None:
            return "no conversation"
        state = conversation.ConversationState.from_dict(session.state)
        with translation.override(state.language or settings.LANGUAGE_CODE):
            done = receipt.reading_done(state, evidence_id=evidence_id, read=read, today=timezone.localdate())
            if done is not None and status != Evidence.Status.STORED:
                done = (done[0], texts.question(done[0]))  # the refusal was told by the fetch; just ask
        if done is None:
            return "moved on"
        new_state, body = done
        session.state = new_state.to_dict()
        session.save(update_fields=["state", "updated_at"])
        task_enqueue("complaints.tasks.receipt_reply_send_task", evidence.phone, body, on_commit=True)
    outcome = "read" if new_state.receipt else "nothing read"
    logger.info("receipt %s from %s: %s", evidence_id, mask_phone(evidence.phone), outcome)
    return outcome


def receipt_reply_send(*, phone: str, body: str) -> None:
    """Sends the bot's next message; ChannelTemporaryError propagates so the task retries it."""
    get_channel_backend("whatsapp").send(OutboundMessage(channel="whatsapp", to=phone, body=body))


def receipt_read_again(*, evidence: Evidence) -> dict[str, str] | None:
    """Staff: what the image shows now (not applied to the complaint). None: not a readable image here."""
    complaint = evidence.complaint
    language = (complaint.language if complaint else "") or settings.LANGUAGE_CODE
    return evidence_read(evidence=evidence, language=language)
