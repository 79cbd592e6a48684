"""engine: the pipeline, written once — gather (the kind's own step) → run the kind's checks (each isolated: a
check that raises is an `unknown` finding naming it) → decide by the kind's precedence → reply → Diagnosis.

``diagnose_*`` are the entry points the commands, ``diagnose``, ``bulk`` and ``shell`` use; ``conclude`` is the
shared tail. May import: core, kinds, checks, replies (a leaf), chains/venue/addressing through the kinds.
Never commands, cli or render: the engine returns values and never prints.
"""

from supportctl.engine.pipeline import (
    conclude,
    diagnose_address,
    diagnose_deposit,
    diagnose_order,
    diagnose_order_check,
    diagnose_withdrawal,
)

__all__ = [
    "conclude",
    "diagnose_address",
    "diagnose_deposit",
    "diagnose_order",
    "diagnose_order_check",
    "diagnose_withdrawal",
]
