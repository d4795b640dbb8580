"""Search across the portal (`/sok/`): each app's sources (settings `SEARCH_SOURCES`), read live."""
