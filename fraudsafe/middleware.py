from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _


class AdminRoleMiddleware:
    """The Django admin is for admins only: attenders get 403 even if someone set is_staff on them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.is_helpline_admin:
                return HttpResponseForbidden(_("The admin site is for helpline admins only."))
        return self.get_response(request)
