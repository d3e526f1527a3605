"""Newton's method and its diagonal approximation."""

from functools import partial
from typing import NamedTuple

import numpy

from . import _checks, derivatives
from .base import Optimizer, Update


class NewtonState(NamedTuple):
    t: int  # steps taken so far


def _init(w):
    return NewtonState(t=0)


def _full_hessian(f, w):
    return derivatives.hessian(f)(w)


def newton(eps=0.0):
    r"""Newton's method: jump to the minimiser of the local quadratic model.

    The step d minimises f(w) + d^T g + 1/2 d^T H d. At step t::

        P       = (H^(t) + eps I)^(-1)
        w^(t+1) = w^(t) - P g^(t)

    Symbols: g^(t) is `g`; H^(t) is `H`, the full Hessian at w^(t), which the
    runner takes from autograd; eps is `eps` >= 0, added to the diagonal to
    keep P finite where H is (nearly) singular. The effective rate of
    coordinate i is P_ii. Forming and inverting H costs O(m^2) memory and
    O(m^3) time in the dimension m: that is why Newton's method is expensive.
    """
    eps = _checks.non_negative("eps", eps)

    def update(g, state, H):
        P = numpy.linalg.inv(H + eps * numpy.eye(g.size))
        return Update(delta=-P @ g, rate=numpy.diag(P), state=NewtonState(state.t + 1))

    return Optimizer("newton", _init, update, curvature=_full_hessian, hyperparams={"eps": eps})


def diagonal_newton(eps=1e-4, method="exact", samples=1, seed=None):
    r"""Newton's method with the Hessian replaced by its diagonal (h_1, ..., h_m).

    At step t, for every coordinate i::

        w_i^(t+1) = w_i^(t) - g_i^(t) / (h_i^(t) + eps)

    Symbols: g^(t) is `g`; h^(t) is `h`, the Hessian diagonal at w^(t), which
    the runner takes from `adaptive_lr.hessian_diag(f, w, method, samples,
    seed)`; eps is `eps` >= 0. The effective rate of coordinate i is
    1 / (h_i + eps). Ignoring the off-diagonal entries is exact only when the
    valley is aligned with the axes, and a negative h_i turns the step uphill.
    """
    eps = _checks.non_negative("eps", eps)
    if method not in derivatives.HESSIAN_DIAG_METHODS:
        raise ValueError(
            f"method must be one of {derivatives.HESSIAN_DIAG_METHODS}, got {method!r}"
        )
    samples = _checks.positive_int("samples", samples)
    curvature = partial(_hessian_diag, method=method, samples=samples, seed=seed)

    def update(g, state, h):
        rate = 1.0 / (h + eps)
        return Update(delta=-rate * g, rate=rate, state=NewtonState(state.t + 1))

    hyperparams = {"eps": eps} if method == "exact" else {"eps": eps, "method": method}
    return Optimizer("diagonal_newton", _init, update, curvature=curvature,
                     hyperparams=hyperparams)


def _hessian_diag(f, w, method, samples, seed):
    return derivatives.hessian_diag(f, w, method=method, samples=samples, seed=seed)
