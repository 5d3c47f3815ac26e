import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.services import user_language_set


def home(request):
    """The root sends staff where they work: admins to the admin, everyone else to the console (or its login)."""
    if request.user.is_authenticated and request.user.is_helpline_admin:
        return redirect("admin:index")
    return redirect("console-home")


@require_POST
@login_required
def language_set(request):
    """A staff member switches the console and admin language (stored on their user: it follows them)."""
    with contextlib.suppress(ValidationError):  # an unknown code changes nothing
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    target = request.POST.get("next", "")
    host, https = {request.get_host()}, request.is_secure()
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=host, require_https=https):
        target = "/"
    return redirect(target)
