"""Registrations submitted by ASN (Daftarkan Pekerja), pending until programme staff verify them.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pengajuan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=False),
        sa.Column("pekerjaan", sa.String(length=100), nullable=False),
        sa.Column("kode_kelurahan", sa.String(length=13), nullable=False),
        sa.Column("telepon", sa.String(length=20), nullable=False),
        sa.Column("nip_sponsor", sa.String(length=18), nullable=False),
        sa.Column("diajukan_oleh", sa.String(length=255), nullable=False),
        sa.Column("diajukan_pada", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=True),
        sa.Column("diputus_oleh", sa.String(length=255), nullable=True),
        sa.Column("diputus_pada", sa.DateTime(), nullable=True),
        sa.Column("unggahan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["kode_kelurahan"], ["kelurahan.kode_kelurahan"]),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pengajuan_nik", "pengajuan", ["nik"])
    op.create_index("ix_pengajuan_nip_sponsor", "pengajuan", ["nip_sponsor"])
    op.create_index("ix_pengajuan_status", "pengajuan", ["status"])


def downgrade() -> None:
    op.drop_table("pengajuan")
