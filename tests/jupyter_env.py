"""The environment of the Jupyter programs the tests and benchmarks start (nbgrader, JupyterLab).

Nothing outside a scratch home is read or written: a grader's or a developer's own
Jupyter settings can neither change a result nor be changed by one.
"""

import os
import pathlib
import sys


def isolated_env(home, **extra):
    """os.environ with HOME and the Jupyter, IPython and XDG directories moved under `home`.

    The running Python's bin directory goes first on PATH, because nbgrader runs `alembic`
    from PATH when it creates a gradebook. `extra` variables are set last, for example
    MPLBACKEND="agg" where nothing is shown on a screen. `home` is created.
    """
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("JUPYTER", "IPYTHON", "XDG_", "NBGRADER", "MPL"))}
    home = pathlib.Path(home)
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(home / ".local" / "share" / "jupyter" / "runtime"),
        IPYTHONDIR=str(home / ".ipython"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        PATH=os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")]),
        **extra,
    )
    home.mkdir(parents=True, exist_ok=True)
    return env
