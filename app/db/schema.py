"""Every table GridDesk knows: importing this registers all model modules on Base.metadata.

Each area keeps its models in its own module (app/db/models_<area>.py) and adds one import here.
"""

from app.db import (  # noqa: F401
    models,
    models_directives,
    models_exchange,
    models_grids,
    models_group_buy,
    models_meetings,
    models_printing,
    models_registry,
    models_supplies,
)
from app.db.base import Base

metadata = Base.metadata
