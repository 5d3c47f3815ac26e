"""Documented synthetic data for training and tests (pure numpy; no MindSpore).

Campaign series (`campaign_series`): four weeks of hourly buckets of (count, unique targets, suspicious numbers).
  - normal traffic: a per-series level (log-normal, a tenth near silence), a daily cycle (one or two peaks,
    any hour), quieter or busier weekends, a slow trend, day-to-day wobble and Poisson noise; almost every
    contact goes to a distinct target, a trace of suspicious numbers;
  - benign changes (label 0): lasting level shifts (×0.5–1.6), salary days and festivals (1–3 whole days
    ×1.3–2.2), marketing bursts (1–3 buckets ×2–12, distinct targets, clean numbers), outages (drops);
  - scam campaigns (label 1 on every bucket they last): 2–36 buckets, shaped as a step, a ramp, a train of
    spikes or a decaying burst, 1–15× the normal level; most go to repeated targets (30–80 % unique), half of
    those from numbers already reported; the rest look like ordinary traffic apart from their volume.

Behaviour (`behaviour_rows`): a latent susceptibility drives clicks, unknown calls and risky contacts; new
devices go with SIM swaps and failed logins; 15 % of numbers sit on scammers' lists (many risky contacts);
seniors answering unknown calls, SIM swaps and new payees raise the chance of becoming a victim (the label) —
interactions the old additive rule cannot see.

Uplift (`uplift_rows`): the same people exposed to a random campaign context; the label is being defrauded
during that campaign, which depends on the person *and* on how the campaign reaches them (calls reach those
who answer unknown calls; SMS / ads reach those who click; transaction scams those adding payees).
"""

import numpy as np

from campaigns import features


