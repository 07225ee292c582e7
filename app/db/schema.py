"""Every table GridDesk knows: importing this registers all model modules on Base.metadata.

Each area keeps its models in its own module (app/db/models_<area>.py) and adds one import here.
"""

import warnings
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SAWarning

from app.db import (  # noqa: F401
    models,
    models_directives,
    models_exchange,
    models_grids,
    models_group_buy,
    models_meetings,
    models_printing,
    models_registry,
    models_requests,
    models_supplies,
    models_users,
    models_visits,
)
from app.db.base import Base

metadata = Base.metadata

# Indexes the revisions create on an expression, kept out of the models: SQLite's reflection cannot
# see them, and each database spells the expression its own way (revision 0014).
EXPRESSION_INDEXES = frozenset({"ix_resident_id_tail", "ix_resident_phone_tail"})


def differences_from_models(conn: Connection) -> list[Any]:
    """What Alembic finds different between the database behind `conn` and the models (types
    compared too); the expression indexes above are not differences."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    def modelled(_obj: Any, name: str | None, kind: str, _reflected: bool, _other: Any) -> bool:
        return not (kind == "index" and name in EXPRESSION_INDEXES)

    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": modelled})
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
        )
        return list(compare_metadata(ctx, metadata))
