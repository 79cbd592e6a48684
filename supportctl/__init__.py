"""supportctl: diagnose crypto support tickets from the chain and the venue."""

__version__ = "0.1.0"
