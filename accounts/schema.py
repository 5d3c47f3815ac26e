"""OpenAPI for who may call what (imported by AccountsConfig.ready, after DRF is loaded).

Every operation says in the document which partner scope it needs (`x-required-scope`, also in its description),
or that partner keys cannot call it (no `ApiKeyAuth` in its security, `x-partner-access: none`); message-sending
operations say they count against the key's daily quota (`x-daily-quota`).
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from accounts.auth import partners_allowed, required_scopes, sends_messages
from fraudsafe.api_errors import ErrorOutput

API_KEY_SCHEME = "ApiKeyAuth"
API_KEY_HEADER_SCHEME = "ApiKeyHeader"  # the same key in `X-Api-Key`, for clients that cannot set Authorization
KEY_SCHEMES = (API_KEY_SCHEME, API_KEY_HEADER_SCHEME)


def _first_line(text: str) -> str:
    """The first sentence of a docstring, short enough for a collapsed operation."""
    line = text.strip().split("\n", 1)[0].strip()
    line = line.split(". ", 1)[0].rstrip(".")
    return line if len(line) <= 90 else line[:87].rstrip() + "…"


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.auth.PartnerKeyAuthentication"
    name = list(KEY_SCHEMES)

    def get_security_requirement(self, auto_schema):
        return [{name: []} for name in KEY_SCHEMES]  # either header, not both

    def get_security_definition(self, auto_schema):
        return [
            {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "`Api-Key <key>`, the key issued in the admin (the bare key is accepted too). "
                "Each operation names the scope the key needs (`x-required-scope`).",
            },
            {
                "type": "apiKey",
                "in": "header",
                "name": "X-Api-Key",
                "description": "The same key, bare, in `X-Api-Key` (for clients that cannot set Authorization).",
            },
        ]


class ScopedAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None or not any(API_KEY_SCHEME in option for option in operation.get("security", [])):
            return operation
        scopes = required_scopes(self.view)
        notes = []
        if not partners_allowed(self.view):
            operation["security"] = [opt for opt in operation["security"] if not set(KEY_SCHEMES) & set(opt)]
            operation["x-partner-access"] = "none"
            notes.append(_("**Helpline staff only**: partner keys get 403."))
            tag = _("staff only")
        elif scopes:
            operation["x-required-scope"] = scopes[0]
            notes.append(_("**Partner scope:** `%(scope)s` (a key without it gets 403).") % {"scope": scopes[0]})
            tag = _("scope %(scope)s") % {"scope": scopes[0]}
        else:
            operation["x-partner-access"] = "any"
            notes.append(_("Any valid partner key."))
            tag = _("any partner key")
        # Shown on the collapsed operation in Swagger UI: who may call it, without opening it.
        summary = operation.get("summary") or _first_line(operation.get("description", ""))
        operation["summary"] = f"{summary} [{tag}]" if summary else f"[{tag}]"
        self._document_refusals(operation)
        if sends_messages(self.view, self.method):
            operation["x-daily-quota"] = True
            notes.append(_("Sends messages: counts against the key's daily quota of message-sending calls (429 "
                           "when it is used up)."))  # fmt: skip
        operation["description"] = "\n\n".join(filter(None, [operation.get("description", ""), *notes]))
        return operation

    def _document_refusals(self, operation) -> None:
        """Every authenticated operation documents its 401 and 403 in the error shape, unless it says more."""
        refusals = {
            "401": _("No valid API key or session (send “Authorization: Api-Key <key>” or “X-Api-Key: <key>”)."),
            "403": _("Signed in, but not allowed: the key lacks the scope, or the operation is for staff only."),
        }
        responses = operation.setdefault("responses", {})
        for code, description in refusals.items():
            if code not in responses:
                response = OpenApiResponse(ErrorOutput, description=description)
                responses[code] = self._get_response_for_code(response, code)
