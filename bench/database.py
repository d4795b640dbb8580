"""The load benchmark's databases (bench/run.py): one PostgreSQL database per data scale, created
when missing and analyzed after seeding."""
from __future__ import annotations

from urllib.parse import urlparse, urlunparse


def ensure_database(db_url: str, reseed: bool) -> bool:
    """Create the PostgreSQL database if missing (or drop and recreate it); True when created."""
    import psycopg2

    parsed = urlparse(db_url)
    name = parsed.path.lstrip("/")
    admin = urlunparse(parsed._replace(path="/postgres"))
    conn = psycopg2.connect(admin)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if reseed:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone():
                return False
            cur.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        conn.close()


def analyze(db_url: str) -> None:
    """Bring the planner's statistics up to date after seeding, as autovacuum does on a database in
    use: without them PostgreSQL plans the freshly loaded tables from guesses (the upcoming meetings
    were read by scanning every meeting at scale 40)."""
    import psycopg2

    conn = psycopg2.connect(db_url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    finally:
        conn.close()


def database_for(db_url: str, scale: int, first: int) -> str:
    """The first scale's data in the database named by --database-url; every other scale's in its own
    database beside it (samordna_bench_s40), so each is seeded once and kept."""
    if scale == first:
        return db_url
    parsed = urlparse(db_url)
    return urlunparse(parsed._replace(path=f"{parsed.path}_s{scale}"))
