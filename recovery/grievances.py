"""The wrongly frozen: an account holder says a hold on their account is wrong. Staff (or the bank, through the
API, on the holder's behalf) record who they are, their statement and the evidence they give; staff who work the
complaint decide: upheld (the hold lifted, or reduced to the disputed amount: a lien on that amount only) or
rejected. The bank is told: the decision is on its grievance and freeze-request endpoints, and pushed to its
callback URL when it has one. Each step locks the hold's row (then the grievance's), so two decisions at once
give one decision and one conflict.

Weaker evidence: a hold on an account that is neither paid by the complaint's victim nor reported by a bank on the
complaint's money trail, but found among another complaint's fraudster identifiers (linked to this complaint only
through another complaint), is flagged. Courts have warned against blanket freezes; the flag is on the grievance,
the console card, the admin and the bank's API.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.access import require_can_work
from complaints.identifiers import beneficiary_identifier
from complaints.models import FraudsterIdentifier, Transaction
from fraudsafe.tasking import task_enqueue
from recovery.models import (
    BankPartner,
    FreezeEvent,
    FreezeRequest,
    HoldGrievance,
    RefundRequest,
    RestitutionEvent,
    RestitutionHold,
)
from recovery.restitution import HELD, _held, _shares, _totals, hold_rule
from recovery.restitution_refunds import RestitutionConflict
from recovery.services.common import _after_commit_push

Status = HoldGrievance.Status
Kind = FraudsterIdentifier.Kind
LIFT, REDUCE, REJECT = "lift", "reduce", "reject"
DECISIONS = (LIFT, REDUCE, REJECT)


class GrievanceConflict(RestitutionConflict):
    """Not allowed in the hold's or the grievance's state (the API answers 409, the console shows the message)."""


# --- weaker evidence ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Why an account is held for a complaint. `weaker`: only through another complaint (`via`: their ack numbers)."""

    weaker: bool
    basis: str
    via: tuple[str, ...] = ()


def _own_keys(complaint_ids: set[int]) -> dict[int, set[str]]:
    from recovery.resolution import beneficiary_from

    keys: dict[int, set[str]] = defaultdict(set)
    fields = ("complaint_id", "beneficiary_kind", "beneficiary_upi", "beneficiary_account", "beneficiary_ifsc",
              "beneficiary_wallet")  # fmt: skip
    for row in Transaction.objects.filter(complaint_id__in=complaint_ids).values(*fields):
        if (beneficiary := beneficiary_from(row)) is not None:
            keys[row["complaint_id"]].add(beneficiary.key)
    return keys


def _others(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], dict[int, str]]:
    """Per identifier: the complaints (id → ack number) with a transaction to it."""
    found: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, value in pairs:
        by_kind[kind].add(value)
    for kind, values in by_kind.items():
        rows = FraudsterIdentifier.objects.filter(kind=kind, value__in=values).values_list(
            "value", "transactions__complaint_id", "transactions__complaint__ack_number"
        )
        for value, complaint_id, ack in rows:
            if complaint_id is not None:
                found[(kind, value)][complaint_id] = ack
    return found


def holds_evidence(requests: list[FreezeRequest]) -> dict[int, Evidence]:
    """Per freeze request (by pk): why its account is held for its complaint. Three queries whatever the number."""
    requests = list(requests)
    own = _own_keys({r.complaint_id for r in requests})
    candidates = {}
    out: dict[int, Evidence] = {}
    for request in requests:
        if request.identifier_key in own.get(request.complaint_id, set()):
            out[request.pk] = Evidence(False, _("The victim of this complaint paid this account."))
        elif request.parent_id and request.created_by_id is None:
            out[request.pk] = Evidence(
                False, _("A bank reported the money moved on to this account (layer %(n)s).") % {"n": request.layer}
            )
        else:
            candidates[request.pk] = (request, beneficiary_identifier(request))
    others = _others({pair for _r, pair in candidates.values() if pair})
    for pk, (request, pair) in candidates.items():
        via = {cid: ack for cid, ack in others.get(pair, {}).items() if cid != request.complaint_id}
        if via:
            acks = tuple(sorted(via.values()))
            out[pk] = Evidence(
                True,
                _("Weaker evidence: this account is linked to this complaint only through another complaint's "
                  "fraudster identifier (%(acks)s), not by the victim's payment or a bank's report.")
                % {"acks": ", ".join(acks)},
                acks,
            )  # fmt: skip
        else:
            out[pk] = Evidence(False, _("Added to the money trail by staff."))
    return out


