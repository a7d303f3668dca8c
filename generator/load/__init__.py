"""Stage 1, load: read YAML safely and remember where every value came from."""

from generator.load.source import Source, load_yaml

__all__ = ["Source", "load_yaml"]
