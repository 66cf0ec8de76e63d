"""The course's benchmark suite: each figure is the course against a baseline, run side by side."""
