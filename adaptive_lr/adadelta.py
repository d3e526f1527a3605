"""AdaDelta: RMSProp with a numerator that gives the step the units of w."""

from typing import NamedTuple

import numpy

from . import _checks
from .base import Optimizer, Update


class AdadeltaState(NamedTuple):
    t: int  # steps taken so far
    v: object  # v^(t-1), moving average of squared gradients
    s: object  # s^(t), moving average of squared steps, before this step


def adadelta(rho=0.95, eps=1e-6):
    r"""AdaDelta (Zeiler, 2012), with no learning rate.

    At step t = 1, 2, ..., with v^(0) = s^(1) = 0, for every coordinate::

        v^(t)     = rho v^(t-1) + (1 - rho) (g^(t))^2
        w^(t+1)   = w^(t) - sqrt(s^(t) + eps) / sqrt(v^(t) + eps) * g^(t)
        s^(t+1)   = rho s^(t) + (1 - rho) (w^(t+1) - w^(t))^2

    Symbols: g^(t) is `g`; rho is `rho`, in [0, 1); eps is `eps` > 0. The
    step uses s^(t), the average of the steps *before* this one, and v^(t),
    which already includes the current gradient. The ratio
    sqrt(s) / sqrt(v) has the units of w / g, so the step has the units of w,
    as Newton's does; with s^(1) = 0 it is eps that sets the size of the
    first steps, so eps must be > 0 for AdaDelta to move at all.
    """
    rho = _checks.unit_interval("rho", rho)
    eps = _checks.positive_values("eps", eps)

    def init(w):
        return AdadeltaState(t=0, v=numpy.zeros_like(w), s=numpy.zeros_like(w))

    def update(g, state):
        v = rho * state.v + (1 - rho) * g**2
        rate = numpy.sqrt(state.s + eps) / numpy.sqrt(v + eps)
        delta = -rate * g
        s = rho * state.s + (1 - rho) * delta**2
        return Update(delta=delta, rate=rate, state=AdadeltaState(state.t + 1, v, s))

    return Optimizer("adadelta", init, update, hyperparams={"rho": rho, "eps": eps})
