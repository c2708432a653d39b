"""``python -m superind …`` runs the ``superind`` command."""
from .cli import run

run()
