"""Complaint API shapes (thin: no business rules here)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from complaints.access import shown
from complaints.models import Complaint, ComplaintEvent, Transaction


class HandlerOutput(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name"]


class FraudsterSideOutput(serializers.Serializer):
    """The fraudster's side of a transaction ("" = not known); numbers masked like the victim's for viewers who
    do not handle the complaint."""

    kind = serializers.CharField(source="beneficiary_kind", help_text="`upi`, `account`, `wallet`, `merchant` or ``.")
    upi_id = serializers.SerializerMethodField()
    account_number = serializers.SerializerMethodField()
    ifsc = serializers.CharField(source="beneficiary_ifsc")
    wallet = serializers.SerializerMethodField()
    merchant = serializers.CharField(source="beneficiary_merchant")
    phone = serializers.SerializerMethodField()
    website = serializers.CharField(source="fraudster_website")

    def _shown(self, txn: Transaction, value: str, kind: str) -> str:
        viewer = getattr(self.context.get("request"), "user", None)
        return shown(value, kind=kind, viewer=viewer, complaint=txn.complaint)

    def get_upi_id(self, txn: Transaction) -> str:
        return self._shown(txn, txn.beneficiary_upi, "email")

    def get_account_number(self, txn: Transaction) -> str:
        return self._shown(txn, txn.beneficiary_account, "account")

    def get_wallet(self, txn: Transaction) -> str:
        return self._shown(txn, txn.beneficiary_wallet, "text")

    def get_phone(self, txn: Transaction) -> str:
        return self._shown(txn, txn.fraudster_phone, "phone")


class TransactionOutput(serializers.ModelSerializer):
    account_number = serializers.SerializerMethodField()
    fraudster = FraudsterSideOutput(source="*", read_only=True)
    fraud_type_display = serializers.CharField(source="get_fraud_type_display")
    progress_display = serializers.CharField(source="get_progress_display")

    class Meta:
        model = Transaction
        fields = [
            "id",
            "position",
            "date",
            "time",
            "bank",
            "account_number",
            "amount",
            "transaction_id",
            "fraud_type",
            "fraud_type_display",
            "progress",
            "progress_display",
            "fraudster",
        ]

    def get_account_number(self, txn: Transaction) -> str:
        """In full for admins and the handler; masked (last four digits) for anyone else."""
        viewer = getattr(self.context.get("request"), "user", None)
        return shown(txn.account_number, kind="account", viewer=viewer, complaint=txn.complaint)


class ComplaintEventOutput(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    from_label = serializers.CharField(read_only=True, help_text=_("`from_value` as people read it."))
    to_label = serializers.CharField(read_only=True, help_text=_("`to_value` as people read it."))
    note = serializers.CharField(source="note_display", read_only=True, help_text=_("In the caller's language."))

    class Meta:
        model = ComplaintEvent
        fields = [
            "id",
            "kind",
            "kind_display",
            "actor",
            "from_value",
            "from_label",
            "to_value",
            "to_label",
            "note",
            "created_at",
        ]


class ComplaintListOutput(serializers.ModelSerializer):
    handler = HandlerOutput(read_only=True, allow_null=True)
    total_amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    transaction_count = serializers.IntegerField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "ack_number",
            "name",
            "district",
            "pin_code",
            "status",
            "status_display",
            "handler",
            "total_amount",
            "transaction_count",
            "created_at",
            "updated_at",
        ]


class ComplaintDetailOutput(ComplaintListOutput):
    mobile = serializers.SerializerMethodField()
    father_name = serializers.SerializerMethodField()
    transactions = TransactionOutput(many=True, read_only=True)
    events = ComplaintEventOutput(many=True, read_only=True)
    has_pdf = serializers.SerializerMethodField()

    class Meta(ComplaintListOutput.Meta):
        fields = [
            *ComplaintListOutput.Meta.fields,
            "mobile",
            "father_name",
            "language",
            "rejection_reason",
            "has_pdf",
            "transactions",
            "events",
        ]

    def get_mobile(self, complaint: Complaint) -> str:
        """In full for admins and the handler; masked for an attender looking at an unassigned complaint."""
        viewer = getattr(self.context.get("request"), "user", None)
        return shown(complaint.mobile, kind="account", viewer=viewer, complaint=complaint)

    def get_father_name(self, complaint: Complaint) -> str:
        """Masked like the phone for viewers who do not work the complaint."""
        viewer = getattr(self.context.get("request"), "user", None)
        return shown(complaint.father_name, kind="name", viewer=viewer, complaint=complaint)

    def get_has_pdf(self, complaint: Complaint) -> bool:
        return bool(complaint.pdf)


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Complaint.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        default="",
        help_text=_("Required when the status is `rejected`; told to the citizen."),
    )


class AttenderOutput(serializers.ModelSerializer):
    open_complaints = serializers.IntegerField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "open_complaints"]
