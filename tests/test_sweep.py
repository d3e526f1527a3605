"""`sweep` runs many settings and start points at once, and gives what `compare` gives for each."""

import warnings

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import adaptive_lr as alr
from adaptive_lr.runner import DivergenceWarning

# Every optimizer that acts coordinate by coordinate, with the knob a panel turns.
ELEMENTWISE = {
    "gd": (alr.gd, [1e-3, 0.03, 0.2]),
    "momentum": (lambda lr: alr.momentum(lr, mu=0.9), [1e-3, 0.01, 0.2]),
    "nesterov": (lambda lr: alr.nesterov(lr, mu=0.9), [1e-3, 0.01, 0.2]),
    "adagrad": (alr.adagrad, [0.05, 0.5, 5.0]),
    "rmsprop": (alr.rmsprop, [1e-3, 0.03, 0.5]),
    "adadelta": (lambda eps: alr.adadelta(eps=eps), [1e-8, 1e-4, 1e-2]),
    "adam": (alr.adam, [1e-3, 0.05, 0.5]),
}


def alone(f, make, value, w0, steps):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return alr.run(f, make(value), w0, steps)


def assert_same_run(got, expected):
    assert got.status == expected.status
    assert got.diverged_at == expected.diverged_at
    for field in ("w", "loss", "grad", "rate"):
        a, b = getattr(got, field), getattr(expected, field)
        assert a.shape == b.shape, field
        numpy.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-300, err_msg=field)


@pytest.mark.parametrize("surface", [alr.functions.ill_conditioned, alr.functions.rosenbrock,
                                     alr.functions.saddle], ids=lambda s: s.name)
def test_every_column_is_the_run_compare_gives(surface):
    starts = numpy.stack([surface.start, surface.start + [0.3, -0.2], surface.start - [0.1, 0.4]], axis=1)
    blocks = {name: (make(numpy.array(values)), starts) for name, (make, values) in ELEMENTWISE.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        swept = alr.sweep(surface, blocks, 120)
    for name, (make, values) in ELEMENTWISE.items():
        assert len(swept[name]) == len(values)
        for j, value in enumerate(values):
            assert_same_run(swept[name][j], alone(surface, make, value, starts[:, j], 120))


def test_a_diverging_column_stops_alone_and_the_block_warns_once():
    f = alr.functions.ill_conditioned
    lrs = numpy.array([0.01, 0.05, 0.5])  # 0.5 > 2 / 25: gd leaves the finite numbers across the valley
    with pytest.warns(DivergenceWarning, match=r"gd: 1 of 3 columns diverged \(columns \[2\]\)") as caught:
        runs = alr.sweep(f, {"gd": (alr.gd(lrs), numpy.tile(f.start[:, None], 3))}, 2000)["gd"]
    assert len([w for w in caught if issubclass(w.category, DivergenceWarning)]) == 1
    assert [r.diverged for r in runs] == [False, False, True]
    assert runs[2].status.startswith("diverged at step") and numpy.isfinite(runs[2].w).all()
    assert runs[0].steps == runs[1].steps == 2000
    assert_same_run(runs[2], alone(f, alr.gd, 0.5, f.start, 2000))


@settings(max_examples=25, deadline=None)
@given(lr=st.floats(1e-4, 0.5), shift=st.floats(-1.0, 1.0), steps=st.integers(1, 40))
def test_a_one_column_sweep_is_a_run(lr, shift, steps):
    f = alr.functions.rosenbrock
    w0 = f.start + shift
    swept = alr.sweep(f, {"adam": (alr.adam(lr), w0[:, None])}, steps)["adam"]
    assert_same_run(swept[0], alone(f, alr.adam, lr, w0, steps))


def test_a_function_that_mixes_columns_is_still_right():
    def mixing(w):  # a sum over every entry: columns are not independent, so no batching
        value = alr.functions.ill_conditioned(w)
        return value.sum() if numpy.ndim(w) > 1 else value

    f = alr.functions.ill_conditioned
    starts = numpy.stack([f.start, f.start + 0.5], axis=1)
    swept = alr.sweep(mixing, {"rmsprop": (alr.rmsprop(numpy.array([0.01, 0.1])), starts)}, 30)["rmsprop"]
    assert_same_run(swept[1], alone(f, alr.rmsprop, 0.1, starts[:, 1], 30))


@pytest.mark.parametrize("steps", [1, 7, 300])
def test_head_is_the_shorter_run(steps):
    f = alr.functions.beale
    long = alr.run(f, alr.adam(0.05), f.start, 300)
    assert_same_run(long.head(steps), alr.run(f, alr.adam(0.05), f.start, steps))


def test_head_of_a_diverged_run_keeps_the_divergence():
    f = alr.functions.ill_conditioned
    with pytest.warns(DivergenceWarning):
        diverged = alr.run(f, alr.gd(0.5), f.start, 2000)
    assert diverged.head(diverged.diverged_at) is diverged
    assert diverged.head(diverged.diverged_at - 1).status == "finished"
    with pytest.raises(ValueError, match=r"steps must be at most the 10 steps this run took, got 11"):
        alr.run(f, alr.gd(0.01), f.start, 10).head(11)


@pytest.mark.parametrize(("blocks", "error", "message"), [
    ({}, TypeError, r"blocks must be a non-empty dict \{name: \(optimizer, W0\)\}, got \{\}"),
    ({"a": alr.gd(0.1)}, TypeError, r"blocks\['a'\] must be a pair \(optimizer, W0\)"),
    ({"a": ("gd", numpy.zeros((2, 1)))}, TypeError, r"blocks\['a'\]: the optimizer must be an adaptive_lr"),
    ({"a": (alr.newton(), numpy.zeros((2, 1)))}, TypeError, r"newton solves with a Hessian"),
    ({"a": (alr.gd(0.1), numpy.zeros(2))}, ValueError, r"W0 must be a finite array of shape \(d, k\)"),
    ({"a": (alr.gd(0.1), numpy.full((2, 1), numpy.nan))}, ValueError, r"W0 must be a finite array"),
    ({"a": (alr.gd(numpy.array([0.1, 0.2, 0.3])), numpy.zeros((2, 2)))}, ValueError,
     r"blocks\['a'\]: lr has 3 values but W0 has 2 columns; give one value per column"),
    ({"a": (alr.gd(0.1), numpy.zeros((2, 1))), "b": (alr.gd(0.1), numpy.zeros((3, 1)))}, ValueError,
     r"blocks\['b'\] has start points of 3 coordinates, the others 2"),
])
def test_bad_blocks_are_refused(blocks, error, message):
    with pytest.raises(error, match=message):
        alr.sweep(alr.functions.ill_conditioned, blocks, 5)


def test_a_start_where_f_is_not_finite_is_named():
    f = alr.functions.rosenbrock
    starts = numpy.array([[0.0, 1e200], [0.0, 0.0]])
    message = r"blocks\['gd'\], column 1: f (must be finite|could not be evaluated) at"
    with pytest.raises(ValueError, match=message):
        alr.sweep(f, {"gd": (alr.gd(0.1), starts)}, 5)
