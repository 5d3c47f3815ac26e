from django.shortcuts import redirect


def home(request):
    """The root sends staff where they work: admins to the admin, attenders to their console."""
    if request.user.is_authenticated and request.user.is_helpline_admin:
        return redirect("admin:index")
    return redirect("console-home") if _has_console() else redirect("login")


def _has_console() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("console-home")
    except NoReverseMatch:
        return False
    return True
