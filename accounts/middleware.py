"""Request-level behaviour of people and access."""

from accounts.audit import audit_api_response


class AuditMiddleware:
    """Writes the audit entry of each API write once the response is known (the outcome is part of it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        audit_api_response(request, response)
        return response
