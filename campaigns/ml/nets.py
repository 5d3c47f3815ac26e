"""The three networks (MindSpore). Import this module only from campaigns/ml/ (it imports MindSpore)."""

import mindspore as ms
from mindspore import nn, ops

from campaigns import features


class CampaignDetector(nn.Cell):
    """2-layer LSTM (32 units) over WINDOW steps of step features (history-normalised), dense head → one logit."""

    def __init__(self, hidden: int = 32):
        super().__init__()
        self.lstm = nn.LSTM(len(features.STEP_NAMES), hidden, num_layers=2, batch_first=True)
        self.head = nn.SequentialCell(nn.Dense(hidden, 16), nn.ReLU(), nn.Dense(16, 1))

    def construct(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1, :]).squeeze(-1)


class Mlp(nn.Cell):
    """Dense ReLU layers of the given widths → one logit."""

    def __init__(self, n_in: int, widths: tuple[int, ...]):
        super().__init__()
        layers = []
        for width in widths:
            layers += [nn.Dense(n_in, width), nn.ReLU()]
            n_in = width
        layers.append(nn.Dense(n_in, 1))
        self.body = nn.SequentialCell(layers)

    def construct(self, x):
        return self.body(x).squeeze(-1)


class WithSigmoid(nn.Cell):
    def __init__(self, net):
        super().__init__()
        self.net = net
        self.sigmoid = ops.Sigmoid()

    def construct(self, x):
        return self.sigmoid(self.net(x))


def build(kind: str) -> nn.Cell:
    if kind == "campaign":
        return CampaignDetector()
    if kind == "cohort":
        return Mlp(len(features.BEHAVIOUR_NAMES), (64, 32, 16))
    if kind == "uplift":
        return Mlp(len(features.UPLIFT_NAMES), (128, 64, 32))
    raise ValueError(f"unknown model kind {kind!r}")


__all__ = ["ms", "build", "WithSigmoid"]
