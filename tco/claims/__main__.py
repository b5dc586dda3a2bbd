"""``python -m tco.claims > docs/claims.md`` writes the claims page."""

from . import render

print(render(), end="")
