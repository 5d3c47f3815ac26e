"""Writes for complaint intake: one WhatsApp message handled, a complaint submitted, PDF links, session clean-up."""

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Citizen, ConsentEvent
from accounts.services import citizen_upsert, consent_record
from alerts.whatsapp import whatsapp_inbound_record
from complaints import conversation
from complaints.cases import complaint_cases_record_on_commit
from complaints.conversation import receipt, texts
from complaints.conversation.fields import beneficiary_answers
from complaints.evidence import evidence_attach, evidence_purge_abandoned, evidence_receive, evidence_target
from complaints.identifiers import complaint_identifiers_record
from complaints.models import Complaint, ComplaintEvent, ConversationSession, Evidence, InboundMessage, Transaction
from complaints.pdf import complaint_pdf_render
from complaints.selectors import complaints_of_phone
from complaints.signals import complaint_submitted, data_request_received, send_after_commit
from fraudsafe.clock import parse_hhmm
from fraudsafe.masking import mask_phone
from fraudsafe.phones import phone_e164
from fraudsafe.tasking import task_enqueue
from fraudsafe.vocabulary import MessageChannel

logger = logging.getLogger(__name__)

PDF_LINK_SALT = "complaints.pdf-link"


@dataclass
class BotReply:
    body: str
    media_urls: list[str] = field(default_factory=list)

    def dumps(self) -> str:
        return json.dumps({"body": self.body, "media": self.media_urls})

    @classmethod
    def loads(cls, text: str) -> "BotReply":
        data = json.loads(text or "{}")
        return cls(body=data.get("body", ""), media_urls=data.get("media", []))


# --- complaints -----------------------------------------------------------------------------------------------


def complaint_submit(*, phone: str, answers: dict, transactions: list[dict], language: str = "en") -> Complaint:
    """Saves a complaint from validated answers (+ transactions with the fraudster's side, the conversation's
    evidence files, fraudster-identifier links, a CREATED event, the PDF) in one transaction.

    The citizen is created or updated from the phone and answers. After commit the fraud-case store is told and
    `signals.complaint_submitted` is sent; a failure there is logged and never fails the complaint
    (`backfill_cases` repairs the case store later).
    """
    if not transactions:
        raise ValueError("a complaint needs at least one transaction")
    with transaction.atomic():
        citizen = citizen_upsert(
            phone=phone,
            name=answers["name"],
            district=answers["district"],
            pin_code=answers["pin_code"],
            language=language or settings.LANGUAGE_CODE,
        )
        moments = [
            timezone.make_aware(datetime.combine(datetime.fromisoformat(t["date"]).date(), parse_hhmm(t["time"])))
            for t in transactions
        ]
        complaint = Complaint(
            latest_transaction_at=max(moments),
            citizen=citizen,
            name=answers["name"],
            mobile=answers["mobile"],
            dob=datetime.fromisoformat(answers["dob"]).date(),
            father_name=answers["father_name"],
            district=answers["district"],
            pin_code=answers["pin_code"],
            language=language or "en",
        )
        complaint.save()
        Transaction.objects.bulk_create(
            [
                Transaction(
                    complaint=complaint,
                    position=position,
                    date=datetime.fromisoformat(txn["date"]).date(),
                    time=parse_hhmm(txn["time"]),
                    bank=txn["bank"],
                    account_number=txn["account_number"],
                    amount=Decimal(txn["amount"]),
                    transaction_id=txn["transaction_id"],
                    fraud_type=txn["fraud_type"],
                    **beneficiary_answers(txn),
                    field_sources={"read": txn["_read"], "evidence": txn.get("_evidence")} if txn.get("_read") else {},
                )
                for position, txn in enumerate(transactions, start=1)
            ]
        )
        ComplaintEvent.objects.create(
            complaint=complaint, kind=ComplaintEvent.Kind.CREATED, to_value=Complaint.Status.PENDING
        )
        evidence_attach(phone=phone, complaint=complaint)
        complaint_identifiers_record(complaint_id=complaint.id)
        complaint_pdf_attach(complaint=complaint)
        complaint_cases_record_on_commit(complaint_id=complaint.id)
        # Filing on WhatsApp is the basis for case updates on WhatsApp (the reply says so; STOP ends them).
        consent_record(
            citizen=citizen,
            channel=MessageChannel.WHATSAPP,
            granted=True,
            source=ConsentEvent.Source.COMPLAINT,
            evidence=f"filed complaint {complaint.ack_number}: updates on it come on WhatsApp",
        )
        send_after_commit(complaint_submitted, complaint_id=complaint.id)
    logger.info("complaint %s filed from %s", complaint.ack_number, mask_phone(phone))
    return complaint


