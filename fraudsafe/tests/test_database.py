import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.postgres
@pytest.mark.django_db
def test_migrations_apply_cleanly_on_postgresql():
    assert connection.vendor == "postgresql"
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.django_db(databases=["default", "mongo"])  # makemigrations checks history on every database
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.mongo
@pytest.mark.django_db(databases=["default", "mongo"])
def test_the_mongodb_wire_server_answers_through_the_django_backend():
    from django.db import connections

    mongo = connections["mongo"]
    mongo.ensure_connection()
    assert mongo.vendor == "mongodb"
    assert mongo.connection.admin.command("ping")["ok"] == 1
