"""The venue's side of a ticket: an exchange account through ccxt, a static config-only venue, or a back
office through a plugin (entry-point group ``supportctl.venues``). ``interface`` holds the protocol, the
records and the errors; one module per implementation; ``load`` picks one from the config."""
