import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each person wants each kind of notification (issue 21): at once, in the daily digest, or not at all.
 * Only the choices that differ from «at once» are stored. Keyed by person id; the row says nothing about the
 * person, but the people-privacy export lists it and depersonalisation deletes it.
 */
export class CreateNotificationPreferences1766010000000 implements MigrationInterface {
  name = 'CreateNotificationPreferences1766010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        person_id text NOT NULL,
        kind text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('immediately', 'digest', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, kind)
      )`);
    await queryRunner.query(
      `CREATE INDEX notification_preferences_digest_idx ON notification_preferences (person_id) WHERE delivery = 'digest'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification_preferences`);
  }
}
