"""Run optimizers on a function and record everything a plot needs.

Computation only: nothing here draws. `run` is `compare` with one optimizer,
so every optimizer, Newton's method included, goes through the same loop.
"""

import contextlib
import numbers
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy

from . import _checks, derivatives
from .base import Optimizer


class DivergenceWarning(RuntimeWarning):
    """A run left the finite numbers and was stopped."""


@contextlib.contextmanager
def divergence_expected():
    """Within this block a run that diverges does not warn.

    For callers that show the failure themselves (a cross at the end of a
    path, a status in a title, a sweep that records it): the Trajectory's
    `status` still says what happened.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        yield


@dataclass(frozen=True, eq=False)
class Trajectory:
    """The record of one run of `steps` steps (fewer if it diverged).

    w: shape (n + 1, d), the iterates w^(0), ..., w^(n).
    loss: shape (n + 1,), f at each iterate.
    grad: shape (n, d), the gradient g^(t) step t used (at the look-ahead
        point for Nesterov).
    rate: shape (n, d), the effective learning rate of each coordinate at
        step t: the factor its (averaged) gradient was multiplied by.
    status: "finished", "diverged at step t: <reason>" when a number stopped
        being finite, or "stopped at step t: <reason>" when a step could not
        be taken at all (a singular Hessian).
    diverged_at: None, or the step t that left the finite numbers; rows up
        to w^(t-1) are kept, nothing after.
    """

    w: numpy.ndarray
    loss: numpy.ndarray
    grad: numpy.ndarray
    rate: numpy.ndarray
    status: str
    diverged_at: int | None = None

    @property
    def steps(self):
        """How many steps were completed."""
        return len(self.grad)

    @property
    def diverged(self):
        return self.diverged_at is not None


def run(f, optimizer, w0, steps):
    """Run one optimizer for `steps` steps from w0 and return its Trajectory."""
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            "optimizer must be an adaptive_lr optimizer such as adaptive_lr.adam(lr=0.1), "
            f"got {optimizer!r}"
        )
    return compare(f, {optimizer.name: optimizer}, w0, steps)[optimizer.name]


def compare(f, optimizers, w0, steps):
    """Run several optimizers side by side from the same w0; return {name: Trajectory}.

    When f treats the columns of a (d, k) array independently (every
    function in adaptive_lr.functions does), the gradients of all the
    optimizers are taken in one autograd pass per step; otherwise one pass
    per optimizer. Both give the same numbers.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of a 1-D array returning a number, got {f!r}")
    if not isinstance(optimizers, Mapping) or not optimizers:
        raise TypeError(
            "optimizers must be a non-empty dict {name: optimizer}, "
            f"got {optimizers!r}"
        )
    for name, optimizer in optimizers.items():
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"optimizers[{name!r}] must be an adaptive_lr optimizer such as "
                f"adaptive_lr.adam(lr=0.1), got {optimizer!r}"
            )
    w0 = _checks.start_point("w0", w0)
    steps = _checks.positive_int("steps", steps)
    loss0 = _starting_loss(f, w0)
    names = list(optimizers)
    runs = [_Run(optimizers[name], w0, loss0, steps) for name in names]

    columns = len(runs) + sum(r.optimizer.lookahead is not None for r in runs)
    evaluate = _columns_evaluator(f) if derivatives.vectorizes(f, w0, columns) else _point_evaluator(f)

    with numpy.errstate(all="ignore"):
        active, rows = _still_running(runs)
        for t in range(1, steps + 1):
            points = numpy.array(
                [r.w[t - 1] for r in active]
                + [r.optimizer.lookahead(r.w[t - 1], r.state) for r in active if r.optimizer.lookahead]
            )
            values, grads = evaluate(points)
            healthy = _finite_rows(points, values, grads)
            all_going = True
            for r, i, j in rows:
                all_going &= r.step(f, t, values[i], healthy[i], points[j], grads[j], healthy[j])
            if not all_going:
                active, rows = _still_running(runs)
                if not active:
                    break
        if active:
            points = numpy.array([r.w[steps] for r in active])
            values, grads = evaluate(points)
            healthy = _finite_rows(points, values, grads)
            for i, r in enumerate(active):
                r.finish(steps, values[i], healthy[i])

    return {name: r.trajectory(name) for name, r in zip(names, runs, strict=True)}


def _still_running(runs):
    """The runs not yet stopped, and for each: (run, row of its iterate, row of its gradient point).

    Look-ahead points (Nesterov) are stacked after all the iterates.
    """
    active = [r for r in runs if r.completed is None]
    rows, next_extra = [], len(active)
    for i, r in enumerate(active):
        if r.optimizer.lookahead:
            rows.append((r, i, next_extra))
            next_extra += 1
        else:
            rows.append((r, i, i))
    return active, rows


