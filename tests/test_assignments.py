"""The nbgrader assignments, run through a grading cycle in a temporary copy of the course.

Each assignment under assignments/source/ with a spec file tests/assignment_specs/<name>.py
(see the spec files for the fields) is generated, validated and autograded like a real
class: simulated students are written into submitted/<student>/<name>/ and autograded in
one batch with the plain `nbgrader autograde <name>`, and the scores are read back from the
gradebook and compared with the spec's exact figures. An assignment without a spec file (or
without a notebook yet) is skipped, with the reason, never failed.

How it stays fast and isolated
    nbgrader runs as subprocesses (`python -m nbgrader ...`, flag-free where the course's
    config is enough) in course copies under pytest's temporary directory, with HOME, the
    Jupyter, IPython and XDG directories there too, so nothing reads or writes the real home.
    No exchange is involved: the students go straight into submitted/, as `nbgrader collect`
    or `nbgrader zip_collect` leave them. Every nbgrader start-up costs about 4 s of CPU, so
    all the nbgrader work is done once per session, by the fixture `cycle`: each assignment
    in its own course copy and gradebook, all assignments side by side in threads, plus one
    `nbgrader validate` for all the source notebooks and one `nbgrader validate --invert` for
    all the released ones. The tests only read what the cycle recorded. Under pytest-xdist
    the first worker that needs the cycle runs it and the others wait for its results (a
    file lock), so it never runs twice.

What the simulated students do (the late penalty policy is the course's: see nbgrader_config.py)
    perfect   each solution cell gets its reference solution (the released cell with the
              stub replaced by the code between BEGIN/END SOLUTION, i.e. the source cell
              without its marker lines); manual answers get a short text
    blank     hands in the released notebook untouched
    partial   fills in only the cells in PARTIAL_CELLS
    cheat     blank, but rewrites the locked test cell LOCKED_TEST_CELL to `pass`
    loop      perfect, except `while True: pass` in LOOP_CELL
    dead      perfect, except `os._exit(1)` in DEAD_KERNEL_CELL
    invalid   a .ipynb file that is not JSON
    late      perfect, submitted a day after the due date
    library   only if the spec has LIBRARY_SOLUTIONS {grade_id: source}: perfect, except that
              those cells get those sources (code that calls the course library's own
              implementation); expected score LIBRARY_SCORE
All but `late` carry a timestamp.txt an hour before the due date (as `nbgrader collect` writes).
"""

import concurrent.futures
import contextlib
import csv
import datetime
import importlib.util
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import traceback

import nbformat
import pytest
from jupyter_env import isolated_env

ROOT = pathlib.Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"
SPECS = pathlib.Path(__file__).resolve().parent / "assignment_specs"
SPEC_FIELDS = ("NOTEBOOK", "AUTOGRADED_POINTS", "MANUAL_POINTS", "PARTIAL_CELLS", "PARTIAL_SCORE",
               "LOOP_CELL", "LOOP_SCORE", "LOCKED_TEST_CELL", "CHEAT_SCORE", "DEAD_KERNEL_CELL",
               "DEAD_KERNEL_SCORE")
STUDENTS = ("perfect", "blank", "partial", "cheat", "loop", "dead", "invalid", "late", "library")
COURSE_ID = "adaptive-lr"  # as in assignments/nbgrader_config.py
MANUAL_ANSWER = "A short answer from the simulated student: the plot shows the expected behaviour."

DUE = datetime.datetime(2026, 3, 2, 17, 0, tzinfo=datetime.UTC)
ON_TIME = DUE - datetime.timedelta(hours=1)
LATE = DUE + datetime.timedelta(days=1)
SECONDS_LATE = 86400.0


