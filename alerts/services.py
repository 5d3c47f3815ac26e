"""Writes for alerts: create, fan out, send, cancel; consent changes; provider status callbacks."""

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Citizen, ConsentEvent
from accounts.services import consent_record
from alerts import fanout, ratelimit
from alerts.models import Alert, AlertTemplate, Delivery
from alerts.rendering import CompiledTemplate, base_context, unsubscribe_url
from alerts.selectors import citizens_in_audience, latest_consent_action, template_for
from fraudsafe.channels import (
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    get_channel_backend,
)
from fraudsafe.masking import mask_email, mask_phone
from fraudsafe.vocabulary import Channel

logger = logging.getLogger(__name__)

AUDIENCE_TYPES = {"everyone", "location", "citizens", "emails"}
OPEN = [Delivery.Status.PENDING, Delivery.Status.SENDING]


# --- alerts ----------------------------------------------------------------------------------------------------


def alert_validate(*, kind: str, audience: dict, template_key: str, channels: list[str], critical: bool, created_by):
    """Raises ValidationError (by field) unless alert_create would accept these values."""
    errors: dict[str, list[str]] = {}
    if kind not in Alert.Kind.values:
        errors["kind"] = [_("Unknown alert kind.")]
    if not isinstance(audience, dict) or audience.get("type") not in AUDIENCE_TYPES:
        errors["audience"] = [_("Audience type must be one of: everyone, location, citizens, emails.")]
    else:
        kind_of_audience = audience["type"]
        if kind_of_audience == "location" and not str(audience.get("district", "")).strip():
            errors["audience"] = [_("A location audience needs a district.")]
        if kind_of_audience == "citizens":
            ids = audience.get("citizen_ids")
            if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                errors["audience"] = [_("citizen_ids must be a list of citizen ids.")]
        if kind_of_audience == "emails":
            emails = audience.get("emails")
            if kind != Alert.Kind.DEMO:
                errors["audience"] = [_("Explicit email addresses are only for demo alerts.")]
            elif not isinstance(emails, list) or not emails or len(emails) > settings.ALERTS_DEMO_MAX_EMAILS:
                errors["audience"] = [
                    _("A demo alert needs 1 to %(n)d email addresses.") % {"n": settings.ALERTS_DEMO_MAX_EMAILS}
                ]
            else:
                try:
                    for email in emails:
                        validate_email(email)
                except ValidationError:
                    errors["audience"] = [_("Invalid email address.")]
    if not channels or not isinstance(channels, list) or any(c not in Channel.values for c in channels):
        errors["channels"] = [_("Choose one or more of: email, sms, whatsapp.")]
    elif isinstance(audience, dict) and audience.get("type") == "emails" and channels != ["email"]:
        errors["channels"] = [_("A demo alert to email addresses goes by email only.")]
    if not AlertTemplate.objects.filter(key=template_key, is_active=True).exists():
        errors["template_key"] = [_("No active template with this key.")]
    if critical and not getattr(created_by, "is_helpline_admin", False):
        errors["critical"] = [_("Only helpline staff may send critical alerts.")]
    if errors:
        raise ValidationError(errors)


def alert_create(
    *,
    kind: str,
    audience: dict,
    template_key: str,
    channels: list[str],
    send_at: datetime | None = None,
    context: dict | None = None,
    critical: bool = False,
    created_by=None,
    campaign_ref: str = "",
) -> Alert:
    """Validates and saves an alert (status "scheduled"); it is fanned out after commit, at once when due."""
    channels = list(dict.fromkeys(channels or []))
    alert_validate(
        kind=kind, audience=audience, template_key=template_key, channels=channels, critical=critical,
        created_by=created_by,
    )  # fmt: skip
    now = timezone.now()
    alert = Alert(
        kind=kind,
        audience=audience,
        district=str(audience.get("district", "")) if audience.get("type") == "location" else "",
        template_key=template_key,
        channels=channels,
        context=context or {},
        send_at=send_at or now,
        critical=critical,
        created_by=created_by if getattr(created_by, "pk", None) else None,
        campaign_ref=campaign_ref,
        status=Alert.Status.SCHEDULED,
    )
    alert.save()
    _dispatch_when_due(alert, now=now)
    return alert