def _starting_loss(f, w0):
    try:
        value = f(w0)
    except Exception as error:
        raise ValueError(f"f could not be evaluated at w0={w0!r}: {error!r}") from error
    if numpy.ndim(value) != 0 or not isinstance(numpy.asarray(value).item(), numbers.Real):
        raise TypeError(
            f"f must return a single real number, but at w0={w0!r} it returned {value!r}"
        )
    if not numpy.isfinite(value):
        raise ValueError(f"f must be finite at the start point, but f(w0={w0!r}) = {value!r}")
    return float(value)


def _columns_evaluator(f):
    def evaluate(points):
        values, grads = derivatives.columns_value_and_grad(f, points.T)
        return values, grads.T

    return evaluate


def _point_evaluator(f):
    value_and_grad = derivatives.value_and_grad(f)

    def evaluate(points):
        pairs = [value_and_grad(p) for p in points]
        return numpy.array([v for v, _ in pairs]), numpy.array([g for _, g in pairs])

    return evaluate


class _Health(NamedTuple):
    point: bool
    value: bool
    grad: bool


_ALL_FINITE = _Health(True, True, True)


def _finite_rows(points, values, grads):
    """Per row: is the point finite, and are f and its gradient finite there?

    One vectorised check per step, not one per optimizer, keeps the loop cheap.
    """
    if numpy.isfinite(values).all() and numpy.isfinite(grads).all() and numpy.isfinite(points).all():
        return [_ALL_FINITE] * len(values)
    rows = zip(
        numpy.isfinite(points).all(axis=1).tolist(),
        numpy.isfinite(values).tolist(),
        numpy.isfinite(grads).all(axis=1).tolist(),
        strict=True,
    )
    return [_Health(*row) for row in rows]


class _Run:
    """The buffers and state of one optimizer inside `compare`."""

    def __init__(self, optimizer, w0, loss0, steps):
        self.optimizer = optimizer
        self.state = optimizer.init(w0.copy())
        self.w = numpy.empty((steps + 1, w0.size))
        self.loss = numpy.empty(steps + 1)
        self.grad = numpy.empty((steps, w0.size))
        self.rate = numpy.empty((steps, w0.size))
        self.w[0], self.loss[0] = w0, loss0
        self.completed = None  # how many steps were completed, once stopped
        self.reason = None

    def step(self, f, t, value, here, point, g, there):
        """Record f(w^(t-1)), then take step t with the gradient g taken at `point`.

        `here` and `there` say what is finite at w^(t-1) and at `point`.
        Returns False when the run had to stop.
        """
        if not here.point:
            return self._stop(t - 1, "the step is not finite")
        if not here.value:
            return self._stop(t - 1, "the loss is not finite")
        self.loss[t - 1] = value
        if not there.grad:
            return self._stop(t, "the gradient is not finite")
        if self.optimizer.curvature is None:
            update = self.optimizer.update(g, self.state)
        else:
            curvature = self.optimizer.curvature(f, point)
            if not numpy.isfinite(curvature).all():
                return self._stop(t, "the curvature is not finite")
            try:
                update = self.optimizer.update(g, self.state, curvature)
            except numpy.linalg.LinAlgError:
                return self._stop(t, "the Hessian (plus eps I) is singular", "stopped")
        self.w[t] = self.w[t - 1] + update.delta
        self.grad[t - 1], self.rate[t - 1] = g, update.rate
        self.state = update.state
        return True

    def finish(self, steps, value, here):
        if not here.point:
            return self._stop(steps, "the step is not finite")
        if not here.value:
            return self._stop(steps, "the loss is not finite")
        self.loss[steps] = value

    def _stop(self, failed_step, reason, verb="diverged"):
        self.completed, self.reason = failed_step - 1, f"{verb} at step {failed_step}: {reason}"
        return False

    def trajectory(self, name):
        n = self.completed if self.completed is not None else len(self.grad)
        if self.completed is None:
            status, diverged_at = "finished", None
        else:
            diverged_at, status = n + 1, self.reason
            warnings.warn(f"{name}: {status}; kept the {n + 1} finite iterates before it",
                          DivergenceWarning, stacklevel=3)
        return Trajectory(
            w=self.w[: n + 1].copy(),
            loss=self.loss[: n + 1].copy(),
            grad=self.grad[:n].copy(),
            rate=self.rate[:n].copy(),
            status=status,
            diverged_at=diverged_at,
        )
