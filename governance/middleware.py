from django.utils.deprecation import MiddlewareMixin


class SwedishFirstMiddleware(MiddlewareMixin):
    """Swedish is the portal's language until the user chooses English with the language switch
    (a cookie). The browser's Accept-Language is not consulted: staff of Swedish agencies often
    run English browsers, and the portal's terms are Swedish administrative terms."""

    def process_request(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
