"""Learning-rate annealing on a test surface: an optimizer whose steps a plateau rule cuts.

Computation only: nothing here draws. `anneal_on_plateau_run` is to
`reduce_on_plateau` on a surface what `nn.train(..., plateau=...)` is on a
network: every `check_every` steps the loss is handed to the plateau rule, and
its scale multiplies every later step.

    >>> import adaptive_lr as alr
    >>> f = alr.functions.nonsmooth
    >>> path = anneal_on_plateau_run(f, alr.gd(0.1), f.start, 300, alr.reduce_on_plateau(patience=3))
    >>> float(path.scale[0]), bool(path.scale[-1] < 1e-2)
    (1.0, True)
"""

import warnings
from dataclasses import dataclass

import numpy

from . import _checks, derivatives
from .base import Optimizer
from .plateau import Plateau
from .runner import DivergenceWarning, Trajectory


@dataclass(frozen=True, eq=False)
class AnnealedTrajectory(Trajectory):
    """A Trajectory whose steps were multiplied by a plateau scale (see `anneal_on_plateau_run`).

    scale: shape (n,), the scale s_t that multiplied step t.
    rate: shape (n, d), as in Trajectory the factor each coordinate's gradient
        was multiplied by, here s_t times the optimizer's own rate.
    """

    scale: numpy.ndarray | None = None

    @property
    def cuts(self):
        """The steps t whose scale is smaller than the step before's: where the rate was cut."""
        return cuts(self.scale)


def cuts(scale):
    """The 1-based positions t where scale[t-1] < scale[t-2]: the first step (or epoch) after each cut.

    Works for a Trajectory's per-step scale and for History.scale, whose entry
    e - 1 is the scale in force during epoch e.
    """
    scale = numpy.asarray(scale, dtype=float)
    if scale.ndim != 1:
        raise ValueError(f"scale must be a 1-D array of scales, got shape {scale.shape}")
    return numpy.flatnonzero(numpy.diff(scale) < 0) + 2


def anneal_on_plateau_run(f, optimizer, w0, steps, plateau, check_every=10):
    r"""Run `optimizer` on f from w0, multiplying its steps by a scale that `plateau` cuts.

    At step t = 1, 2, ..., steps, with the scale s = 1 at the start::

        g^(t)    = grad f(w^(t))                  (at the look-ahead point for Nesterov)
        u        = optimizer.update(g^(t), state)
        w^(t+1)  = w^(t) + s * u.delta

    and after every `check_every` steps the loss f(w^(t+1)) goes to
    plateau.update, whose new scale multiplies the steps that follow. This is
    the lecture's annealing: when the loss stops improving for `patience`
    checks, the learning rate is cut by `factor` (0.1 to 0.01 for gd(0.1) and
    factor 0.1).

    Symbols: `optimizer` is an adaptive_lr optimizer; `plateau` is
    adaptive_lr.reduce_on_plateau(...); `steps` and `check_every` are
    integers >= 1.

    Returns an `AnnealedTrajectory`: a Trajectory (so `plotting.paths` and
    `plotting.loss_curves` draw it) with the scale of every step. If a number
    stops being finite the run stops there and warns with a DivergenceWarning,
    as `run` does.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of a 1-D array returning a number, got {f!r}")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"optimizer must be an adaptive_lr optimizer such as adaptive_lr.gd(0.1), got {optimizer!r}"
        )
    if not isinstance(plateau, Plateau):
        raise TypeError(f"plateau must be adaptive_lr.reduce_on_plateau(...), got {plateau!r}")
    w = _checks.start_point("w0", w0)
    steps = _checks.positive_int("steps", steps)
    check_every = _checks.positive_int("check_every", check_every)
    value_and_grad, gradient = derivatives.value_and_grad(f), derivatives.grad(f)
    d = w.size

    iterates, losses, grads, rates, scales = [w], [], [], [], []
    state, plateau_state = optimizer.init(w.copy()), plateau.init()
    reason = None
    with numpy.errstate(all="ignore"):
        for t in range(1, steps + 1):
            s = plateau_state.scale
            if optimizer.lookahead is None:
                point = w
                value, g = value_and_grad(w)
            else:
                # the look-ahead anticipates the next step, and that step will be scaled
                point = w + s * (optimizer.lookahead(w, state) - w)
                value, g = f(w), gradient(point)
            if not numpy.isfinite(value):
                reason = (t - 1, "the loss is not finite")
                break
            losses.append(float(value))
            if not numpy.all(numpy.isfinite(g)):
                reason = (t, "the gradient is not finite")
                break
            if optimizer.curvature is None:
                update = optimizer.update(g, state)
            else:
                update = optimizer.update(g, state, optimizer.curvature(f, point))
            w_next = w + s * update.delta
            if not numpy.all(numpy.isfinite(w_next)):
                reason = (t, "the step is not finite")
                break
            w, state = w_next, update.state
            iterates.append(w)
            grads.append(g)
            rates.append(numpy.broadcast_to(s * numpy.asarray(update.rate, dtype=float), (d,)))
            scales.append(s)
            if t % check_every == 0:
                plateau_state = plateau.update(_finite_loss(f, w), plateau_state)
        else:
            final = f(w)
            if numpy.isfinite(final):
                losses.append(float(final))
            else:
                reason = (steps, "the loss is not finite")

    status, diverged_at = "finished", None
    if reason is not None:
        diverged_at, why = reason
        # keep the iterates whose loss is finite, and the steps between them
        kept = len(losses)
        iterates = iterates[:kept]
        grads, rates, scales = grads[: kept - 1], rates[: kept - 1], scales[: kept - 1]
        status = f"diverged at step {diverged_at}: {why}"
        warnings.warn(f"{optimizer.label()} annealed on plateau: {status}; kept the {kept} finite iterates "
                      "before it", DivergenceWarning, stacklevel=2)
    return AnnealedTrajectory(
        w=numpy.array(iterates, dtype=float).reshape(-1, d),
        loss=numpy.array(losses, dtype=float),
        grad=numpy.array(grads, dtype=float).reshape(-1, d),
        rate=numpy.array(rates, dtype=float).reshape(-1, d),
        status=status,
        diverged_at=diverged_at,
        scale=numpy.array(scales, dtype=float),
    )


def _finite_loss(f, w):
    # reduce_on_plateau refuses a non-finite loss; an infinite one is simply no improvement
    value = float(f(w))
    return value if numpy.isfinite(value) else numpy.finfo(float).max

