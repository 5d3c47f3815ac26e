"""Scam-campaign detection: detector latency and throughput, the first scoring call of a fresh web worker (gunicorn,
warmed after the fork or not), cohort throughput, process-alert for 100k citizens.

Runs on whatever models are active in CAMPAIGNS_MODEL_DIR; when one is missing, tiny models are trained into a
temporary directory first (the figures then say so). Provider sends are excluded from the end-to-end figure
(send chunks are counted, not sent).
"""

import json
import tempfile
import time
import urllib.request
from pathlib import Path
from unittest import mock

from bench.common import Row, percentiles, timed

CITIZENS = 100_000


def _ensure_models() -> str:
    from django.conf import settings

    from campaigns.ml import registry, serving, training

    if all(registry.active_card(kind) for kind in registry.KINDS):
        return "active models"
    settings.CAMPAIGNS_MODEL_DIR = Path(tempfile.mkdtemp(prefix="bench-models-"))
    serving.forget()
    training.train("campaign", seed=1)  # the default size, gated on the dev set when there is one
    training.train("cohort", epochs=6, size=8000, seed=1)
    training.train("uplift", epochs=6, size=8000, seed=1)
    return "models trained for the benchmark"


def _detector_rows() -> list[Row]:
    from campaigns.ml import evaluation, protocol, serving, synthetic
    from campaigns.ml.series import latest_only, score_many, score_series

    serving.warm_up()
    long = synthetic.campaign_series(1, seed=3, length=20_000, step=300.0)[0]
    args = (long["counts"], long["t"])
    kwargs = {"unique": long["unique"], "suspicious": long["suspicious"]}
    score_series(*args, **kwargs)
    series_s = timed(lambda: score_series(*args, **kwargs), repeat=3)
    baseline_s = timed(lambda: evaluation.baseline("robust 288", long["counts"]), repeat=3)
    carried = score_series(long["counts"][:2000], long["t"][:2000]).carried
    samples = []
    for i in range(2000, 2500):  # one new bucket at a time, as the detection job scores a series
        started = time.perf_counter()
        carried = score_series(long["counts"][i : i + 1], long["t"][i : i + 1], carried=carried).carried
        samples.append(time.perf_counter() - started)
    p50, p99 = percentiles(samples)
    many = [latest_only(s["counts"], s["t"]) for s in synthetic.campaign_series(200, seed=4, length=600)]
    many_s = timed(lambda: score_many(many), repeat=1)
    rows = [
        Row(
            "detector one new bucket p50 (seasonal residual + LSTM, carried state)",
            p50,
            "ms",
            "old service claim",
            100.0,
            100.0 / p50,
            "<= 5 ms",
            p50 <= 5,
        ),
        Row("detector one new bucket p99", p99, "ms", "old service claim", 100.0, 100.0 / p99, "<= 5 ms", p99 <= 5),
        Row(
            "20,000-point series scored (5-minute buckets)",
            series_s * 1000,
            "ms",
            "robust 288 baseline on the same series",
            baseline_s * 1000,
            series_s / baseline_s,
            "<= 1000 ms",
            series_s <= 1.0,
        ),
        Row("detection job: latest bucket of 200 series of 600 hourly buckets, one batch", many_s * 1000, "ms"),
        *_training_rows(),
    ]
    path = evaluation.dev_set_path()
    if path is None:
        return rows + [Row("dev-set event AUC: no dev set (CAMPAIGNS_DEV_SET)", 0, "-")]
    result = protocol.evaluate(evaluation.load_dev_set(path))
    table, best = result["scorers"], result["best_baseline"]
    best_all = table[best]["all"]
    best_surge = max(table[name]["surge"] for name in evaluation.BASELINES)
    label = f"{result['series']} series, {result['surge_series']} surge, leave-one-source-out; {result['detector']}"
    target = best_all + 0.05
    for name, row in table.items():
        if name == "detector":
            rows.append(
                Row(
                    f"out-of-fold event AUC, all series: detector ({label})",
                    row["all"],
                    "AUC",
                    f"best baseline ({best})",
                    best_all,
                    row["all"] / best_all,
                    f">= {target:.3f}",
                    row["all"] >= target,
                )
            )
            rows.append(
                Row(
                    "out-of-fold event AUC, surge series: detector",
                    row["surge"],
                    "AUC",
                    "best baseline on surges",
                    best_surge,
                    row["surge"] / best_surge,
                    f">= {best_surge + 0.05:.3f}",
                    row["surge"] >= best_surge + 0.05,
                )
            )
        else:
            rows.append(
                Row(
                    f"event AUC, all / surge series: {name}"
                    + (" (constants set on this set: in-sample)" if name in ("heuristic", "served") else ""),
                    row["all"],
                    "AUC",
                    "surge series",
                    row["surge"],
                    None,
                    "—",
                    None,
                )
            )
    return rows  # fmt: skip


