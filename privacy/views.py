"""Public pages: the stand-alone consent notice, its one-button withdrawal, the citizen's copy of their data."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from accounts.notice import notice_sections, notice_version
from complaints.conversation.words import notice_keywords
from fraudsafe.languages import languages
from privacy import services


def _notice_page(request: HttpRequest, *, language: str, token: str = "", done: bool = False) -> HttpResponse:
    with translation.override(language):
        context = {
            # The notice's *bold* markers are for WhatsApp; the page shows plain words.
            "sections": [
                (s.heading, s.text.replace("*", ""))
                for s in notice_sections(language=language, keywords=notice_keywords())
            ],
            "version": notice_version(),
            "languages": languages(),
            "token": token,
            "done": done,
        }
        response = render(request, "privacy/notice.html", context)
    response["Content-Language"] = language
    return response


def _asked_language(request: HttpRequest) -> str | None:
    asked = request.GET.get("lang")
    return asked if asked in {lang.code for lang in languages()} else None


def notice(request: HttpRequest) -> HttpResponse:
    """The notice in `?lang=` (one of the supported languages), else the browser's language."""
    language = _asked_language(request) or translation.get_language() or settings.LANGUAGE_CODE
    return _notice_page(request, language=language)


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the notice with one button (link scanners must not withdraw anyone); POST withdraws all consent."""
    citizen = services.citizen_for_withdraw_token(token=token)
    if citizen is None:
        raise Http404
    done = request.method == "POST"
    if done:
        services.consent_withdraw_all(citizen=citizen, evidence="withdraw button on the privacy notice page")
    language = _asked_language(request) or citizen.language or settings.LANGUAGE_CODE
    return _notice_page(request, language=language, token=token, done=done)


def bundle(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """The copy of a citizen's data behind a signed, expiring link: `pdf` or `json`; otherwise 404."""
    data_request = services.request_for_bundle_token(token=token)
    if data_request is None or fmt not in ("pdf", "json"):
        raise Http404
    citizen = data_request.citizen
    if fmt == "pdf":
        response = HttpResponse(services.bundle_pdf(citizen=citizen, language=data_request.language),
                                content_type="application/pdf")  # fmt: skip
    else:
        response = HttpResponse(services.bundle_json(citizen=citizen), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="fraudsafe-my-data.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
