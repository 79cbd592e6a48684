"""On-chain facts. ``registry`` is pure data; adapters (one module per protocol family) are imported lazily."""
