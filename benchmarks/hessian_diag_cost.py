"""What the Hessian diagonal costs, counted in gradients, on a small neural network.

The loss: a one-hidden-layer MLP written with autograd.numpy, on synthetic
data from numpy.random.default_rng: 64 inputs -> 32 tanh hidden units -> 10
softmax outputs, mean cross-entropy over 256 examples. Its parameters
(W1, b1, W2, b2) are flattened into one 1-D vector w of
64*32 + 32 + 32*10 + 10 = 2410 entries.

What is measured
    1. Hutchinson's estimate, ``alr.hessian_diag(loss, w, method="hutchinson",
       samples=1, seed=...)``, against one gradient ``alr.grad(loss)(w)``:
       median over REPETITIONS interleaved repetitions (the order of the two
       alternates) of the per-repetition time ratio hutchinson / gradient.
       TARGET: ratio <= 4, i.e. one sample costs at most 4 gradients.
       Exit status 1 if missed.
    2. The exact diagonal, ``method="exact"``, timed once on the full MLP and
       on narrower ones (hidden 4, 8, 16): it takes one Hessian-vector product
       per coordinate, so its cost in gradients grows linearly with d. Printed
       as a table d, exact / gradient, exact / (d gradients). For information
       (no target).
    3. A sanity check on a tiny MLP (d = 48): the exact diagonal equals
       numpy.diag(alr.hessian(loss)(w)) to 1e-8. Exit status 1 if not.

Runs in about 20 to 40 seconds; the exact diagonals take most of it.
"""

import gc
import statistics
import sys
import time

import autograd.numpy as np
import numpy

import adaptive_lr as alr

REPETITIONS = 15
TARGET = 4.0  # hutchinson (samples=1) / gradient
EXAMPLES = 256
INPUTS, OUTPUTS = 64, 10
HIDDEN = 32  # the benchmark network
SMALLER_HIDDEN = (4, 8, 16)  # for the growth of the exact method
SANITY_TOLERANCE = 1e-8
BRACKET = 7  # gradient timings on each side of an exact diagonal


def mlp_loss(inputs, hidden, outputs, examples, seed=0):
    """Return (loss, w0): a cross-entropy MLP loss of a flat parameter vector, and a start point."""
    rng = numpy.random.default_rng(seed)
    x = rng.standard_normal((examples, inputs))
    labels = rng.integers(0, outputs, size=examples)
    y = numpy.eye(outputs)[labels]  # one-hot targets
    shapes = [(inputs, hidden), (hidden,), (hidden, outputs), (outputs,)]
    sizes = [int(numpy.prod(shape)) for shape in shapes]
    ends = numpy.cumsum(sizes).tolist()
    starts = [0, *ends[:-1]]

    def loss(w):
        w1, b1, w2, b2 = (
            np.reshape(w[start:end], shape)
            for start, end, shape in zip(starts, ends, shapes, strict=True)
        )
        h = np.tanh(np.dot(x, w1) + b1)
        z = np.dot(h, w2) + b2
        z = z - np.max(z, axis=1, keepdims=True)  # a stable log-softmax
        log_p = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
        return -np.mean(np.sum(y * log_p, axis=1))

    w0 = rng.standard_normal(sum(sizes)) / numpy.sqrt(inputs)
    return loss, w0


def seconds(function, *args, **kwargs):
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def gradient_samples(loss, w, count=BRACKET):
    """`count` timings of one gradient, in seconds."""
    gradient = alr.grad(loss)
    gradient(w)  # warm-up
    return [seconds(gradient, w) for _ in range(count)]


def exact_cost(loss, w):
    """Time the exact diagonal once; return (its seconds, median gradient seconds).

    The gradient is timed BRACKET times just before and BRACKET times just
    after, so the two figures come from the same stretch of the machine's load.
    """
    before = gradient_samples(loss, w)
    gc.collect()
    exact_s = seconds(alr.hessian_diag, loss, w, method="exact")
    after = gradient_samples(loss, w)
    return exact_s, statistics.median(before + after)


