"""The months another programme covers a worker (`program_lain.mulai`, `selesai`: 'YYYY-MM', optional): the
programme's payments for those months are paid twice.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("program_lain") as tabel:
        tabel.add_column(sa.Column("mulai", sa.String(length=7), nullable=True))
        tabel.add_column(sa.Column("selesai", sa.String(length=7), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("program_lain") as tabel:
        tabel.drop_column("selesai")
        tabel.drop_column("mulai")
