"""Work off the GUI thread: the task runner, its lanes, progress and changes."""
