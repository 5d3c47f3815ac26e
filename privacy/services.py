"""The data principal's rights (DPDP Act 2023 s. 11–13): a copy of one's data, its correction, its erasure.

Identity is the channel the citizen uses: a request from a WhatsApp number concerns the citizen of that number and
is answered on it. Erasure keeps what the law needs (a registered complaint, a freeze request at a bank, a court
order: `legal_holds`), marks the request with what was kept and why, and erases the rest.
"""

import json
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Citizen, ConsentEvent
from accounts.selectors import consent_state
from accounts.services import consent_record
from alerts.models import AlertContact, Delivery
from campaigns.models import BehaviourProfile
from complaints.models import Complaint, ConversationSession, Evidence, InboundMessage
from fraudsafe.masking import mask_phone
from privacy.models import DataRequest, DataRequestStep, LegalHold
from recovery.models import FreezeRequest

logger = logging.getLogger(__name__)
BUNDLE_SALT = "privacy.bundle"
CORRECTABLE = ("name", "email", "district", "area", "pin_code", "language")


@dataclass
class Answer:
    """What the bot adds to its reply (complaints.signals.data_request_received)."""

    body: str
    media_urls: list[str] = field(default_factory=list)


def step_record(request: DataRequest, action: str, note: str = "", by=None) -> DataRequestStep:
    return DataRequestStep.objects.create(request=request, action=action, note=note[:2000], by=by)


def request_open(*, citizen: Citizen, kind: str, channel: str, language: str) -> DataRequest:
    """Records a request, due `PRIVACY_REQUEST_DUE_DAYS` from now, with its first step."""
    request = DataRequest.objects.create(
        citizen=citizen,
        masked_phone=mask_phone(citizen.phone),
        kind=kind,
        channel=channel,
        language=language,
        due_at=timezone.now() + timedelta(days=settings.PRIVACY_REQUEST_DUE_DAYS),
    )
    step_record(request, "received", f"on {channel}")
    return request


def request_close(request: DataRequest, *, action: str, note: str = "", by=None, held=None) -> None:
    request.status = DataRequest.Status.DONE
    request.completed_at = timezone.now()
    if held is not None:
        request.held = held
    request.save(update_fields=["status", "completed_at", "held"])
    step_record(request, action, note, by)


# --- the notice's withdraw button ------------------------------------------------------------------------------------

WITHDRAW_SALT = "privacy.withdraw"


def withdraw_url(*, citizen: Citizen) -> str:
    """The notice page with the citizen's one-button withdrawal (a signed link naming them; it does not expire)."""
    token = signing.Signer(salt=WITHDRAW_SALT).sign(str(citizen.pk))
    return settings.FRAUDSAFE_PUBLIC_URL.rstrip("/") + reverse("privacy:withdraw", args=[token])