def hold_evidence(request: FreezeRequest) -> Evidence:
    return holds_evidence([request])[request.pk]


# --- recording ---------------------------------------------------------------------------------------------------


def _locked_hold(freeze_request_id: int, partner: BankPartner | None) -> FreezeRequest:
    queryset = FreezeRequest.objects.select_for_update().select_related("bank", "complaint")
    if partner is not None:
        queryset = queryset.filter(bank__in=partner.banks.all())
    return queryset.get(pk=freeze_request_id)


def grievance_record(
    *, freeze_request_id: int, holder_name: str, holder_contact: str, statement: str, evidence: str = "",
    documents: str = "", by: User | None = None, partner: BankPartner | None = None, now: datetime | None = None,
) -> HoldGrievance:  # fmt: skip
    """Records an account holder's grievance against a hold: by staff who work the complaint (`by`), or by the
    bank holding it (`partner`, on the holder's behalf). The hold must still hold money; one open grievance per
    hold. Raises ValidationError, PermissionDenied, GrievanceConflict, FreezeRequest.DoesNotExist (not the
    partner's bank)."""
    now = now or timezone.now()
    values = {"holder_name": holder_name, "holder_contact": holder_contact, "statement": statement}
    values = {name: (value or "").strip() for name, value in values.items()}
    errors = {
        "holder_name": _("Give the account holder's name."),
        "holder_contact": _("Give the account holder's phone or email."),
        "statement": _("Give the account holder's statement: why the hold is wrong."),
    }
    missing = {name: [message] for name, message in errors.items() if not values[name]}
    if missing:
        raise ValidationError(missing)
    if (by is None) == (partner is None):
        raise ValueError("a grievance is recorded by staff or by a bank partner, not both")
    with transaction.atomic():
        hold = _locked_hold(freeze_request_id, partner)
        if by is not None:
            require_can_work(
                complaint=hold.complaint,
                user=by,
                message=_("Only an admin or the complaint's handler can record a grievance on it."),
            )
        if hold.status not in HELD or hold.amount_held <= 0:
            raise GrievanceConflict(_("Nothing is held on this account (%(s)s).") % {"s": hold.get_status_display()})
        if hold.grievances.filter(status=Status.RECEIVED).exists():
            raise GrievanceConflict(_("A grievance against this hold is waiting for a decision already."))
        with translation.override(settings.LANGUAGE_CODE):
            found = hold_evidence(hold)
        grievance = HoldGrievance.objects.create(
            freeze_request=hold, bank=hold.bank, holder_name=values["holder_name"][:150],
            holder_contact=values["holder_contact"][:150], statement=values["statement"],
            evidence=(evidence or "").strip(), documents=(documents or "").strip(),
            channel=HoldGrievance.Channel.BANK if partner else HoldGrievance.Channel.STAFF,
            amount_held=account_held(hold), weaker_evidence=found.weaker, evidence_basis=found.basis,
            recorded_by=by, partner=partner, received_at=now,
            due_at=now + timedelta(days=settings.RESTITUTION_GRIEVANCE_DUE_DAYS),
        )  # fmt: skip
        note = f"#{grievance.pk} {grievance.get_channel_display()}"
        FreezeEvent.objects.create(request=hold, kind=FreezeEvent.Kind.GRIEVANCE, actor=by,
                                   partner=str(partner or ""), note=note, created_at=now)  # fmt: skip
        _case_event(hold, actor=by, partner=partner, note=note, now=now)
    return grievance


def _case_event(hold: FreezeRequest, *, actor=None, partner=None, note="", amount=None, now) -> None:
    restitution = RestitutionHold.objects.filter(freeze_request=hold).select_related("case").first()
    if restitution is not None:
        RestitutionEvent.objects.create(
            case=restitution.case, kind=RestitutionEvent.Kind.GRIEVANCE, actor=actor, partner=str(partner or ""),
            note=note, amount=amount, created_at=now,
        )  # fmt: skip


# --- deciding ----------------------------------------------------------------------------------------------------


def held_on_account(hold: FreezeRequest) -> list[FreezeRequest]:
    """Every victim's freeze request still holding money on the hold's account (the same bank and beneficiary)."""
    return list(_held(FreezeRequest.objects.filter(bank_id=hold.bank_id, identifier_key=hold.identifier_key)))


def account_held(hold: FreezeRequest, account=None) -> Decimal:
    """What the bank holds on the hold's account: the lien is on the account, and each victim's freeze request on
    it reports (up to what that victim lost) the same money, so the account holds the largest amount reported
    (restitution's pool)."""
    if account is None:
        account = held_on_account(hold)
    return max((r.amount_held for r in account if r.status in HELD), default=Decimal(0))


