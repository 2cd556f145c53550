"""Storage: the embedded DuckDB store, queries and exports."""
