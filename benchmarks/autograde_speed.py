"""How long nbgrader takes to autograde one submission of each assignment.

What is measured
    For every assignment in assignments/source/ (one notebook each): in a temporary copy of
    the course, `nbgrader generate_assignment NAME`, then a perfect submission (the released
    notebook with every solution cell's stub replaced by the reference solution, i.e. the
    source cell without its BEGIN/END SOLUTION lines; manual answers get a short text) is
    written to submitted/perfect/NAME/, and `nbgrader autograde NAME --force` is timed,
    wall clock, as a subprocess: what an instructor waits for per submission, including
    nbgrader's own start-up (about 4 s here), the kernel's start-up and the notebook's run.

    Before timing, the first run is checked: the submission must get every autograded point
    (the sum of the points of the notebook's autograded test cells), or the script stops
    with an error, since the timing of a failing notebook would be meaningless. That run also
    serves as the warm-up. The figure is the median of REPETITIONS further runs.

    As in tests/test_assignments.py, HOME and the Jupyter, IPython and XDG directories point
    into the temporary directory, so nothing in the real home is read or written.

Target
    at most 15 s per submission for every assignment. Exit status 1 if one misses it.
"""

import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from jupyter_env import isolated_env  # noqa: E402  (shared with the tests)

ROOT = pathlib.Path(__file__).resolve().parents[1]
COURSE = ROOT / "assignments"
COURSE_ID = "adaptive-lr"  # as in assignments/nbgrader_config.py
REPETITIONS = 3
TARGET = 15.0  # seconds per submission
MANUAL_ANSWER = "A short answer from the simulated student."


def nbgrader(args, cwd, env):
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit(f"FAIL: `nbgrader {' '.join(args)}` exited with status {done.returncode}:\n"
                 f"{done.stdout[-4000:]}")
    return done.stdout


def perfect_submission(source, released):
    reference = {cell.metadata.nbgrader.grade_id: cell for cell in source.cells
                 if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in reference:
            ref = reference[grade_id]
            if ref.cell_type == "code":
                cell.source = "\n".join(line for line in ref.source.splitlines()
                                        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
            else:
                cell.source = MANUAL_ANSWER
    return released


def autograded_points(notebook):
    return sum(cell.metadata.nbgrader.get("points", 0) for cell in notebook.cells
               if cell.metadata.get("nbgrader", {}).get("grade")
               and not cell.metadata.nbgrader.get("solution"))


def autograded_score(course, name, notebook_name):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        notebook = gb.find_submission_notebook(notebook_name, name, "perfect")
        return sum(grade.auto_score or 0.0 for grade in notebook.grades)


def measure(name, workdir, env):
    notebooks = sorted((COURSE / "source" / name).glob("*.ipynb"))
    if len(notebooks) != 1:
        return None, f"skipped: {len(notebooks)} notebooks in assignments/source/{name}, expected 1"
    notebook_name = notebooks[0].stem
    course = workdir / name
    (course / "source").mkdir(parents=True)
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source" / name, course / "source" / name)
    nbgrader(["generate_assignment", name], course, env)
    source = nbformat.read(notebooks[0], as_version=4)
    released = nbformat.read(course / "release" / name / notebooks[0].name, as_version=4)
    submitted = course / "submitted" / "perfect" / name
    submitted.mkdir(parents=True)
    nbformat.write(perfect_submission(source, released), submitted / notebooks[0].name)

    nbgrader(["autograde", name, "--force"], course, env)  # the check, and the warm-up
    score, points = autograded_score(course, name, notebook_name), autograded_points(source)
    if abs(score - points) > 1e-9:
        sys.exit(f"FAIL: the perfect submission of {name} scored {score:g} of {points:g} autograded "
                 "points; the timing would be meaningless")
    times = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        nbgrader(["autograde", name, "--force"], course, env)
        times.append(time.perf_counter() - start)
    return times, f"perfect submission scored {score:g}/{points:g} autograded points"


def main():
    names = sorted(p.name for p in (COURSE / "source").iterdir() if p.is_dir() and not p.name.startswith("."))
    print(f"autograde_speed: `nbgrader autograde NAME` on one perfect submission, {REPETITIONS} timed "
          f"runs after a checked warm-up (medians, wall clock, including nbgrader's start-up)")
    with tempfile.TemporaryDirectory(prefix="autograde-speed-") as tmp:
        workdir = pathlib.Path(tmp)
        env = isolated_env(workdir / "home", MPLBACKEND="agg")
        # Matplotlib's first import in a new HOME builds a font cache: not part of grading.
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, cwd=workdir,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        startups = []
        for _ in range(REPETITIONS):
            start = time.perf_counter()
            nbgrader(["--version"], workdir, env)
            startups.append(time.perf_counter() - start)
        print(f"  (nbgrader's start-up alone, `nbgrader --version`: {statistics.median(startups):.1f} s, "
              "median; it is part of every figure below)")
        worst, measured = 0.0, 0
        for name in names:
            times, note = measure(name, workdir, env)
            if times is None:
                print(f"  {name:22s} {note}")
                continue
            median = statistics.median(times)
            worst, measured = max(worst, median), measured + 1
            print(f"  {name:22s} {median:5.1f} s per submission "
                  f"(range {min(times):.1f} to {max(times):.1f} s; {note})")
    if not measured:
        sys.exit("FAIL: no assignment to measure")
    passed = worst <= TARGET
    print(f"{'PASS' if passed else 'FAIL'}: slowest assignment {worst:.1f} s per submission, "
          f"target <= {TARGET:g} s")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
