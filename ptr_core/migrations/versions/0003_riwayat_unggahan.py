"""Upload journal for rollback, rollback marks, and the data version row.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unggahan") as batch:
        batch.add_column(sa.Column("dibatalkan_pada", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("dibatalkan_oleh", sa.String(length=255), nullable=True))
    op.create_table(
        "unggahan_perubahan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unggahan_id", sa.Integer(), nullable=False),
        sa.Column("tabel", sa.String(length=30), nullable=False),
        sa.Column("kunci", sa.Text(), nullable=False),
        sa.Column("sebelum", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_unggahan_perubahan_unggahan_id", "unggahan_perubahan", ["unggahan_id"])
    versi = op.create_table(
        "versi_data",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nomor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(versi, [{"id": 1, "nomor": 0}])


def downgrade() -> None:
    op.drop_table("versi_data")
    op.drop_index("ix_unggahan_perubahan_unggahan_id", table_name="unggahan_perubahan")
    op.drop_table("unggahan_perubahan")
    with op.batch_alter_table("unggahan") as batch:
        batch.drop_column("dibatalkan_oleh")
        batch.drop_column("dibatalkan_pada")
