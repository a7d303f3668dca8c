"""Archival papers for registrars: PDF/A, metadata, archive packages and their verification.

* :mod:`.xmp` – the XMP metadata packet every PDF of arende carries (published and archival).
* :mod:`.pdfa` – the PDF/A levels offered and what each needs from the PDF writer.
* :mod:`.dates` – the dates stamped in files: the paper's own, or SOURCE_DATE_EPOCH.
* :mod:`.manifest` – the manifest of an archive package: what it holds, with checksums.
* :mod:`.package` – making a package (or a new version of one) without overwriting anything.
* :mod:`.verify` – checking a package against its manifest.
"""
