"""arende: turns a case written in YAML into the papers a Swedish board decides on."""

__version__ = "0.1.0"
