"""Alembic environment: migrations run on the engine that ptr_core.db hands over."""

from alembic import context

from ptr_core.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
