"""Load on loopback against gunicorn: 200 concurrent WhatsApp conversations, and mixed partner API traffic."""

from django.conf import settings
from django.db import connection

from bench.common import Row
from bench.loadtest import gunicorn, partner_traffic, whatsapp_conversations


def run() -> list[Row]:
    from accounts.services import partner_key_create

    env = {"FRAUDSAFE_TEST_DB": "postgres", "FRAUDSAFE_TEST_DB_NAME": str(connection.settings_dict["NAME"])}
    with gunicorn(env, workers=2, threads=32) as base:
        result = whatsapp_conversations(
            base,
            conversations=200,
            public_url=settings.FRAUDSAFE_PUBLIC_URL,
            token=settings.TWILIO_AUTH_TOKEN,
            phone_prefix="+91701",
        )
        _, key = partner_key_create(partner="Bench load", name="bench-load", scopes=["patterns:read", "campaigns:read"])
        traffic = partner_traffic(
            base, key=key, paths=["/api/me/", "/api/patterns/report/", "/api/campaigns/statistics/"], requests=600
        )
    steps = len(result.latencies)
    return [
        Row(
            "200 concurrent conversations: completed",
            result.completed,
            "conversations",
            target="200, no error",
            ok=result.completed == 200 and not result.errors,
        ),
        Row("  webhook step p50 under that load", result.percentile(0.5), "ms"),
        Row("  webhook step p99 under that load", result.percentile(0.99), "ms"),
        Row("  webhook steps/s under that load", steps / result.wall_s, "req/s"),
        Row(
            "mixed partner API traffic p99 (20 concurrent)",
            traffic["p99_ms"],
            "ms",
            target="< 500 ms (old claim)",
            ok=traffic["p99_ms"] < 500 and set(traffic["codes"]) <= {200},
        ),
    ]
