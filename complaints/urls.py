"""Pages and webhooks of the complaints app (absolute paths)."""

from django.urls import include, path

urlpatterns = [
    path("", include("complaints.console.urls")),
]
