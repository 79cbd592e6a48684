"""chains: on-chain facts. ``interface`` is the adapter contract and the registry of families; one module per
protocol family (evm, bitcoin, tron, solana, xrp), imported lazily; ``http``/``jsonrpc``/``rest`` are the
transports (failover, freshness, retries, batching). Adapters get their clients from a ``Clients`` factory.

May import: render, replies, addressing, core. Never venue, kinds, checks, engine, commands, cli; never rich.
"""
