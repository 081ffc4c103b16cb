"""An ASN's e-mail address (optional column of the roster upload): how an ASN who signs in is recognised.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("asn", sa.Column("email", sa.String(length=255), nullable=True))
    op.create_index("ix_asn_email", "asn", ["email"])


def downgrade() -> None:
    op.drop_index("ix_asn_email", table_name="asn")
    op.drop_column("asn", "email")
