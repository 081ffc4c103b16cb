"""The NIP under which BPJS records a participant's contributions as paid (`peserta_bpjs.nip_pembayar`, optional):
a worker paid for by another ASN than the programme's sponsor is a class of the reconciliation.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("peserta_bpjs") as tabel:
        tabel.add_column(sa.Column("nip_pembayar", sa.String(length=18), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("peserta_bpjs") as tabel:
        tabel.drop_column("nip_pembayar")
