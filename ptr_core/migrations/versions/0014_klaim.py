"""Benefits BPJS Ketenagakerjaan paid for programme workers (`klaim`: JKK, JKM, beasiswa), uploaded by staff.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "klaim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("jenis", sa.String(length=10), nullable=False),
        sa.Column("tanggal_kejadian", sa.Date(), nullable=False),
        sa.Column("tanggal_bayar", sa.Date(), nullable=False),
        sa.Column("jumlah", sa.BigInteger(), nullable=False),
        sa.Column("boleh_dipublikasikan", sa.Boolean(), nullable=True),
        sa.Column("unggahan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nik", "jenis", "tanggal_kejadian", "tanggal_bayar"),
    )
    op.create_index("ix_klaim_nik", "klaim", ["nik"])
    op.create_index("ix_klaim_tanggal_bayar", "klaim", ["tanggal_bayar"])


def downgrade() -> None:
    op.drop_table("klaim")
