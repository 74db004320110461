import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification row goes by one channel: `email` (every row so far) or `webhook` (the organisation's
 * messenger webhook, issue 21). One table and one dispatcher loop for both, so retries, backoff, parking and
 * the administrator's resend are the same code.
 */
export class AddNotificationChannel1766020000001 implements MigrationInterface {
  name = 'AddNotificationChannel1766020000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_outbox ADD COLUMN channel text NOT NULL DEFAULT 'email'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_outbox DROP COLUMN channel`);
  }
}
