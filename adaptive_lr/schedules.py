"""Learning-rate schedules: pure functions of the step counter t = 1, 2, ...

A schedule never changes when it is called: asking for the rate at step t twice
gives the same number twice. This is what lets a plot, a slider and a test all
ask about the same step without disturbing a run.
"""

import math
import numbers

from . import _checks


def constant(lr):
    """The same rate at every step: eta_t = lr."""
    lr = _checks.positive("lr", lr)

    def schedule(t):
        return lr

    return schedule


def inverse_time(lr0):
    """The 1/t decay of the lecture: eta_t = lr0 / t."""
    lr0 = _checks.positive("lr0", lr0)

    def schedule(t):
        return lr0 / t

    return schedule


def step_decay(lr0, factor, every):
    """Multiply the rate by `factor` every `every` steps.

    eta_t = lr0 * factor ** floor((t - 1) / every), so steps 1..every use lr0.
    """
    lr0 = _checks.positive("lr0", lr0)
    if not (isinstance(factor, numbers.Real) and 0 < factor <= 1):
        raise ValueError(f"factor must be a number in (0, 1], got {factor!r}")
    every = _checks.positive_int("every", every)

    def schedule(t):
        return lr0 * factor ** ((t - 1) // every)

    return schedule


def as_schedule(lr, name="lr"):
    """Turn a number into `constant(lr)`; check that a callable is a schedule."""
    if callable(lr):
        return lr
    if isinstance(lr, numbers.Real) and not isinstance(lr, bool):
        return constant(_checks.positive(name, lr))
    raise TypeError(
        f"{name} must be a number > 0 or a schedule t -> rate, got {lr!r}"
    )


def rate_at(schedule, t, name="lr"):
    """Evaluate a schedule at step t and refuse a rate that is not a finite number > 0."""
    rate = schedule(t)
    if not (isinstance(rate, numbers.Real) and math.isfinite(rate) and rate > 0):
        raise ValueError(
            f"{name} schedule returned {rate!r} at step t={t}; "
            "a learning rate must be a finite number > 0"
        )
    return rate
