"""Benchmarks at shop scale (run with scripts/bench; see README, "Benchmarks")."""
