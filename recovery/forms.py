from django import forms
from django.utils.translation import gettext_lazy as _


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AddLayerForm(forms.Form):
    """Where the money moved on to, as a bank told the attender (opens a request to that bank)."""

    beneficiary_kind = forms.ChoiceField(
        label=_("Moved on to"),
        choices=[("upi", _("UPI ID")), ("account", _("Bank account")), ("wallet", _("Wallet"))],
    )
    identifier = forms.CharField(
        label=_("UPI ID, account number or wallet"), max_length=100, help_text=_("e.g. name@ybl or 50100123456789")
    )
    ifsc = forms.CharField(label=_("IFSC (for an account)"), max_length=15, required=False)
    amount = forms.DecimalField(label=_("Amount moved on (₹)"), max_digits=14, decimal_places=2, min_value=0.01)
    transaction_ref = forms.CharField(label=_("Transaction reference"), max_length=64, required=False)

    def beneficiary_values(self) -> dict:
        data = self.cleaned_data
        kind = data["beneficiary_kind"]
        return {
            "beneficiary_kind": kind,
            "beneficiary_upi": data["identifier"] if kind == "upi" else "",
            "beneficiary_account": data["identifier"] if kind == "account" else "",
            "beneficiary_ifsc": data["ifsc"] if kind == "account" else "",
            "beneficiary_wallet": data["identifier"] if kind == "wallet" else "",
        }
