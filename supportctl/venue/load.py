"""Pick the venue the config names: a plugin (entry-point group ``supportctl.venues``), else a ccxt
exchange id, else the static venue (config only). Heavy imports happen here, only on venue paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from supportctl.venue.interface import Venue, VenueUnsupported

if TYPE_CHECKING:
    from supportctl.core.config import Config

ENTRY_POINT_GROUP = "supportctl.venues"


def load(config: Config, *, refresh: bool = False) -> Venue:
    name = config.venue.exchange
    if name is None:
        from supportctl.venue.static import StaticVenue

        return StaticVenue(config)
    plugin = _plugin(name)
    if plugin is not None:
        venue = plugin(config)
        if not isinstance(venue, Venue):
            raise VenueUnsupported(f"venue plugin {name!r} did not return a Venue")
        return venue
    from supportctl.venue.ccxt import CcxtVenue

    return CcxtVenue(
        name, api_url=config.venue.api_url, refresh=refresh, ttl=config.venue.rules_ttl, live_ttl=config.venue.live_ttl
    )


def _plugin(name: str) -> Any:
    from supportctl.plugins import entry_points

    for ep in entry_points(ENTRY_POINT_GROUP):
        if ep.name == name:
            try:
                return ep.load()
            except Exception as e:  # a broken plugin is named, never a traceback
                raise VenueUnsupported(f"venue plugin {name!r} failed to load: {type(e).__name__}: {e}") from None
    return None
