"""Argument checks shared by every public function.

Each check raises an error that names the argument, repeats the value it was
given and says what is allowed, so a learner can fix the call without reading
the source.
"""

import numbers

import numpy


def _is_real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def positive(name, value):
    """A finite number > 0 (a learning rate, a scale factor)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number > 0, got {value!r}")
    if not (numpy.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def non_negative(name, value):
    """A finite number >= 0 (eps, a threshold)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number >= 0, got {value!r}")
    if not (numpy.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def _values(name, value, allowed, ok):
    """`value`, an array, as a read-only 1-D float array whose entries are all finite and `ok`."""
    real = numpy.issubdtype(value.dtype, numpy.number) and not numpy.iscomplexobj(value)
    if not real:
        raise TypeError(f"{name} must be a real {allowed} or an array of them, got {value!r}")
    array = value.astype(float)
    if array.ndim != 1 or array.size == 0 or not (numpy.isfinite(array) & ok(array)).all():
        raise ValueError(
            f"{name} must be a finite {allowed}, or a 1-D array of such numbers (one per column), "
            f"got {value!r}"
        )
    array.setflags(write=False)
    return array


def positive_values(name, value):
    """A finite number > 0, or a 1-D array of them (one setting per column of a sweep)."""
    if not isinstance(value, numpy.ndarray):
        return positive(name, value)
    return _values(name, value, "number > 0", lambda a: a > 0)


def non_negative_values(name, value):
    """A finite number >= 0, or a 1-D array of them (one setting per column of a sweep)."""
    if not isinstance(value, numpy.ndarray):
        return non_negative(name, value)
    return _values(name, value, "number >= 0", lambda a: a >= 0)


def unit_interval(name, value):
    """A decay rate in [0, 1) (rho, mu, a reduction factor)."""
    if not _is_real(value):
        raise TypeError(f"{name} must be a real number in [0, 1), got {value!r}")
    if not (0 <= value < 1):
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def positive_int(name, value):
    """A whole number >= 1 (steps, samples, a period)."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"{name} must be a positive integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}")
    return int(value)


def start_point(name, value):
    """A finite 1-D float array with at least one entry; always a fresh copy."""
    try:
        array = numpy.array(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a finite 1-D array of numbers, got {value!r}"
        ) from None
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array, got shape {array.shape}: {value!r}"
        )
    if not numpy.all(numpy.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers, got {value!r}")
    return array


def seed(value):
    """An integer >= 0, the seed of a numpy random Generator."""
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"seed must be an integer >= 0, got {value!r}")
    if value < 0:
        raise ValueError(f"seed must be an integer >= 0, got {value!r}")
    return int(value)
