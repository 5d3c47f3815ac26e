import pytest

from alerts import ratelimit


@pytest.fixture
def ten_per_second(settings):
    from django.core.cache import cache

    cache.clear()
    settings.ALERTS_RATE_LIMITS = {"sms": 10, "whatsapp": 0, "email": 0}


def test_at_most_the_configured_number_of_sends_per_second_per_channel(ten_per_second):
    granted = [ratelimit.try_acquire("sms", now=1_000_000.2) for _ in range(15)]
    assert granted.count(True) == 10
    assert granted[10:] == [False] * 5


def test_a_new_second_brings_a_new_budget(ten_per_second):
    for _ in range(10):
        ratelimit.try_acquire("sms", now=1_000_000.5)
    assert ratelimit.try_acquire("sms", now=1_000_001.0) is True


def test_zero_means_unlimited(ten_per_second):
    assert all(ratelimit.try_acquire("email", now=5.0) for _ in range(1000))


def test_the_budget_is_shared_through_the_cache_not_process_memory(ten_per_second):
    from django.core.cache import cache

    cache.set("alerts:rate:sms:1000000", 10, timeout=5)  # another worker used this second's budget
    assert ratelimit.try_acquire("sms", now=1_000_000.9) is False