def campaign_series(n: int, seed: int = 0, *, length: int = 24 * 28, step: float = 3600.0) -> list[dict]:
    """`n` series of `length` buckets of `step` seconds: dicts of t, counts, unique, suspicious, labels (1 inside a
    scam surge), each float arrays. See the module docstring for what they hold."""
    rng = np.random.default_rng(seed)
    per_day = int(round(86400 / step))
    out = []
    for _ in range(n):
        i = np.arange(length)
        t = 1_700_000_000.0 - 1_700_000_000.0 % 86400 + rng.integers(0, 7) * 86400 + i * step
        hour = (t % 86400) / 3600.0
        weekday = ((t // 86400) + 3) % 7  # 0 = Monday
        base = np.exp(rng.normal(3.5, 1.3)) if rng.random() > 0.1 else rng.uniform(0.5, 3.0)
        amp = rng.uniform(0.0, 0.9)
        peak = rng.uniform(9, 21)
        daily = 1 + amp * np.cos(2 * np.pi * (hour - peak) / 24.0)
        if rng.random() < 0.4:  # a second, evening peak
            daily += rng.uniform(0.1, 0.5) * amp * np.cos(2 * np.pi * (hour - peak - rng.uniform(6, 10)) / 24.0)
        weekly = np.where(weekday >= 5, rng.uniform(0.5, 1.3), 1.0)
        trend = np.exp(rng.normal(0.0, 0.01) * i / per_day)
        level = np.ones(length)
        if rng.random() < 0.3:  # a lasting level shift (new customers, a lost partner)
            level[rng.integers(length // 4, length) :] *= rng.uniform(0.5, 1.6)
        day_start = (i // per_day) * per_day
        if rng.random() < 0.3:  # salary day / festival: whole days busier, every client at once
            d0 = rng.integers(length // 3, length - per_day) // per_day * per_day
            days = rng.integers(1, 4)
            level[(day_start >= d0) & (day_start < d0 + days * per_day)] *= rng.uniform(1.3, 2.2)
        wobble = np.exp(rng.normal(0, rng.uniform(0.03, 0.2), length))
        lam = np.maximum(base * daily * weekly * trend * level * wobble, 0)
        counts = rng.poisson(lam).astype(np.float64)
        unique = np.floor(counts * rng.uniform(0.9, 1.0, length))
        suspicious = rng.binomial(counts.astype(np.int64), 0.01).astype(np.float64)
        labels = np.zeros(length)
        floor_level = max(base, 3.0)
        for _burst in range(rng.poisson(1.5)):  # marketing bursts: 1-3 buckets, distinct targets, clean numbers
            a = rng.integers(48, length - 3)
            k = rng.integers(1, 4)
            extra = rng.poisson(floor_level * rng.uniform(2, 12), k).astype(np.float64)
            counts[a : a + k] += extra
            unique[a : a + k] += extra
        if rng.random() < 0.3:  # an outage: a drop, not a campaign
            a = rng.integers(48, length - 12)
            k = rng.integers(2, 12)
            counts[a : a + k] = np.floor(counts[a : a + k] * rng.uniform(0.0, 0.3))
            unique[a : a + k] = np.minimum(unique[a : a + k], counts[a : a + k])
            suspicious[a : a + k] = np.minimum(suspicious[a : a + k], counts[a : a + k])
        for _surge in range(rng.choice([0, 1, 2], p=[0.3, 0.5, 0.2])):  # scam campaigns of different shapes
            a = rng.integers(per_day * 2, length - 2)
            k = int(min(rng.integers(2, 36), length - a))
            shape = rng.choice(["step", "ramp", "spikes", "decay"])
            ramp = {
                "step": np.ones(k),
                "ramp": np.linspace(0.2, 1.0, k),
                "spikes": (rng.random(k) < 0.5) + 0.2,
                "decay": np.exp(-np.arange(k) / max(k / 3, 1)),
            }[shape]
            extra = rng.poisson(ramp * rng.uniform(1.0, 15.0) * floor_level * np.maximum(daily[a : a + k], 0.5))
            extra = extra.astype(np.float64)
            counts[a : a + k] += extra
            if rng.random() < 0.7:  # repeated targets and, often, numbers already reported
                unique[a : a + k] += np.floor(extra * rng.uniform(0.3, 0.8))
                if rng.random() < 0.5:
                    suspicious[a : a + k] += np.floor(extra * rng.uniform(0.05, 0.4))
            else:  # a campaign that looks like ordinary traffic apart from its volume
                unique[a : a + k] += extra
            labels[a : a + k] = 1.0
        unique = np.minimum(unique, counts)
        suspicious = np.minimum(suspicious, counts)
        out.append({"t": t, "counts": counts, "unique": unique, "suspicious": suspicious, "labels": labels})
    return out


def behaviour_rows(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Raw behaviour (n, 15) float32 in BEHAVIOUR_NAMES order, labels (n,) float32 (became a victim)."""
    rng = np.random.default_rng(seed)
    s = rng.normal(size=n)
    age = rng.uniform(18, 85, size=n)
    new_device = rng.random(n) < (0.08 + 0.12 * (s > 1))
    device_age = np.where(new_device, rng.integers(0, 7, size=n), rng.exponential(400, size=n) + 7)
    sim_swap = rng.random(n) < (0.02 + 0.15 * new_device)
    clicks = rng.poisson(np.exp(0.7 * s - 0.6))
    calls = rng.poisson(np.exp(0.5 * s + 0.2 * (age > 60)))
    risky = rng.poisson(np.exp(0.8 * s - 0.8))
    on_scam_lists = rng.random(n) < 0.15  # numbers already on scammers' lists get many risky contacts
    risky = risky + on_scam_lists * rng.integers(2, 10, size=n)
    recent = rng.random(n) < 0.55
    tx = rng.poisson(4 + 3 * (s > 1.5), size=n)
    amount = np.exp(rng.normal(7.3, 1.0, size=n))
    account_age = rng.exponential(700, size=n) + 1
    failed = rng.poisson(0.3 + 2.5 * sim_swap)
    payees = rng.poisson(0.3 + 1.5 * (s > 1.2) * recent)
    night = rng.poisson(0.3 + 1.0 * (s > 1.0))
    prior = rng.poisson(0.08 + 0.2 * (s > 1.5))
    raw = np.stack(
        [
            clicks,
            calls,
            new_device,
            device_age,
            tx,
            amount,
            account_age,
            risky,
            recent,
            failed,
            sim_swap,
            payees,
            night,
            age,
            prior,
        ],
        axis=1,
    ).astype(np.float32)
    logit = (
        -4.0
        + 0.6 * np.minimum(risky, 8)
        + 2.0 * (new_device & recent)
        + 2.5 * sim_swap * (failed > 1)
        + 2.0 * (age >= 60) * (calls > 2)
        + 0.8 * np.minimum(payees, 4)
        + 0.8 * (clicks > 2)
        + 0.5 * np.minimum(night, 3)
        + 1.0 * prior
    )
    labels = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float32)
    return raw, labels


def uplift_rows(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw behaviour (n, 15), campaign context (n, 5), labels (n,)."""
    rng = np.random.default_rng(seed + 7919)
    raw, _ = behaviour_rows(n, seed)
    col = {name: raw[:, i] for i, name in enumerate(features.BEHAVIOUR_NAMES)}
    channel = rng.integers(0, len(features.CHANNELS), size=n)
    anomaly = rng.uniform(0.5, 1.0, size=n)
    volume = np.exp(rng.normal(5.0, 1.0, size=n))
    repeat = rng.uniform(0.1, 0.7, size=n)
    susp = rng.uniform(0.0, 0.4, size=n)
    ctx = np.stack(
        [anomaly, np.log1p(volume) / 8.0, repeat, susp, channel / (len(features.CHANNELS) - 1)], axis=1
    ).astype(np.float32)
    reach = np.select(
        [channel == 0, channel == 1, channel == 2, channel == 3],
        [
            np.minimum(col["recent_calls"], 6) * 0.5 + 1.2 * (col["age_years"] >= 60),
            np.minimum(col["recent_clicks"], 6) * 0.5,
            np.minimum(col["new_payees_7d"], 4) * 0.6 + 1.0 * col["sim_swap_30d"],
            np.minimum(col["recent_clicks"], 6) * 0.4 + 0.5 * (col["age_years"] < 30),
        ],
    )
    logit = -4.5 + 3.0 * anomaly + 1.2 * reach + 0.5 * np.minimum(col["risky_interactions_7d"], 8) + 2.0 * repeat
    labels = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.float32)
    return raw, ctx, labels
