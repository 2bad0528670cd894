"""Runners: drive the pipeline over inputs and write to a store (local.v1 process pool, dask.v1)."""

from comity.run.base import ProgressCallback, Runner, run_inputs

__all__ = ["ProgressCallback", "Runner", "run_inputs"]
