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

from alerts.whatsapp import whatsapp_send_free_form, window_open_for
from complaints import conversation
from complaints.conversation import receipt
from complaints.conversation.receipt import READ_KEYS
from complaints.evidence import evidence_fetch
from complaints.models import ConversationSession, Evidence
from complaints.receipts.extract import receipt_fields_merged
from complaints.receipts.ocr import IMAGE_TYPES, NotAnImage, image_texts
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
                done = (done[0], receipt.asked_again(done[0]))  # the refusal was told by the fetch; just ask
        if done is None:
            return "moved on"
        new_state, body = done
        session.state = new_state.to_dict()
        session.save(update_fields=["state", "updated_at"])
        if body:  # "": read while the victim is asked which transaction it is (the proposal follows their answer)
            task_enqueue("complaints.tasks.receipt_reply_send_task", evidence.phone, body, evidence_id, on_commit=True)
    outcome = "read" if new_state.receipt else "nothing read"
    logger.info("receipt %s from %s: %s", evidence_id, mask_phone(evidence.phone), outcome)
    return outcome


def receipt_reply_send(*, phone: str, body: str, evidence_id: int | None = None) -> str:
    """Sends the bot's next message through the WhatsApp gate (alerts.whatsapp): free-form, so only inside the
    victim's 24-hour window, normally open as they have just written. ChannelTemporaryError propagates so the
    task retries it. Outside the window nothing leaves (no approved template says "I read your screenshot"):
    it is logged, and the unseen proposal is dropped so that the victim's next message is not taken as an answer
    to it (the screenshot stays stored as evidence; staff can read it again). Returns what happened."""
    if not window_open_for(phone=phone):
        logger.warning("receipt reply to %s not sent: outside the 24-hour window", mask_phone(phone))
        _forget_unseen(phone=phone, evidence_id=evidence_id)
        return "outside window"
    if not whatsapp_send_free_form(phone=phone, body=body, retry_temporary=True):
        _forget_unseen(phone=phone, evidence_id=evidence_id)
        return "not sent"
    return "sent"


def _forget_unseen(*, phone: str, evidence_id: int | None) -> None:
    if evidence_id is None:
        return
    with transaction.atomic():
        session = ConversationSession.objects.select_for_update().filter(phone=phone).first()
        if session is None or (session.state or {}).get("receipt", {}).get("evidence_id") != evidence_id:
            return
        session.state = {**session.state, "receipt": {}}
        session.save(update_fields=["state", "updated_at"])


def receipt_read_again(*, evidence: Evidence) -> dict[str, str] | None:
    """Staff: what the image shows now (not applied to the complaint). None: not a readable image here."""
    complaint = evidence.complaint
    language = (complaint.language if complaint else "") or settings.LANGUAGE_CODE
    return evidence_read(evidence=evidence, language=language)
