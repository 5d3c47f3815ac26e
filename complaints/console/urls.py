"""Attender console pages (owned by the staff-console work)."""

urlpatterns: list = []
