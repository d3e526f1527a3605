"""Test surfaces for the lectures, each with what a plot or a demo needs.

Every function is written coordinate by coordinate (w[0], w[1], sums over
axis 0), so it accepts a single point of shape (d,) or a batch of points as
the columns of a (d, k) array; the runner uses the batch form to take the
gradients of several optimizers in one pass.
"""

from dataclasses import dataclass

import autograd.numpy as np
import numpy


@dataclass(frozen=True, eq=False)
class TestFunction:
    """A differentiable test function together with its plotting facts.

    f: the function itself; calling the TestFunction calls f.
    window: ((x_min, x_max), (y_min, y_max)) for a 2-D contour plot, or None.
    start: a default start point where the methods behave differently.
    minimizers: shape (n, d), every global minimiser (empty if f is unbounded).
    minimum: the value at the minimisers (None if f is unbounded below).
    about: one sentence on what the surface teaches.
    """

    __test__ = False  # not a pytest test class, despite the name

    name: str
    f: object
    window: tuple | None
    start: numpy.ndarray
    minimizers: numpy.ndarray
    minimum: float | None
    about: str

    def __call__(self, w):
        return self.f(w)

    @property
    def minimizer(self):
        """The first known global minimiser (None if there is none)."""
        return self.minimizers[0] if len(self.minimizers) else None

    def distance_to_minimizer(self, w):
        """Distance from w to the nearest known global minimiser."""
        return float(numpy.min(numpy.linalg.norm(self.minimizers - numpy.asarray(w), axis=1)))

    def __repr__(self):
        return f"<TestFunction {self.name}: {self.about}>"


def _points(*rows):
    return numpy.array(rows, dtype=float)


