import { loadavg } from 'node:os';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { describeSettings, migrate, readSettings, startServer } from './postgres';
import { finishReport, hostLine, reportHeading, type Section } from './stats';

/** What a benchmark of the API alone gets: the listening API, its URL and the database's URL. */
export interface ApiBench {
  api: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
}

/**
 * Runs a benchmark of the API without Temporal (input.bench.ts, people-import.bench.ts): PostgreSQL (own
 * throwaway durable cluster, or DATABASE_URL) migrated, the API (createApiApp) listening in this process,
 * `measure` adding its sections, then everything stopped and the report printed. Returns the exit code.
 */
export async function runApiBench(report: {
  title: string;
  smoke: boolean;
  strict: boolean;
  problems: string[];
  unmet: string[];
  log: (message: string) => void;
  measure: (bench: ApiBench, sections: Section[]) => Promise<void>;
}): Promise<number> {
  const { log } = report;
  const started = new Date();
  const loadBefore = loadavg();
  const server = await startServer(log);
  let api: NestFastifyApplication | undefined;
  const sections: Section[] = [];
  let context: string[] = [];
  try {
    process.env.DATABASE_URL = server.url;
    // Lazy: the API starts without reaching Temporal, and nothing here calls a workflow.
    process.env.TEMPORAL_ADDRESS ??= '127.0.0.1:7233';
    await migrate(server.url, log);
    const pool = new Pool({ connectionString: server.url, max: 1 });
    const settings = await readSettings(pool).finally(() => pool.end());
    context = [
      `- ${hostLine(loadBefore)}`,
      `- PostgreSQL ${settings.version}, ${server.own ? 'throwaway embedded cluster' : 'DATABASE_URL'}: ${describeSettings(settings)}`,
    ];
    log('starting the API');
    const { createApiApp } = await import('../../apps/api/src/bootstrap');
    api = await createApiApp({ logger: false });
    await api.listen(0, '127.0.0.1');
    await report.measure({ api, baseUrl: await api.getUrl(), databaseUrl: server.url }, sections);
  } finally {
    await api?.close().catch((error: Error) => log(`close: ${error.message}`));
    await server.stop().catch((error: Error) => log(`stop: ${error.message}`));
  }
  return finishReport({
    heading: reportHeading(report.title, started, report.smoke),
    context,
    sections,
    problems: report.problems,
    unmet: report.unmet,
    strict: report.strict,
    log,
  });
}
