"""Questions of notebooks/04-adagrad.ipynb."""

from . import Question

QUESTIONS = {
    "adagrad-rate-ratio": Question(
        "number", "b17ef6d19c7a5b1ee83b907c595526dcb1eb06db8227d650d5dda0a9f4ce8cd9",
        "divide the last row of race['adagrad'].rate, column 0 by column 1; each rate is "
        "eta / sqrt(v), and v of the steep weight w_2 is filled by derivatives about 25 times larger",
    ),
    "adagrad-rate-at-100": Question(
        "number", "cab597e020cf5ffd162ceec1edc76b7bc3257f16a862098474b7f36b8561523b",
        "with derivatives of constant size |g|, v after t steps is t g^2, so the rate is "
        "eta / (|g| sqrt(t)); use |g| = 4 and t = 100, or read adagrad_path.rate[99, 1]",
    ),
    "adagrad-rate-ceiling": Question(
        "number", "7d95c513ab775d1887ea3c20a22f7c7b5993f0cbe6065e1c8cdb5f61a92dc511",
        "the rate is largest at step 1, where v = (g^(1))^2: it is eta / |g_1^(1)| with the "
        "derivative of w_1 at the wall start (eta = 0.1)",
    ),
}
