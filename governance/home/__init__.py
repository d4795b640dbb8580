"""The portal's own pages: Min sida (panels contributed by every area and app), health probes,
error pages."""
