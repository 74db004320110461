import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery with retries: a failed send waits until `next_attempt_at` (exponential backoff); after the
 * configured number of attempts it is parked (`failed_at`) with its `last_error` until an administrator
 * resends it (who, when and why is kept on the row). The dispatcher picks what is neither sent nor parked
 * and due, oldest first.
 */
export class AddNotificationDelivery1765100000000 implements MigrationInterface {
  name = 'AddNotificationDelivery1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_outbox
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN resent_at timestamptz,
        ADD COLUMN resent_by text,
        ADD COLUMN resend_reason text`);
    await queryRunner.query(`DROP INDEX notification_outbox_pending_idx`);
    await queryRunner.query(
      `CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at, created_at)
       WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_outbox_failed_idx ON notification_outbox (failed_at) WHERE failed_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notification_outbox_failed_idx`);
    await queryRunner.query(`DROP INDEX notification_outbox_due_idx`);
    await queryRunner.query(
      `ALTER TABLE notification_outbox DROP COLUMN next_attempt_at, DROP COLUMN failed_at, DROP COLUMN resent_at, DROP COLUMN resent_by, DROP COLUMN resend_reason`,
    );
    await queryRunner.query(
      `CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE sent_at IS NULL`,
    );
  }
}
