"""Workers already covered by another programme (e.g. the city's APBD-funded cover), uploaded by staff: they
cannot be registered here, and the programme's workers among them are listed.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program_lain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("sumber", sa.String(length=100), nullable=False),
        sa.Column("unggahan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nik", "sumber"),
    )
    op.create_index("ix_program_lain_nik", "program_lain", ["nik"])


def downgrade() -> None:
    op.drop_table("program_lain")
