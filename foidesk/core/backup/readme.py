"""The read-me inside every backup, for whoever finds the file years from now."""

README_TEXT = """\
This is a foidesk backup: a ZIP file holding one complete foidesk profile.

  foidesk.sqlite3          the database (SQLite): requests, messages, history
  attachments/ab/cd/<sha>  every attachment and original email, named by the
                           SHA-256 of its content
  manifest.json            format version, foidesk version, schema revision,
                           creation time, counts, and the size and SHA-256 of
                           every other member

Check it:   foidesk backup verify FILE
Restore it: foidesk backup restore FILE

Without foidesk, any ZIP tool can list and extract it, e.g.
  unzip -l FILE
  unzip FILE -d restored-profile
and the extracted folder can be opened with foidesk --data-dir restored-profile.
"""
