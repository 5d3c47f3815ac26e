"""Sending: each due delivery claimed (pending → sending) before the provider call, never re-sent after.

Consent is checked again here, templates are rendered in the citizen's language, the provider rate is shared by
every worker (alerts.ratelimit), and outcomes are written in batches.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ConsentEvent
from alerts import fanout, ratelimit
from alerts.fanout import OPEN, alert_finish_if_complete
from alerts.models import Alert, Delivery
from alerts.rendering import CompiledTemplate, base_context, unsubscribe_url
from alerts.selectors import latest_consent_action, template_for
from fraudsafe.channels import (
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    get_channel_backend,
)
from fraudsafe.vocabulary import MessageChannel

logger = logging.getLogger(__name__)


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
    if (
        channel == "whatsapp"
        and template.template.content_sid
        and not _whatsapp_session_open(citizen_id)
        and not _session_open_by_context(alert)
    ):
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


def _session_open_by_context(alert: Alert) -> bool:
    """A case update knows when the victim last wrote (alerts.notices): free text while that window is open."""
    until = alert.context.get("whatsapp_session_until")
    if not until:
        return False
    try:
        return datetime.fromisoformat(until) > timezone.now()
    except (TypeError, ValueError):
        return False


def _whatsapp_session_open(citizen_id: int | None) -> bool:
    """Inside WhatsApp's 24-hour customer-service window free text may be sent; outside it, only templates."""
    if not citizen_id:
        return False
    since = timezone.now() - timedelta(hours=24)
    return ConsentEvent.objects.filter(
        citizen_id=citizen_id, channel=MessageChannel.WHATSAPP, source=ConsentEvent.Source.WHATSAPP_KEYWORD,
        created_at__gte=since,
    ).exists()  # fmt: skip
