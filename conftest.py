"""Shared fixtures live in pytest_fraudsafe.py (loaded early through pytest -p); this file overrides
pytest-django fixtures that need project settings."""

import pytest


@pytest.fixture
def live_server(settings, transactional_db):
    """pytest-django's live server, started after MEDIA_URL is given a value no page links to.

    The project sets MEDIA_URL = None (media is never served publicly), which breaks the test server's media
    handler (`urlparse(None)`); an off-site URL keeps media unserved and the handler working.
    """
    from pytest_django.live_server_helper import LiveServer

    settings.MEDIA_URL = "https://media.invalid/"
    server = LiveServer("localhost")
    yield server
    server.stop()
