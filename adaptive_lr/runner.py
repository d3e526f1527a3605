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

    def head(self, steps):
        """The first `steps` steps of this run: what a run of `steps` steps would have recorded.

        A run is deterministic, so a shorter run is a prefix of a longer one; a
        panel can compute once and show any number of steps up to this one.
        """
        steps = _checks.positive_int("steps", steps)
        if self.diverged_at is not None and self.diverged_at <= steps:
            return self
        if steps > self.steps:
            raise ValueError(f"steps must be at most the {self.steps} steps this run took, got {steps}")
        return Trajectory(w=self.w[: steps + 1], loss=self.loss[: steps + 1], grad=self.grad[:steps],
                          rate=self.rate[:steps], status="finished", diverged_at=None)


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


def sweep(f, blocks, steps):
    """Many runs side by side: for each block, one optimizer on k columns at once.

    blocks: {name: (optimizer, W0)}. W0 has shape (d, k): k start points, one
        per column. Any hyperparameter of the optimizer may be a 1-D array of
        k values, one per column, as in adam(lr=numpy.geomspace(1e-3, 1, 13)).
    Returns {name: [Trajectory of column 0, ..., of column k - 1]}: for each
    column, the Trajectory `compare` gives for that column's start point and
    setting alone.

    Where `compare` calls each optimizer's update once per step, here each
    block's update runs once per step on all its columns (every optimizer
    but Newton's acts coordinate by coordinate), and the gradients of all the
    blocks' columns come from one autograd pass. A hundred settings then cost
    about as much as one, which is what lets a panel precompute the runs a
    slider is about to ask for. Columns stop one by one when they leave the
    finite numbers; a block warns once if any of its columns diverged.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of a 1-D array returning a number, got {f!r}")
    if not isinstance(blocks, Mapping) or not blocks:
        raise TypeError(f"blocks must be a non-empty dict {{name: (optimizer, W0)}}, got {blocks!r}")
    steps = _checks.positive_int("steps", steps)
    batches, d = {}, None
    for name, block in blocks.items():
        optimizer, W0 = _block(name, block)
        if d is not None and W0.shape[0] != d:
            raise ValueError(f"blocks[{name!r}] has start points of {W0.shape[0]} coordinates, "
                             f"the others {d}: every block must run on the same function")
        d = W0.shape[0]
        batches[name] = _Batch(optimizer, W0, _starting_losses(f, name, W0), steps)

    total = sum(b.k * (2 if b.optimizer.lookahead else 1) for b in batches.values())
    first = next(iter(batches.values())).w[0][:, 0]
    # A few probe columns show whether f keeps columns apart; probing all of them would cost
    # one autograd pass per column, more than the sweep itself.
    evaluate = (_columns_evaluator(f) if derivatives.vectorizes(f, first, max(min(total, 4), 2))
                else _point_evaluator(f))
    with numpy.errstate(all="ignore"):
        for t in range(1, steps + 1):
            running = [b for b in batches.values() if b.running.any()]
            if not running:
                break
            points = numpy.concatenate(
                [b.w[t - 1] for b in running]
                + [b.optimizer.lookahead(b.w[t - 1], b.state) for b in running if b.optimizer.lookahead],
                axis=1)
            values, grads = evaluate(points.T)
            healthy = _finite_columns(points, values, grads)
            start, extra = 0, sum(b.k for b in running)
            for b in running:
                here = slice(start, start + b.k)
                there = here
                if b.optimizer.lookahead:
                    there, extra = slice(extra, extra + b.k), extra + b.k
                b.step(t, values[here], healthy[:, here], grads[there].T, healthy[2, there])
                start += b.k
        for b in batches.values():
            if b.running.any():
                values, grads = evaluate(b.w[steps].T)
                b.finish(steps, values, _finite_columns(b.w[steps], values, grads))
    return {name: b.trajectories(name) for name, b in batches.items()}


def _block(name, block):
    try:
        optimizer, W0 = block
    except (TypeError, ValueError):
        raise TypeError(f"blocks[{name!r}] must be a pair (optimizer, W0), got {block!r}") from None
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"blocks[{name!r}]: the optimizer must be an adaptive_lr optimizer such as "
                        f"adaptive_lr.adam(lr=0.1), got {optimizer!r}")
    if optimizer.curvature is not None:
        raise TypeError(f"blocks[{name!r}]: {optimizer.name} solves with a Hessian, which mixes the "
                        "coordinates, so its columns cannot share one update; use compare or run")
    W0 = numpy.array(W0, dtype=float)
    if W0.ndim != 2 or 0 in W0.shape or not numpy.isfinite(W0).all():
        raise ValueError(f"blocks[{name!r}]: W0 must be a finite array of shape (d, k), one start point "
                         f"per column, got {W0!r}")
    k = W0.shape[1]
    for key, value in optimizer.hyperparams.items():
        if isinstance(value, numpy.ndarray) and value.shape != (k,):
            raise ValueError(f"blocks[{name!r}]: {key} has {value.size} values but W0 has {k} columns; "
                             "give one value per column")
    return optimizer, W0


def _starting_losses(f, name, W0):
    losses = numpy.empty(W0.shape[1])
    for j, w0 in enumerate(W0.T):
        try:
            losses[j] = _starting_loss(f, w0)
        except (TypeError, ValueError) as error:
            raise type(error)(f"blocks[{name!r}], column {j}: {error}") from error
    return losses


def _finite_columns(points, values, grads):
    """Rows: is each column's point finite, its value, its gradient (shape (3, columns))."""
    return numpy.array([numpy.isfinite(points).all(axis=0), numpy.isfinite(values),
                        numpy.isfinite(grads).all(axis=1)])


