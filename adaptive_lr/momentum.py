"""Momentum: the heavy ball (Polyak) and Nesterov's look-ahead variant."""

from typing import NamedTuple

from . import _checks
from .base import Optimizer, Update
from .schedules import as_schedule, rate_at


class MomentumState(NamedTuple):
    t: int  # steps taken so far
    velocity: object  # v^(t-1), the previous step


def _init(w):
    return MomentumState(t=0, velocity=0.0 * w)


def _heavy_ball_update(schedule, mu):
    def update(g, state):
        t = state.t + 1
        eta = rate_at(schedule, t)
        v = mu * state.velocity - eta * g
        return Update(delta=v, rate=eta, state=MomentumState(t, v))

    return update


def momentum(lr, mu=0.9):
    r"""Gradient descent with a heavy-ball momentum term.

    At step t = 1, 2, with v^(0) = 0::

        v^(t)   = mu v^(t-1) - eta_t g^(t)
        w^(t+1) = w^(t) + v^(t)

    Symbols: g^(t) is `g`, the gradient at w^(t); eta_t is `lr` (a number or
    a schedule); mu is `mu`, in [0, 1). With mu = 0 this is exactly `gd`.
    """
    schedule = as_schedule(lr)
    mu = _checks.unit_interval("mu", mu)
    return Optimizer(
        "momentum", _init, _heavy_ball_update(schedule, mu), hyperparams={"lr": lr, "mu": mu}
    )


def nesterov(lr, mu=0.9):
    r"""Nesterov's accelerated gradient: the gradient is taken where momentum is about to go.

    At step t = 1, 2, with v^(0) = 0::

        g^(t)   = grad f(w^(t) + mu v^(t-1))      # the look-ahead point
        v^(t)   = mu v^(t-1) - eta_t g^(t)
        w^(t+1) = w^(t) + v^(t)

    Symbols: g^(t) is `g` (the runner evaluates it at `lookahead(w, state)`);
    eta_t is `lr`; mu is `mu`, in [0, 1). Only where g is taken differs from
    `momentum`.
    """
    schedule = as_schedule(lr)
    mu = _checks.unit_interval("mu", mu)

    def lookahead(w, state):
        return w + mu * state.velocity

    return Optimizer(
        "nesterov",
        _init,
        _heavy_ball_update(schedule, mu),
        lookahead=lookahead,
        hyperparams={"lr": lr, "mu": mu},
    )