def hutchinson_vs_gradient(loss, w):
    """Median per-repetition ratio hutchinson(samples=1) / gradient, and the median times."""
    gradient = alr.grad(loss)

    def hutchinson(seed):
        return alr.hessian_diag(loss, w, method="hutchinson", samples=1, seed=seed)

    gradient(w)  # warm-up
    hutchinson(0)
    gc.collect()
    grad_times, hutch_times, ratios = [], [], []
    for rep in range(REPETITIONS):
        if rep % 2 == 0:
            g = seconds(gradient, w)
            h = seconds(hutchinson, rep)
        else:
            h = seconds(hutchinson, rep)
            g = seconds(gradient, w)
        grad_times.append(g)
        hutch_times.append(h)
        ratios.append(h / g)
    return (statistics.median(ratios), statistics.median(grad_times),
            statistics.median(hutch_times), min(ratios), max(ratios))


def sanity_check():
    """Exact diagonal against the diagonal of the full autograd Hessian, on a tiny MLP."""
    loss, w = mlp_loss(inputs=5, hidden=5, outputs=3, examples=32, seed=1)
    exact = alr.hessian_diag(loss, w, method="exact")
    full = numpy.diag(alr.hessian(loss)(w))
    error = float(numpy.max(numpy.abs(exact - full)))
    passed = error <= SANITY_TOLERANCE
    print(f"sanity (tiny MLP 5 -> 5 -> 3, d = {w.size}): "
          f"max |exact - diag(alr.hessian)| = {error:.1e} "
          f"({'ok' if passed else 'MISMATCH'}, tolerance {SANITY_TOLERANCE:g})")
    return passed


def main():
    print(f"hessian_diag_cost: MLP {INPUTS} -> {HIDDEN} tanh -> {OUTPUTS} softmax, "
          f"cross-entropy over {EXAMPLES} synthetic examples")
    sane = sanity_check()

    loss, w = mlp_loss(INPUTS, HIDDEN, OUTPUTS, EXAMPLES)
    d = w.size
    print(f"benchmark network: d = {d} parameters")

    ratio, grad_s, hutch_s, low, high = hutchinson_vs_gradient(loss, w)
    print(f"{REPETITIONS} interleaved repetitions after a warm-up (medians):")
    print(f"  gradient alr.grad(loss)(w):                  {1e3 * grad_s:8.2f} ms")
    print(f"  hessian_diag(method='hutchinson', samples=1): {1e3 * hutch_s:8.2f} ms")
    print(f"  hutchinson / gradient, median of per-repetition ratios: {ratio:.2f} "
          f"(range {low:.2f} to {high:.2f})")

    print("exact diagonal, timed once per network (d Hessian-vector products); gradient: "
          f"median of {2 * BRACKET} timings just before and after it:")
    print(f"  {'hidden':>6} {'d':>6} {'exact (s)':>10} {'gradient (ms)':>14} "
          f"{'exact/gradient':>15} {'per HVP, in gradients':>22}")
    for hidden in (*SMALLER_HIDDEN, HIDDEN):
        net_loss, net_w = (loss, w) if hidden == HIDDEN else mlp_loss(
            INPUTS, hidden, OUTPUTS, EXAMPLES)
        exact_s, net_grad_s = exact_cost(net_loss, net_w)
        in_gradients = exact_s / net_grad_s
        print(f"  {hidden:>6} {net_w.size:>6} {exact_s:>10.2f} {1e3 * net_grad_s:>14.2f} "
              f"{in_gradients:>15.0f} {in_gradients / net_w.size:>22.2f}")
        if hidden == HIDDEN:
            full_in_gradients = in_gradients
    print(f"  exact at d = {d}: {d} HVPs = {full_in_gradients:.0f} gradients' worth, "
          f"against {ratio:.1f} for one Hutchinson sample")

    passed = ratio <= TARGET
    print(f"{'PASS' if passed else 'FAIL'}: hutchinson / gradient = {ratio:.2f}, "
          f"target <= {TARGET:g}")
    if not sane:
        print("FAIL: the exact diagonal does not match the full Hessian's diagonal")
    sys.exit(0 if passed and sane else 1)


if __name__ == "__main__":
    main()
