"""``foidesk salvage``: SQLite's own recovery of a damaged database into a new one
(``copy``), made a sound foidesk database (``schema``, ``orphans``, ``repair``), swapped
in without ever deleting the damaged file (``switch``), in the order ``run`` gives."""
