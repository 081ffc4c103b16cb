"""Per month, kelurahan and pekerjaan: programme workers aktif, so that the kecamatan page draws its charts from
a summary instead of its workers' payments.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agregat_kelurahan",
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.Column("kode_kelurahan", sa.String(length=13), nullable=False),
        sa.Column("pekerjaan", sa.String(length=100), nullable=False),
        sa.Column("aktif", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bulan", "kode_kelurahan", "pekerjaan"),
    )
    # Filled with the other summaries at the next read (agregat_db.muat finds them stale) or commit.
    op.execute("UPDATE agregat_info SET versi = -1")


def downgrade() -> None:
    op.drop_table("agregat_kelurahan")
