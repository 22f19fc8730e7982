"""Device protocols, typed errors and the real drivers."""
