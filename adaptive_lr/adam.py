"""Adam: RMSProp combined with momentum, with bias correction."""

from typing import NamedTuple

import numpy

from . import _checks
from .base import Optimizer, Update
from .schedules import as_schedule, rate_at


class AdamState(NamedTuple):
    t: int  # steps taken so far
    m: object  # m^(t-1), first moment (moving average of g)
    v: object  # v^(t-1), second moment (moving average of g^2)


def adam(lr=1e-3, rho1=0.9, rho2=0.999, eps=1e-8, bias_correction=True):
    r"""Adam (Kingma and Ba, 2015).

    At step t = 1, 2, ..., with m^(0) = v^(0) = 0, for every coordinate::

        m^(t)     = rho1 m^(t-1) + (1 - rho1) g^(t)
        v^(t)     = rho2 v^(t-1) + (1 - rho2) (g^(t))^2
        mhat^(t)  = m^(t) / (1 - rho1^t)
        vhat^(t)  = v^(t) / (1 - rho2^t)
        w^(t+1)   = w^(t) - eta / sqrt(vhat^(t) + eps) * mhat^(t)

    Symbols: g^(t) is `g`; eta is `lr` (a number or a schedule); rho1 is
    `rho1` and rho2 is `rho2`, both in [0, 1); eps is `eps` >= 0, inside the
    square root as in the lecture. The effective rate is
    eta / sqrt(vhat^(t) + eps), applied to the averaged gradient mhat^(t).
    `bias_correction=False` skips the two corrections (mhat = m, vhat = v), to
    show what they are for; the rule with them is Adam.

    The lecture's slide writes the second moment as rho2 m^(t-1) + ...; that
    is a misprint. The second moment averages its own past values, v^(t-1),
    as above and in the Adam paper. The bias correction divides by the total
    weight the zero-started averages have put on real gradients, so the first
    step is eta * g / sqrt(g^2 + eps), about eta * sign(g).
    """
    schedule = as_schedule(lr)
    rho1 = _checks.unit_interval("rho1", rho1)
    rho2 = _checks.unit_interval("rho2", rho2)
    eps = _checks.non_negative_values("eps", eps)

    def init(w):
        return AdamState(t=0, m=numpy.zeros_like(w), v=numpy.zeros_like(w))

    def update(g, state):
        t = state.t + 1
        m = rho1 * state.m + (1 - rho1) * g
        v = rho2 * state.v + (1 - rho2) * g**2
        m_hat = m / (1 - rho1**t) if bias_correction else m
        v_hat = v / (1 - rho2**t) if bias_correction else v
        rate = rate_at(schedule, t) / numpy.sqrt(v_hat + eps)
        return Update(delta=-rate * m_hat, rate=rate, state=AdamState(t, m, v))

    hyperparams = {"lr": lr, "rho1": rho1, "rho2": rho2, "eps": eps}
    if not bias_correction:
        hyperparams["bias_correction"] = False
    return Optimizer("adam", init, update, hyperparams=hyperparams)
