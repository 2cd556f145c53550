"""Scaling out: batched, resumable runs and Dask distributed."""
