"""OpenAPI for who may call what (imported by AccountsConfig.ready, after DRF is loaded).

Every operation says in the document which partner scope it needs (`x-required-scope`, also in its description),
or that partner keys cannot call it (no `ApiKeyAuth` in its security, `x-partner-access: none`); message-sending
operations say they count against the key's daily quota (`x-daily-quota`).
"""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from accounts.auth import partners_allowed, required_scopes, sends_messages

API_KEY_SCHEME = "ApiKeyAuth"


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.auth.PartnerKeyAuthentication"
    name = API_KEY_SCHEME

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>` issued in the admin. Each operation names the scope the key needs "
            "(`x-required-scope`).",
        }


class ScopedAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None or not any(API_KEY_SCHEME in option for option in operation.get("security", [])):
            return operation
        scopes = required_scopes(self.view)
        notes = []
        if not partners_allowed(self.view):
            operation["security"] = [opt for opt in operation["security"] if API_KEY_SCHEME not in opt]
            operation["x-partner-access"] = "none"
            notes.append(_("**Helpline staff only**: partner keys get 403."))
        elif scopes:
            operation["x-required-scope"] = scopes[0]
            notes.append(_("**Partner scope:** `%(scope)s` (a key without it gets 403).") % {"scope": scopes[0]})
        else:
            operation["x-partner-access"] = "any"
            notes.append(_("Any valid partner key."))
        if sends_messages(self.view, self.method):
            operation["x-daily-quota"] = True
            notes.append(_("Sends messages: counts against the key's daily quota of message-sending calls (429 "
                           "when it is used up)."))  # fmt: skip
        operation["description"] = "\n\n".join(filter(None, [operation.get("description", ""), *notes]))
        return operation
