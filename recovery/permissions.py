"""Who may answer freeze requests: a partner key bound to bank code(s) (recovery.BankPartner) holding the freeze
scope. The one place that decides it: `freeze_scope_granted`.

Today the scope is the binding's `can_manage_freezes` flag. When partner keys carry scopes (a `scopes` field on
accounts.PartnerAPIKey), the key must also hold `freezes:manage`; nothing else changes.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from accounts.auth import is_partner
from recovery.models import BankPartner

FREEZE_SCOPE = "freezes:manage"


def bank_partner_of(user) -> BankPartner | None:
    """The bank binding of the partner key behind this request's user, or None (staff, other partners)."""
    if not is_partner(user):
        return None
    cached = getattr(user, "_bank_partner", False)
    if cached is False:
        cached = BankPartner.objects.filter(key=user.key).prefetch_related("banks").first()
        user._bank_partner = cached
    return cached


def freeze_scope_granted(partner: BankPartner) -> bool:
    """The freeze scope: the binding allows it, and the key holds `freezes:manage` where keys carry scopes."""
    if not partner.can_manage_freezes:
        return False
    scopes = getattr(partner.key, "scopes", None)
    return scopes is None or FREEZE_SCOPE in scopes


class IsBankPartnerWithFreezeScope(permissions.BasePermission):
    """A partner key bound to bank code(s), with the freeze scope."""

    message = _("This API key is not bound to a bank with the freeze scope (freezes:manage).")

    def has_permission(self, request, view) -> bool:
        partner = bank_partner_of(request.user)
        return partner is not None and freeze_scope_granted(partner)
