"""Training runs: the worker thread and its controller."""
