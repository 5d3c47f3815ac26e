"""Registries the core owns and apps fill from a module of their own, the way apps fill Django's `admin.site`.

The core never names an app: `discover()` runs Django's `autodiscover_modules`, which imports
`<app>.<module>` for every installed app that has one, and those modules register on import:

    # <app>/demo.py                                  # <app>/prepare.py
    from fraudsafe.registry import demo_loaders      from fraudsafe.registry import run_preparations

    @demo_loaders.register                           @run_preparations.register
    def load(*, stdout, style) -> None: ...          def prepare(*, stdout, style) -> None: ...

Beat entries have their own registry, `fraudsafe.schedules.periodic_tasks`, filled from `<app>/schedules.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

Step = Callable[..., None]  # step(*, stdout, style) -> None; stdout/style are a management command's


class AppSteps:
    """Steps that apps register from `<app>/<module_name>.py`; each runs once, in INSTALLED_APPS order."""

    def __init__(self, module_name: str):
        self.module_name = module_name
        # Named `_registry` because autodiscover_modules restores it when an app's module fails to import.
        self._registry: dict[str, Step] = {}

    def register(self, step: Step) -> Step:
        """Decorator: adds `step`. Registering the same function again replaces it, so it still runs once."""
        self._registry[f"{step.__module__}.{step.__qualname__}"] = step
        return step

    def discover(self) -> list[Step]:
        """Imports `<app>.<module_name>` of every installed app, then returns every registered step in order."""
        autodiscover_modules(self.module_name, register_to=self)
        return list(self)

    def __iter__(self) -> Iterator[Step]:
        """The registered steps in INSTALLED_APPS order (an app's own steps in the order it registered them)."""
        position = {config.label: index for index, config in enumerate(apps.get_app_configs())}

        def app_position(step: Step) -> int:
            config = apps.get_containing_app_config(step.__module__)
            return position.get(config.label, len(position)) if config else len(position)

        return iter(sorted(self._registry.values(), key=app_position))


demo_loaders = AppSteps("demo")  # demo data for `make run` (manage.py load_demo)
run_preparations = AppSteps("prepare")  # last steps before `make run` starts its processes (manage.py prepare_run)
