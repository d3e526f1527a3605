"""How much faster `alr.compare` is than running the optimizers one after another.

What is measured
    Candidate: ``alr.compare(f, optimizers, w0, 300)`` with five optimizers on
    ``alr.functions.rosenbrock`` from (-1.5, 2). Because every test function
    treats the columns of a (d, k) array independently, `compare` takes the
    gradients of all five optimizers in one autograd pass per step.

    Baseline: the straightforward loop. The same five optimizer objects run one
    after another, each with ONE ``alr.value_and_grad(f)(w)`` call per step
    (loss and gradient together), the optimizer's own ``init``/``update``, and
    w, loss, grad and rate recorded per step into Python lists that are turned
    into arrays at the end: the same information a Trajectory holds.

    Before timing, the two are checked to produce the same iterates (and the
    same losses, gradients and rates); the script stops with an error if not.

    Timing: a warm-up, then REPETITIONS interleaved repetitions, each timing
    the baseline and the candidate once (their order alternates between
    repetitions, so a slow patch of the machine hits both). The figure is the
    median over repetitions of the per-repetition ratio baseline / candidate.

Target
    speed-up (baseline time / compare time) >= 4. Exit status 1 if missed.
"""

import gc
import statistics
import sys
import time

import numpy

import adaptive_lr as alr

STEPS = 300
REPETITIONS = 15
TARGET = 4.0

F = alr.functions.rosenbrock
W0 = numpy.array([-1.5, 2.0])


def make_optimizers():
    return {
        "gd": alr.gd(1e-3),
        "momentum": alr.momentum(1e-3, mu=0.9),
        "rmsprop": alr.rmsprop(1e-2),
        "adadelta": alr.adadelta(),
        "adam": alr.adam(0.05),
    }


def baseline(f, optimizers, w0, steps):
    """One optimizer after another, one value_and_grad call per optimizer per step.

    Returns {name: (w, loss, grad, rate)} with the shapes of a Trajectory's fields.
    """
    value_and_grad = alr.value_and_grad(f)
    records = {}
    for name, optimizer in optimizers.items():
        w = numpy.array(w0, dtype=float)
        state = optimizer.init(w.copy())
        ws, losses, grads, rates = [w], [], [], []
        for _ in range(steps):
            value, g = value_and_grad(w)
            update = optimizer.update(g, state)
            w = w + update.delta
            state = update.state
            ws.append(w)
            losses.append(value)
            grads.append(g)
            rates.append(update.rate)
        losses.append(f(w))
        records[name] = (
            numpy.array(ws),
            numpy.array(losses, dtype=float),
            numpy.array(grads),
            numpy.array([numpy.broadcast_to(r, w.shape) for r in rates]),
        )
    return records


def candidate(f, optimizers, w0, steps):
    return alr.compare(f, optimizers, w0, steps)


def check_same_results(optimizers):
    """Stop the benchmark if the two ways of running disagree on anything."""
    expected = baseline(F, optimizers, W0, STEPS)
    paths = candidate(F, optimizers, W0, STEPS)
    for name, (w, loss, grad, rate) in expected.items():
        path = paths[name]
        for field, ours, theirs in (
            ("w", w, path.w),
            ("loss", loss, path.loss),
            ("grad", grad, path.grad),
            ("rate", rate, path.rate),
        ):
            if ours.shape != theirs.shape or not numpy.allclose(ours, theirs):
                sys.exit(
                    f"FAIL: baseline and compare disagree on {field} for {name} "
                    f"(shapes {ours.shape} and {theirs.shape}); the timing would be meaningless"
                )
        if path.status != "finished":
            sys.exit(f"FAIL: {name} did not finish under compare: {path.status}")
    print(f"check: baseline and compare give the same w, loss, grad and rate for all "
          f"{len(expected)} optimizers (numpy.allclose)")


def seconds(function, *args):
    gc.collect()
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main():
    optimizers = make_optimizers()
    print(f"compare_speed: {len(optimizers)} optimizers x {STEPS} steps on {F.name} "
          f"from {tuple(W0.tolist())}")
    for optimizer in optimizers.values():
        print(f"  {optimizer.label()}")
    check_same_results(optimizers)

    args = (F, optimizers, W0, STEPS)
    seconds(baseline, *args)  # warm-up (the check above already ran both once)
    seconds(candidate, *args)
    base_times, cand_times, ratios = [], [], []
    for rep in range(REPETITIONS):
        if rep % 2 == 0:
            b = seconds(baseline, *args)
            c = seconds(candidate, *args)
        else:
            c = seconds(candidate, *args)
            b = seconds(baseline, *args)
        base_times.append(b)
        cand_times.append(c)
        ratios.append(b / c)

    base_ms = 1e3 * statistics.median(base_times)
    cand_ms = 1e3 * statistics.median(cand_times)
    speedup = statistics.median(ratios)
    print(f"{REPETITIONS} interleaved repetitions after a warm-up (medians):")
    print(f"  baseline (one value_and_grad per optimizer per step): {base_ms:8.1f} ms")
    print(f"  alr.compare (one pass per step for all five):         {cand_ms:8.1f} ms")
    print(f"  speed-up, median of per-repetition ratios: {speedup:.2f}x "
          f"(ratio of medians {base_ms / cand_ms:.2f}x; "
          f"range {min(ratios):.2f}x to {max(ratios):.2f}x)")
    passed = speedup >= TARGET
    print(f"{'PASS' if passed else 'FAIL'}: speed-up {speedup:.2f}x, target >= {TARGET:g}x")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
