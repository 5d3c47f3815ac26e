"""The one feature schema of the campaign models: names, order, defaults, normalisation, old heuristics.

Everything that turns raw numbers into model input lives here and nowhere else, so that training, serving,
the API and the benchmarks agree. `SCHEMA_VERSION` is written into every model card; a checkpoint whose
schema version differs from this module's is refused at load time (retrain with `manage.py train_models`).

Pure numpy: importing this module never imports MindSpore.
"""

from dataclasses import dataclass

import numpy as np

from campaigns.channels import CHANNEL_ORDER

SCHEMA_VERSION = "2026.11-v2"
WINDOW = 24  # time steps (buckets) the campaign LSTM looks at, ending at the scored bucket

CHANNELS = CHANNEL_ORDER  # campaigns.channels.SignalChannel, in the order the model input encodes


@dataclass(frozen=True)
class Feature:
    name: str
    description: str
    default: float  # used when a caller leaves the feature out (a typical, non-risky value)
    scale: float  # value / scale after log1p (when `log`) gives roughly 0..1
    log: bool = True
    boolean: bool = False


# SPEC §5's citizen behaviour features, in model order. Counts are over the stated period; amounts in INR.
BEHAVIOUR_FEATURES: tuple[Feature, ...] = (
    Feature("recent_clicks", "links in SMS / WhatsApp messages clicked, last 7 days", 0, 3.0),
    Feature("recent_calls", "calls answered from unknown numbers, last 7 days", 0, 3.0),
    Feature("new_device", "logged in from a device first seen in the last 7 days (0/1)", 0, 1.0, False, True),
    Feature("device_age_days", "age of the current device in days", 365, 7.0),
    Feature("transaction_count_7d", "money transfers, last 7 days", 3, 4.0),
    Feature("avg_transaction_amount", "average transfer amount, last 30 days (INR)", 1500, 12.0),
    Feature("account_age_days", "age of the mobile-money account in days", 730, 8.0),
    Feature("risky_interactions_7d", "contacts with known scam numbers / links, last 7 days", 0, 3.0),
    Feature("recent_activity", "active in the last 24 hours (0/1)", 0, 1.0, False, True),
    Feature("failed_logins_7d", "failed PIN / login attempts, last 7 days", 0, 3.0),
    Feature("sim_swap_30d", "SIM swapped or re-issued in the last 30 days (0/1)", 0, 1.0, False, True),
    Feature("new_payees_7d", "payees added, last 7 days", 0, 3.0),
    Feature("night_transactions_7d", "transfers between 23:00 and 05:00, last 7 days", 0, 3.0),
    Feature("age_years", "account holder's age in years", 35, 100.0, False),
    Feature("prior_fraud_reports", "earlier complaints filed by this person", 0, 2.0),
)
BEHAVIOUR_NAMES = tuple(f.name for f in BEHAVIOUR_FEATURES)

# Campaign context for the uplift model (computed from a Campaign or a detection result).
CAMPAIGN_CONTEXT_NAMES = ("anomaly_score", "log_volume", "repeat_contact_ratio", "suspicious_ratio", "channel_code")
UPLIFT_NAMES = BEHAVIOUR_NAMES + CAMPAIGN_CONTEXT_NAMES

# Per time step of a campaign window: the bucket's robust seasonal residual against the series' own history
# (campaigns/ml/seasonal.py, divided by RESIDUAL_SCALE), and who the contacts went to.
STEP_NAMES = ("residual", "repeat_contact_ratio", "suspicious_ratio")
RESIDUAL_SCALE = 10.0


# --- behaviour -------------------------------------------------------------------------------------------------


def behaviour_matrix(rows: list[dict]) -> np.ndarray:
    """(n, 15) raw float32 matrix of many people's features (column by column: fast for 100k people)."""
    out = np.empty((len(rows), len(BEHAVIOUR_FEATURES)), dtype=np.float32)
    for j, feature in enumerate(BEHAVIOUR_FEATURES):
        values = [row.get(feature.name) for row in rows]
        if feature.name == "device_age_days":  # a new device is days old, not the default year
            values = [3 if v is None and row.get("new_device") else v for v, row in zip(values, rows, strict=True)]
        if feature.boolean:
            out[:, j] = [float(bool(v)) for v in values]
        else:
            out[:, j] = [feature.default if v is None else float(v) for v in values]
    return out


