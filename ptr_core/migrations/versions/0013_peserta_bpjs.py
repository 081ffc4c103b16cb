"""BPJS Ketenagakerjaan's participant reports (`peserta_bpjs`), against which the programme's rows are reconciled.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peserta_bpjs",
        sa.Column("tanggal_laporan", sa.Date(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nomor_kpj", sa.String(length=20), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("tanggal_kepesertaan", sa.Date(), nullable=False),
        sa.Column("bulan_terakhir_dibayar", sa.String(length=7), nullable=True),
        sa.Column("unggahan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("tanggal_laporan", "nik"),
    )
    op.create_index("ix_peserta_bpjs_nomor_kpj", "peserta_bpjs", ["nomor_kpj"])


def downgrade() -> None:
    op.drop_table("peserta_bpjs")
