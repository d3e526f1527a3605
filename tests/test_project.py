"""The project's own files: one dependency list, clean code, a public API that exists."""

import pathlib
import re
import subprocess
import sys
import tomllib

import yaml

import adaptive_lr as alr

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_environment_yml_installs_exactly_what_pyproject_lists():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    # conda provides only the interpreter and pip, at the version pyproject requires
    assert sorted(re.split(r"[<>=!~ ]", d)[0] for d in conda) == ["pip", "python"]
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace("python", "") == project["requires-python"]
    # and pip installs this package, so the dependency list is pyproject's
    assert pip == [{"pip": [f"-e .[{extra}]" for extra in project["optional-dependencies"]]}]


def test_code_passes_the_linter():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "adaptive_lr", "tests", "benchmarks", "notebooks"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_complete():
    names = ["gd", "momentum", "nesterov", "newton", "diagonal_newton", "adagrad", "rmsprop",
             "adadelta", "adam", "reduce_on_plateau", "grad", "hessian", "hessian_diag", "run",
             "compare"]
    for name in names:
        assert callable(getattr(alr, name)), name
    for name in ["digits", "standardize"]:
        assert callable(getattr(alr.data, name)), name
    for name in ["mlp", "init", "forward", "train", "gradient_by_layer", "accuracy", "objective"]:
        assert callable(getattr(alr.nn, name)), name
    for name in ["constant", "inverse_time", "step_decay"]:
        assert callable(getattr(alr.schedules, name)), name
    for name in ["rosenbrock", "beale", "saddle", "quadratic", "plateau", "nonsmooth",
                 "ill_conditioned", "rotated"]:
        assert hasattr(alr.functions, name), name


def test_every_optimizer_docstring_maps_its_symbols():
    for make in (alr.gd, alr.momentum, alr.nesterov, alr.newton, alr.diagonal_newton, alr.adagrad,
                 alr.rmsprop, alr.adadelta, alr.adam):
        doc = make.__doc__
        assert "Symbols:" in doc and "w^(t+1)" in doc.replace("w_i^(t+1)", "w^(t+1)"), make.__name__
    assert "misprint" in alr.adam.__doc__


def test_readme_example_runs():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "README has a Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_library_doctests_pass():
    import doctest
    import importlib
    import pkgutil

    failures = 0
    for module in pkgutil.iter_modules(alr.__path__, "adaptive_lr."):
        failures += doctest.testmod(importlib.import_module(module.name)).failed
    failures += doctest.testmod(alr).failed
    assert failures == 0
