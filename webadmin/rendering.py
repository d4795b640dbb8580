"""Markdown rendered safely: the one renderer is governance.rendering (the handbook, feature
requests and the news render Markdown the same way)."""
from governance.rendering import render_markdown  # noqa: F401
