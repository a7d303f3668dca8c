"""`python -m generator` runs the same CLI as the `arende` script."""

from generator.cli import run

run()
