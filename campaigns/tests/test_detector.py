"""The campaign detector on real and realistic series: each series' own normal, surges not drops, calibrated
scores, paging with carried state, /detect and score-series agreeing, and the dev-set gate."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from accounts.models import Scope
from campaigns.ml import evaluation, protocol, seasonal
from campaigns.ml.series import score_series, state_dump, state_load
from campaigns.models import VolumeSample

HOUR = 3600.0
SPIKE = [40, 38, 42, 41, 39, 40, 43, 37, 40, 41, 42, 39, 40, 38, 41, 40, 42, 39, 41, 40, 38, 42, 800, 950]


def daily_series(days: int = 21, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Hourly volumes with a strong evening peak (×4 at 20:00) and noise."""
    rng = np.random.default_rng(seed)
    t = datetime(2026, 10, 1, tzinfo=UTC).timestamp() + HOUR * np.arange(days * 24)
    hour = (t % 86400) / HOUR
    level = 50 * (1 + 3 * np.exp(-(((hour - 20) / 1.5) ** 2)))
    return t, rng.poisson(level).astype(float)


@pytest.fixture
def scorer_client(db):
    from rest_framework.test import APIClient

    from accounts.services import partner_key_create

    _, key = partner_key_create(partner="Telco", name="scorer", scopes=[Scope.CAMPAIGNS_SCORE])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def test_the_partners_spike_is_flagged_through_the_api(scorer_client):
    response = scorer_client.post("/api/campaigns/score-series/", {"values": SPIKE}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["flagged"] == [22, 23]
    assert max(body["scores"][:22]) < 0.1
    assert body["scorer"] == "heuristic"


def test_a_daily_peak_is_normal_but_the_same_volume_at_night_is_a_surge():
    t, values = daily_series()
    peak = int(np.argmax(values[-24:])) + len(values) - 24
    night = values.copy()
    night[-22:-19] = values[peak]  # 02:00-04:00 at evening-peak volume

    assert score_series(values, t).scores[peak] < 0.5
    assert score_series(night, t).scores[-20] > 0.8


def test_drops_never_reach_the_threshold_however_deep():
    t, values = daily_series()
    values[-6:] = 0.0  # an outage

    scores = score_series(values, t).scores[-6:]

    assert scores.max() <= seasonal.DROP_CAP
    assert scores.max() > 0.1  # but unusual: ranked above a quiet hour


def test_the_same_evidence_scores_the_same_at_any_volume():
    low = [10.0, 12.0, 9.0, 11.0, 10.0, 13.0] * 8 + [60.0, 70.0, 65.0]
    high = [v * 1000 for v in low]

    a, b = score_series(low).scores, score_series(high).scores

    assert np.abs(a[-3:] - b[-3:]).max() < 0.05


def test_paging_with_the_state_gives_exactly_the_answer_of_one_call():
    t, values = daily_series(days=30, seed=3)
    values[500:506] *= 5
    whole = score_series(values, t)

    carried, pages = None, []
    for a, b in ((0, 100), (100, 401), (401, 402), (402, len(values))):
        part = score_series(values[a:b], t[a:b], carried=carried)
        carried = state_load(state_dump(part.carried))  # through the token, as a partner would
        pages.append(part.scores)

    np.testing.assert_array_equal(np.concatenate(pages), whole.scores)


def test_paging_through_the_api_matches_one_request_of_twenty_thousand_points(scorer_client):
    rng = np.random.default_rng(7)
    values = rng.poisson(30, 20_000).astype(float).tolist()
    start = "2026-01-01T00:00:00Z"
    one = scorer_client.post(
        "/api/campaigns/score-series/", {"values": values, "start": start, "bucket_minutes": 5}, format="json"
    )
    assert one.status_code == 200, one.content

    first = scorer_client.post(
        "/api/campaigns/score-series/", {"values": values[:12_000], "start": start, "bucket_minutes": 5}, format="json"
    ).json()
    second = scorer_client.post(
        "/api/campaigns/score-series/",
        {"values": values[12_000:], "state": first["state"], "start": "2026-02-11T16:00:00Z"},
        format="json",
    ).json()

    assert first["scores"] + second["scores"] == one.json()["scores"]
    assert one.json()["bucket_minutes"] == 5


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"values": [1, 2, 3], "timestamps": ["2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"]}, "timestamps"),
        (
            {"values": [1, 2], "timestamps": ["2026-01-01T01:00:00Z", "2026-01-01T00:00:00Z"]},
            "timestamps",
        ),
        ({"values": [1, 2], "state": "not-a-state"}, "state"),
        ({"values": [1], "start": "2026-01-01T00:00:00Z", "timestamps": ["2026-01-01T00:00:00Z"]}, "start"),
        ({"values": [1], "bucket_minutes": 0}, "bucket_minutes"),
    ],
)
def test_bad_series_requests_say_what_is_wrong(scorer_client, payload, field):
    response = scorer_client.post("/api/campaigns/score-series/", payload, format="json")

    assert response.status_code == 400
    assert field in str(response.json())


