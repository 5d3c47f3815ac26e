"""Staff fill in or correct the fraudster's side of a transaction (from a bank statement, a call with the victim).

The values are validated like the bot's answers. After commit the case store gets the new identifier hashes and
`signals.beneficiary_changed` is sent (recovery opens freeze requests for newly resolvable beneficiaries).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.access import require_can_work
from complaints.cases import complaint_cases_record_on_commit
from complaints.conversation.fields import TXN_FIELD_BY_KEY, beneficiary_answers
from complaints.identifiers import complaint_identifiers_record
from complaints.models import BENEFICIARY_FIELDS, Complaint, ComplaintEvent, Transaction
from complaints.signals import beneficiary_changed, send_after_commit
from fraudsafe.vocabulary import BeneficiaryKind

OPEN_STATUSES = (Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS)


def beneficiary_clean(values: dict) -> dict[str, str]:
    """Validated, stored forms of the given fraudster fields (blank = not known); ValidationError by field."""
    cleaned, errors = {}, {}
    today = timezone.localdate()
    for key in BENEFICIARY_FIELDS:
        if key not in values:
            continue
        raw = str(values[key] or "").strip()
        if not raw:
            cleaned[key] = ""
            continue
        try:
            if key == "beneficiary_kind":
                if raw not in BeneficiaryKind.values:
                    raise ValidationError(_("Choose where the money went."))
                cleaned[key] = raw
            else:
                cleaned[key] = TXN_FIELD_BY_KEY[key].clean(raw, today=today)
        except ValidationError as exc:
            errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def transaction_update_beneficiary(*, transaction_id: int, by: User, values: dict, note: str = "") -> Transaction:
    """Sets the fraudster's side of one transaction (admins and the complaint's handler, open complaints only).

    Details that do not fit the chosen kind are cleared; nothing changes (and nothing is sent) when the values
    are the same. Raises ValidationError by field and PermissionDenied.
    """
    cleaned = beneficiary_clean(values)
    with transaction.atomic():
        txn = Transaction.objects.select_for_update().select_related("complaint").get(pk=transaction_id)
        complaint = txn.complaint
        require_can_work(complaint=complaint, user=by)
        if complaint.status not in OPEN_STATUSES:
            raise ValidationError(
                {"beneficiary_kind": _("The complaint is closed; its transactions can no longer change.")}
            )
        merged = {**txn.beneficiary, **cleaned}
        stored = {**merged, **beneficiary_answers(merged)}
        changed = [key for key in BENEFICIARY_FIELDS if getattr(txn, key) != stored[key]]
        if not changed:
            return txn
        for key in changed:
            setattr(txn, key, stored[key])
        txn.save(update_fields=changed)
        labels = ", ".join(str(TXN_FIELD_BY_KEY[key].label) for key in changed)
        ComplaintEvent.objects.create(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.BENEFICIARY,
            note=" ".join(
                part
                for part in (
                    _("Transaction %(position)s: %(fields)s.") % {"position": txn.position, "fields": labels},
                    note.strip(),
                )
                if part
            ),
        )
        complaint_identifiers_record(complaint_id=complaint.pk)
        complaint_cases_record_on_commit(complaint_id=complaint.pk)
        send_after_commit(beneficiary_changed, complaint_id=complaint.pk, transaction_id=txn.pk, by=by)
    return txn
