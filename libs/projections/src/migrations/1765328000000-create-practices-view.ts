import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bank of best practices (issue 28). `search` is the practice's texts under PostgreSQL's `russian`
 * text search configuration (stemmed: «адаптации» finds «адаптация»), the title weighing most; generated
 * from the folded state, so a projection rebuild refills it and no writer can forget it.
 */
export class CreatePracticesView1765328000000 implements MigrationInterface {
  name = 'CreatePracticesView1765328000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE practices_view (
        practice_id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        author_id text NOT NULL,
        status text NOT NULL,
        form text NOT NULL,
        level text NOT NULL,
        submitted_at timestamptz NOT NULL,
        published_at timestamptz,
        state jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('russian'::regconfig, coalesce(state->'content'->>'title', '')), 'A') ||
          setweight(to_tsvector('russian'::regconfig, coalesce(state->'content'->>'subject', '')), 'B') ||
          setweight(to_tsvector('russian'::regconfig,
            coalesce(state->'content'->>'problem', '') || ' ' ||
            coalesce(state->'content'->>'whatWasDone', '') || ' ' ||
            coalesce(state->'content'->>'results', '')), 'C')
        ) STORED
      )`);
    await queryRunner.query(`CREATE INDEX practices_view_search_idx ON practices_view USING gin (search)`);
    await queryRunner.query(
      `CREATE INDEX practices_view_status_idx ON practices_view (status, organisation_id, published_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX practices_view_author_idx ON practices_view (author_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE practices_view`);
  }
}
