"""A venue over ccxt: any exchange ccxt supports, read through its synchronous classes.

What lives here, one job a module:

- ``venue``      ``CcxtVenue``: the ``Venue`` protocol over one ccxt exchange, its memo and its two disk caches
- ``parsing``    ccxt's unified dicts → ``supportctl.venue.interface`` records (pure functions)
- ``networks``   ccxt network codes (``ERC20``, ``TRC20`` …) → supportctl chain keys
- ``errors``     ccxt's exceptions → ``VenueError`` and kinds, with hints (the translation boundary)
- ``cache``      the rules and live caches as JSON values, and their file names (I/O is ``core.jsoncache``)
- ``logs``       redaction of keys, signatures and query strings from messages and ccxt's/urllib3's logs
- ``introspect`` what the installed ccxt offers (exchange ids, version), mostly without importing it

Imports: the standard library, ``platformdirs``, ``supportctl.venue.interface``, ``supportctl.core``,
``supportctl.core.model``, ``supportctl.core.errors``, ``supportctl.core.registry``; ccxt only inside the functions
that need it, never at module level (a quarter of a second). Never ``supportctl.commands``, the engine or the
CLI; never rich. ``supportctl.venue.load`` is the one place that builds a ``CcxtVenue``.
"""

from supportctl.venue.ccxt.venue import CcxtVenue

__all__ = ["CcxtVenue"]
