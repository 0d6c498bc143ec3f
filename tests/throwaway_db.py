"""A throwaway database of the kind the suite runs on, outside the test transaction, for tests that
run the project in processes of their own: a SQLite file, or a PostgreSQL database made for the test."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def database(tmp_path):
    """(DATABASE_URL, run_sql) for a fresh database; migrate it with ``manage(url, "migrate")``."""
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        name = f"newsroom_throwaway_{uuid.uuid4().hex[:8]}"
        admin = f"host={params['HOST'] or '127.0.0.1'} port={params['PORT'] or 5432} user={params['USER']} dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"

        def run_sql(sql):
            with psycopg.connect(f"{admin.replace('dbname=postgres', f'dbname={name}')}") as conn:
                return conn.execute(sql).fetchall()

        yield url, run_sql
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "throwaway.sqlite3"

        def run_sql(sql):
            with sqlite3.connect(path) as conn:
                return conn.execute(sql).fetchall()

        yield f"sqlite:///{path}", run_sql


def manage(url, *args, **popen):
    """``manage.py`` with these arguments in a process of its own, against the database at ``url``."""
    return python(url, str(ROOT / "manage.py"), *args, **popen)


def python(url, *args, **popen):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    return subprocess.Popen([sys.executable, *args], env=env, cwd=ROOT, **popen)
