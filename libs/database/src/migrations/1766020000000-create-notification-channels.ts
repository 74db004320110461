import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channels a notification reaches people by besides e-mail (issue 21): a person's private calendar feed
 * and an organisation's messenger webhook. Settings, not events: no projection rebuild may touch them.
 */
export class CreateNotificationChannels1766020000000 implements MigrationInterface {
  name = 'CreateNotificationChannels1766020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One feed per person; only the sha-256 of its token is kept, so the table cannot give out a feed's address.
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        person_id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One webhook per organisation; the secret signs each delivery, so it is kept as given (shown once). In the
    // `personal` schema, closed to database users other than the application's: the secret is a credential,
    // and a bot's URL may carry its token.
    await queryRunner.query(`
      CREATE TABLE personal.organisation_webhooks (
        organisation_id uuid PRIMARY KEY,
        url text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE personal.organisation_webhooks`);
    await queryRunner.query(`DROP TABLE calendar_feeds`);
  }
}
