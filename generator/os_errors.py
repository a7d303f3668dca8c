"""Operating-system errors in the words of the person who reads them.

``OSError.strerror`` is the C library's English ("No space left on device"); staff
read Swedish. :func:`swedish` turns the errors a person can meet while arende reads
a plan or writes a paper into Swedish, and falls back to the English text behind
the error's name for the rare rest, which is better than hiding it.
"""

from __future__ import annotations

import errno

_SWEDISH = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EEXIST: "det finns redan en fil med det namnet",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "åtgärden är inte tillåten",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ELOOP: "en symbolisk länk pekar i en slinga",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.EMFILE: "för många öppna filer",
    errno.ENFILE: "för många öppna filer i systemet",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.ENOTEMPTY: "mappen är inte tom",
    errno.EXDEV: "filen kan inte flyttas mellan två filsystem",
    errno.EFBIG: "filen blir för stor",
    errno.ENOMEM: "minnet räcker inte",
    errno.EBUSY: "filen eller mappen används av ett annat program",
    errno.ETXTBSY: "filen används av ett annat program",
    errno.EAGAIN: "resursen är tillfälligt upptagen",
    errno.EADDRINUSE: "adressen används redan",
    errno.ENXIO: "enheten finns inte",
    errno.ENODEV: "enheten finns inte",
}


def swedish(exc: OSError) -> str:
    """What went wrong, in Swedish: 'disken är full', not 'No space left on device'."""
    if exc.errno in _SWEDISH:
        return _SWEDISH[exc.errno]
    name = errno.errorcode.get(exc.errno or 0, "")
    text = exc.strerror or str(exc) or type(exc).__name__
    return f"operativsystemet svarade {name + ': ' if name else ''}{text}"
