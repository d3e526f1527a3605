"""adaptive_lr: how gradient methods adapt their learning rates.

A teaching library: every optimizer of the lecture as a pair of pure
functions (`init`, `update`), a runner that records what plots need, test
surfaces, and every derivative taken by autograd.

    >>> import adaptive_lr as alr
    >>> f = alr.functions.rosenbrock
    >>> paths = alr.compare(f, {"gd": alr.gd(1e-3), "adam": alr.adam(0.05)}, f.start, 300)
    >>> bool(paths["adam"].loss[-1] < paths["gd"].loss[-1])
    True
"""

from . import data, experiments, functions, nn, plotting, quiz, schedules, widgets
from .adadelta import adadelta
from .adagrad import adagrad
from .adam import adam
from .base import Optimizer, Update
from .derivatives import grad, hessian, hessian_diag, hessian_vector_product, value_and_grad
from .gd import gd
from .momentum import momentum, nesterov
from .newton import diagonal_newton, newton
from .plateau import PlateauState, reduce_on_plateau
from .rmsprop import rmsprop
from .runner import DivergenceWarning, Trajectory, compare, divergence_expected, run, sweep

__all__ = [
    "DivergenceWarning",
    "Optimizer",
    "PlateauState",
    "Trajectory",
    "Update",
    "adadelta",
    "adagrad",
    "adam",
    "compare",
    "data",
    "experiments",
    "diagonal_newton",
    "divergence_expected",
    "functions",
    "plotting",
    "quiz",
    "widgets",
    "gd",
    "grad",
    "hessian",
    "hessian_diag",
    "hessian_vector_product",
    "momentum",
    "nesterov",
    "newton",
    "nn",
    "reduce_on_plateau",
    "rmsprop",
    "run",
    "schedules",
    "sweep",
    "value_and_grad",
]
