"""core: the values and services everything else stands on — ``model`` (subjects, facts, findings, verdicts),
``config``, ``errors`` (exit codes), ``registry`` (the chains: keys, aliases, families, explorers), ``secrets``,
``decide``, ``amounts``, ``textio`` (the text boundary), ``jsoncache``.

Imports nothing else of supportctl; never rich, httpx or ccxt.
"""
