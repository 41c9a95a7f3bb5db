"""The store: accepted records of every period, their submissions, every published value.

An SQLite file under the output folder by default, PostgreSQL when
``SDG18_DATABASE_URL`` says so — one code path (SQLAlchemy Core).
"""

from sdg18.store.database import Store, open_store, store_url

__all__ = ["Store", "open_store", "store_url"]
