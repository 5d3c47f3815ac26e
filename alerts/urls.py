"""Pages and webhooks of this app (absolute paths)."""

urlpatterns: list = []
