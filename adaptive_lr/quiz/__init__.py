"""'Check your understanding' questions that say at once whether an answer is right.

The answers are stored only as fingerprints (SHA-256 of a canonical form), so
reading this file does not give them away. A wrong answer gets a hint that
points back to the part of the lecture to reread.
"""

import hashlib
import importlib
import math
import numbers
import pkgutil
from typing import NamedTuple


class Question(NamedTuple):
    """One question: how its answer is compared, the answer's fingerprint, a hint for a wrong answer."""

    kind: str  # "set" (of option letters or names), "number" (to `digits` significant digits), "word"
    fingerprint: str
    hint: str
    digits: int = 2


def canonical(kind, answer, digits=2):
    """The form an answer is fingerprinted in: a sorted set of words, a rounded number, a word.

    A set may be given as a string of option letters: 'ac' means {'a', 'c'}.
    """
    if kind == "set":
        if isinstance(answer, str):
            items = [c for c in answer.lower() if c.isalpha()]
        elif isinstance(answer, set | frozenset | list | tuple) and all(isinstance(c, str) for c in answer):
            items = [c.strip().lower() for c in answer]
        else:
            raise TypeError(f"answer must be a set of strings such as {{'a', 'c'}}, got {answer!r}")
        return ",".join(sorted(set(items)))
    if kind == "number":
        if not isinstance(answer, numbers.Real) or isinstance(answer, bool) or not math.isfinite(answer):
            raise TypeError(f"answer must be a finite number, got {answer!r}")
        return f"{float(answer):.{digits}g}"
    if kind == "word":
        if not isinstance(answer, str):
            raise TypeError(f"answer must be a word, got {answer!r}")
        return answer.strip().lower()
    raise ValueError(f"kind must be 'set', 'number' or 'word', got {kind!r}")


def fingerprint(kind, answer, digits=2):
    """What an author stores for a question (see QUESTIONS)."""
    return hashlib.sha256(canonical(kind, answer, digits).encode()).hexdigest()


def _collect():
    """Every question of every lecture: each module of this package holds one lecture's QUESTIONS."""
    questions = {}
    for module in pkgutil.iter_modules(__path__, __name__ + "."):
        for name, question in importlib.import_module(module.name).QUESTIONS.items():
            if name in questions:
                raise RuntimeError(f"quiz question {name!r} is defined twice")
            questions[name] = question
    return questions




def check(name, answer):
    """Print whether `answer` to question `name` is right, with a hint if it is not; return True/False."""
    questions = _collect()
    if name not in questions:
        raise ValueError(f"name must be one of {sorted(questions)}, got {name!r}")
    question = questions[name]
    try:
        right = fingerprint(question.kind, answer, question.digits) == question.fingerprint
    except TypeError as error:
        print(f"Not an answer yet: {error}")
        return False
    print("Correct!" if right else f"Not quite. Hint: {question.hint}")
    return right
