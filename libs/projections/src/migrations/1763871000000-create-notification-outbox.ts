import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications to send, enqueued in the same transaction as the projector's checkpoint: exactly once. */
export class CreateNotificationOutbox1763871000000 implements MigrationInterface {
  name = 'CreateNotificationOutbox1763871000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_outbox (
        notification_id uuid PRIMARY KEY,
        kind text NOT NULL,
        recipient_id text NOT NULL,
        recipient_role text NOT NULL,
        task_id uuid NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_outbox_pending_idx ON notification_outbox (created_at) WHERE sent_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_outbox`);
  }
}
