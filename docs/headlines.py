"""Re-run the headline of every bundled preset and write it into README.md.

    python docs/headlines.py            # rewrite README.md between the markers
    python docs/headlines.py --check    # exit 1 if README.md is not current

For each preset: the first two lines of ``tco uncertainty NAME`` (10,000 samples,
seed 0) and the first three of ``tco sensitivity NAME``, pasted between
``<!-- headlines:begin -->`` and ``<!-- headlines:end -->``. Not a test (it takes
a minute): run it after a change to the model or the presets.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- headlines:begin -->", "<!-- headlines:end -->"


def _lines(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "tco", *args], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    return [line for line in out.stdout.splitlines() if line.strip()]


def headline(name: str) -> str:
    sure = _lines("uncertainty", name, "--samples", "10000", "--seed", "0")[:2]
    hinge = _lines("sensitivity", name)[:3]
    return "\n".join([f"`{name}`:", "", "```", *sure, *hinge, "```", ""])


def render() -> str:
    from tco.io.loader import preset_names

    return "\n".join(headline(name) for name in preset_names())


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    if not rest or END not in rest:
        print(f"README.md has no {BEGIN} ... {END} markers", file=sys.stderr)
        return 2
    new = f"{head}{BEGIN}\n\n{render()}{END}{tail}"
    if "--check" in argv:
        if new != text:
            print("README.md headlines are not current: run python docs/headlines.py",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