def stamp(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


# ---------------------------------------------------------------- what is there to test

def load_spec(name):
    """The spec module of an assignment, or a string saying why there is none to use."""
    path = SPECS / f"{name}.py"
    if not path.exists():
        return f"no spec file tests/assignment_specs/{name}.py yet"
    module_spec = importlib.util.spec_from_file_location(f"assignment_spec_{name.replace('-', '_')}", path)
    spec = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(spec)
    missing = [field for field in SPEC_FIELDS if not hasattr(spec, field)]
    if missing:
        return f"tests/assignment_specs/{name}.py is unfinished: it has no {', '.join(missing)}"
    if not (COURSE / "source" / name / f"{spec.NOTEBOOK}.ipynb").exists():
        return f"no notebook assignments/source/{name}/{spec.NOTEBOOK}.ipynb yet"
    return spec


def discover():
    names = {p.name for p in (COURSE / "source").iterdir() if p.is_dir() and not p.name.startswith(".")}
    names |= {p.stem for p in SPECS.glob("*.py") if not p.name.startswith("_")}
    return {name: load_spec(name) for name in sorted(names)}


ASSIGNMENTS = discover()
READY = {name: spec for name, spec in ASSIGNMENTS.items() if not isinstance(spec, str)}


def assignment_params():
    return [pytest.param(name, id=name, marks=() if name in READY else
                         pytest.mark.skip(reason=f"{name}: {ASSIGNMENTS[name]}"))
            for name in ASSIGNMENTS]


# ---------------------------------------------------------------- running nbgrader

def nbgrader(args, cwd, env, log):
    """Run `nbgrader ARGS` in `cwd`; record it in `log`; return (exit status, stdout + stderr)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    log.append({"command": "nbgrader " + " ".join(args), "cwd": str(cwd), "status": done.returncode,
                "seconds": round(time.perf_counter() - start, 1), "output": done.stdout})
    return done.returncode, done.stdout


# ---------------------------------------------------------------- simulated students

def reference_source(cell):
    """What a student who knows the answer has in a solution cell: the markers removed."""
    lines = cell.source.splitlines()
    kept = [line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(kept)


def grade_ids(notebook):
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): i
            for i, cell in enumerate(notebook.cells) if "grade_id" in cell.metadata.get("nbgrader", {})}


def solution_ids(notebook):
    return [cell.metadata.nbgrader.grade_id for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("solution")]


def fill(released, source, ids):
    """The released notebook with the cells `ids` answered as the perfect student would."""
    notebook = nbformat.from_dict(json.loads(json.dumps(released)))
    where, reference = grade_ids(notebook), grade_ids(source)
    for grade_id in ids:
        cell, ref = notebook.cells[where[grade_id]], source.cells[reference[grade_id]]
        cell.source = reference_source(ref) if ref.cell_type == "code" else MANUAL_ANSWER
    return notebook


def with_source(notebook, grade_id, text):
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    notebook.cells[grade_ids(notebook)[grade_id]].source = text
    return notebook


def write_students(course, name, spec):
    source = nbformat.read(course / "source" / name / f"{spec.NOTEBOOK}.ipynb", as_version=4)
    released = nbformat.read(course / "release" / name / f"{spec.NOTEBOOK}.ipynb", as_version=4)
    perfect = fill(released, source, solution_ids(source))
    notebooks = {
        "perfect": perfect,
        "blank": released,
        "partial": fill(released, source, spec.PARTIAL_CELLS),
        "cheat": with_source(released, spec.LOCKED_TEST_CELL, "pass"),
        "loop": with_source(perfect, spec.LOOP_CELL, "while True:\n    pass"),
        "dead": with_source(perfect, spec.DEAD_KERNEL_CELL, "import os\n\nos._exit(1)"),
        "invalid": None,
        "late": perfect,
    }
    if hasattr(spec, "LIBRARY_SOLUTIONS"):
        library = perfect
        for grade_id, text in spec.LIBRARY_SOLUTIONS.items():
            library = with_source(library, grade_id, text)
        notebooks["library"] = library
    for student, notebook in notebooks.items():
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        path = folder / f"{spec.NOTEBOOK}.ipynb"
        if notebook is None:
            path.write_text('{"cells": [ this is not JSON, the upload was cut short', encoding="utf-8")
        else:
            nbformat.write(notebook, path)
        (folder / "timestamp.txt").write_text(stamp(LATE if student == "late" else ON_TIME))


# ---------------------------------------------------------------- the grading cycle

def read_gradebook(course, name, spec):
    from nbgrader.api import Gradebook, MissingEntry

    results = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        assignment = gb.find_assignment(name)
        results["max_score"] = assignment.max_score
        results["duedate"] = assignment.duedate.isoformat() if assignment.duedate else None
        results["students"] = {}
        for student in STUDENTS:
            if student == "library" and not hasattr(spec, "LIBRARY_SOLUTIONS"):
                continue
            try:
                submission = gb.find_submission(name, student)
                notebook = gb.find_submission_notebook(spec.NOTEBOOK, name, student)
            except MissingEntry:
                results["students"][student] = None
                continue
            cells = {grade.name: grade.auto_score for grade in notebook.grades}
            results["students"][student] = {
                "autograded": sum(score or 0.0 for score in cells.values()),
                "cells": cells,
                "score": submission.score,
                "needs_manual_grade": submission.needs_manual_grade,
                "seconds_late": submission.total_seconds_late,
                "penalty": notebook.late_submission_penalty,
            }
    return results


def copy_course(course, name):
    shutil.rmtree(course, ignore_errors=True)
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source" / name, course / "source" / name)


def prepare(name, spec, base, env):
    """A course copy with the assignment generated, its due date set and the students in place."""
    course = base / name
    copy_course(course, name)
    log = []
    result = {"course": str(course), "log": log}
    try:
        result["generate"] = nbgrader(["generate_assignment", name], course, env, log)[0]
        result["released"] = (course / "release" / name / f"{spec.NOTEBOOK}.ipynb").exists()
        if result["generate"] != 0 or not result["released"]:
            return result
        from nbgrader.api import Gradebook  # the due date, straight into the gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
            gb.update_or_create_assignment(name, duedate=DUE.replace(tzinfo=None))
        write_students(course, name, spec)
    except Exception:  # recorded, and reported by the tests that need the missing parts
        result["error"] = traceback.format_exc()
    return result


def grade(result, name, spec, env):
    """The batch: `nbgrader autograde`, then the gradebook, feedback and the CSV export."""
    if "error" in result or not result.get("released"):
        return result
    course, log, notebook = pathlib.Path(result["course"]), result["log"], f"{spec.NOTEBOOK}.ipynb"
    try:
        result["autograde"] = nbgrader(["autograde", name], course, env, log)
        result["gradebook"] = read_gradebook(course, name, spec)
        result["autograded"] = sorted(
            p.name for p in (course / "autograded").iterdir() if (p / name / notebook).exists())
        loop = course / "autograded" / "loop" / name / notebook
        if loop.exists():
            cells = nbformat.read(loop, as_version=4).cells
            result["loop_outputs"] = [cell.get("outputs", []) for cell in cells
                                      if cell.metadata.get("nbgrader", {}).get("grade_id") == spec.LOOP_CELL]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            feedback = pool.submit(nbgrader, ["generate_feedback", name], course, env, log)
            export = pool.submit(nbgrader, ["export"], course, env, log)  # writes grades.csv
            result["generate_feedback"] = feedback.result()[0]
            result["export"] = export.result()[0]
        result["feedback"] = sorted(
            p.name for p in (course / "feedback").glob("*") if (p / name / f"{spec.NOTEBOOK}.html").exists())
        if (course / "grades.csv").exists():
            with open(course / "grades.csv", newline="") as fh:
                result["csv"] = list(csv.DictReader(fh))
    except Exception:
        result["error"] = traceback.format_exc()
    return result


def validate(paths, invert, cwd, env, log):
    """One `nbgrader validate` for several notebooks (one start-up instead of several).

    Returns {path: (exit status, the part of the output about that notebook)}; stdout is
    unbuffered so that each notebook's verdict follows the log line that names it.
    """
    paths = [str(path) for path in paths if pathlib.Path(path).exists()]
    if not paths:
        return {}
    args = ["validate", *(["--invert"] if invert else []), *paths]
    status, output = nbgrader(args, cwd, {**env, "PYTHONUNBUFFERED": "1"}, log)
    parts = re.split(r"^\[ValidateApp \| INFO\] Validating '(.*)'$", output, flags=re.MULTILINE)
    return {path: (status, text) for path, text in zip(parts[1::2], parts[2::2], strict=True)}


def run_cycle(base):
    """Everything, for every assignment with a spec, side by side.

    Each assignment: prepare (generate, students), then grade. Beside them: one validate
    of all the source notebooks, and one `validate --invert` of all the released ones once
    they exist.
    """
    env = isolated_env(base / "home", MPLBACKEND="agg")
    checks = base / "validate"  # validation runs in copies, so nothing is written into the repo
    for name in READY:
        copy_course(checks / name, name)
    shutil.copy(COURSE / "nbgrader_config.py", checks)
    validate_log = []
    start = time.perf_counter()

    def after(futures, function, *args):
        """function(*args) once the futures are done; a failure is recorded, not raised."""
        try:
            for future in futures:
                future.result()
            return function(*args)
        except Exception:
            return {"error": traceback.format_exc(), "log": []}

    with concurrent.futures.ThreadPoolExecutor(2 * len(READY) + 3) as pool:
        # Matplotlib builds its font cache the first time it runs in a new HOME and says so
        # on stderr, which would zero whichever graded cell imported it first: build it now.
        warm = pool.submit(subprocess.run, [sys.executable, "-c", "import matplotlib.font_manager"],
                           env=env, check=True, cwd=base, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        prepared = {name: pool.submit(prepare, name, spec, base, env) for name, spec in READY.items()}
        sources = {name: checks / name / "source" / name / f"{spec.NOTEBOOK}.ipynb"
                   for name, spec in READY.items()}
        releases = {name: base / name / "release" / name / f"{spec.NOTEBOOK}.ipynb"
                    for name, spec in READY.items()}
        validated = pool.submit(after, [warm], validate, list(sources.values()), False, checks, env,
                                validate_log)
        inverted = pool.submit(after, [warm, *prepared.values()], validate, list(releases.values()), True,
                               checks, env, validate_log)

        def prepare_then_grade(name, spec):
            warm.result()
            return grade(prepared[name].result(), name, spec, env)

        graded = {name: pool.submit(prepare_then_grade, name, spec) for name, spec in READY.items()}
        results = {"assignments": {name: future.result() for name, future in graded.items()}}
        for name, result in results["assignments"].items():
            result["validate_source"] = validated.result().get(str(sources[name]))
            result["validate_release"] = inverted.result().get(str(releases[name]))
    results["validate_log"] = validate_log
    results["seconds"] = round(time.perf_counter() - start, 1)
    return results


@contextlib.contextmanager
def exclusive(path):
    """A lock shared by the pytest-xdist workers (a no-op where fcntl does not exist)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def cycle(tmp_path_factory):
    if not READY:
        pytest.skip("no assignment has both a notebook and a spec file yet")
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this session
    base = base / "assignments-cycle"
    base.mkdir(exist_ok=True)
    results_path = base / "results.json"
    with exclusive(base.parent / "assignments-cycle.lock"):
        if not results_path.exists():
            results_path.write_text(json.dumps(run_cycle(base), indent=1, default=str))
    return json.loads(results_path.read_text())


def assignment_result(cycle, name):
    result = cycle["assignments"][name]
    if "error" in result:
        pytest.fail(f"the grading cycle of {name} stopped with an error:\n{result['error']}\n"
                    + history(result))
    if not result.get("released"):
        pytest.fail(f"`nbgrader generate_assignment {name}` failed\n" + history(result))
    return result


def course_config():
    """assignments/nbgrader_config.py, read as nbgrader reads it."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(COURSE)).load_config()


def late_penalty(score):
    """The penalty the course's policy gives a late notebook that scored `score`."""
    method = course_config().LateSubmissionPlugin.get("penalty_method", "none")
    return {"none": 0.0, "zero": score}[method]


def cycle_history(cycle):
    return history({"log": cycle["validate_log"]})


def history(result):
    return "\n".join(f"$ {entry['command']}  (exit status {entry['status']}, {entry['seconds']} s)\n"
                     f"{entry['output'][-3000:]}" for entry in result["log"])


# ---------------------------------------------------------------- the specs themselves

@pytest.mark.parametrize("name", assignment_params())
def test_spec_matches_the_notebook(name):
    spec = READY[name]
    notebook = nbformat.read(COURSE / "source" / name / f"{spec.NOTEBOOK}.ipynb", as_version=4)
    meta = {cell.metadata.nbgrader.grade_id: (cell, cell.metadata.nbgrader) for cell in notebook.cells
            if "grade_id" in cell.metadata.get("nbgrader", {})}
    auto = sum(m.get("points", 0) for c, m in meta.values() if m.get("grade") and not m.get("solution"))
    manual = sum(m.get("points", 0) for c, m in meta.values() if m.get("grade") and m.get("solution"))
    assert (auto, manual) == (spec.AUTOGRADED_POINTS, spec.MANUAL_POINTS), (
        "AUTOGRADED_POINTS / MANUAL_POINTS disagree with the points in the notebook's cells")
    for grade_id in [*spec.PARTIAL_CELLS, spec.LOOP_CELL, spec.DEAD_KERNEL_CELL,
                     *getattr(spec, "LIBRARY_SOLUTIONS", {})]:
        assert grade_id in meta and meta[grade_id][1].get("solution"), f"{grade_id} is not a solution cell"
    for grade_id in (spec.LOOP_CELL, spec.DEAD_KERNEL_CELL):
        assert meta[grade_id][0].cell_type == "code", f"{grade_id} must be a code cell"
    test_cell = meta.get(spec.LOCKED_TEST_CELL, (None, {}))[1]
    assert test_cell.get("grade") and test_cell.get("locked") and not test_cell.get("solution"), (
        f"{spec.LOCKED_TEST_CELL} is not a locked autograded test cell")
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "store the source without outputs"


# ---------------------------------------------------------------- generate and validate

@pytest.mark.parametrize("name", assignment_params())
def test_assignment_generates(cycle, name):
    result = assignment_result(cycle, name)
    assert result["generate"] == 0, history(result)
    assert result["gradebook"]["max_score"] == READY[name].AUTOGRADED_POINTS + READY[name].MANUAL_POINTS


@pytest.mark.parametrize("name", assignment_params())
def test_source_passes_validate(cycle, name):
    result = assignment_result(cycle, name)
    assert result["validate_source"], "no report on the source notebook\n" + cycle_history(cycle)
    status, output = result["validate_source"]
    assert status == 0 and "Success! Your notebook passes all the tests." in output, output


@pytest.mark.parametrize("name", assignment_params())
def test_release_passes_no_test(cycle, name):
    """`nbgrader validate --invert` on the released notebook: blank work passes no test cell."""
    result = assignment_result(cycle, name)
    assert result["validate_release"], "no report on the released notebook\n" + cycle_history(cycle)
    status, output = result["validate_release"]
    assert status == 0 and "Success! The notebook does not pass any tests." in output, output


# ---------------------------------------------------------------- the autograded batch

EXPECTED = {
    "perfect": "AUTOGRADED_POINTS",
    "blank": None,
    "partial": "PARTIAL_SCORE",
    "cheat": "CHEAT_SCORE",
    "loop": "LOOP_SCORE",
    "dead": "DEAD_KERNEL_SCORE",
    "late": "AUTOGRADED_POINTS",
    "library": "LIBRARY_SCORE",
}


def expected_score(spec, student):
    field = EXPECTED[student]
    return 0 if field is None else getattr(spec, field)


@pytest.mark.parametrize("student", list(EXPECTED))
@pytest.mark.parametrize("name", assignment_params())
def test_autograded_score(cycle, name, student):
    spec = READY[name]
    if student == "library" and not hasattr(spec, "LIBRARY_SOLUTIONS"):
        pytest.skip(f"{name}: the spec has no LIBRARY_SOLUTIONS")
    result = assignment_result(cycle, name)
    record = result["gradebook"]["students"][student]
    assert record is not None, f"no submission of {student} in the gradebook\n" + history(result)
    assert record["autograded"] == pytest.approx(expected_score(spec, student)), (
        f"{student}: autograded {record['autograded']}, expected {expected_score(spec, student)}; "
        f"per cell: {record['cells']}")


@pytest.mark.parametrize("name", assignment_params())
def test_invalid_notebook_is_reported_and_the_rest_graded(cycle, name):
    """A notebook that is not JSON fails its own submission only, and nbgrader says so.

    nbgrader grades every other submission, then exits with status 1 and names each
    submission it could not process (the invalid one; also the one whose kernel died).
    """
    result = assignment_result(cycle, name)
    status, output = result["autograde"]
    assert status == 1, output
    assert f"There was an error processing assignment '{name}' for student 'invalid'" in output, output
    assert "invalid" not in result["autograded"]
    assert set(result["autograded"]) >= {"perfect", "blank", "partial", "cheat", "loop", "late"}, output


@pytest.mark.parametrize("name", assignment_params())
def test_dead_kernel_is_reported(cycle, name):
    """os._exit(1) kills the kernel and nbgrader 0.9 does not restart it: the submission fails
    as a whole, is reported, and leaves no autograded notebook. Its cells keep no score (the
    gradebook entry stays, marked as needing grading); the score is checked against
    DEAD_KERNEL_SCORE above."""
    result = assignment_result(cycle, name)
    status, output = result["autograde"]
    assert "Kernel died while waiting for execute reply." in output, output
    assert f"There was an error processing assignment '{name}' for student 'dead'" in output, output
    assert "dead" not in result["autograded"]
    assert result["gradebook"]["students"]["dead"]["needs_manual_grade"]


@pytest.mark.parametrize("name", assignment_params())
def test_infinite_loop_times_out_and_later_cells_are_graded(cycle, name):
    result = assignment_result(cycle, name)
    outputs = result.get("loop_outputs")
    assert outputs, "no autograded notebook for the student with the infinite loop"
    errors = [out.get("ename") for out in outputs[0] if out.get("output_type") == "error"]
    assert "CellTimeoutError" in errors, outputs
    assert "Timeout waiting for execute reply" in result["autograde"][1]


@pytest.mark.parametrize("name", assignment_params())
def test_late_submission_is_recorded(cycle, name):
    """Recorded as late, with the penalty of the course's policy (nbgrader_config.py: "none")."""
    result = assignment_result(cycle, name)
    students = result["gradebook"]["students"]
    points = READY[name].AUTOGRADED_POINTS
    assert students["late"]["seconds_late"] == SECONDS_LATE
    assert (students["late"]["penalty"] or 0.0) == pytest.approx(late_penalty(points))
    assert students["late"]["score"] == pytest.approx(points)  # the raw score; export subtracts
    assert students["perfect"]["seconds_late"] == 0 and not students["perfect"]["penalty"]
    assert f"SubmittedAssignment<{name} for late> is 86400.0 seconds late" in result["autograde"][1]


# ---------------------------------------------------------------- feedback and export

@pytest.mark.parametrize("name", assignment_params())
def test_feedback_for_each_graded_student(cycle, name):
    result = assignment_result(cycle, name)
    assert result["generate_feedback"] == 0, history(result)
    assert result["autograded"] and result["feedback"] == result["autograded"]
    for student in result["feedback"]:
        html = pathlib.Path(result["course"], "feedback", student, name, f"{READY[name].NOTEBOOK}.html")
        assert "<html" in html.read_text(encoding="utf-8")[:2000].lower()


@pytest.mark.parametrize("name", assignment_params())
def test_export_has_the_expected_totals(cycle, name):
    spec = READY[name]
    result = assignment_result(cycle, name)
    assert result["export"] == 0, history(result)
    rows = {row["student_id"]: row for row in result["csv"] if row["assignment"] == name}
    expected = {student: expected_score(spec, student) for student in EXPECTED
                if student != "library" or hasattr(spec, "LIBRARY_SOLUTIONS")}
    expected["invalid"] = 0
    assert set(rows) == set(expected)
    for student, score in expected.items():
        row = rows[student]
        penalty = late_penalty(score) if student == "late" else 0.0
        assert float(row["raw_score"]) == pytest.approx(score), (student, row)
        assert float(row["late_submission_penalty"] or 0) == pytest.approx(penalty), (student, row)
        assert float(row["score"]) == pytest.approx(score - penalty), (student, row)
        assert float(row["max_score"]) == spec.AUTOGRADED_POINTS + spec.MANUAL_POINTS


# ---------------------------------------------------------------- assignment 2's answers

QUIZ = COURSE / "source" / "your-turn-quiz" / "your-turn-quiz.ipynb"


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0


class EqualSet(set):
    def __eq__(self, other):
        return True

    __hash__ = None


class EqualMeta(type):
    def __eq__(cls, other):
        return True

    __hash__ = type.__hash__


class LooksLikeSet(metaclass=EqualMeta):
    def __iter__(self):
        return iter("abcde")


class LetterA(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def quiz_cells():
    notebook = nbformat.read(QUIZ, as_version=4)
    cells = {cell.metadata.nbgrader.grade_id: cell for cell in notebook.cells
             if "grade_id" in cell.metadata.get("nbgrader", {})}
    return cells


def run_quiz_test(cells, number, answer):
    """Run question `number`'s test cell (hidden tests included) on `answer`; True if it passes."""
    namespace = {}
    exec(cells["setup"].source, namespace)
    namespace[f"answer_q{number}"] = answer
    try:
        with contextlib.redirect_stdout(None):
            exec(cells[f"test_q{number}"].source, namespace)
    except AssertionError:
        return False
    return True


@pytest.mark.skipif(not QUIZ.exists(), reason="the quiz notebook is not there")
def test_quiz_scores_only_plain_sets_of_the_right_letters():
    cells = quiz_cells()
    numbers = sorted(int(k[len("test_q"):]) for k in cells if k.startswith("test_q"))
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 9
    for number in numbers:
        namespace = {}
        exec(reference_source(cells[f"answer_q{number}"]), namespace)
        right = namespace[f"answer_q{number}"]
        assert type(right) is set and right <= set("abcde")
        assert run_quiz_test(cells, number, set(right))
        assert run_quiz_test(cells, number, frozenset(right))
        wrong = set("abcde") - right
        for cheat in (AlwaysEqual(), EqualSet(), EqualSet(right), LooksLikeSet(), {LetterA("a")},
                      sorted(right), "".join(sorted(right)), {x.upper() for x in right}, set(),
                      right | {next(iter(wrong))} if wrong else right - {next(iter(right))}):
            assert not run_quiz_test(cells, number, cheat), (number, cheat)


@pytest.mark.skipif(not QUIZ.exists(), reason="the quiz notebook is not there")
def test_quiz_has_the_lectures_your_turn_question():
    cells = quiz_cells()
    text = " ".join(cell.source for key, cell in cells.items() if key.startswith("question_q"))
    assert "Your Turn" in text
    for topic in ("flat", "per dimension", "annealing", "Newton", "diagonal", "AdaGrad", "RMSProp",
                  "AdaDelta", "bias", "momentum", "initialisation", "normalis", "capacity"):
        assert topic.lower() in text.lower(), topic
