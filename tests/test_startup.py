"""What start-up imports (no timings here: benchmarks/startup.py measures them).

`tco compare` imports and builds only its own command module, and neither it nor
`tco --help` imports heavy libraries it does not use.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

#: run the command line in a fresh interpreter; print the modules it imported on stderr
CODE = """
import sys
from tco.cli.app import run
status = run(sys.argv[1:])
sys.stdout.flush()
sys.stderr.write("\\n" + repr(sorted(sys.modules)))
"""

HEAVY = ("scipy", "matplotlib", "pandas", "jsonschema", "hypothesis")


def _modules(*args: str) -> tuple[str, set[str]]:
    # from an empty folder: `python -c` puts the working directory first on sys.path, and
    # the source tree's tco/ (no presets inside) would shadow the installed package
    done = subprocess.run([sys.executable, "-c", CODE, *args], capture_output=True, text=True,
                          timeout=120, cwd=tempfile.mkdtemp())
    assert done.returncode == 0, done.stderr
    return done.stdout, set(eval(done.stderr.strip().splitlines()[-1]))  # noqa: S307 - ours


def test_compare_imports_only_its_command_and_no_heavy_library():
    out, mods = _modules("compare", "--format", "json")
    assert json.loads(out)["results"]
    cli = {m for m in mods if m.startswith("tco.cli.")}
    assert "tco.cli.compare" in cli
    assert not cli & {"tco.cli.analysis", "tco.cli.uncertainty", "tco.cli.flips",
                      "tco.cli.explain", "tco.cli.diff", "tco.cli.fabric",
                      "tco.cli.keys", "tco.cli.presets", "tco.cli.scenarios"}
    assert not {m.split(".")[0] for m in mods} & set(HEAVY)
    # nor what only some scenarios or options need
    assert not mods & {"tco.gates", "tco.model.fabric", "tco.render.csv_tables", "rich"}


def test_help_lists_every_command_without_numpy_pint_or_rich():
    out, mods = _modules("--help")
    for command in ("compare", "uncertainty", "diff", "keys", "presets", "init"):
        assert f"  {command} " in out
    assert not {m.split(".")[0] for m in mods} & {"numpy", "pint", "rich", *HEAVY}
