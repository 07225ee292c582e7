"""The newest schema revision in migrations/versions.

Kept apart from app.db.migrate (which needs SQLAlchemy and, for upgrades, Alembic) so that start-up
can compare a database with it before either is imported. A test keeps it equal to Alembic's head.
"""

SCHEMA_HEAD = "0019"
