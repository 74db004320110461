import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-person choices and the daily digest (issue 21). A message of a kind the person turned off is
 * `skipped_at` (not sent, not failed); one they take in the digest is `held_at` until the digest that
 * covers it (`digest_id`) is enqueued. A digest row names no single task: `task_id` may be empty.
 */
export class AddNotificationDigest1766010000001 implements MigrationInterface {
  name = 'AddNotificationDigest1766010000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_outbox
        ADD COLUMN skipped_at timestamptz,
        ADD COLUMN held_at timestamptz,
        ADD COLUMN digest_id uuid,
        ALTER COLUMN task_id DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX notification_outbox_held_idx ON notification_outbox (recipient_id)
       WHERE held_at IS NOT NULL AND digest_id IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notification_outbox_held_idx`);
    await queryRunner.query(`DELETE FROM notification_outbox WHERE task_id IS NULL`);
    await queryRunner.query(
      `ALTER TABLE notification_outbox DROP COLUMN skipped_at, DROP COLUMN held_at, DROP COLUMN digest_id,
         ALTER COLUMN task_id SET NOT NULL`,
    );
  }
}