class _Batch:
    """The buffers and state of one block of `sweep`: k runs of one optimizer, one per column.

    The checks and their order are those of _Run.step, column by column, so
    each column stops exactly where and why its own run would.
    """

    def __init__(self, optimizer, W0, losses0, steps):
        self.optimizer = optimizer
        d, self.k = W0.shape
        self.state = optimizer.init(W0.copy())
        self.w = numpy.empty((steps + 1, d, self.k))
        self.loss = numpy.empty((steps + 1, self.k))
        self.grad = numpy.empty((steps, d, self.k))
        self.rate = numpy.empty((steps, d, self.k))
        self.w[0], self.loss[0] = W0, losses0
        self.completed = numpy.full(self.k, -1)  # per column: steps completed once stopped, else -1
        self.reasons = [None] * self.k

    @property
    def running(self):
        return self.completed < 0

    def step(self, t, values, here, g, gradient_finite):
        running = self.running
        if running.all() and here[:2].all() and gradient_finite.all():
            self.loss[t - 1] = values  # the usual case, without the column-by-column checks
        else:
            self._stop(running & ~here[0], t - 1, "the step is not finite")
            self._stop(running & here[0] & ~here[1], t - 1, "the loss is not finite")
            measured = running & here[0] & here[1]
            self.loss[t - 1, measured] = values[measured]
            self._stop(measured & ~gradient_finite, t, "the gradient is not finite")
        update = self.optimizer.update(g, self.state)
        self.w[t] = self.w[t - 1] + update.delta
        self.grad[t - 1], self.rate[t - 1] = g, update.rate
        self.state = update.state

    def finish(self, steps, values, here):
        running = self.running
        self._stop(running & ~here[0], steps, "the step is not finite")
        self._stop(running & here[0] & ~here[1], steps, "the loss is not finite")
        measured = running & here[0] & here[1]
        self.loss[steps, measured] = values[measured]

    def _stop(self, columns, failed_step, reason):
        if not columns.any():
            return
        for j in numpy.flatnonzero(columns):
            self.completed[j], self.reasons[j] = failed_step - 1, f"diverged at step {failed_step}: {reason}"

    def trajectories(self, name):
        result = []
        for j in range(self.k):
            n = self.completed[j] if self.completed[j] >= 0 else len(self.grad)
            stopped = self.completed[j] >= 0
            result.append(Trajectory(
                w=self.w[: n + 1, :, j].copy(), loss=self.loss[: n + 1, j].copy(),
                grad=self.grad[:n, :, j].copy(), rate=self.rate[:n, :, j].copy(),
                status=self.reasons[j] if stopped else "finished",
                diverged_at=n + 1 if stopped else None))
        diverged = [j for j in range(self.k) if self.completed[j] >= 0]
        if diverged:
            warnings.warn(f"{name}: {len(diverged)} of {self.k} columns diverged (columns {diverged}); "
                          "each kept its finite iterates", DivergenceWarning, stacklevel=3)
        return result


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
