"""Model registry on disk (pure Python; no MindSpore): <model dir>/<kind>/<version>/{model.ckpt, card.json}.

The active model of a kind is the newest version whose card says it passed (beat the old heuristic's
held-out ROC-AUC) and whose feature schema version is the current one.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from campaigns import features

KINDS = ("campaign", "cohort", "uplift")
CHECKPOINT = "model.ckpt"
CARD = "card.json"


def model_dir() -> Path:
    return Path(settings.CAMPAIGNS_MODEL_DIR)


def new_version(kind: str) -> str:
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"


def version_path(kind: str, version: str) -> Path:
    return model_dir() / kind / version


def cards(kind: str) -> list[dict]:
    """Every readable card of this kind, newest first."""
    root = model_dir() / kind
    found = []
    if root.is_dir():
        for card_path in root.glob(f"*/{CARD}"):
            try:
                card = json.loads(card_path.read_text())
            except (OSError, ValueError):
                continue
            if (card_path.parent / CHECKPOINT).exists():
                card["path"] = str(card_path.parent)
                found.append(card)
    return sorted(found, key=lambda c: c.get("version", ""), reverse=True)


def active_card(kind: str) -> dict | None:
    for card in cards(kind):
        if card.get("passed") and card.get("schema_version") == features.SCHEMA_VERSION:
            return card
    return None


def write_card(kind: str, version: str, card: dict) -> Path:
    path = version_path(kind, version)
    path.mkdir(parents=True, exist_ok=True)
    (path / CARD).write_text(json.dumps(card, indent=2, sort_keys=True))
    return path / CARD
