"""Crash trials: the stages of a flow in a process a test can SIGKILL at any point (see worker.py)."""
