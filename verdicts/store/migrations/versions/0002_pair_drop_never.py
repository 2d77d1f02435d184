"""pair drops remember pairing's reason and whether the editor judged the pair not comparable

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 06:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pair_drops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("never", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("pair_drops", schema=None) as batch_op:
        batch_op.drop_column("never")
        batch_op.drop_column("reason")
