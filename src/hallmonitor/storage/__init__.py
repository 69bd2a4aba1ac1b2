"""Persistence: SQLAlchemy 2 models, Alembic migrations and small query modules."""
