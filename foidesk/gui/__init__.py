"""The PySide6 window: thin views over ``foidesk.core``."""