_LOG_MASK = np.array([f.log for f in BEHAVIOUR_FEATURES])
_SCALES = np.array([f.scale for f in BEHAVIOUR_FEATURES], dtype=np.float32)


def normalise_behaviour(raw: np.ndarray) -> np.ndarray:
    """(n, 15) raw → (n, 15) float32 roughly in 0..1 (log1p for counts, then a fixed scale)."""
    x = np.maximum(np.asarray(raw, dtype=np.float32), 0.0)
    x = np.where(_LOG_MASK, np.log1p(x), x) / _SCALES
    return np.clip(x, 0.0, 4.0).astype(np.float32)


def heuristic_vulnerability(raw: np.ndarray) -> np.ndarray:
    """The old service's rule (SPEC §5), vectorised: the baseline the cohort model must beat."""
    x = np.asarray(raw, dtype=np.float32)
    col = {name: x[:, i] for i, name in enumerate(BEHAVIOUR_NAMES)}
    score = np.minimum(0.3, 0.1 * col["risky_interactions_7d"])
    score = score + 0.2 * ((col["new_device"] > 0) | (col["device_age_days"] < 7))
    score = score + 0.3 * ((col["recent_clicks"] > 2) | (col["recent_calls"] > 3))
    score = score + 0.1 * (col["account_age_days"] < 30)
    score = score + 0.1 * (col["transaction_count_7d"] > 10)
    return np.minimum(score, 1.0).astype(np.float32)


def heuristic_vulnerability_one(values: dict) -> float:
    """The old rule for one person, written the way the old service did it (the benchmark's baseline)."""
    score = min(0.3, 0.1 * float(values.get("risky_interactions_7d") or 0))
    if values.get("new_device") or float(values.get("device_age_days", 365)) < 7:
        score += 0.2
    if float(values.get("recent_clicks") or 0) > 2 or float(values.get("recent_calls") or 0) > 3:
        score += 0.3
    if float(values.get("account_age_days", 730)) < 30:
        score += 0.1
    if float(values.get("transaction_count_7d", 3)) > 10:
        score += 0.1
    return min(score, 1.0)


# (factor name, test on the raw row) in reporting order: the features that push vulnerability up.
RISK_FACTORS: tuple[tuple[str, object], ...] = (
    ("new_device", lambda c: (c["new_device"] > 0) | (c["device_age_days"] < 7)),
    ("high_risky_interactions", lambda c: c["risky_interactions_7d"] > 5),
    ("recent_activity", lambda c: (c["recent_activity"] > 0) | (c["recent_clicks"] > 2) | (c["recent_calls"] > 3)),
    ("new_account", lambda c: c["account_age_days"] < 30),
    ("high_transaction_count", lambda c: c["transaction_count_7d"] > 10),
    ("recent_sim_swap", lambda c: c["sim_swap_30d"] > 0),
    ("failed_logins", lambda c: c["failed_logins_7d"] > 3),
    ("new_payees", lambda c: c["new_payees_7d"] > 2),
    ("night_transactions", lambda c: c["night_transactions_7d"] > 2),
    ("senior_citizen", lambda c: c["age_years"] >= 60),
    ("prior_fraud_reports", lambda c: c["prior_fraud_reports"] > 0),
)


def risk_factors(raw: np.ndarray) -> list[list[str]]:
    """Per row, the names of the risk factors present, in a fixed order."""
    x = np.asarray(raw, dtype=np.float32).reshape(-1, len(BEHAVIOUR_FEATURES))
    col = {name: x[:, i] for i, name in enumerate(BEHAVIOUR_NAMES)}
    flags = np.stack([np.asarray(test(col), dtype=bool) for _, test in RISK_FACTORS], axis=1)
    names = [name for name, _ in RISK_FACTORS]
    return [[names[j] for j in np.flatnonzero(row)] for row in flags]


