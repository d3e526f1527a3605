"""Questions of notebooks/00-course-map.ipynb."""

from . import Question

QUESTIONS = {
    "course-map-slowest": Question(
        "set", "9967ebf7e9a51030e3869a14cbf1157fe6a5e336d0ad910a6df960de0f8c8550",
        "read the right-hand panel at step 300 against the 1e-2 level; a method whose one "
        "rate must suit both the flat and the steep axis crawls along the flat one",
    ),
}
