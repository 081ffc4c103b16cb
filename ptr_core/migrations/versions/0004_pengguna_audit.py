"""Users with roles, and the audit trail.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pengguna",
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("peran", sa.String(length=20), nullable=False),
        sa.Column("kode_opd", sa.String(length=30), nullable=True),
        sa.Column("dibuat", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["kode_opd"], ["opd.kode_opd"]),
        sa.PrimaryKeyConstraint("email"),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("aksi", sa.String(length=40), nullable=False),
        sa.Column("rincian", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_waktu", "audit", ["waktu"])


def downgrade() -> None:
    op.drop_index("ix_audit_waktu", table_name="audit")
    op.drop_table("audit")
    op.drop_table("pengguna")
