"""Who may see and work a complaint: the one policy (issue 21.1).

Every entry point asks here: the console pages and their POST actions, the complaint API, the workflow services,
the money trail (recovery) and the PDF download.

- **admin** (active): sees and works every complaint, sees every identifier in full;
- **active attender**: sees their own complaints and the unassigned ones, works (and sees in full) only their own;
- **inactive attender**, a partner key or anyone else: sees nothing, works nothing, sees identifiers masked.

The maskers themselves (how a phone or an account is masked) live in `fraudsafe.masking`.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.auth import is_staff_member  # who may open the console or the staff API at all
from complaints.models import Complaint
from fraudsafe import masking

__all__ = [
    "can_work",
    "complaints_visible_to",
    "complaints_workable_by",
    "identifier_shown",
    "is_active_admin",
    "is_active_attender",
    "is_staff_member",
    "require_attender",
    "require_can_work",
    "shown",
    "staff_page",
]


def is_active_admin(user) -> bool:
    return bool(getattr(user, "is_helpline_admin", False) and getattr(user, "is_active", False))


def is_active_attender(user) -> bool:
    return bool(getattr(user, "is_attender", False) and getattr(user, "is_active", False))


def _handler_id(complaint) -> int | None:
    return complaint if complaint is None or isinstance(complaint, int) else complaint.handler_id


def can_work(user, complaint: "Complaint | int | None") -> bool:
    """May `user` change this complaint (or a complaint handled by this handler id) and see its data in full?"""
    if is_active_admin(user):
        return True
    handler_id = _handler_id(complaint)
    return is_active_attender(user) and handler_id is not None and handler_id == user.pk


def complaints_visible_to(*, user) -> QuerySet[Complaint]:
    """Admins see every complaint; an active attender their own and the unassigned ones; anyone else nothing."""
    base = Complaint.objects.select_related("handler", "citizen")
    if is_active_admin(user):
        return base.all()
    if is_active_attender(user):
        return base.filter(Q(handler=user) | Q(handler__isnull=True))
    return base.none()


def complaints_workable_by(*, user) -> QuerySet[Complaint]:
    """Complaints whose detail, history, PDF and money trail the user may work: admins all, an attender their own."""
    base = Complaint.objects.select_related("handler", "citizen")
    if is_active_admin(user):
        return base.all()
    if is_active_attender(user):
        return base.filter(handler=user)
    return base.none()


def require_attender(user) -> None:
    if not is_active_attender(user):
        raise PermissionDenied(_("Only an active attender can claim complaints."))


def require_can_work(*, complaint, user, message: str | None = None) -> None:
    if not can_work(user, complaint):
        raise PermissionDenied(message or _("Only an admin or the complaint's handler can change it."))


def shown(value: object, *, kind: str, viewer, complaint) -> str:
    """`value` of this complaint as `viewer` may see it: in full for those who work it, else masked as `kind`
    ("phone", "account", "email", "name", "place", "pin", "date" or "text")."""
    text = str(value or "")
    if not text or can_work(viewer, complaint):
        return text
    return masking.mask_as(text, kind=kind)


_IDENTIFIER_MASK = {"upi": "email", "account": "account", "phone": "phone"}  # FraudsterIdentifier.Kind values


def identifier_shown(kind: str, value: str, *, viewer, complaint) -> str:
    """A fraudster identifier as this viewer may see it (websites are never masked)."""
    if kind in _IDENTIFIER_MASK:
        return shown(value, kind=_IDENTIFIER_MASK[kind], viewer=viewer, complaint=complaint)
    return value


def staff_page(view):
    """Console pages: logged-in active admins and attenders only (anyone else 403)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
