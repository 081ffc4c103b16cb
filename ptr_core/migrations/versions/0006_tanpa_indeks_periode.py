"""Drop the index on iuran.periode: measured, it only slowed things down.

An upload's lookups (`nik IN (...) AND periode IN (...)`) are served by the unique index on (nik, periode,
tanggal_bayar); PostgreSQL still ANDed in a bitmap of every payment of the file's months (1,8 million rows,
52 of 80 ms per lookup at province scale). The summaries' window (`periode >= ...`, a quarter of the table)
reads faster as a sequential scan on both engines (PostgreSQL 1,7 s instead of 2,1 s; SQLite 0,23 s instead
of 0,28 s). And every insert maintains one index less.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_iuran_periode", table_name="iuran")


def downgrade() -> None:
    op.create_index("ix_iuran_periode", "iuran", ["periode"])