def _training_rows() -> list[Row]:
    """A MindSpore forecaster training run (campaigns/ml/forecaster.py) on synthetic series: time and memory."""
    from campaigns.ml import forecaster, seasonal, synthetic

    series = synthetic.campaign_series(30, seed=5, length=1000)
    pairs = [(s["t"], seasonal.residuals(s["counts"], s["t"], config=seasonal.Config(season=False)).z) for s in series]
    run = forecaster.fit(pairs)
    label = f"{run['windows']:,} windows, {forecaster.EPOCHS} epochs"
    return [
        Row(f"forecaster training run ({label})", run["seconds"] * 1000, "ms", target="report"),
        Row("  process peak resident memory after it (MindSpore loaded)", run["peak_rss_mb"], "MB", target="report"),
    ]


def _first_call_rows() -> list[Row]:
    """The first POST /api/campaigns/score-series/ a fresh gunicorn worker answers (1 worker, the project's
    gunicorn.conf.py), timed once the worker answers /api/health: warmed after the fork, and with
    CAMPAIGNS_WEB_WARM_UP=false as the baseline (MindSpore imported, model loaded and compiled by that request)."""
    from django.conf import settings
    from django.db import connection

    from accounts.models import Scope
    from accounts.services import partner_key_create
    from bench.loadtest import gunicorn

    _, key = partner_key_create(partner="Bench first call", name="bench-first-call", scopes=[Scope.CAMPAIGNS_SCORE])
    env = {
        "FRAUDSAFE_TEST_DB": "postgres" if connection.vendor == "postgresql" else "sqlite",
        "FRAUDSAFE_TEST_DB_NAME": str(connection.settings_dict["NAME"]),
        "CAMPAIGNS_MODEL_DIR": str(settings.CAMPAIGNS_MODEL_DIR),
    }
    body = json.dumps({"values": [float(40 + 7 * (i % 6)) for i in range(24)], "channel": "call"}).encode()

    def fresh_worker(warm: bool) -> tuple[float, float, str]:
        """(seconds until /api/health answered, seconds of the first score-series call, its scorer)."""
        started = time.perf_counter()
        with gunicorn({**env, "CAMPAIGNS_WEB_WARM_UP": str(warm).lower()}, workers=1, threads=8) as base:
            ready_s = time.perf_counter() - started
            request = urllib.request.Request(
                f"{base}/api/campaigns/score-series/",
                data=body,
                method="POST",
                headers={"Authorization": f"Api-Key {key}", "Content-Type": "application/json"},
            )
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback only
                scorer = json.loads(response.read())["scorer"]
            return ready_s, time.perf_counter() - started, scorer

    warm_ready, warm_s, scorer = fresh_worker(warm=True)
    cold_ready, cold_s, _ = fresh_worker(warm=False)
    warm_ms, cold_ms = warm_s * 1000, cold_s * 1000
    return [
        Row(f"score-series first call in a fresh web worker, warmed after fork (24 points, {scorer}; "
            "ratio = baseline / value)", warm_ms, "ms", "same, CAMPAIGNS_WEB_WARM_UP=false (loads on the call)",
            cold_ms, cold_ms / warm_ms, "<= 500 ms", warm_ms <= 500),  # with whatever scorer serves (named above)
        Row("  web worker start until /api/health answers, warmed (the load moved here)", warm_ready * 1000, "ms",
            "same, CAMPAIGNS_WEB_WARM_UP=false", cold_ready * 1000, warm_ready / cold_ready, "report", None),
    ]  # fmt: skip


