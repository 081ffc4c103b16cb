"""Summary tables computed at every commit, so that pages never read row-level payments.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled at the next commit, or at the first read that finds them missing or stale (agregat_db.muat).
    op.create_table(
        "agregat_bulanan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.Column("kode_kecamatan", sa.String(length=8), nullable=False),
        sa.Column("kode_opd", sa.String(length=30), nullable=True),
        sa.Column("aktif", sa.Integer(), nullable=False),
        sa.Column("aktif_baru", sa.Integer(), nullable=False),
        sa.Column("menunggak", sa.Integer(), nullable=False),
        sa.Column("nonaktif", sa.Integer(), nullable=False),
        sa.Column("kurang", sa.BigInteger(), nullable=False),
        sa.Column("dibayar", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "agregat_sponsor",
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.Column("kode_opd", sa.String(length=30), nullable=False),
        sa.Column("asn_berpartisipasi", sa.Integer(), nullable=False),
        sa.Column("asn_mendaftarkan", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bulan", "kode_opd"),
    )
    op.create_table(
        "agregat_gugur",
        sa.Column("pekerja_id", sa.Integer(), nullable=False),
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pekerja_id"),
    )
    op.create_table(
        "agregat_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("versi", sa.BigInteger(), nullable=False),
        sa.Column("kunci", sa.String(length=100), nullable=False),
        sa.Column("tanggal", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("agregat_info")
    op.drop_table("agregat_gugur")
    op.drop_table("agregat_sponsor")
    op.drop_table("agregat_bulanan")
