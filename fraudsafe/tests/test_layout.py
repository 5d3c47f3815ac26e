"""The layout the README promises: sample files in fixtures/, each small and shown with the command that uses it."""

from pathlib import Path

from django.conf import settings

BASE = Path(settings.FRAUDSAFE_BASE_DIR)
SAMPLES = {
    "legacy_mongo.json": "manage.py import_legacy_cases --json fixtures/legacy_mongo.json",
    "cases.csv": "manage.py import_cases_csv fixtures/cases.csv",
    "call_volumes.csv": "manage.py score_series --csv fixtures/call_volumes.csv --column value",
    "behaviour.csv": "manage.py train_models --model cohort --data fixtures/behaviour.csv --epochs 2",
}


def test_every_sample_file_is_small_and_shown_in_the_readme_with_its_command():
    readme = (BASE / "README.md").read_text()
    data_files = {path.name for path in (BASE / "fixtures").iterdir() if path.suffix in (".json", ".csv")}

    assert data_files == set(SAMPLES)
    for name, command in SAMPLES.items():
        assert (BASE / "fixtures" / name).stat().st_size < 200_000, name
        assert command in readme, f"the README does not show `{command}`"


def test_production_processes_run_gunicorn_and_make_run_uses_the_development_procfile():
    production = (BASE / "Procfile").read_text()
    development = (BASE / "Procfile.dev").read_text()
    makefile = (BASE / "Makefile").read_text()

    assert "web: gunicorn fraudsafe.wsgi -k gthread --workers 2 --threads 8" in production
    assert "runserver" not in production and "web: python manage.py runserver" in development
    for process in ("worker:", "worker-ml:", "beat:"):
        assert process in production and process in development
    assert "honcho start -f Procfile.dev" in makefile
