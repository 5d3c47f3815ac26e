"""The privacy API (none yet: requests come over the bot)."""

urlpatterns: list = []
