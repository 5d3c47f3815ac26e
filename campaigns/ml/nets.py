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


__all__ = ["ms", "build", "WithSigmoid", "Forecaster", "GaussianNll"]


class Forecaster(nn.Cell):
    """GRU (16 units) over WINDOW steps of (history-normalised log volume, calendar of the target bucket) →
    the next bucket's normalised log volume as a Gaussian: (mean, log scale)."""

    def __init__(self, n_in: int = 5, hidden: int = 16):
        super().__init__()
        self.gru = nn.GRU(n_in, hidden, num_layers=1, batch_first=True)
        self.head = nn.Dense(hidden, 2)

    def construct(self, x):
        out, _ = self.gru(x)
        return self.head(out[:, -1, :])


class GaussianNll(nn.Cell):
    """Mean negative log-likelihood of y under the net's (mean, log scale), the log scale kept in [-4, 3]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def construct(self, x, y):
        out = self.net(x)
        mean, log_scale = out[:, 0], ops.clamp(out[:, 1], -4.0, 3.0)
        return (log_scale + 0.5 * ops.square((y - mean) / ops.exp(log_scale))).mean()