def test_a_page_that_goes_back_in_time_is_refused(scorer_client):
    first = scorer_client.post(
        "/api/campaigns/score-series/", {"values": [5] * 30, "start": "2026-01-02T00:00:00Z"}, format="json"
    ).json()

    response = scorer_client.post(
        "/api/campaigns/score-series/",
        {"values": [5], "timestamps": ["2026-01-01T00:00:00Z"], "state": first["state"]},
        format="json",
    )

    assert response.status_code == 400
    assert "previous page" in str(response.json())


def test_a_tampered_state_is_refused_not_crashed_on():
    token = state_dump(score_series([5.0] * 40).carried)

    with pytest.raises(ValueError):
        state_load(token[:-10])


@pytest.mark.django_db
def test_detect_and_score_series_agree_on_the_same_data(staff_client, with_tiny_models):
    now = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)
    bucket = now.replace(minute=0)
    t, values = daily_series(days=10, seed=4)
    stamps = [bucket - timedelta(hours=len(values) - i) for i in range(len(values))]
    VolumeSample.objects.bulk_create(
        VolumeSample(channel="call", series="", bucket_start=s, count=int(v), unique_targets=int(v))
        for s, v in zip(stamps, values, strict=True)
    )
    from campaigns import legacy

    detected = legacy.campaign_detect_metrics(metrics={"call_volume_last_hour": 900}, now=now)
    series = score_series(
        [*values, 900.0],
        [s.timestamp() for s in stamps] + [bucket.timestamp()],
        step_seconds=HOUR,
    )

    assert detected["scorer"].startswith("model:")
    assert detected["anomaly_score"] == pytest.approx(float(series.scores[-1]), abs=1e-4)
    assert detected["campaign_detected"] is (detected["anomaly_score"] > detected["threshold"])


def test_event_auc_follows_the_dev_sets_definition():
    scores = np.array([0, 0, 0, 5, 0, 0, 9, 9, 0, 0, 0, 0, 1, 0], dtype=float)
    windows = [(6, 7)]  # L = 2; clean stretches: [0,1] [2,3] [4,5]? no, 4-5 clean, then 8-9, 10-11, 12-13

    auc = evaluation.event_auc(scores, windows)

    assert auc == 1.0
    assert evaluation.event_auc(np.where(scores == 9, 5, scores), windows) == pytest.approx(1 - 0.5 / 6)


def test_the_gate_refuses_a_model_that_does_not_beat_the_best_baseline():
    def result(detector, heuristic=0.7):
        scorers = {name: {"all": 0.75, "surge": 0.7} for name in evaluation.BASELINES}  # simple and published
        scorers["robust 288"]["all"] = 0.8
        scorers.update(detector={"all": detector, "surge": 0.8}, heuristic={"all": heuristic, "surge": 0.8})
        return {"scorers": scorers, "best_baseline": "robust 288"}

    assert not protocol.beats_baselines(result(0.79))
    assert protocol.beats_baselines(result(0.81))
    assert not protocol.beats_baselines(result(0.81, heuristic=0.85))  # worse than the seasonal scorer alone


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "anomaly-dev"  # five real series, in the repo


def test_the_fixture_series_are_the_smallest_of_each_source_and_attributed():
    labels = json.loads((FIXTURES / "labels.json").read_text())

    assert sorted(evaluation.group_of(n) for n in labels) == [
        "artificialWithAnomaly", "realAWSCloudwatch", "realAdExchange", "realKnownCause", "realTraffic",
    ]  # fmt: skip
    assert sum(p.stat().st_size for p in FIXTURES.rglob("*.csv")) < 400_000
    assert "MIT" in (FIXTURES / "README.md").read_text()


def test_out_of_fold_designs_are_chosen_without_the_held_out_source():
    dev = evaluation.load_dev_set(FIXTURES)
    good = protocol.Design("good", score=lambda s: s.values)
    bad = protocol.Design("bad", score=lambda s: -s.values)
    # on each fold the choice is made on the other sources only: a design that is best on every training fold
    # is chosen everywhere, and the held-out figure is that design's own
    held, chosen, per_design = protocol.out_of_fold(dev, [good, bad])

    assert set(chosen) == {evaluation.group_of(s.name) for s in dev}
    better = "good" if np.nanmean(per_design["good"]) >= np.nanmean(per_design["bad"]) else "bad"
    for group, label in chosen.items():
        others = [s for s in dev if evaluation.group_of(s.name) != group]
        means = {d.label: np.nanmean([d.auc(s) for s in others]) for d in (good, bad)}
        assert label == max(means, key=means.get)
    assert np.nanmean(held) <= max(np.nanmean(per_design["good"]), np.nanmean(per_design["bad"])) + 1e-9
    assert better in chosen.values()