def release_for(
    grievance: HoldGrievance, hold: FreezeRequest, *, decision: str, release_amount, account=None
) -> Decimal:
    """What an uphold releases from the account: all that is held on it (lift), or the part not disputed (reduce:
    more than 0, less than what is held, so a lien stays on the disputed amount only). `account`: the holds on the
    account (read when not given). Raises ValidationError; GrievanceConflict when a refund to a victim of money
    held on this account (this victim's or another's) is asked or made (that money is not the holder's to take
    back here)."""
    if account is None:
        account = list(FreezeRequest.objects.filter(bank_id=hold.bank_id, identifier_key=hold.identifier_key))
    held = account_held(hold, account)
    refunds = RefundRequest.objects.filter(case__holds__freeze_request__in=account, bank_id=hold.bank_id)
    if refunds.filter(Q(status__in=RefundRequest.OPEN) | Q(refunded__gt=0)).exists():
        raise GrievanceConflict(
            _("A refund of this hold's money to the victim is asked or made: it cannot be released here. Wait for "
              "the bank's answer, or the court decides.")
        )  # fmt: skip
    if decision == LIFT:
        return held
    try:
        amount = Decimal(str(release_amount)) if release_amount not in (None, "") else None
    except ArithmeticError:
        amount = None
    if amount is None or amount <= 0 or amount >= held or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"release_amount": [
            _("To reduce the hold, release more than ₹0 and less than the ₹%(held)s held (to lift it all, choose "
              "“lift”).") % {"held": held}
        ]})  # fmt: skip
    return amount


@dataclass(frozen=True)
class DecisionPreview:
    """What an uphold would do, shown before staff confirm it."""

    hold: FreezeRequest
    held: Decimal  # on the account
    released: Decimal
    left: Decimal
    others: int  # other victims whose holds on the account go down too


def decision_preview(grievance: HoldGrievance, *, decision: str, release_amount=None) -> DecisionPreview:
    """The uphold's effect, without changing anything. Raises GrievanceConflict (decided already) and
    ValidationError (an amount that cannot be released)."""
    if not grievance.is_open:
        raise GrievanceConflict(_("This grievance is %(s)s already.") % {"s": grievance.get_status_display()})
    hold = grievance.freeze_request
    account = held_on_account(hold)
    released = release_for(grievance, hold, decision=decision, release_amount=release_amount, account=account)
    held = account_held(hold, account)
    others = len({r.complaint_id for r in account} - {hold.complaint_id})
    return DecisionPreview(hold=hold, held=held, released=released, left=held - released, others=others)


