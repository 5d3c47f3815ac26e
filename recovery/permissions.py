"""Who may answer freeze requests: a partner key holding the `freezes:manage` scope (accounts.auth, like every
partner endpoint) and bound to bank code(s) by a recovery.BankPartner whose freeze flag is on. The one place
that decides the binding: `freeze_scope_granted`.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from accounts.auth import is_partner, scope_required
from accounts.models import Scope
from recovery.models import BankPartner

FREEZE_SCOPE = Scope.FREEZES_MANAGE


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
    """The freeze scope: the binding allows it, and the key holds `freezes:manage`."""
    return partner.can_manage_freezes and partner.key.has_scope(FREEZE_SCOPE)


class BanksOnly(permissions.BasePermission):
    """Staff sessions do not answer freeze requests: the banks do, with their keys (staff use the console)."""

    partners_allowed = True
    message = _("These endpoints are for banks' partner keys; staff follow freeze requests in the console.")

    def has_permission(self, request, view) -> bool:
        return False


FreezeScopeRequired = scope_required(FREEZE_SCOPE, staff=BanksOnly)


class IsBankPartnerWithFreezeScope(permissions.BasePermission):
    """A partner key bound to bank code(s), with the freeze scope."""

    message = _("This API key is not bound to a bank with the freeze scope (freezes:manage).")

    def has_permission(self, request, view) -> bool:
        partner = bank_partner_of(request.user)
        return partner is not None and freeze_scope_granted(partner)
