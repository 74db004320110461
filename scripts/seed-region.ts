import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@mentorflow/database';
import { EventStore } from '@mentorflow/event-store';
import { allProjections, Projector } from '@mentorflow/projections';
import { appendRegion, nextOrganisationCode, registerRouteCodes } from './region/append-region';
import { expectedRegionFigures } from './region/expected-figures';
import { generateRegion } from './region/generate-region';

/**
 * npm run seed:region -- --municipalities 5 --organisations 40 --pairs 400 --routes 300 --seed 42
 * Generates a region with a year of history through the domain deciders, appends it to DATABASE_URL,
 * catches the read models up and prints the figures the regional report must show.
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
  const started = Date.now();
  const region = generateRegion({
    firstOrganisationCode,
    municipalities: Math.max(1, count('municipalities')),
    organisations: count('organisations'),
    pairs: count('pairs'),
    routes: count('routes'),
    seed: count('seed'),
    region: values.region as string,
  });
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
  try {
    const appendStart = Date.now();
    await appendRegion(new EventStore(dataSource), region);
    await registerRouteCodes((sql, p) => dataSource.query(sql, p), region);
    const appendMs = Date.now() - appendStart;
    const projectStart = Date.now();
    const projector = new Projector(dataSource);
    for (const projection of allProjections) await projector.catchUp(projection);
    const projectMs = Date.now() - projectStart;
    process.stderr.write(`[seed:region] appended in ${appendMs} ms, read models caught up in ${projectMs} ms\n`);
    process.stdout.write(
      `${JSON.stringify({ region: region.region, events, timings: { generatedMs, appendMs, projectMs }, expected }, null, 2)}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed:region] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
