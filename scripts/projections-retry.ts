import {
  allProjections,
  projectionByName,
  Projector,
  retryAllParked,
  UnknownProjectionError,
} from '@mentorflow/projections';
import { runProjectionsScript } from './lib/projections-script';

/**
 * npm run projections:retry [-- <name>]
 * Applies every unresolved parked event (of one read model, or of all) again through its projection,
 * after the projection's code was fixed: each that applies is resolved, each that fails stays parked with
 * its new error (exit code 1). DATABASE_URL defaults to the embedded PostgreSQL of `npm start`.
 */
const retryArguments = (args: readonly string[]) => {
  if (args.length > 1) throw new UnknownProjectionError(args.join(' '), allProjections);
  return args.length === 0 ? allProjections : [projectionByName(args[0])];
};

runProjectionsScript('projections:retry', retryArguments, async (dataSource, projections) => {
  const results = await retryAllParked(new Projector(dataSource), dataSource, projections, 'projections:retry');
  for (const { parked, outcome } of results)
    process.stderr.write(
      `[projections:retry] ${parked.projection} ${parked.eventType} at ${parked.position}: ${outcome}\n`,
    );
  const failed = results.filter((r) => r.outcome === 'failed').length;
  process.stderr.write(`[projections:retry] ${results.length - failed} resolved, ${failed} still parked\n`);
  if (failed > 0) process.exitCode = 1;
});
