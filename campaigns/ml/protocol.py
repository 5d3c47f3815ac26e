"""The honest protocol for the campaign detector: grouped, leave-one-source-out folds over the dev set.

- Folds: one per source (evaluation.group_of: the NAB family folder), so that series of one source never sit
  on both sides. Leave-one-group-out.
- Designs: every candidate detector (the seasonal scorer's design grid, the MindSpore forecaster, ensembles).
  A design either scores a series by itself (no fitting to labels) or is fitted on the training folds' series
  (`fit`). Every constant and choice that the labels touch is a choice *between* designs.
- Out of fold: for each held-out source, the design with the best mean event AUC on the other sources is
  chosen and scores the held-out series; the detector's out-of-fold figure is the mean over all series of
  these held-out AUCs. Baselines have no tuned constants: their figure is out of fold as it stands.
- In sample (labelled so): the design that is best on the whole set, with its whole-set figure: that design
  is what the deployment serves, and the out-of-fold figure is what a partner should expect of it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from campaigns.ml import baselines, evaluation, seasonal
from campaigns.ml import series as series_scoring

Scorer = Callable[["evaluation.DevSeries"], np.ndarray]


@dataclass
class Design:
    label: str
    score: Scorer | None = None  # scores a series by itself (fold-free)
    fit: Callable[[list], Scorer] | None = None  # fitted on the training folds' series, then scores
    cache: dict = field(default_factory=dict)

    def auc(self, s) -> float:
        if s.name not in self.cache:
            self.cache[s.name] = evaluation.event_auc(self.score(s), s.windows)
        return self.cache[s.name]


_Z: dict[tuple, np.ndarray] = {}


def _residual_z(s, season: bool) -> np.ndarray:
    key = (s.name, len(s.values), float(s.values.sum()), season)  # the data, not only its name
    if key not in _Z:
        _Z[key] = seasonal.residuals(s.values, s.t, config=seasonal.Config(season=season)).z
    return _Z[key]


def seasonal_design(config: seasonal.Config) -> Design:
    def score(s):
        surge, drop = seasonal.surge_and_drop(_residual_z(s, config.season), np.zeros(0), config)
        return np.maximum(surge, drop)

    return Design(config.label, score=score)


SEASONAL_GRID = tuple(
    seasonal.Config(scan=scan, own_share=cap, season=season)
    for season in (True, False)
    for scan in ((1,), (3, 6, 12))
    for cap in (seasonal.OWN_SHARE, float("inf"))
)


def default_designs() -> list[Design]:
    return [seasonal_design(c) for c in SEASONAL_GRID]


def _fold_scores(design: Design, train: list, test: list) -> tuple[list[float], list[float]]:
    """(AUCs on the training series, AUCs on the held-out series) of one design for one fold."""
    if design.fit is None:
        return [design.auc(s) for s in train], [design.auc(s) for s in test]
    scorer = design.fit(train)
    return (
        [evaluation.event_auc(scorer(s), s.windows) for s in train],
        [evaluation.event_auc(scorer(s), s.windows) for s in test],
    )


def out_of_fold(dev: list, designs: list[Design]) -> tuple[list[float], dict, dict[str, list[float]]]:
    """(detector's held-out AUC per series, {held-out source: chosen design}, {design: held-out AUC per series})."""
    groups = sorted({evaluation.group_of(s.name) for s in dev})
    held: dict[str, float] = {}
    per_design: dict[str, dict[str, float]] = {d.label: {} for d in designs}
    chosen = {}
    for g in groups:
        train = [s for s in dev if evaluation.group_of(s.name) != g]
        test = [s for s in dev if evaluation.group_of(s.name) == g]
        if not train:
            continue
        fold = {d.label: _fold_scores(d, train, test) for d in designs}
        best = max(designs, key=lambda d: np.nanmean(fold[d.label][0]))
        chosen[g] = best.label
        for d in designs:
            per_design[d.label].update({s.name: a for s, a in zip(test, fold[d.label][1], strict=True)})
        held.update({s.name: a for s, a in zip(test, fold[best.label][1], strict=True)})
    order = [s.name for s in dev]
    return (
        [held.get(n, float("nan")) for n in order],
        chosen,
        {label: [aucs.get(n, float("nan")) for n in order] for label, aucs in per_design.items()},
    )


def _through_api(s, predictor=None) -> np.ndarray:
    return series_scoring.score_series(s.values, s.t, predictor=predictor).scores


def run(dev: list, *, designs: list[Design] | None = None, folds: bool = True, predictor=None) -> dict:
    designs = list(designs or default_designs())
    if predictor is not None:  # a candidate model: one more design, scored through the API's code path
        designs.append(Design(predictor[0], score=lambda s: _through_api(s, predictor)))
    aucs: dict[str, list[float]] = {}
    chosen: dict = {}
    if folds:
        aucs["detector"], chosen, per_design = out_of_fold(dev, designs)
    else:
        per_design = {d.label: [d.auc(s) for s in dev] for d in designs if d.score is not None}
    served = series_scoring.score_series(dev[0].values[:1], dev[0].t[:1], predictor=predictor).scorer
    if served != "heuristic":  # the active (or candidate) model, through the API's code path
        served_design = next((d for d in designs if d.label == served), None) or Design(served, score=_through_api)
        aucs["served"] = [served_design.auc(s) for s in dev]
    aucs["heuristic"] = [seasonal_design(seasonal.DEFAULT).auc(s) for s in dev]
    for name in baselines.ALL:
        aucs[name] = [evaluation.event_auc(baselines.score(name, s.values), s.windows) for s in dev]
    table = evaluation.summarise(dev, aucs)
    design_table = evaluation.summarise(dev, per_design)
    fold_free = [d for d in designs if d.score is not None]
    whole = max(fold_free, key=lambda d: design_table[d.label]["all"]) if fold_free else None
    surge = np.array([s.surge for s in dev])
    best = max(baselines.ALL, key=lambda name: table[name]["all"])
    return {
        "series": len(dev),
        "surge_series": int(surge.sum()),
        "groups": sorted({evaluation.group_of(s.name) for s in dev}),
        "detector": served,
        "scorers": table,
        "designs": {label: {"all": r["all"], "surge": r["surge"]} for label, r in design_table.items()},
        "folds": chosen,
        "in_sample": {"design": whole.label, **{k: design_table[whole.label][k] for k in ("all", "surge")}}
        if whole
        else None,
        "best_baseline": best,
        "best_baseline_surge": max(table[name]["surge"] or 0 for name in baselines.ALL),
    }


def evaluate(dev: list, *, designs: list[Design] | None = None, folds: bool = True, predictor=None) -> dict:
    """The protocol's result: out-of-fold event AUC of the detector and of every baseline, in-sample beside."""
    return run(dev, designs=designs, folds=folds, predictor=predictor)


def beats_baselines(result: dict, *, name: str = "detector", margin: float = 0.0) -> bool:
    """The activation rule, on out-of-fold figures: better than the best baseline (simple or published) on the
    whole set by `margin`, and not worse than the seasonal scorer alone (when it was measured)."""
    scores = result["scorers"]
    ok = scores[name]["all"] > scores[result["best_baseline"]]["all"] + margin
    if "heuristic" in scores and name != "heuristic":
        ok = ok and scores[name]["all"] >= scores["heuristic"]["all"]
    return bool(ok)
