"""Learning-rate annealing driven by a monitored (validation) loss."""

import math
import numbers
from collections.abc import Callable
from typing import NamedTuple

from . import _checks


class PlateauState(NamedTuple):
    scale: float  # multiply every step (equivalently, the learning rate) by this
    best: float  # lowest monitored loss seen so far
    wait: int  # checks since the loss last improved
    cooldown: int  # checks left before another reduction is allowed


class Plateau(NamedTuple):
    """A pure `init`/`update` pair; see `reduce_on_plateau`."""

    init: Callable[[], PlateauState]
    update: Callable[[float, PlateauState], PlateauState]


def reduce_on_plateau(factor=0.1, patience=5, threshold=1e-4, cooldown=0, min_scale=0.0):
    r"""Cut the learning rate when the monitored loss stops improving.

    Call `update(loss, state)` once per check (an epoch, say) with the loss on
    a validation set. A loss counts as an improvement when::

        loss < best - threshold * |best|

    After `patience` checks in a row without improvement the scale is
    multiplied by `factor` (never below `min_scale`), the count restarts, and
    `cooldown` checks pass before the count resumes. Multiply the
    optimizer's step by `state.scale`: with gd(0.1) and factor=0.1, the rate
    falls from 0.1 to 0.01 at the first plateau, as in the lecture. This
    helps most when a method oscillates around a minimiser because its rate
    is too large.

    Symbols: factor in (0, 1) is `factor`; patience >= 1 is `patience`;
    threshold >= 0 is `threshold`; cooldown >= 0 is `cooldown`.
    """
    if not (isinstance(factor, numbers.Real) and 0 < factor < 1):
        raise ValueError(f"factor must be a number in (0, 1), got {factor!r}")
    patience = _checks.positive_int("patience", patience)
    threshold = _checks.non_negative("threshold", threshold)
    if not isinstance(cooldown, numbers.Integral) or isinstance(cooldown, bool) or cooldown < 0:
        raise ValueError(f"cooldown must be an integer >= 0, got {cooldown!r}")
    min_scale = _checks.non_negative("min_scale", min_scale)

    def init():
        return PlateauState(scale=1.0, best=math.inf, wait=0, cooldown=0)

    def update(loss, state):
        if not (isinstance(loss, numbers.Real) and math.isfinite(loss)):
            raise ValueError(f"loss must be a finite number, got {loss!r}")
        # best starts at +inf, where the relative margin would be inf - inf = nan
        margin = threshold * abs(state.best) if math.isfinite(state.best) else 0.0
        if loss < state.best - margin:
            return PlateauState(state.scale, float(loss), 0, max(state.cooldown - 1, 0))
        if state.cooldown > 0:
            return PlateauState(state.scale, state.best, 0, state.cooldown - 1)
        if state.wait + 1 < patience:
            return PlateauState(state.scale, state.best, state.wait + 1, 0)
        return PlateauState(max(state.scale * factor, min_scale), state.best, 0, cooldown)

    return Plateau(init, update)
