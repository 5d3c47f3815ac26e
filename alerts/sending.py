"""Sending: each due delivery claimed (pending → sending) before the provider call, never re-sent after.

Consent is checked again here, templates are rendered in the citizen's language, every WhatsApp delivery goes
through the WhatsApp gate (alerts.whatsapp: free-form inside the 24-hour window, an approved template outside it,
else `needs_template` with an SMS fallback) and the messaging limit (alerts.tier), the provider rate is shared by
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

from accounts.models import Citizen, ConsentEvent
from alerts import fanout, ratelimit
from alerts.fanout import OPEN, alert_finish_if_complete
from alerts.models import Alert, Delivery
from alerts.rendering import CompiledTemplate, base_context, unsubscribe_url
from alerts.selectors import latest_consent_action, template_for
from alerts.tier import tier_admit, tier_lock, tier_next_slot, tier_used
from alerts.whatsapp import NEEDS_TEMPLATE, TEMPLATE, Decision, last_inbound_subquery, whatsapp_decide
from fraudsafe.channels import (
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    get_channel_backend,
)
from fraudsafe.tasking import task_enqueue
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
    counts = {"sent": 0, "failed": 0, "skipped": 0, "retry": 0, "deferred": 0}
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None or alert.status != Alert.Status.SENDING:
        return counts
    now = timezone.now()
    run = _Run(alert=alert, channel=channel)
    rows = _skip_unreachable(run, _due_rows(run, first_id=first_id, last_id=last_id, now=now), counts)
    ready = _prepare(run, rows, counts, now=now)
    retry_later = _send_ready(run, ready, counts)
    fanout.release_unused_contacts(alert_id=alert_id, citizen_ids=[c for c in run.failed_citizens if c])
    if retry_later:
        raise ChannelTemporaryError(f"{counts['retry']} deliveries of alert {alert_id} to retry", code="retry")
    alert_finish_if_complete(alert_id=alert_id)
    return counts


class _Run:
    """What one chunk's steps share: the alert, the channel, compiled templates, the citizens not reached."""

    def __init__(self, *, alert: Alert, channel: str):
        self.alert, self.channel = alert, channel
        self.compiled: dict[str, CompiledTemplate | None] = {}
        self.failed_citizens: list[int] = []
        self.status_callback = ""
        if channel in ("sms", "whatsapp"):
            self.status_callback = settings.FRAUDSAFE_PUBLIC_URL + reverse("alerts:twilio-status")

    def template(self, language: str) -> CompiledTemplate | None:
        if language not in self.compiled:
            found = template_for(key=self.alert.template_key, channel=self.channel, language=language)
            self.compiled[language] = CompiledTemplate(found) if found else None
        return self.compiled[language]


def _due_rows(run: _Run, *, first_id: int, last_id: int, now: datetime) -> list[dict]:
    """The range's due pending deliveries with consent, address, language and (WhatsApp) window, in one query."""
    due = Delivery.objects.filter(
        alert_id=run.alert.pk,
        channel=run.channel,
        id__gte=first_id,
        id__lte=last_id,
        status=Delivery.Status.PENDING,
    ).filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
    due = due.annotate(_consent=latest_consent_action(channel=run.channel, citizen_ref="citizen_id"))
    fields = ["id", "to", "attempts", "citizen_id", "_consent", "citizen__phone", "citizen__email", "citizen__name"]
    fields += ["citizen__language", "citizen__district", "citizen__area"]
    if run.channel == MessageChannel.WHATSAPP:
        due = due.annotate(_last_inbound=last_inbound_subquery("citizen__phone"))
        fields.append("_last_inbound")
    return list(due.values(*fields).order_by("id"))


def _skip_unreachable(run: _Run, rows: list[dict], counts: dict) -> list[dict]:
    """Skips withdrawn consent (`no_consent`) and missing addresses; returns the rest."""
    address_key = "citizen__email" if run.channel == "email" else "citizen__phone"
    withdrawn = [r for r in rows if r["citizen_id"] and r["_consent"] != ConsentEvent.Action.GRANT]
    withdrawn_ids = {r["id"] for r in withdrawn}
    no_address = [r for r in rows if r["id"] not in withdrawn_ids and not (r["to"] or r[address_key])]
    alert_id = run.alert.pk
    _skip([r["id"] for r in withdrawn], Delivery.SkipReason.NO_CONSENT, alert_id, [r["citizen_id"] for r in withdrawn])
    _skip(
        [r["id"] for r in no_address],
        Delivery.SkipReason.INVALID_RECIPIENT,
        alert_id,
        [r["citizen_id"] for r in no_address if r["citizen_id"]],
    )
    counts["skipped"] += len(withdrawn) + len(no_address)
    excluded = withdrawn_ids | {r["id"] for r in no_address}
    return [r for r in rows if r["id"] not in excluded]


def _prepare(run: _Run, rows: list[dict], counts: dict, *, now: datetime) -> list[tuple[dict, OutboundMessage, bool]]:
    """Picks each row's template and (WhatsApp) mode, records what cannot go, renders the rest.

    Returns (row, message, business_initiated) per delivery to send.
    """
    decided: list[tuple[dict, CompiledTemplate, bool]] = []
    blocked: list[tuple[dict, Decision]] = []
    for row in rows:
        template = run.template(row["citizen__language"] or settings.LANGUAGE_CODE)
        if template is None:
            _record_failure(row["id"], "no_template", _("No template for this channel and language."))
            run.failed_citizens.append(row["citizen_id"])
            counts["failed"] += 1
            continue
        if run.channel != MessageChannel.WHATSAPP:
            decided.append((row, template, False))
            continue
        decision = whatsapp_decide(template=template.template, last_inbound_at=row["_last_inbound"], now=now)
        if decision.mode == NEEDS_TEMPLATE:
            blocked.append((row, decision))
        else:
            decided.append((row, template, decision.mode == TEMPLATE))
    if blocked:
        _needs_template(run, blocked)
        counts["skipped"] += len(blocked)
    decided = _defer_when_tier_full(decided, counts, now=now)
    return [(row, _message(run, row, template, business), business) for row, template, business in decided]


