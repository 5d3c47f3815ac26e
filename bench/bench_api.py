"""API base: health and an authenticated partner call, in-process, against a bare Django view baseline."""

from django.test import Client

from bench.common import Row, percentiles


def _samples(client: Client, path: str, n: int, **headers) -> list[float]:
    import time

    out = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path, **headers)
        out.append(time.perf_counter() - started)
        assert response.status_code < 500
    return out


def run() -> list[Row]:
    from django.conf import settings

    from accounts.services import partner_key_create

    settings.CELERY_BROKER_URL = "memory://"
    _, key = partner_key_create(partner="Bench", name="bench")
    client = Client()
    base_p50, _ = percentiles(_samples(client, "/bench-does-not-exist/", 300))  # Django 404: the floor
    me_p50, me_p99 = percentiles(_samples(client, "/api/me/", 300, HTTP_AUTHORIZATION=f"Api-Key {key}"))
    health_p50, health_p99 = percentiles(_samples(client, "/api/health", 100))
    return [
        Row(
            "partner call GET /api/me/ p50 (key check incl.)",
            me_p50,
            "ms",
            "Django 404 in-process",
            base_p50,
            me_p50 / base_p50,
            "<= 500 ms end to end (old claim)",
            me_p99 < 500,
        ),
        Row(
            "GET /api/health p50 (database, case store, broker)",
            health_p50,
            "ms",
            "Django 404 in-process",
            base_p50,
            health_p50 / base_p50,
            "",
            None,
        ),
    ]
