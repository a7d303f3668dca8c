"""`arende preview`: a case shown in the browser, rebuilt each time one of its YAML files is saved.

For the staff who write cases: the editor on one side, the browser on the other. The
page shows the papers as they will print (A4 sheets with the house CSS and fonts), the
case's errors in their place while it has any, and links to the current PDF and DOCX.

  watch.py   hears the case's files change and rebuilds; a rebuild never raises
  page.py    the HTML of the page, its errors and warnings, and each paper's sheet
  server.py  the standard-library HTTP server on 127.0.0.1
  run.py     starting and stopping it (the command, and a background variant for tests)
"""

from generator.preview.run import run_preview, serving

__all__ = ["run_preview", "serving"]
