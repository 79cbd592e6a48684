"""The fuzz suite: every command and option, hostile input, both locales (see conftest for the profiles)."""
