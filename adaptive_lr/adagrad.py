"""AdaGrad: a per-coordinate rate from the running sum of squared gradients."""

from typing import NamedTuple

import numpy

from . import _checks
from .base import Optimizer, Update
from .schedules import as_schedule, rate_at


class AdagradState(NamedTuple):
    t: int  # steps taken so far
    v: object  # v^(t-1), the sum of squared gradients so far


def adagrad(lr, eps=1e-8):
    r"""AdaGrad (Duchi, Hazan and Singer, 2011).

    At step t = 1, 2, ..., with v^(0) = 0, for every coordinate::

        v^(t)   = v^(t-1) + (g^(t))^2
        w^(t+1) = w^(t) - eta / sqrt(v^(t) + eps) * g^(t)

    Symbols: g^(t) is `g`; eta is `lr` (a number or a schedule), the global
    rate shared by all weights; eps is `eps` >= 0, inside the square root as in
    the lecture. The effective rate eta / sqrt(v^(t) + eps) only ever shrinks:
    coordinates with small gradients move faster, and after a while every
    coordinate stalls.
    """
    schedule = as_schedule(lr)
    eps = _checks.non_negative_values("eps", eps)

    def init(w):
        return AdagradState(t=0, v=numpy.zeros_like(w))

    def update(g, state):
        t = state.t + 1
        v = state.v + g**2
        rate = rate_at(schedule, t) / numpy.sqrt(v + eps)
        return Update(delta=-rate * g, rate=rate, state=AdagradState(t, v))

    return Optimizer("adagrad", init, update, hyperparams={"lr": lr, "eps": eps})