def citizen_for_withdraw_token(*, token: str) -> Citizen | None:
    try:
        pk = signing.Signer(salt=WITHDRAW_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Citizen.objects.filter(pk=pk).first()


def consent_withdraw_all(*, citizen: Citizen, evidence: str) -> list[str]:
    """Withdraws every channel's consent the citizen has given; returns the channels withdrawn."""
    withdrawn = [channel for channel, granted in consent_state(citizen=citizen).items() if granted]
    for channel in withdrawn:
        consent_record(citizen=citizen, channel=channel, granted=False, source=ConsentEvent.Source.NOTICE_PAGE,
                       evidence=evidence)  # fmt: skip
    return withdrawn


# --- legal holds --------------------------------------------------------------------------------------------------


def legal_holds(*, citizen: Citizen) -> list[dict]:
    """What erasure must keep, each with the reason shown to the citizen (in the active language)."""
    holds = []
    for ack in Complaint.objects.filter(citizen=citizen).order_by("created_at").values_list("ack_number", flat=True):
        holds.append({"what": "complaint", "ref": ack, "reason": _("registered complaint %(ack)s") % {"ack": ack}})
    freezes = FreezeRequest.objects.filter(complaint__citizen=citizen).exclude(status=FreezeRequest.Status.CANCELLED)
    for ack, bank in freezes.values_list("ack_number", "bank__name").distinct():
        holds.append(
            {
                "what": "freeze",
                "ref": ack,
                "reason": _("a request to %(bank)s to hold money (complaint %(ack)s)") % {"bank": bank, "ack": ack},
            }
        )
    for hold in LegalHold.objects.filter(citizen=citizen, released_at__isnull=True):
        holds.append({"what": "order", "ref": hold.reference, "reason": hold.reason})
    return holds


# --- access --------------------------------------------------------------------------------------------------------


def data_bundle(*, citizen: Citizen) -> dict:
    """Everything held about the citizen, as JSON-ready data (their own data: not masked)."""
    complaints = Complaint.objects.filter(citizen=citizen).prefetch_related("transactions").order_by("created_at")
    return {
        "citizen": {name: str(getattr(citizen, name)) for name in ("phone", *CORRECTABLE, "created_at")},
        "consent": [
            {
                "channel": e.channel,
                "action": e.action,
                "source": e.source,
                "notice_version": e.notice_version,
                "at": e.created_at,
            }
            for e in citizen.consent_events.order_by("created_at", "id")
        ],  # fmt: skip
        "complaints": [
            {
                "ack_number": c.ack_number,
                "status": c.status,
                "filed": c.created_at,
                "name": c.name,
                "dob": c.dob,
                "father_name": c.father_name,
                "district": c.district,
                "pin_code": c.pin_code,
                "transactions": [
                    {"date": t.date, "bank": t.bank, "amount": t.amount, "transaction_id": t.transaction_id}
                    for t in c.transactions.all()
                ],
            }
            for c in complaints
        ],
        "alerts_received": Delivery.objects.filter(citizen=citizen).count(),
        "evidence_files": Evidence.objects.filter(phone=str(citizen.phone)).count(),
    }


def bundle_json(*, citizen: Citizen) -> bytes:
    return json.dumps(data_bundle(citizen=citizen), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _label(model, key: str) -> str:
    """A bundle key as the citizen reads it: the model field's name in the active language."""
    name = {"filed": "created_at"}.get(key, key)
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return key


def bundle_pdf(*, citizen: Citizen, language: str) -> bytes:
    from complaints.pdf import sections_pdf_render  # reportlab and fonts: loaded only for a PDF

    data = json.loads(bundle_json(citizen=citizen))
    with translation.override(language):
        sections = [(_("About you"), [(_label(Citizen, k), v) for k, v in data["citizen"].items()])]
        labels = {**dict(ConsentEvent.Action.choices), **dict(ConsentEvent.Source.choices)}
        sections.append((_("Consent"), [(e["at"][:16], f"{e['channel']}: {labels[e['action']]} ({labels[e['source']]})")
                                        for e in data["consent"]]))  # fmt: skip
        for c in data["complaints"]:
            rows = [(_label(Complaint, k), str(v)) for k, v in c.items() if k != "transactions"]
            rows += [(str(t["date"]), f"{t['bank']} {t['amount']} {t['transaction_id']}") for t in c["transactions"]]
            sections.append((_("Complaint %(ack)s") % {"ack": c["ack_number"]}, rows))
        sections.append((_("Other"), [(_("Alerts received"), str(data["alerts_received"]))]))
        return sections_pdf_render(title=_("Your data held by FraudSafe"), sections=sections)


def bundle_urls(*, request: DataRequest) -> list[str]:
    """Signed, expiring links to the PDF and the JSON copy (Twilio fetches them to deliver the media)."""
    token = signing.TimestampSigner(salt=BUNDLE_SALT).sign(str(request.pk))
    base = settings.FRAUDSAFE_PUBLIC_URL.rstrip("/")
    return [base + reverse("privacy:bundle", args=[token, fmt]) for fmt in ("pdf", "json")]


def request_for_bundle_token(*, token: str) -> DataRequest | None:
    try:
        pk = signing.TimestampSigner(salt=BUNDLE_SALT).unsign(token, max_age=settings.COMPLAINT_PDF_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return DataRequest.objects.filter(pk=pk, kind=DataRequest.Kind.ACCESS, citizen__isnull=False).first()


def access_fulfil(*, request: DataRequest) -> list[str]:
    """Answers an access request at once: links to the copy, sent on the channel the request came from."""
    urls = bundle_urls(request=request)
    request_close(request, action="bundle_sent", note=f"PDF and JSON links sent on {request.channel}")
    return urls


# --- correction and erasure ------------------------------------------------------------------------------------------


def correction_apply(*, request: DataRequest, changes: dict, by) -> list[str]:
    """Applies staff-checked corrections to the citizen's record; returns the fields changed (audited by name)."""
    citizen = request.citizen
    changed = [k for k, v in changes.items() if k in CORRECTABLE and v not in (None, "") and getattr(citizen, k) != v]
    for key in changed:
        setattr(citizen, key, changes[key])
    if changed:
        citizen.full_clean(validate_unique=False)
        citizen.save(update_fields=[*changed, "updated_at"])
    request_close(request, action="corrected", note=", ".join(changed) or "nothing to change", by=by)
    return changed


def erasure_apply(*, request: DataRequest, by=None) -> list[dict]:
    """Erases what the law does not need kept; returns what was kept under a legal hold, with the reasons.

    Always erased: alert deliveries and plans, partners' behaviour features, the conversation's saved answers and
    de-duplication records, evidence files not attached to a complaint, and the alerts consent (withdrawn, so
    nothing more is sent).
    With no hold the citizen record goes too (consent history with it); the request stays, unlinked."""
    citizen = request.citizen
    with translation.override(request.language), transaction.atomic():
        holds = legal_holds(citizen=citizen)
        phone = str(citizen.phone)
        Delivery.objects.filter(citizen=citizen).delete()
        AlertContact.objects.filter(citizen=citizen).delete()
        BehaviourProfile.objects.filter(citizen=citizen).delete()  # partners' behaviour features: alerts-only data
        ConversationSession.objects.filter(phone=phone).delete()
        InboundMessage.objects.filter(phone=phone).delete()
        for row in Evidence.objects.filter(phone=phone, complaint__isnull=True):
            if row.file.name:
                row.file.storage.delete(row.file.name)
            row.delete()
        if holds:
            consent_withdraw_all(citizen=citizen, evidence=f"erasure request {request.pk}")
            request_close(request, action="erased_with_holds", note="; ".join(h["what"] for h in holds), by=by,
                          held=holds)  # fmt: skip
        else:
            request_close(request, action="erased", note="citizen record deleted", by=by, held=[])
            DataRequest.objects.filter(citizen=citizen).update(citizen=None)
            citizen.delete()
    logger.info("erasure request %s done (%d holds)", request.pk, len(holds))
    return holds


def held_text(holds: list[dict]) -> str:
    """The citizen's explanation of what erasure keeps (active language)."""
    if not holds:
        return _("We will erase all your data.")
    lines = [_("We will erase your alerts data. The law requires us to keep:")]
    lines += [f"• {h['reason']}" for h in holds]
    return "\n".join(lines)