def _needs_template(run: _Run, blocked: list[tuple[dict, Decision]]) -> None:
    """No approved template fits: nothing goes on WhatsApp; the delivery says why, and SMS takes over where the
    citizen consented to SMS (a delivery of the same alert, so caps count it once)."""
    citizen_ids = [row["citizen_id"] for row, _decision in blocked if row["citizen_id"]]
    _sms_fallback(run.alert, citizen_ids)
    now = timezone.now()
    for row, decision in blocked:
        Delivery.objects.filter(pk=row["id"], status__in=OPEN).update(
            status=Delivery.Status.SKIPPED,
            skip_reason=Delivery.SkipReason.NEEDS_TEMPLATE,
            error_code=decision.code[:32],
            error=decision.message[:500],
            lease_until=None,
            updated_at=now,
        )
    fanout.release_unused_contacts(alert_id=run.alert.pk, citizen_ids=citizen_ids)


def _sms_fallback(alert: Alert, citizen_ids: list[int]) -> None:
    consented = list(
        Citizen.objects.filter(pk__in=citizen_ids)
        .annotate(_consent=latest_consent_action(channel=MessageChannel.SMS))
        .filter(_consent=ConsentEvent.Action.GRANT)
        .values_list("pk", flat=True)
    )
    if not consented:
        return
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(alert=alert, citizen_id=pk, channel=MessageChannel.SMS, created_at=now, updated_at=now)
            for pk in consented
        ],
        ignore_conflicts=True,
    )
    new = Delivery.objects.filter(
        alert=alert, channel=MessageChannel.SMS, citizen_id__in=consented, status=Delivery.Status.PENDING
    ).values_list("id", flat=True)
    ids = list(new)
    if ids:
        task_enqueue(
            "alerts.tasks.delivery_send_chunk_task", alert.pk, MessageChannel.SMS, min(ids), max(ids), on_commit=True
        )


def _defer_when_tier_full(decided: list, counts: dict, *, now: datetime) -> list:
    """Fast path: when the messaging limit is already reached, template rows of citizens not yet counted wait for
    the next slot in one UPDATE, without being rendered (a 100k fan-out over the limit stays cheap)."""
    business = [row for row, _template, is_business in decided if is_business]
    if not business or tier_used(now=now) < settings.WHATSAPP_TIER_LIMIT:
        return decided
    with transaction.atomic():
        tier_lock()
        admitted = tier_admit(citizen_ids=[row["citizen_id"] for row in business], now=now)
        held = {row["id"] for row in business if row["citizen_id"] not in admitted}
        _defer_for_tier(held, now)
    counts["deferred"] += len(held)
    return [entry for entry in decided if entry[0]["id"] not in held]


def _defer_for_tier(ids: set[int], now: datetime) -> None:
    if ids:
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            not_before=tier_next_slot(now=now), deferred_by=Delivery.Deferral.TIER_LIMIT, updated_at=now
        )


def _send_ready(run: _Run, ready: list[tuple[dict, OutboundMessage, bool]], counts: dict) -> bool:
    """Claims and sends in small batches; True when some deliveries wait for a retry.

    A worker killed mid-batch strands at most ALERTS_CLAIM_BATCH claims (failed as "worker_lost", never re-sent),
    and the database sees two commits per batch instead of two per message.
    """
    backend = get_channel_backend(run.channel)
    retry_later = False
    size = max(1, settings.ALERTS_CLAIM_BATCH)
    for start in range(0, len(ready), size):
        batch = ready[start : start + size]
        claimed = _claim_batch(batch, counts, timezone.now())
        results = []
        for row, message, _business in batch:
            if row["id"] not in claimed:
                continue  # another worker has it, it was skipped meanwhile, or it waits for the messaging limit
            ratelimit.acquire(run.channel)
            try:
                result = backend.send_messages([message])[0]
            except Exception as exc:  # noqa: BLE001 - an unexpected backend bug must not leave it claimed
                result = ChannelTemporaryError(str(exc)[:200], code="backend_error")
            results.append((row, result))
        retry_later |= _record_results(results, counts, run.failed_citizens)
    return retry_later


def _claim_batch(batch: list[tuple[dict, OutboundMessage, bool]], counts: dict, now: datetime) -> set[int]:
    """Claims a batch; business-initiated WhatsApp rows are admitted against the messaging limit in the same
    transaction (and stamped `template_at`), the rest of them wait for the next slot."""
    business = [row for row, _message_, is_business in batch if is_business]
    with transaction.atomic():
        held: set[int] = set()
        if business:
            tier_lock()
            admitted = tier_admit(citizen_ids=[row["citizen_id"] for row in business], now=now)
            held = {row["id"] for row in business if row["citizen_id"] not in admitted}
            _defer_for_tier(held, now)
            counts["deferred"] += len(held)
        claimed = _claim([row["id"] for row, _m, _b in batch if row["id"] not in held], now)
        stamped = claimed & {row["id"] for row in business}
        if stamped:
            Delivery.objects.filter(pk__in=stamped).update(template_at=now)
    return claimed


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


def _message(run: _Run, row: dict, template: CompiledTemplate, business: bool) -> OutboundMessage:
    """The outbound message; `business` (WhatsApp outside the window) sends the approved template by ContentSid."""
    alert, channel = run.alert, run.channel
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
    if business:
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
        status_callback=run.status_callback,
        reference=f"delivery-{row['id']}",
    )
