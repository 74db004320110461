import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications enqueued in one transaction (a task raised and reminded in the same batch of events) share
 * `created_at` and `next_attempt_at`; a sequence number in the order they were enqueued sends them in the
 * order their events happened instead of in whatever order the heap returns.
 */
export class OrderNotificationsAsEnqueued1766500000000 implements MigrationInterface {
  name = 'OrderNotificationsAsEnqueued1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_outbox ADD COLUMN enqueued bigserial`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notification_outbox DROP COLUMN enqueued`);
  }
}
