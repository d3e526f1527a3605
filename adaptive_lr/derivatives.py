"""Every derivative the course uses, taken by autograd.

Optimizers never differentiate anything themselves: the runner asks this
module for the gradient, the Hessian or the Hessian diagonal an optimizer
declares it needs, so there is exactly one place where calculus happens.
"""

import warnings

import autograd
import autograd.core
import numpy

from . import _checks

grad = autograd.grad
value_and_grad = autograd.value_and_grad
hessian = autograd.hessian

HESSIAN_DIAG_METHODS = ("exact", "hutchinson")


def hessian_vector_product(f, w):
    """Return v -> H(w) v, by forward-mode differentiation of the gradient.

    Forward over reverse costs a small constant number of gradients per
    product, whatever the dimension, and never forms H.
    """
    jvp_of_grad = autograd.core.make_jvp(autograd.grad(f), w)

    def hvp(v):
        return jvp_of_grad(v)[1]

    return hvp


def hessian_diag(f, w, method="exact", samples=1, seed=None):
    """The diagonal (h_1, ..., h_m) of the Hessian of f at w.

    method="exact": h_i = e_i^T H e_i, one Hessian-vector product per
        coordinate, so the cost grows linearly with the dimension m.
    method="hutchinson": h ~ mean over `samples` Rademacher vectors z of
        z * (H z), an unbiased estimate whose cost does not grow with m
        (Bekas, Kokiopoulou and Saad, 2007).

    Summing the columns of an elementwise Hessian (autograd's
    elementwise_grad applied twice) gives H @ 1, which is the diagonal only
    when H is diagonal; both methods here are correct for any H.
    """
    w = _checks.start_point("w", w)
    if method not in HESSIAN_DIAG_METHODS:
        raise ValueError(f"method must be one of {HESSIAN_DIAG_METHODS}, got {method!r}")
    hvp = hessian_vector_product(f, w)
    if method == "exact":
        basis = numpy.eye(w.size)
        return numpy.array([hvp(e)[i] for i, e in enumerate(basis)])
    samples = _checks.positive_int("samples", samples)
    rng = numpy.random.default_rng(seed)
    total = numpy.zeros_like(w)
    for _ in range(samples):
        z = rng.choice((-1.0, 1.0), size=w.size)
        total += z * hvp(z)
    return total / samples


def columns_value_and_grad(f, points):
    """Values and gradients of f at every column of `points` (shape (d, k)), in one pass.

    This only works when f treats each column on its own (f(points) has shape
    (k,) and column j of the result is f(points[:, j])); `vectorizes` checks that.
    One autograd pass over k columns costs about as much as one over a single
    point, which is what makes comparing several optimizers cheap.
    """
    # autograd.core's make_vjp skips the argument-wrapping layer of the public one:
    # a sixth of the cost of a pass on a small function.
    vjp, values = autograd.core.make_vjp(f, points)
    return values, vjp(numpy.ones_like(values))


def vectorizes(f, w, k, seed=0):
    """Whether `columns_value_and_grad` gives the same answers as k separate calls near w.

    Probed on k distinct points, so a function that mixes columns (a sum over
    all entries, a matrix product) is caught and the caller falls back to
    one point at a time.
    """
    if k < 2:
        return False
    rng = numpy.random.default_rng(seed)
    points = w[:, None] + 0.1 * (1 + numpy.abs(w[:, None])) * rng.standard_normal((w.size, k))
    one_at_a_time = autograd.value_and_grad(f)
    with warnings.catch_warnings(), numpy.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            values, grads = columns_value_and_grad(f, points)
            values, grads = numpy.asarray(values), numpy.asarray(grads)
            if values.shape != (k,) or grads.shape != points.shape:
                return False
            for j in range(k):
                value, gradient = one_at_a_time(points[:, j])
                if not (
                    numpy.allclose(values[j], value, rtol=1e-9, atol=1e-12, equal_nan=True)
                    and numpy.allclose(grads[:, j], gradient, rtol=1e-9, atol=1e-12,
                                       equal_nan=True)
                ):
                    return False
        except Exception:  # any failure just means "not vectorised"; the slow path is exact
            return False
    return True
