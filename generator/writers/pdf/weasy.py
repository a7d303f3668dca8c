"""Importing WeasyPrint without its slow search for its C libraries.

WeasyPrint (``weasyprint/text/ffi.py``, ``_dlopen``) tries several names for each library,
Windows and macOS names first ('libgobject-2.0-0', 'gobject-2.0-0', …). For a name
without a dot, cffi asks ``ctypes.util.find_library``, which on Linux runs ldconfig,
gcc and ld: some 54 subprocesses and 0.15 s on every start of arende, before it finds
the soname ('libgobject-2.0.so.0') that the dynamic loader would have opened by itself.
Upstream: Kozea/WeasyPrint#1125 ("Why is weasyprint exec'ing gcc?", answered: ffi.dlopen
uses find_library) and #2073 (import startup time); neither changed the probing.

So on Linux the import runs with a ``find_library`` that answers "not found" at once:
each library is then opened by its soname, from the same places the loader always
searches. Should that fail (a system whose libraries only ``find_library`` locates),
the import is done again the usual way, as if nothing had been tried. Nothing else of
WeasyPrint changes: the libraries loaded are the same, and so is every byte written.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys


def load_weasyprint() -> None:
    """Import WeasyPrint (once), skipping its library probing where that is safe."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint  # noqa: F401
        return
    real = ctypes.util.find_library
    ctypes.util.find_library = _not_found
    try:
        # WeasyPrint prints its installation advice before it gives up; that belongs
        # to the real attempt below, not to this one.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
        return
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = real
    import weasyprint  # noqa: F401, F811


# The C types WeasyPrint 70 allocates for every paper (text/fonts.py, text/line_break.py,
# pdf/stream.py, pdf/fonts.py). cffi parses a type's declaration with pycparser on its
# first use, about 1.5 ms each; parsed in a process that is waiting anyway (the side
# process, generator.side), they cost a paper nothing.
COMMON_TYPES = ("PangoFcFontMap *", "FcChar8 **", "FcResult *", "unsigned int *", "char[]",
                "PangoRectangle *", "PangoLogAttr[]", "hb_tag_t[100]", "char[4]")


def parse_common_types() -> None:
    """Have WeasyPrint's cffi parse :data:`COMMON_TYPES` now; a type a later WeasyPrint
    no longer declares is skipped (it would only have been parsed later)."""
    from weasyprint.text.ffi import ffi

    for declaration in COMMON_TYPES:
        try:
            ffi.typeof(declaration)
        except Exception:  # noqa: BLE001 - cffi's parse errors share no base class
            continue


def _not_found(name: str) -> None:
    return None