def quadratic(A, b=None, *, start=None, window=None, name="quadratic", about=None):
    r"""f(w) = 1/2 w^T A w - b^T w for a symmetric matrix A.

    With A positive definite the unique minimiser is A^{-1} b and the
    condition number of A says how elongated the valley is. The default start
    and window put the minimiser in the middle of the picture.
    """
    A = numpy.array(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be a square matrix, got shape {A.shape}")
    if not numpy.allclose(A, A.T):
        raise ValueError(f"A must be symmetric, got {A.tolist()}")
    d = A.shape[0]
    b = numpy.zeros(d) if b is None else numpy.array(b, dtype=float)
    if b.shape != (d,):
        raise ValueError(f"b must have shape ({d},) to match A, got shape {b.shape}")

    def f(w):
        return 0.5 * np.sum(w * np.dot(A, w), axis=0) - np.dot(b, w)

    if numpy.all(numpy.linalg.eigvalsh(A) > 0):
        minimizer = numpy.linalg.solve(A, b)
        minimizers, minimum = minimizer[None, :], float(-0.5 * b @ minimizer)
    else:
        minimizer, minimizers, minimum = numpy.zeros(d), numpy.empty((0, d)), None
    start = minimizer + numpy.resize([-2.0, 1.5], d) if start is None else numpy.array(start, float)
    if window is None and d == 2:
        half = 1.25 * numpy.max(numpy.abs(start - minimizer))
        window = tuple((float(c - half), float(c + half)) for c in minimizer)
    about = about or f"quadratic bowl, Hessian eigenvalues {numpy.linalg.eigvalsh(A).round(3).tolist()}"
    return TestFunction(name, f, window, start, minimizers, minimum, about)


def _rotation(angle):
    c, s = numpy.cos(angle), numpy.sin(angle)
    return numpy.array([[c, -s], [s, c]])


ill_conditioned = quadratic(
    numpy.diag([1.0, 25.0]),
    name="ill_conditioned",
    about="an axis-aligned valley 25 times steeper across than along: one rate cannot fit both axes",
)

rotated = quadratic(
    _rotation(numpy.pi / 4) @ numpy.diag([1.0, 25.0]) @ _rotation(numpy.pi / 4).T,
    name="rotated",
    about="the same valley turned 45 degrees: per-axis rates, such as the diagonal "
          "Hessian's, no longer line up with it",
)


def _rosenbrock(w):
    x, y = w[0], w[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x**2) ** 2


rosenbrock = TestFunction(
    "rosenbrock", _rosenbrock, ((-2.0, 2.0), (-1.0, 3.0)), _points(-1.5, 2.0),
    _points([1.0, 1.0]), 0.0,
    "a long, narrow, curved valley: easy to find, slow to follow to its end at (1, 1)",
)


def _beale(w):
    x, y = w[0], w[1]
    return ((1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2
            + (2.625 - x + x * y**3) ** 2)


beale = TestFunction(
    "beale", _beale, ((-4.5, 4.5), (-4.5, 4.5)), _points(1.0, 1.5),
    _points([3.0, 0.5]), 0.0,
    "flat plains cut by steep ridges; the minimum (3, 0.5) lies in a narrow arm",
)


def _saddle(w):
    x, y = w[0], w[1]
    return x**2 + 0.25 * y**4 - 0.5 * y**2


saddle = TestFunction(
    "saddle", _saddle, ((-1.5, 1.5), (-1.5, 1.5)), _points(1.0, 1e-3),
    _points([0.0, 1.0], [0.0, -1.0]), -0.25,
    "a saddle point at the origin between two minima at (0, +-1); starting almost on the "
    "ridge, methods must escape along the direction of negative curvature",
)


def _plateau(w):
    x, y = w[0], w[1]
    return 1.0 - np.exp(-(x**2 + y**2) / (2 * 0.4**2))


plateau = TestFunction(
    "plateau", _plateau, ((-2.0, 2.0), (-2.0, 2.0)), _points(1.5, 1.0),
    _points([0.0, 0.0]), 0.0,
    "an almost flat plateau (gradients near 1e-4) next to the steep wall of a narrow well: "
    "a large rate is needed on the plateau and a small one in the well",
)


def _nonsmooth(w):
    x, y = w[0], w[1]
    return np.abs(x) + 4.0 * np.abs(y)


nonsmooth = TestFunction(
    "nonsmooth", _nonsmooth, ((-2.0, 2.0), (-2.0, 2.0)), _points(1.7, 1.2),
    _points([0.0, 0.0]), 0.0,
    "a pyramid |x| + 4|y| with a kink at the minimum: gradients never shrink, so a fixed "
    "rate zig-zags around it for ever and only a decaying rate settles",
)


def _himmelblau(w):
    x, y = w[0], w[1]
    return (x**2 + y - 11.0) ** 2 + (x + y**2 - 7.0) ** 2


himmelblau = TestFunction(
    "himmelblau", _himmelblau, ((-5.0, 5.0), (-5.0, 5.0)), _points(-0.3, -0.9),
    _points([3.0, 2.0], [-2.805118086952745, 3.131312518250573],
            [-3.779310253377747, -3.283185991286170], [3.584428340330492, -1.848126526964404]),
    0.0,
    "four equally deep minima: which one a method reaches depends on where it starts and how it moves",
)

def rescaled(f, factors):
    """The same surface measured in new units: u_i = w_i / factors[i], so f_u(u) = f(factors * u).

    Its start, window and minimisers are converted too, so the picture is the
    same picture with new numbers on the axes. A method whose steps carry the
    units of w (Newton, AdaDelta once warm) takes the same path in both; plain
    gradient descent does not.
    """
    factors = numpy.array(factors, dtype=float)
    if factors.shape != f.start.shape or not numpy.all(numpy.isfinite(factors) & (factors > 0)):
        raise ValueError(
            f"factors must be {f.start.size} finite numbers > 0, one per coordinate, got {factors.tolist()}"
        )

    def f_u(u):
        # a column of factors scales a batch of points stored as columns
        return f(u * (factors if u.ndim == 1 else factors[:, None]))

    window = None if f.window is None else tuple(
        (lo / c, hi / c) for (lo, hi), c in zip(f.window, factors, strict=True))
    return TestFunction(f"{f.name} rescaled", f_u, window, f.start / factors, f.minimizers / factors,
                        f.minimum, f"{f.about} (coordinates divided by {factors.tolist()})")


ALL = (ill_conditioned, rotated, rosenbrock, beale, saddle, plateau, nonsmooth, himmelblau)
"""Every ready-made test function, in the order lectures meet them."""

BY_NAME = {fn.name: fn for fn in ALL}
