"""``python -m foidesk`` behaves exactly like the ``foidesk`` command."""

from foidesk.cli import main

raise SystemExit(main())
