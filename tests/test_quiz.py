"""The self-check questions: well formed, used by the notebooks, and their stored answers are right."""

import json
import pathlib
import re

import pytest

import adaptive_lr as alr
from adaptive_lr import quiz

ROOT = pathlib.Path(__file__).resolve().parents[1]
QUESTIONS = quiz._collect()


def test_every_question_is_well_formed():
    assert QUESTIONS
    for name, question in QUESTIONS.items():
        assert question.kind in {"set", "number", "word"}, name
        assert re.fullmatch(r"[0-9a-f]{64}", question.fingerprint), name
        assert len(question.hint) > 20, name


def test_every_check_in_the_notebooks_names_a_question():
    used = set()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            used |= set(re.findall(r"quiz\.check\(\s*[\"']([\w-]+)[\"']", "".join(cell["source"])))
    assert used <= set(QUESTIONS), used - set(QUESTIONS)
    assert set(QUESTIONS) <= used, f"questions no notebook asks: {set(QUESTIONS) - used}"


def test_check_says_right_and_wrong(capsys):
    assert alr.quiz.check("course-map-slowest", {"adadelta", "gd"})
    assert "Correct" in capsys.readouterr().out
    assert not alr.quiz.check("course-map-slowest", {"gd"})
    assert "Hint" in capsys.readouterr().out
    assert not alr.quiz.check("course-map-slowest", None)
    assert "Not an answer yet" in capsys.readouterr().out


def test_canonical_forms():
    assert quiz.canonical("set", "CA") == quiz.canonical("set", {"a", "c"}) == "a,c"
    assert quiz.canonical("number", 0.0123456, digits=3) == "0.0123"
    assert quiz.canonical("word", "  Saddle ") == "saddle"
    with pytest.raises(ValueError, match="name must be one of"):
        alr.quiz.check("no-such-question", "a")


def test_course_map_answer_is_what_the_panel_shows():
    f = alr.functions.ill_conditioned
    methods = alr.widgets.DEFAULT_METHODS
    paths = alr.compare(f, {n: m[0](m[2]) for n, m in methods.items()}, f.start, 300)
    slow = {name for name, path in paths.items() if path.loss[-1] - f.minimum > 1e-2}
    assert quiz.fingerprint("set", slow) == QUESTIONS["course-map-slowest"].fingerprint


def test_every_notebook_has_a_check_your_understanding_cell():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        sources = ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]
        assert any("alr.quiz.check(" in source for source in sources), path.name