def alert_create_preventive(*, kind: str, audience: dict, template_key: str, send_at: datetime, context: dict) -> Alert:
    """A preventive alert from the pattern report (unique per kind, district and send time)."""
    channels = list(settings.ALERTS_PREVENTIVE_CHANNELS)
    alert_validate(
        kind=kind, audience=audience, template_key=template_key, channels=channels, critical=False, created_by=None
    )
    alert = Alert.objects.create(
        kind=kind,
        audience=audience,
        district=str(audience.get("district", "")),
        template_key=template_key,
        channels=channels,
        context=context,
        send_at=send_at,
        preventive=True,
        status=Alert.Status.SCHEDULED,
    )
    _dispatch_when_due(alert, now=timezone.now())
    return alert


def _dispatch_when_due(alert: Alert, *, now: datetime) -> None:
    from alerts.tasks import alert_fan_out_task

    if alert.send_at <= now:
        transaction.on_commit(lambda: alert_fan_out_task.delay(alert.pk))
    elif alert.send_at - now <= timedelta(seconds=settings.ALERTS_ETA_MAX_SECONDS):
        transaction.on_commit(lambda: alert_fan_out_task.apply_async((alert.pk,), eta=alert.send_at))
    # Later alerts are picked up by the every-minute `alerts_dispatch_due` beat job.


def alert_fan_out(*, alert_id: int) -> Iterator[tuple[int, str, int, int]]:
    """Creates every delivery of a due alert once (idempotent) and returns the send chunks to queue.

    Chunks are (alert_id, channel, first_id, last_id) id ranges, so memory does not grow with the audience.
    """
    now = timezone.now()
    with transaction.atomic():
        fanout.fan_out_lock()
        alert = Alert.objects.select_for_update().get(pk=alert_id)
        if alert.status in (Alert.Status.DONE, Alert.Status.CANCELLED, Alert.Status.DRAFT):
            return iter(())
        if alert.status == Alert.Status.SCHEDULED:
            if alert.send_at > now:
                return iter(())
            _create_deliveries(alert, now=now)
            alert.status, alert.started_at = Alert.Status.SENDING, now
            alert.save(update_fields=["status", "started_at"])
    # Re-running after a crash re-queues what is still pending; claims make duplicates harmless.
    alert_finish_if_complete(alert_id=alert_id)  # when everyone was skipped (or nobody is in the audience)
    return iter_send_chunks(alert_id=alert_id, now=now)


def _create_deliveries(alert: Alert, *, now: datetime) -> None:
    if alert.audience.get("type") == "emails":
        Delivery.objects.bulk_create(
            [
                Delivery(alert=alert, channel="email", to=email.strip().lower(), created_at=now, updated_at=now)
                for email in dict.fromkeys(e.strip().lower() for e in alert.audience["emails"])
            ],
            ignore_conflicts=True,
        )
        return
    zones = citizens_in_audience(audience=alert.audience).order_by().values_list("time_zone", flat=True).distinct()
    for zone in list(zones):
        not_before = None if alert.critical else fanout.quiet_until(time_zone=zone, now=now)
        planned_at = not_before or now
        for channel in alert.channels:
            fanout.insert_citizen_deliveries(
                alert=alert, channel=channel, time_zone=zone, planned_at=planned_at, not_before=not_before, now=now
            )
    fanout.reserve_contacts(alert=alert, now=now)


def send_chunks(*, alert_id: int, now: datetime | None = None) -> list[tuple[int, str, int, int]]:
    """Id ranges of the alert's due pending deliveries, per channel, ALERTS_CHUNK_SIZE ids each."""
    return list(iter_send_chunks(alert_id=alert_id, now=now))


