"""Gradient descent with a fixed or scheduled learning rate."""

from typing import NamedTuple

from .base import Optimizer, Update
from .schedules import as_schedule, rate_at


class GDState(NamedTuple):
    t: int  # steps taken so far


def gd(lr):
    r"""Plain gradient descent.

    At step t = 1, 2, ...::

        eta_t   = lr(t)                     # lr itself when lr is a number
        w^(t+1) = w^(t) - eta_t g^(t)

    Symbols: g^(t) is `g`, the gradient at w^(t); eta_t is `lr`, a number > 0
    or a schedule t -> rate from adaptive_lr.schedules. The effective rate is
    eta_t in every coordinate: gd cannot adapt to the local geometry.
    """
    schedule = as_schedule(lr)

    def init(w):
        return GDState(t=0)

    def update(g, state):
        t = state.t + 1
        eta = rate_at(schedule, t)
        return Update(delta=-eta * g, rate=eta, state=GDState(t))

    return Optimizer("gd", init, update, hyperparams={"lr": lr})
