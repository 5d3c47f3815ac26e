"""Shapes of the banks' freeze-request API and of the callbacks (the same JSON as the API's request detail).

A bank sees what it needs to find and hold the money: the beneficiary at its bank, the amount, the time and the
transaction reference, where the money came from (the victim's account masked), and the complaint's
acknowledgement number. Never the victim's name, phone, date of birth, address or district.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from complaints import validators
from fraudsafe.masking import mask_account
from recovery.models import FreezeRequest
from recovery.resolution import KIND_ACCOUNT, KIND_UPI, KIND_WALLET, Beneficiary


class BeneficiaryOutput(serializers.Serializer):
    kind = serializers.CharField(source="beneficiary_kind", help_text="`upi`, `account` or `wallet`.")
    upi_id = serializers.CharField(source="beneficiary_upi")
    account_number = serializers.CharField(source="beneficiary_account")
    ifsc = serializers.CharField(source="beneficiary_ifsc")
    wallet = serializers.CharField(source="beneficiary_wallet")


class PaidFromOutput(serializers.Serializer):
    bank = serializers.CharField(source="source_bank")
    account = serializers.SerializerMethodField(help_text="The victim's account is masked (last four digits).")

    def get_account(self, request: FreezeRequest) -> str:
        return mask_account(request.source_account) if request.layer == 1 else request.source_account


class FreezeRequestOutput(serializers.ModelSerializer):
    bank_code = serializers.CharField(source="bank.code", read_only=True)
    parent_id = serializers.IntegerField(allow_null=True, read_only=True, help_text="The request this moved on from.")
    beneficiary = BeneficiaryOutput(source="*", read_only=True)
    paid_from = PaidFromOutput(source="*", read_only=True)
    fraud_type = serializers.CharField(source="transaction.fraud_type", read_only=True)

    class Meta:
        model = FreezeRequest
        fields = [
            "id",
            "ack_number",
            "layer",
            "parent_id",
            "status",
            "bank_code",
            "amount",
            "occurred_at",
            "transaction_ref",
            "fraud_type",
            "beneficiary",
            "paid_from",
            "sent_at",
            "ack_due_at",
            "answer_due_at",
            "acknowledged_at",
            "answered_at",
            "bank_reference",
            "amount_held",
            "reason",
        ]
        read_only_fields = fields

    def to_representation(self, request: FreezeRequest) -> dict:
        """The same JSON as the declared fields give (a test compares both), built directly: a bank lists
        hundreds of requests per page, and DRF's per-field machinery costs most of the response time."""
        return {
            "id": request.pk,
            "ack_number": request.ack_number,
            "layer": request.layer,
            "parent_id": request.parent_id,
            "status": request.status,
            "bank_code": request.bank.code,
            "amount": _money(request.amount),
            "occurred_at": _when(request.occurred_at),
            "transaction_ref": request.transaction_ref,
            "fraud_type": request.transaction.fraud_type,
            "beneficiary": {
                "kind": request.beneficiary_kind,
                "upi_id": request.beneficiary_upi,
                "account_number": request.beneficiary_account,
                "ifsc": request.beneficiary_ifsc,
                "wallet": request.beneficiary_wallet,
            },
            "paid_from": {
                "bank": request.source_bank,
                "account": mask_account(request.source_account) if request.layer == 1 else request.source_account,
            },
            "sent_at": _when(request.sent_at),
            "ack_due_at": _when(request.ack_due_at),
            "answer_due_at": _when(request.answer_due_at),
            "acknowledged_at": _when(request.acknowledged_at),
            "answered_at": _when(request.answered_at),
            "bank_reference": request.bank_reference,
            "amount_held": _money(request.amount_held),
            "reason": request.reason,
        }


def _when(moment) -> str | None:
    """As DRF's DateTimeField writes it: ISO 8601 in the current time zone."""
    return None if moment is None else timezone.localtime(moment).isoformat()


def _money(amount) -> str:
    return f"{Decimal(amount):.2f}"


class AcknowledgeInput(serializers.Serializer):
    bank_reference = serializers.CharField(
        required=False, allow_blank=True, max_length=64, default="", help_text="Your own reference, optional."
    )


class MovedOnInput(serializers.Serializer):
    """One account the money moved on to: a UPI ID, an account number with its IFSC, or a wallet."""

    upi_id = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    account_number = serializers.CharField(required=False, allow_blank=True, max_length=18, default="")
    ifsc = serializers.CharField(required=False, allow_blank=True, max_length=11, default="")
    wallet = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    moved_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    transaction_ref = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")

    def validate(self, data):
        given = [name for name in ("upi_id", "account_number", "wallet") if data[name].strip()]
        if len(given) != 1:
            raise serializers.ValidationError(_("Give exactly one of upi_id, account_number (with ifsc) or wallet."))
        try:
            if given == ["upi_id"]:
                data["beneficiary"] = Beneficiary(KIND_UPI, upi=validators.validate_upi_id(data["upi_id"]))
            elif given == ["account_number"]:
                if not data["ifsc"].strip():
                    raise serializers.ValidationError({"ifsc": _("Give the IFSC of the account.")})
                data["beneficiary"] = Beneficiary(
                    KIND_ACCOUNT,
                    account=validators.validate_beneficiary_account(data["account_number"]),
                    ifsc=validators.validate_ifsc(data["ifsc"]),
                )
            else:
                data["beneficiary"] = Beneficiary(KIND_WALLET, wallet=validators.validate_wallet(data["wallet"]))
        except DjangoValidationError as exc:  # the bot's own validators
            raise serializers.ValidationError(exc.messages)
        return data


class OutcomeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(
        [FreezeRequest.Status.ON_HOLD, FreezeRequest.Status.MOVED_ON, FreezeRequest.Status.NOT_FOUND,
         FreezeRequest.Status.REJECTED]
    )  # fmt: skip
    amount_held = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, default=0,
        help_text="Amount put on hold (required for `on_hold`; may accompany `moved_on`).",
    )  # fmt: skip
    moved_on = MovedOnInput(many=True, required=False, default=list, help_text="Required for `moved_on`.")
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default="", help_text="Required for `rejected`."
    )
    bank_reference = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")


class FreezeAnswerOutput(serializers.Serializer):
    request = FreezeRequestOutput()
    next_layer = FreezeRequestOutput(many=True, help_text="Requests opened to the banks the money moved on to.")
    not_routed = serializers.ListField(
        child=serializers.CharField(), help_text="Moved-on beneficiaries whose bank is unknown (flagged to staff)."
    )


class CallbackSettingsOutput(serializers.Serializer):
    url = serializers.CharField(allow_blank=True)
    signing_secret = serializers.CharField(help_text="Verify X-FraudSafe-Signature with this secret (HMAC-SHA256).")
    bank_codes = serializers.ListField(child=serializers.CharField())


class CallbackSettingsInput(serializers.Serializer):
    url = serializers.URLField(allow_blank=True, max_length=500, help_text="HTTPS URL, or empty to stop callbacks.")
