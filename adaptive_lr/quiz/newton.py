"""Questions of notebooks/03-newton.ipynb."""

from . import Question

QUESTIONS = {
    "newton-saddle": Question(
        "set", "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6",
        "the Newton step goes to the stationary point of the quadratic model, whatever its kind; "
        "look at the Hessian's eigenvalues at the start and at the gradient where Newton stops",
    ),
    "newton-rosenbrock-steps": Question(
        "number", "e7f6c011776e8db7cd330b54174fd76f7d0216b612387a5ffcfb81e6f0919683",
        "print alr.run(f, alr.newton(), f.start, 10).loss and find the first index t whose "
        "value is below 1e-10 (index 0 is the start, before any step)",
    ),
    "newton-diagonal-angles": Question(
        "set", "9f9a00e3fb103ee4cfbfa63960f9c1fa3e9f9166000fa9b776c5b55f50e0a76a",
        "diagonal Newton is exact only when H is diagonal; in the panel's title, for which "
        "angles are the off-diagonal entries of H zero?",
    ),
}