@pytest.mark.slow
def test_the_out_of_fold_gate_on_the_committed_real_series(settings, tmp_path):
    """The CI gate, honest: on the five committed series the out-of-fold detector does NOT beat the best
    baseline (robust 288); so a freshly trained campaign model must not serve, and the API stays on the
    seasonal scorer. When a design truly beats the best baseline out of fold, this test must be changed to
    assert it, never loosened."""
    from campaigns.ml import serving, training

    dev = evaluation.load_dev_set(FIXTURES)
    result = protocol.evaluate(dev)
    table = result["scorers"]
    assert set(evaluation.BASELINES) <= set(table)
    assert table["detector"]["all"] < table[result["best_baseline"]]["all"] + 0.05  # the miss, as measured
    assert not protocol.beats_baselines(result, margin=0.05)

    settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_DEV_SET = tmp_path / "models", str(FIXTURES)
    card = training.train("campaign", size=40, epochs=1, seed=2)
    serving.forget()

    assert card["dev_set"]["scorers"]["served"]["all"] < card["dev_set"]["scorers"][result["best_baseline"]]["all"]
    assert card["passed"] is False
    assert score_series([40.0] * 30).scorer == "heuristic"  # a gated-out model does not serve


@pytest.mark.parametrize("models", [False, True])
def test_the_detection_job_scores_only_the_newest_buckets_and_gets_the_same_last_score(models, request):
    from campaigns.ml.series import latest_only, score_many

    if models:
        request.getfixturevalue("with_tiny_models")
    t, values = daily_series(days=25, seed=5)
    values[-3:] *= 4

    whole = score_series(values, t, step_seconds=HOUR)
    item = latest_only(values, t, step_seconds=HOUR)
    newest = score_many([item])[0]

    assert len(item["values"]) < len(values)
    assert newest.scorer == whole.scorer
    assert newest.scores[-1] == pytest.approx(whole.scores[-1], abs=1e-9)


def test_a_bigger_surge_always_scores_strictly_higher_and_never_one():
    t, values = daily_series(seed=6)
    tops = []
    for size in (400, 4_000, 40_000, 4_000_000, 4e9):
        spiked = values.copy()
        spiked[-1] = size
        tops.append(float(score_series(spiked, t).scores[-1]))

    assert all(a < b for a, b in zip(tops, tops[1:], strict=False)), tops
    assert tops[-1] < 1.0


def test_a_six_hour_campaign_stays_flagged_while_it_lasts():
    t, values = daily_series(seed=8)
    surged = values.copy()
    surged[-6:] = values[-6:] * 5 + 200

    scores = score_series(surged, t).scores[-6:]

    assert (scores > 0.8).all(), scores


def test_score_series_flags_by_the_one_rule_and_says_which(scorer_client, settings):
    settings.CAMPAIGNS_MIN_VOLUME = 50
    quiet = [4.0, 5.0, 4.0, 3.0, 5.0, 4.0] * 4 + [40.0]  # a surge, but of 40 calls: under the minimum volume

    body = scorer_client.post("/api/campaigns/score-series/", {"values": quiet}, format="json").json()

    assert body["scores"][-1] > body["threshold"]
    assert body["flagged"] == []
    assert body["rule"] == "score > threshold and volume >= min_volume"
    assert body["min_volume"] == 50


def test_the_forecaster_learns_a_series_and_its_likelihood_rises_at_a_surge():
    from campaigns.ml import forecaster

    t, values = daily_series(days=28, seed=9)
    z = seasonal.residuals(values, t, config=seasonal.Config(season=False)).z
    run = forecaster.fit([(t[:500], z[:500])], fresh_trainer=True)
    assert run["seconds"] > 0 and run["peak_rss_mb"] > 0 and run["windows"] > 100

    surged = values.copy()
    surged[-6:] *= 6
    z_surged = seasonal.residuals(surged, t, config=seasonal.Config(season=False)).z
    r = forecaster.residuals(run["net"], t, z_surged)
    evidence = forecaster.likelihood_evidence(r, 10)

    assert evidence[-1] > np.percentile(evidence[:-24], 99)
    warm = forecaster.fit([(t, z)], net=run["net"], epochs=1)  # warm start from the last weights
    assert warm["net"] is run["net"]


@pytest.mark.slow
def test_on_the_whole_development_set_the_out_of_fold_detector_beats_every_baseline_by_005(settings):
    """The issue-20 gate on all 41 labelled series, leave-one-source-out (about 40 s). It needs the development
    set (CAMPAIGNS_DEV_SET, beside the checkout: not shipped), so a clone without it skips this one check and
    keeps the fixture gate above."""
    path = Path(settings.CAMPAIGNS_DEV_SET or "/nonexistent")
    if not (path / "labels.json").exists():
        pytest.skip("the development set is not beside this checkout (CAMPAIGNS_DEV_SET)")
    result = protocol.evaluate(evaluation.load_dev_set(path))
    table, best = result["scorers"], result["best_baseline"]

    assert protocol.beats_baselines(result, margin=0.05), (table["detector"], best, table[best])
    assert table["detector"]["surge"] >= max(table[b]["surge"] for b in evaluation.BASELINES) + 0.05
