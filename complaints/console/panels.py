"""Panels other apps add to the console's complaint page, without complaints knowing them (the way apps fill
the admin). An app registers a renderer in its AppConfig.ready():

    from complaints.console.panels import complaint_panels

    complaint_panels.register("recovery.money_trail", render)   # render(request, complaint, *, can_work) -> str

The page shows each panel's HTML (the renderer escapes what it renders, e.g. with render_to_string) below the
transactions, in registration order; a failing panel is logged and left out, never breaking the page.
"""

import logging
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

Renderer = Callable[..., str]


class ComplaintPanels:
    def __init__(self):
        self._registry: dict[str, Renderer] = {}

    def register(self, name: str, render: Renderer) -> None:
        self._registry[name] = render

    def render_all(self, request, complaint, *, can_work: bool) -> list[SafeString]:
        panels = []
        for name, render in self._registry.items():
            try:
                panels.append(mark_safe(render(request, complaint, can_work=can_work)))  # noqa: S308 - rendered HTML
            except Exception:  # noqa: BLE001 - one broken panel must not take the complaint page down
                logger.exception("complaint page panel %s failed", name)
        return panels


complaint_panels = ComplaintPanels()
