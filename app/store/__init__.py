"""Persistence: SQLAlchemy Core tables, repositories, the group-commit writer and migrations."""
