from django.shortcuts import redirect


def home(request):
    """The root sends staff where they work: admins to the admin, everyone else to the console (or its login)."""
    if request.user.is_authenticated and request.user.is_helpline_admin:
        return redirect("admin:index")
    return redirect("console-home")
