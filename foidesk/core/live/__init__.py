"""Live updates on a team database: each member's committed changes reach the others.

On PostgreSQL every unit of work that commits sends what it changed as a notice on one
channel, in its own transaction (``notices.py``, in the wire form of ``wire.py``), so a
rolled-back write sends nothing and a notice is delivered only after its commit. Each
open desk listens on a thread of its own (``listener.py``) and publishes what the
other desks changed into its feed, as if it had made the change itself; a face
repaints from it as from any other ``Changes``. SQLite profiles have one member and
send and hear nothing.
"""
