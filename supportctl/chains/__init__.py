"""chains: on-chain facts. ``interface`` is the adapter contract and the registry of families; one module per
protocol family (evm, bitcoin, tron, solana, xrp), imported lazily; ``http``/``jsonrpc``/``rest`` are the
transports (failover, freshness, retries, batching). Adapters get their clients from a ``Clients`` factory.

May import: render, replies, addressing, core. Never venue, kinds, checks, engine, commands, cli; never rich.
"""

import sys

# httpx imports its own command-line client (``httpx._main``) whenever click, rich and pygments are installed
# (a developer's environment, or any that has click for another tool): ~30 ms of every run that sends a request,
# for a program supportctl never runs. With None in its place that import is an ImportError, which httpx answers
# with a stub ``httpx.main``; the transports (http, jsonrpc, rest) are the only importers of httpx, all below here.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
