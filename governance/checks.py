"""System checks of the portal's own settings."""
from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def data_cache_is_shared(app_configs, **kwargs):
    """The data cache must be one for every process: in process memory each web process and
    worker would miss the others' writes and serve what they changed."""
    backend = settings.CACHES["default"]["BACKEND"]
    if getattr(settings, "DATA_CACHE", False) and backend.endswith("LocMemCache"):
        return [Warning(
            "DATA_CACHE is on while the cache lives in each process's memory.",
            hint="Set REDIS_URL so every process shares the cache, or DATA_CACHE=off.",
            id="samordna.W001",
        )]
    return []
