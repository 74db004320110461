import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';

/**
 * Issue 18, «Personal data (152-ФЗ)»: sensitive columns are not readable by a database user other than the
 * application's. They live in the `personal` schema, on which PUBLIC has no rights (migration
 * 1764900000000-create-people); a reporting login granted SELECT on every table of `public` still gets
 * «permission denied» on `personal.*`.
 */
describe('the personal schema is closed to database users other than the application', () => {
  let db: DataSource;
  const reader = `reporting_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let asReader: Client;

  beforeAll(async () => {
    db = await openTestDataSource();
    // A card, so that «no rows» could never pass for «no access».
    await db.query(
      `INSERT INTO personal.persons (person_id, surname, first_name, search_key) VALUES ($1, 'Иванова', 'Мария', 'иванова мария')`,
      [randomUUID()],
    );
    const [{ database }] = await db.query<{ database: string }[]>('SELECT current_database() AS database');
    await db.query(`CREATE ROLE ${reader} LOGIN PASSWORD '${password}'`);
    await db.query(`GRANT CONNECT ON DATABASE "${database}" TO ${reader}`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${reader}`);
    await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.username = reader;
    url.password = password;
    asReader = new Client({ connectionString: url.toString() });
    await asReader.connect();
  });

  afterAll(async () => {
    await asReader?.end();
    await db?.query(`DROP OWNED BY ${reader}`);
    await db?.query(`DROP ROLE IF EXISTS ${reader}`);
    await db?.destroy();
  });

  it('reads the public tables it was granted', async () => {
    const { rows } = await asReader.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(0);
  });

  it.each(['persons', 'employments'])('gets permission denied on personal.%s', async (table) => {
    await expect(asReader.query(`SELECT * FROM personal.${table} LIMIT 1`)).rejects.toMatchObject({
      code: '42501', // insufficient_privilege
    });
  });

  it('cannot grant itself access either: the schema is the application’s', async () => {
    await expect(asReader.query(`GRANT USAGE ON SCHEMA personal TO ${reader}`)).rejects.toMatchObject({
      code: '42501',
    });
  });
});
