"""Candidate workers (`calon`, uploaded by staff) offered to ASN who know no worker, and their reservations.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nama", sa.String(length=200), nullable=False),
        sa.Column("jenis_kelamin", sa.String(length=1), nullable=False),
        sa.Column("pekerjaan", sa.String(length=100), nullable=False),
        sa.Column("kode_kelurahan", sa.String(length=13), nullable=False),
        sa.Column("sumber", sa.String(length=100), nullable=False),
        sa.Column("unggahan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["kode_kelurahan"], ["kelurahan.kode_kelurahan"]),
        sa.ForeignKeyConstraint(["unggahan_id"], ["unggahan.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nik"),
    )
    op.create_table(
        "pesanan_calon",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("dipesan_pada", sa.DateTime(), nullable=False),
        sa.Column("berlaku_sampai", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nik"),
        sa.UniqueConstraint("nip"),
    )
    op.create_index("ix_pesanan_calon_berlaku_sampai", "pesanan_calon", ["berlaku_sampai"])


def downgrade() -> None:
    op.drop_table("pesanan_calon")
    op.drop_table("calon")