# --- campaign windows ------------------------------------------------------------------------------------------


def channel_code(channel: str) -> float:
    return CHANNELS.index(channel) / (len(CHANNELS) - 1) if channel in CHANNELS else 0.0


def step_features(z, counts, unique_targets=None, suspicious=None) -> np.ndarray:
    """Per bucket: residual (n,) and raw volumes (n,) → (n, 3) float32 step features."""
    c = np.maximum(np.asarray(counts, dtype=np.float32), 0.0)
    u = c if unique_targets is None else np.minimum(np.maximum(np.asarray(unique_targets, dtype=np.float32), 0), c)
    s = np.zeros_like(c) if suspicious is None else np.minimum(np.maximum(np.asarray(suspicious, np.float32), 0), c)
    safe = np.maximum(c, 1.0)
    repeat = np.where(c > 0, 1.0 - u / safe, 0.0)
    susp = np.where(c > 0, s / safe, 0.0)
    residual = np.clip(np.asarray(z, dtype=np.float32) / RESIDUAL_SCALE, -2.0, 2.0)
    return np.stack([residual, repeat, susp], axis=-1).astype(np.float32)


def step_windows(steps: np.ndarray, before: np.ndarray | None = None) -> np.ndarray:
    """(n, 3) step features (after `before`, the steps that came earlier) → (n, WINDOW, 3) windows ending at
    each step, left-padded with zeros (no news) at the start of a series."""
    before = np.zeros((0, len(STEP_NAMES)), np.float32) if before is None else before[-(WINDOW - 1) :]
    pad = np.zeros((WINDOW - 1 - len(before), len(STEP_NAMES)), np.float32)
    padded = np.concatenate([pad, before.astype(np.float32), steps.astype(np.float32)])
    view = np.lib.stride_tricks.sliding_window_view(padded, WINDOW, axis=0)  # (n, 3, WINDOW)
    return np.ascontiguousarray(view.transpose(0, 2, 1))


def campaign_context(*, anomaly_score: float, volume: float, unique_targets: float, suspicious: float, channel: str):
    volume = max(float(volume), 0.0)
    safe = max(volume, 1.0)
    return [
        float(anomaly_score),
        float(np.log1p(volume) / 8.0),
        float(1.0 - min(unique_targets, volume) / safe) if volume else 0.0,
        float(min(suspicious, volume) / safe) if volume else 0.0,
        channel_code(channel),
    ]


def uplift_matrix(behaviour_raw: np.ndarray, context: list[float] | np.ndarray) -> np.ndarray:
    """(n, 15) raw behaviour + one campaign context (5,) or (n, 5) → (n, 20) normalised uplift input."""
    b = normalise_behaviour(behaviour_raw)
    ctx = np.asarray(context, dtype=np.float32)
    if ctx.ndim == 1:
        ctx = np.broadcast_to(ctx, (b.shape[0], ctx.shape[0]))
    return np.concatenate([b, ctx], axis=1).astype(np.float32)


def heuristic_uplift(behaviour_raw: np.ndarray, context: np.ndarray) -> np.ndarray:
    """Baseline for uplift (the old service had none): old vulnerability × campaign anomaly score."""
    ctx = np.asarray(context, dtype=np.float32).reshape(-1, len(CAMPAIGN_CONTEXT_NAMES))
    return (heuristic_vulnerability(behaviour_raw) * ctx[:, 0]).astype(np.float32)


def schema_description() -> dict:
    """The schema as written into model cards."""
    return {
        "version": SCHEMA_VERSION,
        "window": WINDOW,
        "step_features": list(STEP_NAMES),
        "behaviour_features": [
            {"name": f.name, "description": f.description, "default": f.default, "log1p": f.log, "scale": f.scale}
            for f in BEHAVIOUR_FEATURES
        ],
        "campaign_context": list(CAMPAIGN_CONTEXT_NAMES),
    }
