"""Evaluation harnesses: score extractors against gold annotations (read at evaluation time, never vendored)."""