def complaint_pdf_attach(*, complaint: Complaint) -> None:
    """(Re)renders the complaint's PDF into private media storage under an unguessable name."""
    with translation.override(complaint.language or "en"):
        content = complaint_pdf_render(complaint)
    old = complaint.pdf.name if complaint.pdf else ""
    complaint.pdf.save("complaint.pdf", ContentFile(content), save=False)
    Complaint.objects.filter(pk=complaint.pk).update(pdf=complaint.pdf.name)
    if old:
        complaint.pdf.storage.delete(old)


def complaint_pdf_refresh(*, complaint_id: int) -> None:
    """Renders the PDF again (e.g. once an evidence file it lists has been fetched)."""
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is not None:
        complaint_pdf_attach(complaint=complaint)


# --- signed PDF links -------------------------------------------------------------------------------------------


def complaint_pdf_token(*, complaint: Complaint) -> str:
    return signing.TimestampSigner(salt=PDF_LINK_SALT).sign(str(complaint.pk))


def complaint_pdf_url(*, complaint: Complaint) -> str:
    """Absolute, signed, expiring URL of the PDF (Twilio fetches it to deliver the media)."""
    path = reverse("complaint_pdf_link", kwargs={"token": complaint_pdf_token(complaint=complaint)})
    return settings.FRAUDSAFE_PUBLIC_URL.rstrip("/") + path


