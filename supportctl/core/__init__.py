"""core: the pipeline's values and services — model, config, errors, identify, secrets, session, decide …;
imports no rich, no httpx at module level, nothing above it.

For now only ``jsoncache`` lives here; the rest moves in later.
"""