def _cohort_rows() -> list[Row]:
    from campaigns import features
    from campaigns.ml import serving, synthetic

    raw, _ = synthetic.behaviour_rows(CITIZENS, seed=4)
    serving.score_behaviour(raw[:4096])
    model_s = timed(lambda: serving.score_behaviour(raw), repeat=3)
    dicts = [dict(zip(features.BEHAVIOUR_NAMES, row.tolist(), strict=True)) for row in raw[:20_000]]
    heuristic_s = timed(lambda: [features.heuristic_vulnerability_one(d) for d in dicts])
    model_rate, heuristic_rate = CITIZENS / model_s, len(dicts) / heuristic_s
    return [
        Row("cohort scoring users/s (MLP, batches of 4096)", model_rate, "users/s", "old heuristic, per user in Python",
            heuristic_rate, model_rate / heuristic_rate, ">= 200,000 users/s", model_rate >= 200_000),
        Row("cohort per user (batched)", 1000 * model_s / CITIZENS, "ms", "old claim", 50.0, None, "< 50 ms", True),
    ]  # fmt: skip


def _process_alert_rows() -> list[Row]:
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Citizen, ConsentEvent
    from alerts import fanout
    from alerts.models import AlertTemplate, Delivery
    from alerts.seeds import install
    from campaigns import cohort
    from campaigns.ml import synthetic
    from campaigns.models import BehaviourProfile, Campaign, VerificationHold

    install(AlertTemplate)
    raw, _ = synthetic.behaviour_rows(CITIZENS, seed=5)
    from campaigns import features

    Citizen.objects.bulk_create(
        [Citizen(phone=f"+9170{i:08d}") for i in range(CITIZENS)], batch_size=5000, ignore_conflicts=True
    )
    ids = list(Citizen.objects.filter(phone__startswith="+9170").order_by("id").values_list("id", flat=True))
    BehaviourProfile.objects.bulk_create(
        [
            BehaviourProfile(citizen_id=cid, features=dict(zip(features.BEHAVIOUR_NAMES, row.tolist(), strict=True)))
            for cid, row in zip(ids, raw, strict=False)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    ConsentEvent.objects.bulk_create(
        [
            ConsentEvent(citizen_id=cid, channel=channel, action=ConsentEvent.Action.GRANT, source="import")
            for cid in ids
            for channel in ("sms", "whatsapp")
        ],
        batch_size=5000,
    )
    now = timezone.now()
    campaign = Campaign.objects.create(
        campaign_type="call", channel="call", risk_score=0.95, volume=800, unique_targets=300,
        suspicious_numbers=40, scorer="bench", first_seen=now, last_seen=now,
    )  # fmt: skip
    chunks = []
    with (
        mock.patch.object(fanout, "task_enqueue", side_effect=lambda name, *a, **k: chunks.append(a)),
        mock.patch.object(transaction, "on_commit", side_effect=lambda fn, *a, **k: None),
    ):
        started = time.perf_counter()
        result = cohort.campaign_act(campaign_id=campaign.pk, fan_out_now=True)
        elapsed = time.perf_counter() - started
    held = VerificationHold.objects.filter(campaign=campaign).count()
    deliveries = Delivery.objects.filter(alert__campaign_ref=str(campaign.pk)).count()
    return [
        Row(f"process-alert, {CITIZENS:,} citizens end to end (score, select, {held:,} holds, "
            f"{deliveries:,} deliveries; sends excluded)", elapsed * 1000, "ms", "old claim per API call", 500.0,
            None, "report", None),
        Row("process-alert citizens/s", CITIZENS / elapsed, "citizens/s"),
        Row("process-alert vulnerable selected", result["vulnerable_count"], "citizens"),
    ]  # fmt: skip


def run() -> list[Row]:
    from campaigns.ml import serving

    source = _ensure_models()
    rows = [Row(f"models used: {source} ({', '.join(serving.scorers().values())})", 0, "-")]
    rows += _detector_rows()
    rows += _first_call_rows()
    rows += _cohort_rows()
    rows += _process_alert_rows()
    return rows
