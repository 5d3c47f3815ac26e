"""Documented synthetic data for training and tests (pure numpy; no MindSpore).

Campaign windows (`campaign_windows`): 24 hourly buckets of (count, unique targets, suspicious numbers).
  - benign traffic: a daily cycle around a per-series base level (log-normal, some series near zero),
    Poisson noise, almost every contact to a distinct target, a trace of suspicious numbers;
  - benign look-alikes (label 0): marketing bursts — the last 1–3 buckets jump 3–25× but go to distinct
    targets from few senders with no suspicious numbers; gradual organic growth; an old spike already over;
  - scam campaigns (label 1): a ramp over the last 1–6 buckets, 1.5–25× the base, to repeated targets
    (40–80 % unique) with, half of the time, a visible share of suspicious numbers; some start from silence.
  The old rule (big last bucket vs history) flags marketing bursts and misses slow or moderate campaigns.

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


def campaign_windows(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(counts, unique, suspicious) each (n, WINDOW) float32, and labels (n,) float32."""
    rng = np.random.default_rng(seed)
    t = np.arange(features.WINDOW)
    base = np.exp(rng.normal(3.0, 1.3, size=n))
    quiet = rng.random(n) < 0.12
    base[quiet] = rng.uniform(0.0, 1.5, size=quiet.sum())
    phase = rng.uniform(0, 24, size=n)
    cycle = 1.0 + 0.5 * np.sin(2 * np.pi * (t[None, :] + phase[:, None]) / 24.0)
    lam = base[:, None] * cycle
    counts = rng.poisson(lam).astype(np.float32)
    unique = np.floor(counts * rng.uniform(0.88, 1.0, size=(n, 1))).astype(np.float32)
    suspicious = rng.binomial(counts.astype(np.int64), 0.01).astype(np.float32)
    labels = np.zeros(n, dtype=np.float32)
    kind = rng.choice(5, size=n, p=[0.3, 0.2, 0.05, 0.05, 0.4])  # 0 benign, 1 marketing, 2 growth, 3 past, 4 scam
    for i in range(n):
        level = max(base[i], 2.0)
        if kind[i] == 1:  # marketing burst: distinct targets, no suspicious numbers
            k = rng.integers(1, 4)
            extra = rng.poisson(level * rng.uniform(3, 25), size=k).astype(np.float32)
            counts[i, -k:] += extra
            unique[i, -k:] += extra * rng.uniform(0.95, 1.0)
        elif kind[i] == 2:  # organic growth over the day
            growth = np.linspace(1.0, rng.uniform(1.5, 3.0), features.WINDOW)
            counts[i] = rng.poisson(lam[i] * growth)
            unique[i] = np.floor(counts[i] * 0.95)
        elif kind[i] == 3:  # an old spike, already over
            start = rng.integers(2, 14)
            extra = rng.poisson(level * rng.uniform(3, 15), size=3).astype(np.float32)
            counts[i, start : start + 3] += extra
            unique[i, start : start + 3] += extra * 0.97
        elif kind[i] == 4:  # scam campaign: ramp, repeated targets, maybe suspicious numbers
            if rng.random() < 0.15:
                counts[i] = unique[i] = suspicious[i] = 0.0
                level = rng.uniform(5, 40)
            k = rng.integers(1, 7)
            ramp = np.linspace(0.4, 1.0, k) * rng.uniform(1.5, 25) * level
            extra = rng.poisson(ramp).astype(np.float32)
            counts[i, -k:] += extra
            unique[i, -k:] += np.floor(extra * rng.uniform(0.4, 0.8))
            if rng.random() < 0.5:
                suspicious[i, -k:] += np.floor(extra * rng.uniform(0.05, 0.4))
            labels[i] = 1.0
    unique = np.minimum(unique, counts)
    suspicious = np.minimum(suspicious, counts)
    return counts.astype(np.float32), unique.astype(np.float32), suspicious.astype(np.float32), labels


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
