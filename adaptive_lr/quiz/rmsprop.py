"""Questions of notebooks/05-rmsprop.ipynb."""

from . import Question

QUESTIONS = {
    "rmsprop-recent-share": Question(
        "number", "b635f81c034b6fbf71e4037c020d5fa178f9c32be19be26c2147f643aa0b1b36",
        "the weights are (1 - rho) rho^k; add them for k = 0..4 (a geometric series gives "
        "1 - rho^5), and compare with the total, which tends to 1 on a long run",
    ),
    "rmsprop-rho-zero-step": Question(
        "number", "312b95ee5a344d2f7a16ad817ff70788980da6e30b9bb04b651d53847abd476f",
        "with rho = 0, v is just g^2, so the step is eta * g / sqrt(g^2 + eps): how long is that "
        "while |g| is much larger than 1e-4?",
    ),
    "rmsprop-annealing": Question(
        "set", "2707f1b9e7b2e770fb175bce494e72cd5a8ba88e2fa0b50f63c20d6493e68810",
        "RMSProp with a constant rate hovers about lr / sqrt(2) away once it arrives, and a small "
        "rate must first arrive; for AdaGrad, recall what its rates did on this bowl in the "
        "AdaGrad lecture, and whether lr = 0.01 moves it far enough",
    ),
}
