from django.utils.deprecation import MiddlewareMixin


class SwedishFirstMiddleware(MiddlewareMixin):
    """Swedish is the portal's language until the user chooses English with the language switch
    (a cookie). The browser's Accept-Language is not consulted: staff of Swedish agencies often
    run English browsers, and the portal's terms are Swedish administrative terms."""

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)


class RequestSizeLimitMiddleware:
    """A request body larger than settings.REQUEST_MAX_BYTES (an attachment's limit and a margin for
    the form) is refused from its Content-Length with a clear 413 page, before anything reads it.
    Placed before CsrfViewMiddleware, the first to read a POST. The proxy in front should refuse the
    same size itself (nginx: client_max_body_size; README, "Production")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import render

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.REQUEST_MAX_BYTES
        if length > limit:
            return render(request, "413.html", {"max_mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)}, status=413)
        return self.get_response(request)
