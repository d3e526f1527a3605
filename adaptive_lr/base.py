"""What every optimizer is: a pair of pure functions with explicit state.

This is optax's shape. `init(w)` builds the state (accumulators at zero,
step counter at 0); `update(g, state)` reads a gradient and returns the step
to add to w, the per-coordinate learning rate that step applied, and the new
state. Nothing is stored anywhere else, so the same optimizer can drive many
runs, and a run can be replayed from any saved state.

Every rule acts coordinate by coordinate (Newton's apart), so w may also be
a (d, k) block of k parameter vectors, one per column. A learning rate or an
eps may then be a 1-D array of k values, one setting per column: that is how
`adaptive_lr.sweep` runs a method at many settings in one pass.
"""

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple


class Update(NamedTuple):
    """What one call of an optimizer's `update` returns.

    delta: the change to add to the parameters, w^(t+1) = w^(t) + delta.
    rate: the effective learning rate of each coordinate for this step, the
        factor the (possibly averaged) gradient is multiplied by: eta for
        gradient descent, eta / sqrt(v + eps) for AdaGrad, and so on. A
        number means the same rate in every coordinate.
    state: the optimizer's state after the step.
    """

    delta: Any
    rate: Any
    state: Any


class Optimizer(NamedTuple):
    """An optimizer: its name, its pure functions and what the runner must supply.

    init: w -> state.
    update: (g, state) -> Update, or (g, state, curvature) -> Update when
        `curvature` is set.
    curvature: None, or a function (f, w) -> second-order information (the
        Hessian or its diagonal) taken by autograd in adaptive_lr.derivatives.
    lookahead: None, or a function (w, state) -> the point where the gradient
        g must be taken (Nesterov's look-ahead point); by default it is w.
    hyperparams: the settings the optimizer was built with, for labels.
    """

    name: str
    init: Callable[..., Any]
    update: Callable[..., Update]
    curvature: Callable[..., Any] | None = None
    lookahead: Callable[..., Any] | None = None
    hyperparams: Mapping[str, Any] = {}

    def label(self):
        """A short legend entry such as 'adam(lr=0.01)'."""
        settings = ", ".join(
            f"{key}={getattr(value, '__name__', value)}" for key, value in self.hyperparams.items()
        )
        return f"{self.name}({settings})"
