"""The example request a new user can load (``thread``), with small, valid documents
made from scratch (``files``)."""