def iter_send_chunks(*, alert_id: int, now: datetime | None = None) -> Iterator[tuple[int, str, int, int]]:
    """Like send_chunks, lazily: memory stays flat however large the audience."""
    now = now or timezone.now()
    size = settings.ALERTS_CHUNK_SIZE
    due = Delivery.objects.filter(alert_id=alert_id, status=Delivery.Status.PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    for row in list(due.order_by().values("channel").annotate(first=Min("id"), last=Max("id"))):
        for start in range(row["first"], row["last"] + 1, size):
            yield (alert_id, row["channel"], start, min(start + size - 1, row["last"]))


def alert_cancel(*, alert: Alert, cancelled_by=None) -> Alert:
    """Cancels a scheduled or sending alert: its pending deliveries are skipped; sent ones stay sent."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if alert.status in (Alert.Status.DONE, Alert.Status.CANCELLED):
            raise ValidationError(_("This alert is already %(status)s.") % {"status": alert.get_status_display()})
        alert.status, alert.finished_at = Alert.Status.CANCELLED, timezone.now()
        alert.save(update_fields=["status", "finished_at"])
        pending = Delivery.objects.filter(alert=alert, status=Delivery.Status.PENDING)
        citizen_ids = list(pending.exclude(citizen=None).values_list("citizen_id", flat=True).distinct())
        pending.update(
            status=Delivery.Status.SKIPPED, skip_reason=Delivery.SkipReason.CANCELLED, updated_at=timezone.now()
        )
        fanout.release_unused_contacts(alert_id=alert.pk, citizen_ids=citizen_ids)
    return alert


def alert_finish_if_complete(*, alert_id: int) -> bool:
    """Marks a sending alert done once none of its deliveries is pending or sending."""
    if Delivery.objects.filter(alert_id=alert_id, status__in=OPEN).exists():
        return False
    return bool(
        Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING).update(
            status=Alert.Status.DONE, finished_at=timezone.now()
        )
    )


# --- sending -----------------------------------------------------------------------------------------------------


def _skip(ids: list[int], reason: str, alert_id: int, citizen_ids: list[int]) -> None:
    if ids:
        Delivery.objects.filter(pk__in=ids, status__in=OPEN).update(
            status=Delivery.Status.SKIPPED, skip_reason=reason, lease_until=None, updated_at=timezone.now()
        )
        fanout.release_unused_contacts(alert_id=alert_id, citizen_ids=citizen_ids)


def _claim(delivery_ids: list[int], now: datetime) -> set[int]:
    """pending → sending with a lease, in one conditional UPDATE … RETURNING: only one worker gets each."""
    if not delivery_ids:
        return set()
    lease = now + timedelta(seconds=settings.ALERTS_SEND_LEASE_SECONDS)
    table = Delivery._meta.db_table
    marks = ", ".join(["%s"] * len(delivery_ids))
    sql = f"""
        UPDATE {table} SET status = 'sending', lease_until = %s, attempts = attempts + 1, updated_at = %s
        WHERE id IN ({marks}) AND status = 'pending' AND (not_before IS NULL OR not_before <= %s)
        RETURNING id
    """  # noqa: S608 - table name and placeholders only
    adapt = connection.ops.adapt_datetimefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [adapt(lease), adapt(now), *delivery_ids, adapt(now)])
        return {row[0] for row in cursor.fetchall()}


def deliveries_send_range(*, alert_id: int, channel: str, first_id: int, last_id: int) -> dict[str, int]:
    """Sends the due pending deliveries of one id range on one channel; returns counts by result.

    Consent is re-checked here, so a STOP received after fan-out stops queued deliveries. Each delivery is
    claimed (pending → sending) before the provider call and never re-sent after; transient errors put it
    back to pending and raise ChannelTemporaryError at the end so the task retries with backoff.
    """
    counts = {"sent": 0, "failed": 0, "skipped": 0, "retry": 0}
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None or alert.status != Alert.Status.SENDING:
        return counts
    now = timezone.now()
    rows = list(
        Delivery.objects.filter(
            alert_id=alert_id, channel=channel, id__gte=first_id, id__lte=last_id, status=Delivery.Status.PENDING
        )
        .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
        .annotate(_consent=latest_consent_action(channel=channel, citizen_ref="citizen_id"))
        .values(
            "id",
            "to",
            "attempts",
            "citizen_id",
            "_consent",
            "citizen__phone",
            "citizen__email",
            "citizen__name",
            "citizen__language",
            "citizen__district",
            "citizen__area",
        )
        .order_by("id")
    )
    address_key = "citizen__email" if channel == "email" else "citizen__phone"
    withdrawn = [r for r in rows if r["citizen_id"] and r["_consent"] != ConsentEvent.Action.GRANT]
    withdrawn_ids = {r["id"] for r in withdrawn}
    no_address = [r for r in rows if r["id"] not in withdrawn_ids and not (r["to"] or r[address_key])]
    _skip([r["id"] for r in withdrawn], Delivery.SkipReason.NO_CONSENT, alert_id, [r["citizen_id"] for r in withdrawn])
    _skip(
        [r["id"] for r in no_address],
        Delivery.SkipReason.INVALID_RECIPIENT,
        alert_id,
        [r["citizen_id"] for r in no_address if r["citizen_id"]],
    )
    counts["skipped"] = len(withdrawn) + len(no_address)
    excluded = {r["id"] for r in withdrawn} | {r["id"] for r in no_address}
    backend = get_channel_backend(channel)
    compiled: dict[str, CompiledTemplate | None] = {}
    status_callback = ""
    if channel in ("sms", "whatsapp"):
        from django.urls import reverse

        status_callback = settings.FRAUDSAFE_PUBLIC_URL + reverse("alerts:twilio-status")
    failed_citizens: list[int] = []
    retry_later = False
    ready: list[tuple[dict, OutboundMessage]] = []
    for row in rows:
        if row["id"] in excluded:
            continue
        language = row["citizen__language"] or settings.LANGUAGE_CODE
        if language not in compiled:
            template = template_for(key=alert.template_key, channel=channel, language=language)
            compiled[language] = CompiledTemplate(template) if template else None
        template = compiled[language]
        if template is None:
            _record_failure(row["id"], "no_template", _("No template for this channel and language."))
            failed_citizens.append(row["citizen_id"])
            counts["failed"] += 1
            continue
        ready.append((row, _message(alert, channel, row, template, status_callback)))
    # Claimed in small batches: a worker killed mid-batch strands at most ALERTS_CLAIM_BATCH claims (failed as
    # "worker_lost", never re-sent), and the database sees two commits per batch instead of two per message.
    size = max(1, settings.ALERTS_CLAIM_BATCH)
    for start in range(0, len(ready), size):
        batch = ready[start : start + size]
        claimed = _claim([row["id"] for row, _message_ in batch], timezone.now())
        results = []
        for row, message in batch:
            if row["id"] not in claimed:
                continue  # another worker has it, or it was skipped meanwhile
            ratelimit.acquire(channel)
            try:
                result = backend.send_messages([message])[0]
            except Exception as exc:  # noqa: BLE001 - an unexpected backend bug must not leave it claimed
                result = ChannelTemporaryError(str(exc)[:200], code="backend_error")
            results.append((row, result))
        retry_later |= _record_results(results, counts, failed_citizens)
    fanout.release_unused_contacts(alert_id=alert_id, citizen_ids=[c for c in failed_citizens if c])
    if retry_later:
        raise ChannelTemporaryError(f"{counts['retry']} deliveries of alert {alert_id} to retry", code="retry")
    alert_finish_if_complete(alert_id=alert_id)
    return counts


def _record_results(results: list, counts: dict, failed_citizens: list) -> bool:
    """Writes one batch's outcomes in one transaction; True when some deliveries wait for a retry."""
    now, retry_later, sent = timezone.now(), False, []
    with transaction.atomic():
        for row, result in results:
            if isinstance(result, ChannelTemporaryError):
                if row["attempts"] + 1 >= settings.ALERTS_MAX_ATTEMPTS:
                    _record_failure(row["id"], result.code or "retries_exhausted", str(result))
                    failed_citizens.append(row["citizen_id"])
                    counts["failed"] += 1
                else:
                    Delivery.objects.filter(pk=row["id"], status=Delivery.Status.SENDING).update(
                        status=Delivery.Status.PENDING,
                        lease_until=None,
                        error_code=(result.code or "")[:32],
                        error=str(result)[:500],
                        updated_at=now,
                    )
                    retry_later = True
                    counts["retry"] += 1
            elif isinstance(result, ChannelError):
                _record_failure(row["id"], result.code or "rejected", str(result))
                failed_citizens.append(row["citizen_id"])
                counts["failed"] += 1
                if isinstance(result, ChannelRecipientRejected):
                    logger.info("delivery %s rejected by provider (%s)", row["id"], result.code)
            else:
                sent.append((row["id"], (result.provider_id or "")[:64]))
        if sent:
            _mark_sent(sent, now)
            counts["sent"] += len(sent)
    return retry_later


def _mark_sent(sent: list[tuple[int, str]], now: datetime) -> None:
    """sending → sent with each provider id, in one UPDATE … FROM (VALUES …) (bulk_update is far slower)."""
    table = Delivery._meta.db_table
    values = ", ".join(["(%s, %s)"] * len(sent))
    sql = f"""
        WITH v(id, pid) AS (VALUES {values})
        UPDATE {table} SET status = 'sent', provider_id = v.pid, sent_at = %s, lease_until = NULL,
               error_code = '', error = '', updated_at = %s
        FROM v WHERE {table}.id = v.id AND {table}.status = 'sending'
    """  # noqa: S608 - table name and placeholders only
    params = [value for pair in sent for value in pair]
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, stamp, stamp])


