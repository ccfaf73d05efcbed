"""foidesk: a desktop correspondence manager for Freedom of Information requests."""

__version__ = "0.1.0"
