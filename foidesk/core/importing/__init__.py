"""Bringing correspondence in: reading files and mailboxes (``importer``) and filing each
message into the right request's thread (``filing``)."""