def _record_failure(delivery_id: int, code: str, error: str) -> None:
    Delivery.objects.filter(pk=delivery_id, status__in=OPEN).update(
        status=Delivery.Status.FAILED,
        error_code=str(code)[:32],
        error=str(error)[:500],
        lease_until=None,
        updated_at=timezone.now(),
    )


def _message(alert: Alert, channel: str, row: dict, template: CompiledTemplate, status_callback: str):
    citizen_id = row["citizen_id"]
    to = row["to"] or str(row["citizen__email"] if channel == "email" else row["citizen__phone"])
    context = base_context(
        alert_context=alert.context,
        citizen_name=row["citizen__name"] or "",
        district=alert.context.get("district") or row["citizen__district"] or "",
        area=alert.context.get("area") or row["citizen__area"] or "",
    )
    headers = {}
    link = ""
    if channel == "email":
        link = unsubscribe_url(citizen_id=citizen_id, email=to)
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    rendered = template.render(
        context=context, language=row["citizen__language"] or settings.LANGUAGE_CODE, unsubscribe_url=link
    )
    content_sid, variables = "", {}
    if channel == "whatsapp" and template.template.content_sid and not _whatsapp_session_open(citizen_id):
        content_sid, variables = template.template.content_sid, rendered.content_variables or {}
    return OutboundMessage(
        channel=channel,
        to=to,
        body=rendered.body,
        subject=rendered.subject,
        html_body=rendered.html_body,
        content_sid=content_sid,
        content_variables=variables,
        headers=headers,
        status_callback=status_callback,
        reference=f"delivery-{row['id']}",
    )


