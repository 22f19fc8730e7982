"""Speed targets, measured as medians over repeated runs (python -m benchmarks)."""
