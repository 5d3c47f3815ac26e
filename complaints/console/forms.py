from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint, Transaction
from complaints.workflow import ALLOWED_TRANSITIONS
from fraudsafe.vocabulary import BeneficiaryKind


class StatusForm(forms.Form):
    """The next statuses a complaint may take; the workflow service has the final word."""

    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(
        label=_("Note (kept in the history)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Reason (required to reject; sent to the citizen)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)
        # Any status is accepted here so that an illegal one reaches the service and gets its clear message;
        # the page only offers the next statuses the complaint may take.
        self.fields["status"].choices = Complaint.Status.choices
        self.next_statuses = [(s, Complaint.Status(s).label) for s in ALLOWED_TRANSITIONS.get(complaint.status, ())]


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("Progress"), choices=Transaction.Progress.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class HandOverForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Hand over to"), queryset=None, empty_label=_("Choose a colleague…"))
    note = forms.CharField(
        label=_("Note for your colleague (kept in the history)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, attenders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = attenders
        self.fields["to"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.get_username()})" if user.get_full_name() else user.get_username()
        )


class UnassignForm(forms.Form):
    note = forms.CharField(label=_("Why (optional, kept in the history)"), required=False, max_length=2000)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason to reopen (kept in the history)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BeneficiaryForm(forms.Form):
    """The fraudster's side of one transaction, as staff read it off a bank statement (blank = not known).
    Values are validated by the service, like the bot's answers."""

    beneficiary_kind = forms.ChoiceField(
        label=_("Money went to"), required=False, choices=[("", _("Don’t know")), *BeneficiaryKind.choices]
    )
    beneficiary_upi = forms.CharField(label=_("UPI ID"), required=False, max_length=100)
    beneficiary_account = forms.CharField(label=_("Beneficiary account"), required=False, max_length=30)
    beneficiary_ifsc = forms.CharField(label=_("IFSC"), required=False, max_length=15)
    beneficiary_wallet = forms.CharField(label=_("Wallet / phone"), required=False, max_length=100)
    beneficiary_merchant = forms.CharField(label=_("Merchant"), required=False, max_length=100)
    fraudster_phone = forms.CharField(label=_("Fraudster's phone"), required=False, max_length=30)
    fraudster_website = forms.CharField(label=_("Website / app"), required=False, max_length=200)
    note = forms.CharField(label=_("Where this comes from (kept in the history)"), required=False, max_length=500)