def _whatsapp_session_open(citizen_id: int | None) -> bool:
    """Inside WhatsApp's 24-hour customer-service window free text may be sent; outside it, only templates."""
    if not citizen_id:
        return False
    since = timezone.now() - timedelta(hours=24)
    return ConsentEvent.objects.filter(
        citizen_id=citizen_id, channel=Channel.WHATSAPP, source=ConsentEvent.Source.WHATSAPP_KEYWORD,
        created_at__gte=since,
    ).exists()  # fmt: skip


def alerts_dispatch_due(*, now: datetime | None = None) -> dict[str, int]:
    """Beat job: fans out due alerts, queues deferred deliveries now due and stalled alerts, fails stale claims.

    A claim whose lease expired means the worker died during the provider call: the message may or may not
    have gone out, so it is marked failed ("worker_lost") rather than sent a second time.
    """
    from alerts.tasks import alert_fan_out_task, delivery_send_chunk_task

    now = now or timezone.now()
    due_alerts = list(
        Alert.objects.filter(status=Alert.Status.SCHEDULED, send_at__lte=now).values_list("pk", flat=True)[:500]
    )
    for alert_id in due_alerts:
        alert_fan_out_task.delay(alert_id)
    deferred = Delivery.objects.filter(
        status=Delivery.Status.PENDING, not_before__lte=now, alert__status=Alert.Status.SENDING
    )
    deferred_alerts = list(deferred.order_by().values_list("alert_id", flat=True).distinct())
    # Stalled alerts: due deliveries still pending but none of the alert's deliveries moved for a while, e.g.
    # their chunk died with a worker and the broker has not redelivered it yet. Re-queued chunks are harmless:
    # every delivery is claimed by a conditional UPDATE before it is sent.
    quiet_since = now - timedelta(seconds=settings.ALERTS_REQUEUE_STALLED_SECONDS)
    due_pending = Delivery.objects.filter(alert=OuterRef("pk"), status=Delivery.Status.PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    recent_move = Delivery.objects.filter(alert=OuterRef("pk"), updated_at__gte=quiet_since)
    stalled = Alert.objects.filter(Exists(due_pending), ~Exists(recent_move), status=Alert.Status.SENDING)
    stalled = list(stalled.values_list("pk", flat=True))  # read before marking stale claims (that is a move)
    stale = Delivery.objects.filter(status=Delivery.Status.SENDING, lease_until__lt=now)
    stale_alerts = list(stale.order_by().values_list("alert_id", flat=True).distinct())
    stale_count = stale.update(
        status=Delivery.Status.FAILED,
        error_code="worker_lost",
        error="The worker stopped during the provider call; not re-sent to avoid a duplicate.",
        lease_until=None,
        updated_at=now,
    )
    requeue = sorted(set(deferred_alerts) | set(stalled))
    queued = 0
    for alert_id in requeue:
        chunks = iter_send_chunks(alert_id=alert_id, now=now)
        # Queued now: no longer deferred, and "moved" so the stall check waits a full period before re-queueing.
        Delivery.objects.filter(alert_id=alert_id, status=Delivery.Status.PENDING).filter(
            Q(not_before__isnull=True) | Q(not_before__lte=now)
        ).update(not_before=None, updated_at=now)
        for chunk in chunks:
            delivery_send_chunk_task.delay(*chunk)
            queued += 1
    for alert_id in set(stale_alerts):
        alert_finish_if_complete(alert_id=alert_id)
    return {"alerts": len(due_alerts), "stale": stale_count, "chunks": queued}


def templates_seed() -> int:
    """Installs the missing seed templates (SPEC §4–5, English and Hindi); edited ones are kept."""
    from alerts.seeds import install

    return install(AlertTemplate)


# --- consent -----------------------------------------------------------------------------------------------------


def consent_change(
    *,
    citizen: Citizen,
    channel: str,
    granted: bool,
    source: str,
    evidence: str = "",
    recorded_by=None,
) -> ConsentEvent:
    """Records a grant or withdrawal; a withdrawal also skips the citizen's queued deliveries on that channel."""
    event = consent_record(
        citizen=citizen,
        channel=channel,
        granted=granted,
        source=source,
        evidence=evidence,
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,
    )
    if not granted:
        queued = Delivery.objects.filter(citizen=citizen, channel=channel, status=Delivery.Status.PENDING)
        alert_ids = list(queued.values_list("alert_id", flat=True).distinct())
        queued.update(
            status=Delivery.Status.SKIPPED, skip_reason=Delivery.SkipReason.NO_CONSENT, updated_at=timezone.now()
        )
        for alert_id in alert_ids:
            fanout.release_unused_contacts(alert_id=alert_id, citizen_ids=[citizen.pk])
    return event


STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT"}
START_WORDS = {"START", "JOIN", "SUBSCRIBE", "UNSTOP", "YES"}


def sms_keyword_handle(*, phone: str, text: str) -> str:
    """Applies an inbound SMS keyword; returns "stop", "start" or "" (not a keyword)."""
    word = (text or "").strip().upper().rstrip(".!")
    if word not in STOP_WORDS | START_WORDS:
        return ""
    from accounts.services import citizen_upsert

    citizen = citizen_upsert(phone=phone)
    granted = word in START_WORDS
    consent_change(
        citizen=citizen,
        channel=Channel.SMS,
        granted=granted,
        source=ConsentEvent.Source.SMS_KEYWORD,
        evidence=f"SMS: {word}",
    )
    logger.info("sms keyword %s from %s", word, mask_phone(phone))
    return "start" if granted else "stop"


def unsubscribe_apply(*, payload: dict) -> bool:
    """One-click email unsubscribe from a signed link; True when a citizen's consent was withdrawn."""
    citizen = Citizen.objects.filter(pk=payload.get("c")).first() if payload.get("c") else None
    if citizen is None and payload.get("e"):
        citizen = Citizen.objects.filter(email__iexact=payload["e"]).order_by("pk").first()
    if citizen is None:
        logger.info("unsubscribe for an address with no citizen (%s)", mask_email(payload.get("e", "")))
        return False
    from accounts.selectors import consent_state

    if consent_state(citizen=citizen)[Channel.EMAIL]:
        consent_change(
            citizen=citizen,
            channel=Channel.EMAIL,
            granted=False,
            source=ConsentEvent.Source.EMAIL_LINK,
            evidence="one-click unsubscribe link",
        )
    return True


# --- provider status callbacks -----------------------------------------------------------------------------------

_RANK = {
    Delivery.Status.PENDING: 0,
    Delivery.Status.SENDING: 1,
    Delivery.Status.SENT: 2,
    Delivery.Status.FAILED: 3,
    Delivery.Status.DELIVERED: 4,
}
_TWILIO = {
    "sent": Delivery.Status.SENT,
    "delivered": Delivery.Status.DELIVERED,
    "read": Delivery.Status.DELIVERED,
    "failed": Delivery.Status.FAILED,
    "undelivered": Delivery.Status.FAILED,
}


def delivery_status_update(*, provider_id: str, provider_status: str, error_code: str = "") -> Delivery | None:
    """Applies a Twilio status callback; unknown ids are ignored and a delivery never moves backwards."""
    new = _TWILIO.get((provider_status or "").lower())
    if not provider_id or new is None:
        return None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(provider_id=provider_id).first()
        if delivery is None or delivery.status == Delivery.Status.SKIPPED:
            return delivery
        if _RANK.get(new, 0) <= _RANK.get(delivery.status, 0):
            return delivery
        now = timezone.now()
        delivery.status, delivery.updated_at = new, now
        fields = ["status", "updated_at"]
        if new == Delivery.Status.DELIVERED:
            delivery.delivered_at = now
            fields.append("delivered_at")
        if new == Delivery.Status.FAILED:
            delivery.error_code = str(error_code or provider_status)[:32]
            delivery.error = _("Provider reported %(status)s.") % {"status": provider_status}
            fields += ["error_code", "error"]
        delivery.save(update_fields=fields)
    return delivery
