"""RMSProp: a per-coordinate rate from a moving average of squared gradients."""

from typing import NamedTuple

import numpy

from . import _checks
from .base import Optimizer, Update
from .schedules import as_schedule, rate_at


class RMSPropState(NamedTuple):
    t: int  # steps taken so far
    v: object  # v^(t-1), the moving average of squared gradients


def rmsprop(lr, rho=0.9, eps=1e-8):
    r"""RMSProp (Tieleman and Hinton, 2012).

    At step t = 1, 2, ..., with v^(0) = 0, for every coordinate::

        v^(t)   = rho v^(t-1) + (1 - rho) (g^(t))^2
        w^(t+1) = w^(t) - eta / sqrt(v^(t) + eps) * g^(t)

    Symbols: g^(t) is `g`; eta is `lr` (a number or a schedule); rho is
    `rho`, in [0, 1), typically close to 1; eps is `eps` >= 0, inside the
    square root as in the lecture. Old gradients fade with weight rho^k, so
    the rate does not decay to zero as AdaGrad's does.
    """
    schedule = as_schedule(lr)
    rho = _checks.unit_interval("rho", rho)
    eps = _checks.non_negative_values("eps", eps)

    def init(w):
        return RMSPropState(t=0, v=numpy.zeros_like(w))

    def update(g, state):
        t = state.t + 1
        v = rho * state.v + (1 - rho) * g**2
        rate = rate_at(schedule, t) / numpy.sqrt(v + eps)
        return Update(delta=-rate * g, rate=rate, state=RMSPropState(t, v))

    return Optimizer("rmsprop", init, update, hyperparams={"lr": lr, "rho": rho, "eps": eps})
