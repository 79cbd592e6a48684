"""One parametrised case table per check code: the pure checks run on facts built here, no chain, no venue."""