def grievance_decide(
    *, grievance_id: int, by: User, decision: str, reason: str, release_amount=None, now: datetime | None = None
) -> HoldGrievance:
    """Staff who work the complaint decide: `lift` (release all that is held), `reduce` (release `release_amount`,
    the lien stays on the rest) or `reject`; a reason always. Locks every hold on the account (then the
    grievance): a second decision is a conflict. The lien is on the account, so an uphold lowers every victim's
    hold on it and re-splits their shares; the bank is told of each hold, and each victim whose claim went down is
    told too."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Choose lift, reduce or reject.")]})
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the decision.")]})
    hold_id = HoldGrievance.objects.filter(pk=grievance_id).values_list("freeze_request_id", flat=True).first()
    if hold_id is None:
        raise HoldGrievance.DoesNotExist
    with transaction.atomic():
        account = _locked_account(hold_id)
        hold = next(r for r in account if r.pk == hold_id)
        grievance = HoldGrievance.objects.select_for_update().get(pk=grievance_id)
        require_can_work(
            complaint=hold.complaint,
            user=by,
            message=_("Only an admin or the complaint's handler can decide a grievance on it."),
        )
        if not grievance.is_open:
            raise GrievanceConflict(_("This grievance is %(s)s already.") % {"s": grievance.get_status_display()})
        grievance.decision_reason, grievance.decided_by, grievance.decided_at = reason, by, now
        touched = [hold]  # the freeze requests whose bank is told
        if decision == REJECT:
            grievance.status = Status.REJECTED
            note = _("Grievance #%(id)s rejected: %(reason)s") % {"id": grievance.pk, "reason": reason}
        else:
            if hold.status not in HELD or hold.amount_held <= 0:
                raise GrievanceConflict(_("Nothing is held on this account any more; reject or leave it."))
            held_on_account = [r for r in account if r.status in HELD and r.amount_held > 0]
            released = release_for(grievance, hold, decision=decision, release_amount=release_amount,
                                   account=held_on_account)  # fmt: skip
            grievance.amount_held = account_held(hold, held_on_account)  # what the decision applies to
            grievance.status = Status.UPHELD
            grievance.outcome = HoldGrievance.Outcome.LIFTED if decision == LIFT else HoldGrievance.Outcome.REDUCED
            grievance.release_amount = released
            lowered, told = _lien_lower(held_on_account, grievance.amount_held - released)
            touched = [hold, *(r for r in lowered if r.pk != hold.pk)]  # the decided one even if unchanged
            note = _("Grievance #%(id)s upheld: ₹%(amount)s released, ₹%(left)s stays held. %(reason)s") % {
                "id": grievance.pk, "amount": released, "left": grievance.lien_after, "reason": reason,
            }  # fmt: skip
            for case_id, step in told:
                task_enqueue("recovery.tasks.restitution_notify_task", case_id, step, grievance.pk, on_commit=True)
        grievance.save()
        for request in touched:
            FreezeEvent.objects.create(request=request, kind=FreezeEvent.Kind.GRIEVANCE, actor=by, note=note,
                                       created_at=now)  # fmt: skip
            _case_event(request, actor=by, note=note, amount=grievance.release_amount, now=now)
        _after_commit_push(touched, event="freeze_request.grievance_decided")
    return grievance


def _locked_account(hold_id: int) -> list[FreezeRequest]:
    """Every freeze request on the hold's account (the same bank and beneficiary), locked in one order (by pk) so
    that decisions on two victims' grievances against one account wait for each other instead of deadlocking."""
    bank_id, key = FreezeRequest.objects.filter(pk=hold_id).values_list("bank_id", "identifier_key").get()
    return list(
        FreezeRequest.objects.select_for_update()
        .select_related("bank", "complaint")
        .filter(bank_id=bank_id, identifier_key=key)
        .order_by("pk")
    )


def _lien_lower(account: list[FreezeRequest], lien: Decimal) -> tuple[list[FreezeRequest], list[tuple[int, str]]]:
    """The lien is on the account: every victim's hold on it keeps at most `lien` (none: lifted), and every
    victim's share is split again pro rata over what stays held (restitution's own rule, to the paisa). Returns
    the holds lowered and, per case whose claim went down, the notice to send (`reduced`, or `released` when
    nothing is left to claim)."""
    lowered = [r for r in account if r.amount_held > lien]
    for request in lowered:
        request.amount_held = lien
        if lien == 0:
            request.status = FreezeRequest.Status.LIFTED
        request.updated_at = timezone.now()
    FreezeRequest.objects.bulk_update(lowered, ["amount_held", "status", "updated_at"])
    ordered = sorted(account, key=lambda r: (r.answered_at is None, r.answered_at or r.sent_at, r.pk))
    shares = RestitutionHold.objects.select_for_update().select_related("case").filter(freeze_request__in=account)
    shares = {s.freeze_request_id: s for s in shares}
    if lien > 0:
        split = {pk: (pool, share, claimants, rule)
                 for pk, (_r, pool, share, claimants, rule) in _shares({0: ordered}).items()}  # fmt: skip
    else:
        rule = hold_rule(Decimal(0), [r.amount for r in ordered])
        split = {r.pk: (Decimal(0), Decimal(0), len(ordered), rule) for r in ordered}
    changed = []
    for pk, share in shares.items():
        share.pool, share.share, share.claimants, share.rule = split[pk]
        changed.append(share)
    RestitutionHold.objects.bulk_update(changed, ["pool", "share", "claimants", "rule"])
    cases = list({s.case_id: s.case for s in changed}.values())
    before = {c.pk: c.claimable for c in cases}
    _totals(cases)
    told = [(c.pk, "reduced" if c.claimable > 0 else "released") for c in cases if c.claimable < before[c.pk]]
    return lowered, told


# --- reading -----------------------------------------------------------------------------------------------------


def grievances_of_banks(*, partner: BankPartner) -> QuerySet[HoldGrievance]:
    return (
        HoldGrievance.objects.filter(bank__in=partner.banks.all())
        .select_related("bank", "freeze_request")
        .order_by("received_at", "pk")
    )


def grievances_of_complaint(*, complaint_id: int) -> list[HoldGrievance]:
    return list(
        HoldGrievance.objects.filter(freeze_request__complaint_id=complaint_id)
        .select_related("bank", "freeze_request", "decided_by", "recorded_by")
        .order_by("-received_at", "-pk")
    )
