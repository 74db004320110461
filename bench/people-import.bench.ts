/**
 * Benchmark 11 (issue 18): the staff import through the API — preview and apply of an XLSX of N rows
 * (5,000 by default), and a re-import of the same file — against a raw multi-row INSERT of the same rows
 * into copies of the personal tables, measured in the same run.
 *
 *   node -r @swc-node/register bench/people-import.bench.ts [--smoke] [--rows N] [--rounds N] [--strict]
 *
 * The API (Nest on Fastify, createApiApp) runs in this process on PostgreSQL (support/postgres.ts).
 * Temporal is not needed: the import writes tables and events in one transaction, no workflow. Each round
 * imports into a fresh organisation, so apply creates every row. See bench/README.md.
 */
import 'reflect-metadata';
import './support/env';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore } from '@mentorflow/event-store';
import { UserDirectory } from '../apps/api/src/users/user-directory';
import { registerTestSchool } from '../test/support/organisation';
import { importBody, staffRow, staffXlsx } from '../test/support/people-import';
import { runApiBench } from './support/api-bench';
import { median, ms, runMain } from './support/stats';
import { benchCli } from './support/cli';

const cli = benchCli('bench:people-import', {
  rows: { type: 'string' },
  rounds: { type: 'string' },
});
const { args, smoke: SMOKE, num, check, unmet, log, verdict } = cli;
const ROWS = num(args.rows, 5_000, 50);
const ROUNDS = num(args.rounds, 3, 1);
/** Issue 18: 5,000 rows preview in under 10 s, apply in under 30 s. */
const PREVIEW_TARGET_MS = 10_000;
const APPLY_TARGET_MS = 30_000;

const categories = ['первая', 'высшая', 'без категории', 'педагог-наставник'];
const subjects = ['математика', 'физика', 'русский язык; литература', 'история', 'химия'];
/** A staff list as a school keeps it: every column of the template filled. */
const staffList = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    staffRow({
      personnelKey: `T-${String(i + 1).padStart(6, '0')}`,
      surname: `Иванова${i}`,
      firstName: 'Мария',
      patronymic: 'Петровна',
      positions: 'учитель',
      subjects: subjects[i % subjects.length],
      category: categories[i % categories.length],
      education: 'высшее, педагогический университет',
      teachingExperienceYears: 5 + (i % 30),
      subjectExperienceYears: 3 + (i % 30),
      lastAttestationDate: `${String(1 + (i % 28)).padStart(2, '0')}.03.2024`,
      workEmail: `teacher${i}@school.example`,
      workPhone: `+7 900 ${String(i).padStart(7, '0')}`,
      birthDate: '1985-05-17',
      status: 'работает',
    }),
  );

