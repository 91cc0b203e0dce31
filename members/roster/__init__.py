"""Roster files in and out: import (validate, preview, write in bulk) and export.

`import_roster` is the one write path for files; the view and the `import_roster` command only
translate into it. `exporter.logged_rows` is the one read path for files. Files are
Vietnamese (the template's format) or English (the first format); both import alike.
"""
