import { Projector, rebuildArguments } from '@mentorflow/projections';
import { runProjectionsScript } from './lib/projections-script';

/**
 * npm run projections:rebuild -- <name>
 * Empties one read model and folds the whole store into it again, in one transaction: readers see the
 * old model until it commits, and the running projector waits for it (same advisory lock). DATABASE_URL
 * defaults to the embedded PostgreSQL of `npm start`.
 */
runProjectionsScript('projections:rebuild', rebuildArguments, async (dataSource, projection) => {
  const started = Date.now();
  const events = await new Projector(dataSource).rebuild(projection);
  process.stderr.write(
    `[projections:rebuild] ${projection.name}: rebuilt from ${events} events in ${Date.now() - started} ms\n`,
  );
});
