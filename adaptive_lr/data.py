"""A real dataset for the neural-network lectures, and input standardisation.

The data are scikit-learn's handwritten digits: 1797 images of 8x8 pixels
with values 0..16, ten classes. They ship inside scikit-learn, so nothing is
downloaded, and they are small enough that a network trains in seconds.
"""

import numbers
from typing import NamedTuple

import numpy

from . import _checks


class Split(NamedTuple):
    """A dataset cut into training, validation and test sets.

    X_*: shape (n, 64) float arrays of raw pixel values; y_*: shape (n,)
    integer class labels. Train on the training set, choose settings (the
    learning rate, when to anneal) on the validation set, and look at the
    test set once, at the end.
    """

    X_train: numpy.ndarray
    y_train: numpy.ndarray
    X_val: numpy.ndarray
    y_val: numpy.ndarray
    X_test: numpy.ndarray
    y_test: numpy.ndarray


def digits(validation=0.2, test=0.2, seed=0):
    """The handwritten digits, split at random into train, validation and test sets.

    The split is stratified: each of the ten classes is shuffled on its own
    and cut in the proportions (1 - validation - test, validation, test), so
    every set has about the same share of each digit. The same seed always
    gives the same split.

    Symbols: `validation` and `test` are the fractions of the 1797 examples
    in each set, both in (0, 1) with validation + test < 1; `seed` is an
    integer >= 0. The features are the raw pixel values 0..16, deliberately
    not standardised (see `standardize`).

    Returns a `Split`.
    """
    validation = _fraction("validation", validation)
    test = _fraction("test", test)
    if validation + test >= 1:
        raise ValueError(
            f"validation + test must be < 1 so that some examples are left to train on, "
            f"got validation={validation!r} + test={test!r} = {validation + test!r}"
        )
    seed = _checks.seed(seed)
    # Importing scikit-learn takes about two seconds; only this function needs it,
    # so `import adaptive_lr` stays fast.
    from sklearn.datasets import load_digits

    bunch = load_digits()
    X, y = bunch.data.astype(float), bunch.target.astype(numpy.int64)
    rng = numpy.random.default_rng(seed)
    train_parts, val_parts, test_parts = [], [], []
    for label in numpy.unique(y):
        rows = rng.permutation(numpy.flatnonzero(y == label))
        n_test = round(test * len(rows))
        n_val = round(validation * len(rows))
        test_parts.append(rows[:n_test])
        val_parts.append(rows[n_test : n_test + n_val])
        train_parts.append(rows[n_test + n_val :])
    # Shuffle across classes too, so that the first rows of a set are not all zeros.
    train_rows, val_rows, test_rows = (
        rng.permutation(numpy.concatenate(parts)) for parts in (train_parts, val_parts, test_parts)
    )
    return Split(X[train_rows], y[train_rows], X[val_rows], y[val_rows], X[test_rows], y[test_rows])


def standardize(X_train, *others):
    """Standardise every feature with the mean and standard deviation of the training set.

    For each feature (column) j::

        x'_j = (x_j - mean_j) / std_j

    where mean_j and std_j are computed on X_train only and then applied
    unchanged to every array in `others` (validation and test sets). Using
    their own statistics would leak information about them into training and
    would shift them differently from the data the network learned on.

    Returns a tuple: (X_train', *others').
    """
    X_train = _features("X_train", X_train)
    others = tuple(_features(f"others[{i}]", X) for i, X in enumerate(others))
    for i, X in enumerate(others):
        if X.shape[1] != X_train.shape[1]:
            raise ValueError(
                f"others[{i}] must have as many features (columns) as X_train, {X_train.shape[1]}, "
                f"got shape {X.shape}"
            )
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    # A feature that is constant on the training set (a digit's corner pixel is always 0)
    # carries no information; dividing by its zero spread would turn it into nan. Divide
    # by 1 instead: it becomes x - mean, which is 0 on the training set.
    std = numpy.where(std == 0, 1.0, std)
    return tuple((X - mean) / std for X in (X_train, *others))


def _fraction(name, value):
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"{name} must be a fraction in (0, 1), got {value!r}")
    if not 0 < value < 1:
        raise ValueError(f"{name} must be a fraction in (0, 1), got {value!r}")
    return float(value)


def _features(name, X):
    try:
        array = numpy.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a 2-D array of numbers (examples x features), got {X!r}") from None
    if array.ndim != 2 or array.shape[0] == 0:
        raise ValueError(
            f"{name} must be a 2-D array (examples x features) with at least one row, "
            f"got shape {array.shape}"
        )
    return array


def standardized(split):
    """The split with every feature standardised by the training set's mean and standard deviation.

    x' = (x - mean_train) / std_train on the training, validation and test
    sets alike (see `standardize`); the labels are unchanged.
    """
    if not isinstance(split, Split):
        raise TypeError(
            f"split must be a Split such as adaptive_lr.data.digits(), got {type(split).__name__}"
        )
    X_train, X_val, X_test = standardize(split.X_train, split.X_val, split.X_test)
    return split._replace(X_train=X_train, X_val=X_val, X_test=X_test)
