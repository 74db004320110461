import { allProjections } from './all-projections';
import type { Projection } from './projection';

/** A projection name an operator typed that is not one; the message lists the names there are. */
export class UnknownProjectionError extends Error {
  constructor(name: string | undefined, projections: readonly Projection[]) {
    const names = projections.map((p) => p.name).join(', ');
    super(
      name === undefined
        ? `Name one projection: ${names}`
        : `Unknown projection "${name}"; the projections are: ${names}`,
    );
    this.name = 'UnknownProjectionError';
  }
}

export function projectionByName(
  name: string | undefined,
  projections: readonly Projection[] = allProjections,
): Projection {
  const projection = projections.find((p) => p.name === name);
  if (!projection) throw new UnknownProjectionError(name, projections);
  return projection;
}

/** `npm run projections:rebuild -- <name>`: exactly one name, nothing else. */
export function rebuildArguments(
  args: readonly string[],
  projections: readonly Projection[] = allProjections,
): Projection {
  if (args.length > 1) throw new UnknownProjectionError(args.join(' '), projections);
  return projectionByName(args[0], projections);
}
