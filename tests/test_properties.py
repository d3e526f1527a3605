"""Properties that must hold for every problem, checked on random ones (hypothesis)."""

import numpy
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import adaptive_lr as alr

dims = st.integers(min_value=1, max_value=5)
entries = st.floats(min_value=-3, max_value=3, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=1e-3, max_value=0.2)


@st.composite
def spd_quadratics(draw):
    """A random symmetric positive-definite quadratic, a random b and a start point."""
    d = draw(dims)
    M = draw(arrays(float, (d, d), elements=entries))
    A = M @ M.T + 0.5 * numpy.eye(d)
    b = draw(arrays(float, d, elements=entries))
    w0 = draw(arrays(float, d, elements=entries))
    return alr.functions.quadratic(A, b), A, b, w0


@given(spd_quadratics(), rates)
def test_momentum_with_mu_zero_is_gd(problem, lr):
    f, _, _, w0 = problem
    paths = alr.compare(f, {"gd": alr.gd(lr), "momentum": alr.momentum(lr, mu=0.0)}, w0, 20)
    numpy.testing.assert_array_equal(paths["momentum"].w, paths["gd"].w)


@given(spd_quadratics())
def test_newton_solves_any_spd_quadratic_in_one_step(problem):
    f, A, b, w0 = problem
    path = alr.run(f, alr.newton(eps=0.0), w0, 1)
    numpy.testing.assert_allclose(path.w[1], numpy.linalg.solve(A, b), rtol=1e-7, atol=1e-7)


@given(
    arrays(float, st.integers(1, 6), elements=st.floats(0.05, 50)).flatmap(
        lambda h: st.tuples(st.just(h), arrays(float, h.size, elements=entries),
                            arrays(float, h.size, elements=entries))
    )
)
def test_diagonal_newton_solves_any_diagonal_quadratic_in_one_step(problem):
    h, b, w0 = problem
    f = alr.functions.quadratic(numpy.diag(h), b)
    path = alr.run(f, alr.diagonal_newton(eps=0.0), w0, 1)
    numpy.testing.assert_allclose(path.w[1], b / h, rtol=1e-9, atol=1e-12)


@given(
    arrays(float, st.integers(1, 5), elements=st.floats(1e-2, 1e3) | st.floats(-1e3, -1e-2)),
    st.floats(1e-4, 1.0),
)
def test_adam_first_step_is_lr_times_sign_of_gradient(g, lr):
    eps = 1e-8
    optimizer = alr.adam(lr=lr, eps=eps)
    step = optimizer.update(g, optimizer.init(numpy.zeros_like(g))).delta
    # Exactly -lr g / sqrt(g^2 + eps): within lr * eps / (2 g^2) of -lr sign(g).
    assert numpy.all(numpy.abs(step + lr * numpy.sign(g)) <= lr * eps / (2 * g**2) + 1e-15)


def _rescaled(f, i, c):
    """The same problem in new units: u_i = w_i / c, so f_u(u) = f(w)."""
    def f_u(u):
        return f(u * _unit(u.shape, i, c))
    return f_u


def _unit(shape, i, c):
    scale = numpy.ones(shape)
    scale[i] = c
    return scale


rescalings = st.tuples(st.integers(0, 1), st.sampled_from([0.01, 0.1, 10.0, 100.0]))


@given(rescalings)
def test_newton_steps_carry_the_units_of_w(rescaling):
    i, c = rescaling
    f = alr.functions.rosenbrock
    scale = _unit(2, i, c)
    path = alr.run(f, alr.newton(), f.start, 5)
    path_u = alr.run(_rescaled(f, i, c), alr.newton(), f.start / scale, 5)
    # In the new units every step is the old step divided by c: the same moves.
    numpy.testing.assert_allclose(path_u.w * scale, path.w, rtol=1e-9, atol=1e-12)


@given(rescalings, st.floats(0.05, 0.5))
def test_gd_steps_do_not_carry_the_units_of_w(rescaling, lr):
    i, c = rescaling
    f = alr.functions.ill_conditioned
    scale = _unit(2, i, c)
    step = alr.run(f, alr.gd(lr * 1e-2), f.start, 1).w[1] - f.start
    step_u = alr.run(_rescaled(f, i, c), alr.gd(lr * 1e-2), f.start / scale, 1).w[1] - f.start / scale
    # gd's step in coordinate i is off by a factor c^2 from the unit-consistent one.
    assert not numpy.allclose(step_u * scale, step)
    numpy.testing.assert_allclose(step_u[i] * scale[i], step[i] * c**2)


@given(
    rescalings,
    arrays(float, 2, elements=st.floats(0.1, 10)),
    arrays(float, 2, elements=st.floats(1e-3, 1.0)),
    arrays(float, 2, elements=st.floats(0.1, 10)),
)
def test_adadelta_steps_carry_the_units_of_w_once_warm(rescaling, v, s, g):
    """One AdaDelta step from matching states: s in units of w^2, v in units of g^2.

    eps is a single number, so it cannot carry both units: the match is exact
    only when eps is negligible next to s and v (s starts at 0, so early steps
    are sized by eps instead; see docs/conventions.md).
    """
    i, c = rescaling
    scale = _unit(2, i, c)
    optimizer = alr.adadelta(rho=0.9, eps=1e-16)
    state = optimizer.init(numpy.zeros(2))._replace(v=v, s=s)
    state_u = state._replace(v=v * scale**2, s=s / scale**2)  # g_u = c g, w_u = w / c
    step = optimizer.update(g, state).delta
    step_u = optimizer.update(g * scale, state_u).delta
    numpy.testing.assert_allclose(step_u * scale, step, rtol=1e-6)


@given(st.integers(1, 10_000), st.floats(1e-4, 10), st.floats(0.05, 0.99), st.integers(1, 50))
def test_schedules_are_pure_functions_of_t(t, lr0, factor, every):
    for schedule in (alr.schedules.constant(lr0), alr.schedules.inverse_time(lr0),
                     alr.schedules.step_decay(lr0, factor, every)):
        first = schedule(t)
        schedule(t + 1)  # asking about another step must not disturb anything
        assert schedule(t) == first


@given(spd_quadratics(), st.sampled_from(["gd", "momentum", "nesterov", "adagrad", "rmsprop",
                                          "adadelta", "adam", "newton", "diagonal_newton"]))
def test_batched_and_one_at_a_time_runs_agree(problem, name):
    """compare() takes several optimizers' gradients in one pass; run() one at a time."""
    f, _, _, w0 = problem
    assume(numpy.all(numpy.isfinite(w0)))
    makers = {"gd": lambda: alr.gd(0.05), "momentum": lambda: alr.momentum(0.05),
              "nesterov": lambda: alr.nesterov(0.05), "adagrad": lambda: alr.adagrad(0.1),
              "rmsprop": lambda: alr.rmsprop(0.01), "adadelta": lambda: alr.adadelta(),
              "adam": lambda: alr.adam(0.05), "newton": lambda: alr.newton(eps=0.1),
              "diagonal_newton": lambda: alr.diagonal_newton(eps=0.1)}
    together = alr.compare(f, {"probe": alr.adam(0.1), name: makers[name]()}, w0, 10)[name]
    alone = alr.run(f, makers[name](), w0, 10)
    numpy.testing.assert_allclose(together.w, alone.w, rtol=1e-10, atol=1e-12)
    numpy.testing.assert_allclose(together.rate, alone.rate, rtol=1e-10, atol=1e-12)
