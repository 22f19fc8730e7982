"""Simulated devices for trainers and tests: synthetic biometrics, latency, faults on cue."""
