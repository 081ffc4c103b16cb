"""Per sponsor and month: workers aktif and menunggak and what they owe, so that the OPD's ASN lists (counts per
sponsorship status, the status filter, arrears) are pages of SQL instead of every worker's payments.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled with the other summaries at the next commit or read (agregat_db.muat finds them stale).
    op.create_table(
        "agregat_asn",
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("bulan", sa.Integer(), nullable=False),
        sa.Column("aktif", sa.Integer(), nullable=False),
        sa.Column("menunggak", sa.Integer(), nullable=False),
        sa.Column("kurang", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("nip", "bulan"),
    )
    op.execute("UPDATE agregat_info SET versi = -1")


def downgrade() -> None:
    op.drop_table("agregat_asn")
