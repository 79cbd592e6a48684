"""The venue's side of a ticket: an exchange account through ccxt (the ``ccxt`` package), a static config-only
venue (``static``), or a back office through a plugin (entry-point group ``supportctl.venues``). ``interface``
holds the protocol, the records and the errors; one module (or package) per implementation; ``load`` picks one
from the config.

May import: render, replies, plugins, addressing, core. Never chains' adapters, kinds, checks, engine, commands.
"""
