"""One provider-wide send rate per channel, shared by every worker through the cache.

A fixed one-second window counted with the cache's atomic `incr`: with CACHE_URL on Redis (production) every
worker process on every machine draws from the same budget; with the per-process memory cache (development)
each process has its own. Celery's own `rate_limit` is per worker and would multiply with the worker count.
"""

import time

from django.conf import settings
from django.core.cache import caches

from fraudsafe.channels import ChannelTemporaryError


def rate_per_second(channel: str) -> int:
    return int(settings.ALERTS_RATE_LIMITS.get(channel, 0) or 0)


def try_acquire(channel: str, *, now: float | None = None) -> bool:
    """Takes one send slot of the current second if one is left."""
    rate = rate_per_second(channel)
    if rate <= 0:
        return True
    cache = caches[settings.ALERTS_RATE_LIMIT_CACHE]
    second = int(time.time() if now is None else now)
    key = f"alerts:rate:{channel}:{second}"
    cache.add(key, 0, timeout=5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=5)
        used = 1
    return used <= rate


def acquire(channel: str, *, max_wait: float = 30.0) -> None:
    """Blocks until a slot is free (sleeping to the next second), at most `max_wait` seconds."""
    deadline = time.monotonic() + max_wait
    while not try_acquire(channel):
        if time.monotonic() > deadline:
            raise ChannelTemporaryError("send rate limit: no slot within the wait budget", code="rate_limited")
        time.sleep(max(0.01, 1.0 - (time.time() % 1.0)))