def complaint_for_pdf_token(*, token: str) -> Complaint | None:
    """The complaint a PDF link points to, or None when the link is tampered with or expired."""
    try:
        pk = signing.TimestampSigner(salt=PDF_LINK_SALT).unsign(token, max_age=settings.COMPLAINT_PDF_LINK_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Complaint.objects.filter(pk=pk).exclude(pdf="").first()


# --- the WhatsApp conversation ------------------------------------------------------------------------------------


def phone_from_whatsapp(address: str) -> str:
    """'whatsapp:+919876543210' → '+919876543210' (read by fraudsafe.phones; kept as sent when not a number)."""
    sent = address.removeprefix("whatsapp:").strip()
    return phone_e164(sent) or sent


def _status_text(*, phone: str) -> str:
    complaints = complaints_of_phone(phone=phone)
    if not complaints:
        return _("You have not filed any complaint from this number yet. Type *%(hi)s* to report a cyber fraud.") % {
            "hi": conversation.shown_keyword("greeting")
        }
    lines = [_("*Your complaints*")]
    for complaint in complaints:
        updated = timezone.localtime(complaint.updated_at).strftime("%d-%m-%Y %H:%M %Z")
        lines.append(
            _("%(ack)s – %(status)s (last update %(when)s)")
            % {"ack": complaint.ack_number, "status": complaint.get_status_display(), "when": updated}
        )
    return "\n".join(lines)


def _data_request(result: BotReply, *, phone: str, kind: str, language: str) -> None:
    """Hands a data principal request to its owner (privacy, connected to the signal) and adds its answer."""
    for _receiver, answer in data_request_received.send(sender=Complaint, phone=phone, kind=kind, language=language):
        if answer is not None:
            parts = (result.body, answer.body) if kind == "notice" else (answer.body, result.body)
            result.body = "\n\n".join(p for p in parts if p)
            result.media_urls.extend(answer.media_urls)


def _apply_effects(*, phone: str, effects, reply: str, language: str) -> BotReply:
    result = BotReply(body=reply)
    for effect in effects:
        if effect.kind == conversation.LANGUAGE:
            citizen_upsert(phone=phone, language=effect.data["code"])
        elif effect.kind == conversation.STATUS:
            result.body = "\n\n".join(p for p in (_status_text(phone=phone), result.body) if p)
        elif effect.kind == conversation.CONSENT:
            citizen = citizen_upsert(phone=phone)
            source = (
                ConsentEvent.Source.COMPLAINT
                if effect.data["source"] == "complaint"
                else ConsentEvent.Source.WHATSAPP_KEYWORD
            )
            consent_record(
                citizen=citizen,
                channel=MessageChannel.WHATSAPP,
                granted=effect.data["granted"],
                source=source,
                evidence=effect.data.get("evidence", ""),
            )
        elif effect.kind == conversation.READ_RECEIPT:  # a screenshot kept before the transaction questions
            task_enqueue("complaints.tasks.receipt_read_task", effect.data["evidence_id"], on_commit=True)
        elif effect.kind == conversation.RIGHTS:
            _data_request(result, phone=phone, kind=effect.data["kind"], language=language)
        elif effect.kind == conversation.SUBMIT:
            complaint = complaint_submit(
                phone=phone,
                answers=effect.data["answers"],
                transactions=effect.data["transactions"],
                language=language,
            )
            result.body = conversation.submitted_reply(ack_number=complaint.ack_number)
            result.media_urls.append(complaint_pdf_url(complaint=complaint))
    return result


def whatsapp_message_handle(
    *,
    phone: str,
    body: str,
    message_sid: str,
    now: datetime | None = None,
    media: list[tuple[str, str]] | None = None,
) -> BotReply:
    """Runs one conversation step for one incoming WhatsApp message and returns the bot's answer.

    Messages of one phone are serialised on the session row; a MessageSid seen before gets the stored answer
    again and changes nothing. A message with files (`media`: [(Twilio media URL, declared type)]) records them
    as evidence (fetched by a worker), acknowledges them and asks the pending question again.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    # One round trip locks the session row, reads the citizen's language and any earlier answer to this MessageSid.
    sessions = ConversationSession.objects.select_for_update(of=("self",)).annotate(
        citizen_language=Subquery(Citizen.objects.filter(phone=OuterRef("phone")).values("language")[:1]),
        seen_response=Subquery(InboundMessage.objects.filter(message_sid=message_sid).values("response")[:1]),
    )
    with transaction.atomic():
        session = sessions.filter(phone=phone).first()
        if session is None:
            try:
                with transaction.atomic():
                    ConversationSession.objects.create(phone=phone)
            except IntegrityError:  # created by a concurrent first message of the same phone
                pass
            session = sessions.get(phone=phone)
        if session.seen_response is not None:  # a retried webhook: the same answer again, nothing changes
            return BotReply.loads(session.seen_response)
        state = conversation.ConversationState.from_dict(session.state)
        if state.language is None and session.citizen_language not in (None, "", settings.LANGUAGE_CODE):
            state.language = session.citizen_language  # chosen elsewhere (an earlier conversation, staff, a partner)
        if media:
            with translation.override(state.language or settings.LANGUAGE_CODE):
                result, new_state = _receive_media(
                    phone=phone, state=state, media=media, sid=message_sid, now=now, caption=body
                )
        else:
            new_state, reply, effects = conversation.step(state, body, now=now, today=today, phone=phone)
            language = new_state.language or settings.LANGUAGE_CODE
            with translation.override(language):
                result = _apply_effects(phone=phone, effects=effects, reply=reply, language=language)
        session.state = new_state.to_dict()
        session.last_message_at = now
        session.save(update_fields=["state", "last_message_at", "updated_at"])
        whatsapp_inbound_record(phone=phone, at=now)  # any inbound message opens or resets the 24-hour window
        InboundMessage.objects.create(message_sid=message_sid, phone=phone, response=result.dumps(), received_at=now)
    return result


def _receive_media(
    *, phone: str, state: conversation.ConversationState, media, sid: str, now: datetime, caption: str = ""
):
    target = evidence_target(phone=phone, in_progress=state.in_progress, now=now)
    later = receipt.keeps_for_later(state, caption=caption)
    accepted, refused, too_many, reading = evidence_receive(
        phone=phone,
        message_sid=sid,
        media=media,
        complaint=target,
        now=now,
        read_first=receipt.wants_reading(state),
    )
    new_state, reply, _effects = conversation.media_received(state, now=now, accepted=accepted, refused=refused)
    if reading is not None:  # a screenshot during the questions or at the summary: a worker reads it, then answers
        new_state, reply = receipt.reading_started(new_state, evidence_id=reading)
        if refused:
            reply = texts.media_refused_type(refused) + "\n\n" + reply
    elif later and (image := _first_image(sid)) is not None:  # "this is the payment" before the transactions
        note = receipt.kept_for_later(new_state, evidence_id=image)
        parts = [texts.media_received(accepted, in_progress=True), note]
        if refused:
            parts.append(texts.media_refused_type(refused))
        reply = "\n\n".join([*parts, texts.question(new_state)])
    extra = []
    if too_many:
        extra.append(texts.media_refused_too_many(settings.COMPLAINTS_EVIDENCE_MAX_FILES))
    if accepted and not state.in_progress and target is None:
        extra.append(texts.media_kept_for_next_complaint())
    return BotReply(body="\n\n".join(p for p in (reply, *extra) if p)), new_state


def _first_image(sid: str) -> int | None:
    """The first image of a message that is kept (its fetch queued), to be read later."""
    rows = Evidence.objects.filter(message_sid=sid, status=Evidence.Status.PENDING, declared_type__startswith="image/")
    return rows.order_by("index").values_list("pk", flat=True).first()


def conversation_sessions_purge(*, now: datetime | None = None) -> int:
    """Deletes the saved answers of conversations abandoned for RETENTION_CONVERSATION_HOURS, and de-duplication
    records older than RETENTION_INBOUND_DAYS."""
    now = now or timezone.now()
    cutoff = now - conversation.ABANDON_AFTER
    purged = 0
    for session in ConversationSession.objects.filter(last_message_at__lt=cutoff).iterator():
        state = conversation.ConversationState.from_dict(session.state)
        if state.step != conversation.IDLE or state.answers or state.transactions:
            ConversationSession.objects.filter(pk=session.pk, last_message_at__lt=cutoff).update(
                state=conversation.ConversationState().to_dict()
            )
            purged += 1
    InboundMessage.objects.filter(received_at__lt=now - timedelta(days=settings.RETENTION_INBOUND_DAYS)).delete()
    evidence_purge_abandoned(now=now)
    return purged
