"""Roster files in and out: import (validate, preview, write in bulk) and export.

`import_roster` is the one write path for files; the view and the `import_roster` command only
translate into it. `write_roster` is the one read path for files.
"""