async function main(): Promise<number> {
  return runApiBench({
    title: 'People import benchmark',
    ...cli,
    measure: async ({ api, baseUrl, databaseUrl }, sections) => {
      const pool = new Pool({ connectionString: databaseUrl, max: 2 });
      const db = api.get(DataSource);
      const store = new EventStore(db);
      const users = new UserDirectory(db);

      log(`building an XLSX of ${ROWS} rows`);
      const rows = staffList(ROWS);
      const file = await staffXlsx(rows);
      const body = JSON.stringify(importBody('staff.xlsx', file));

      // The baseline: the same rows as one multi-row INSERT each into copies of the two tables.
      await pool.query(`CREATE TABLE IF NOT EXISTS bench_persons (LIKE personal.persons INCLUDING ALL)`);
      await pool.query(`CREATE TABLE IF NOT EXISTS bench_employments (LIKE personal.employments INCLUDING ALL)`);
      const rawInsert = async (organisationId: string): Promise<number> => {
        const ids = rows.map(() => randomUUID());
        const t = performance.now();
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO bench_persons (person_id, surname, first_name, patronymic, search_key, work_email, work_phone, education)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
            [
              ids,
              rows.map((r) => r[1]),
              rows.map((r) => r[2]),
              rows.map((r) => r[3]),
              rows.map((r) => `${r[1]} ${r[2]} ${r[3]}`.toLowerCase()),
              rows.map((r) => r[11]),
              rows.map((r) => r[12]),
              rows.map((r) => r[7]),
            ],
          );
          await client.query(
            `INSERT INTO bench_employments (person_id, organisation_id, personnel_key)
           SELECT id, $2, key FROM unnest($1::uuid[], $3::text[]) AS t(id, key)`,
            [ids, organisationId, rows.map((r) => r[0])],
          );
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        return performance.now() - t;
      };

      const post = async (organisationId: string, token: string, step: 'preview' | 'apply') => {
        const t = performance.now();
        const response = await fetch(`${baseUrl}/organisations/${organisationId}/people/import/${step}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        const answer = (await response.json()) as { counts?: Record<string, number>; detail?: string };
        const elapsed = performance.now() - t;
        check(response.status === 200, `${step}: status ${response.status} ${answer.detail ?? ''}`);
        return { ms: elapsed, counts: answer.counts ?? {} };
      };

      const raw: number[] = [];
      const previews: number[] = [];
      const applies: number[] = [];
      const reimports: number[] = [];
      const perRound: string[] = [];
      const organisationIds: string[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const organisationId = randomUUID();
        organisationIds.push(organisationId);
        await registerTestSchool(store, organisationId, `Школа ${round}`);
        const curator = randomUUID();
        await users.ensure(curator, 'Куратор', [{ role: 'curator', organisationId }]);
        const token = api.get(JwtService).sign({ sub: curator });

        const baseline = await rawInsert(organisationId);
        const preview = await post(organisationId, token, 'preview');
        check(preview.counts.created === ROWS, `preview: ${JSON.stringify(preview.counts)}, expected ${ROWS} created`);
        const apply = await post(organisationId, token, 'apply');
        check(apply.counts.created === ROWS, `apply: ${JSON.stringify(apply.counts)}, expected ${ROWS} created`);
        const reimport = await post(organisationId, token, 'apply');
        check(reimport.counts.unchanged === ROWS, `re-import: ${JSON.stringify(reimport.counts)}, expected unchanged`);
        raw.push(baseline);
        previews.push(preview.ms);
        applies.push(apply.ms);
        reimports.push(reimport.ms);
        perRound.push(
          `| ${round} | ${ms(baseline)} | ${ms(preview.ms)} | ${ms(apply.ms)} | ${ms(reimport.ms)} | ${(apply.ms / baseline).toFixed(0)} |`,
        );
      }
      // Counted for this run's organisations only: a shared DATABASE_URL may hold earlier runs.
      const [events] = (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM events
          WHERE stream_id IN (SELECT 'person-' || person_id FROM personal.employments WHERE organisation_id = ANY($1::uuid[]))`,
          [organisationIds],
        )
      ).rows;
      check(events?.n === ROWS * ROUNDS, `${events?.n} person events, expected ${ROWS * ROUNDS} (one per created row)`);
      await pool.end();

      const previewP50 = median(previews);
      const applyP50 = median(applies);
      const rawP50 = median(raw);
      const previewOk = Math.max(...previews) < PREVIEW_TARGET_MS;
      const applyOk = Math.max(...applies) < APPLY_TARGET_MS;
      if (!SMOKE && !previewOk) unmet.push(`11. preview of ${ROWS} rows took ${ms(Math.max(...previews))}`);
      if (!SMOKE && !applyOk) unmet.push(`11. apply of ${ROWS} rows took ${ms(Math.max(...applies))}`);

      sections.push({
        title: `11. Staff import through the API — an XLSX of ${ROWS.toLocaleString('en-US')} rows (${(file.length / 1e6).toFixed(2)} MB, every column filled)`,
        lines: [
          `${ROUNDS} rounds, each into a fresh organisation; client-side wall time (send the base64 JSON, parse the file, decide every row, write, answer).`,
          '',
          '| figure | median | worst | ratio to the raw INSERT (median) | target | met |',
          '|---|---:|---:|---:|---|---|',
          `| raw multi-row INSERT of the same rows (baseline) | ${ms(rawP50)} | ${ms(Math.max(...raw))} | 1 | | |`,
          `| preview | ${ms(previewP50)} | ${ms(Math.max(...previews))} | ${(previewP50 / rawP50).toFixed(0)} | < ${PREVIEW_TARGET_MS / 1000} s | ${verdict(previewOk)} |`,
          `| apply (creates every row, ${ROWS} events) | ${ms(applyP50)} | ${ms(Math.max(...applies))} | ${(applyP50 / rawP50).toFixed(0)} | < ${APPLY_TARGET_MS / 1000} s | ${verdict(applyOk)} |`,
          `| re-import of the same file (nothing changes) | ${ms(median(reimports))} | ${ms(Math.max(...reimports))} | ${(median(reimports) / rawP50).toFixed(0)} | | |`,
          '',
          'The baseline writes only the rows; the import also reads the file (XLSX unzip and XML), checks every card, reads the organisation’s persons and appends one hash-chained event per changed person.',
          '',
          '<details><summary>per round</summary>',
          '',
          '| round | raw INSERT | preview | apply | re-import | apply ÷ raw |',
          '|---:|---:|---:|---:|---:|---:|',
          ...perRound,
          '',
          '</details>',
        ],
      });
    },
  });
}

runMain(main, log);
