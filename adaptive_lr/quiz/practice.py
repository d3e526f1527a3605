"""Questions of notebooks/09-in-practice.ipynb."""

from . import Question

QUESTIONS = {
    "practice-vanishing-decades": Question(
        "number", "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a",
        "read the top-left plot of section 3: count the decades between the naive line's value at "
        "layer 1 and at layer 4 (log10 of their ratio), then round",
        digits=1,
    ),
    "practice-adadelta-eps": Question(
        "number", "4a44dc15364204a80fe80e9039455cc1608281820fe2b24f1e5233ade6af1dd5",
        "the first step is sqrt(eps / (1 - rho)); what happens to a square root when its argument "
        "is multiplied by 100?",
    ),
    "practice-chance-runs": Question(
        "set", "d9cfcddb37a0c7da0c00edc6bfa180efe7f40fd1e5494d4c59a2dcaaac84af84",
        "a run at chance learned nothing at all; a bottleneck or a poor loss only slows learning "
        "down. Look again at the naive runs of section 3 and the raw-pixel sweep of section 4",
    ),
}
