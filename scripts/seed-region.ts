import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { EventStore } from '@mentorflow/event-store';
import { allProjections, Projector } from '@mentorflow/projections';
import { mentorflowDataConverter, payloadCodecFor } from '@mentorflow/temporal';
import { nextOrganisationCode, registeredOrganisationCode } from './region/append-region';
import { expectedRegionFigures } from './region/expected-figures';
import { generateRegion } from './region/generate-region';
import { onboardRegion, type OnboardingTemporal } from './region/onboard-region';

/**
 * npm run seed:region -- --municipalities 5 --organisations 40 --pairs 400 --routes 300 --seed 42
 * Generates a region with a year of history through the domain deciders, appends it to DATABASE_URL through
 * the bulk path (onboard-region.ts), catches the read models up and prints the figures the regional report
 * must show. With a Temporal server (`--workflows`, or TEMPORAL_ADDRESS set) it also starts the workflows of
 * the running programmes, pairs and routes on TEMPORAL_TASK_QUEUE (default mentorflow), so their timers run
 * and the API's commands reach them; `--no-workflows` leaves them out.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      municipalities: { type: 'string', default: '5' },
      organisations: { type: 'string', default: '40' },
      pairs: { type: 'string', default: '400' },
      routes: { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
      region: { type: 'string', default: 'Самарская область' },
      'dry-run': { type: 'boolean', default: false },
      workflows: { type: 'boolean' },
      'no-workflows': { type: 'boolean', default: false },
      /** The end of the generated year as an ISO instant (default: now); the same `now` and seed give the same region. */
      now: { type: 'string' },
    },
  });
  const count = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${String(name)} must be a whole number`);
    return n;
  };
  const url = process.env.DATABASE_URL;
  if (!url && !values['dry-run']) throw new Error('DATABASE_URL is not set');
  const dataSource = values['dry-run'] || !url ? undefined : await new DataSource(dataSourceOptions(url)).initialize();
  // Route codes continue the registry: the generated organisations take the next free numbers.
  const firstOrganisationCode = dataSource ? await nextOrganisationCode((sql, p) => dataSource.query(sql, p), 63) : 1;
  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (Number.isNaN(now)) throw new Error('--now must be an ISO instant, e.g. 2026-11-30T09:00:00Z');
  const started = Date.now();
  const generate = (firstOrganisationCode: number) =>
    generateRegion({
      firstOrganisationCode,
      municipalities: Math.max(1, count('municipalities')),
      organisations: count('organisations'),
      pairs: count('pairs'),
      routes: count('routes'),
      seed: count('seed'),
      region: values.region as string,
      now,
    });
  // The same seed gives the same organisation ids: a region entered before keeps its numbers (and so its codes).
  const first = generate(firstOrganisationCode);
  const firstOrganisation = first.ledger[0]?.organisationId;
  const registered =
    dataSource && firstOrganisation !== undefined
      ? await registeredOrganisationCode((sql, p) => dataSource.query(sql, p), firstOrganisation)
      : undefined;
  const region = registered === undefined || registered === firstOrganisationCode ? first : generate(registered);
  const events = region.streams.reduce((t, s) => t + s.events.length, 0);
  const generatedMs = Date.now() - started;
  process.stderr.write(
    `[seed:region] generated ${region.streams.length} streams, ${events} events in ${generatedMs} ms\n`,
  );
  const expected = expectedRegionFigures(region);
  if (!dataSource) {
    process.stdout.write(`${JSON.stringify({ region: region.region, expected }, null, 2)}\n`);
    return;
  }
  const address = process.env.TEMPORAL_ADDRESS ?? (values.workflows ? '127.0.0.1:7233' : undefined);
  const connection =
    values['no-workflows'] || address === undefined ? undefined : await Connection.connect({ address });
  try {
    const temporal: OnboardingTemporal | undefined = connection && {
      // The API's payload encryption: the worker only reads sealed payloads.
      client: new Client({
        connection,
        namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
        dataConverter: mentorflowDataConverter(payloadCodecFor(process.env.TEMPORAL_PAYLOAD_KEYS)),
      }),
      taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'mentorflow',
    };
    const onboarded = await onboardRegion(
      { store: new EventStore(dataSource), query: (sql, p) => dataSource.query(sql, p), ...(temporal && { temporal }) },
      region,
    );
    const appendMs = Math.round(onboarded.appendMs);
    const startMs = Math.round(onboarded.startMs);
    const { started, existing, finished } = onboarded.workflows;
    process.stderr.write(
      `[seed:region] appended ${onboarded.events} events of ${onboarded.streams} streams in ${appendMs} ms; ${
        temporal
          ? `${started} workflows started in ${startMs} ms (${existing} already there, ${finished} aggregates finished)`
          : 'no workflows started (no Temporal: --workflows or TEMPORAL_ADDRESS)'
      }\n`,
    );
    const projectStart = Date.now();
    const projector = new Projector(dataSource);
    for (const projection of allProjections) await projector.catchUp(projection);
    const projectMs = Date.now() - projectStart;
    process.stderr.write(`[seed:region] read models caught up in ${projectMs} ms\n`);
    process.stdout.write(
      `${JSON.stringify(
        {
          region: region.region,
          events,
          timings: { generatedMs, appendMs, startMs, projectMs },
          workflows: onboarded.workflows,
          expected,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await connection?.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed:region] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
