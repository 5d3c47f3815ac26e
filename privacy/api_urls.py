"""API endpoints of this app (mounted under /api/)."""

from django.urls import path

from privacy import api

urlpatterns = [path("privacy/requests/", api.DataRequestCreateApi.as_view(), name="privacy-requests")]
