"""An example back office (``venue``) and check (``check``) for supportctl's plugin seams."""
