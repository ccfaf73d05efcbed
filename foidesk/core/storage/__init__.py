"""Where the data lives and how it is kept safe: the SQLite (or server) database and its
tables and migrations, the content-addressed file store and the writes that keep the two
in step, file locks, privacy of files, and the failures of disks told apart."""
