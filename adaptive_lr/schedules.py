"""Learning-rate schedules: pure functions of the step counter t = 1, 2, ...

A schedule never changes when it is called: asking for the rate at step t twice
gives the same number twice. This is what lets a plot, a slider and a test all
ask about the same step without disturbing a run.
"""

import math
import numbers

import numpy

from . import _checks


def constant(lr):
    """The same rate at every step: eta_t = lr (a number, or an array: one rate per column)."""
    lr = _checks.positive_values("lr", lr)

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
    """Turn a number (or a 1-D array of them, one per column) into `constant(lr)`; pass a schedule on."""
    if callable(lr):
        return lr
    if isinstance(lr, numbers.Real) and not isinstance(lr, bool):
        return constant(_checks.positive(name, lr))
    if isinstance(lr, numpy.ndarray):
        return constant(_checks.positive_values(name, lr))
    raise TypeError(
        f"{name} must be a number > 0, a 1-D array of them or a schedule t -> rate, got {lr!r}"
    )


def rate_at(schedule, t, name="lr"):
    """Evaluate a schedule at step t and refuse a rate that is not a finite number > 0."""
    rate = schedule(t)
    if isinstance(rate, numpy.ndarray):  # one rate per column, from a constant array (see `sweep`)
        if rate.ndim == 1 and numpy.all(numpy.isfinite(rate) & (rate > 0)):
            return rate
    elif isinstance(rate, numbers.Real) and math.isfinite(rate) and rate > 0:
        return rate
    raise ValueError(
        f"{name} schedule returned {rate!r} at step t={t}; "
        "a learning rate must be a finite number > 0"
    )
