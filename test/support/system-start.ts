import type { UUID } from 'node:crypto';
import { loadFixtureYearsAhead } from './calendar-fixture';
import { organisationWith, type OrganisationPlace, type StaffMember } from './programme-setup';
import { TestSystem } from './system';

/**
 * What the specs whose deadlines count working days set up first, once `started` (the system, or a web journey's
 * system and browser) is up: the fixture calendar years that deadlines from now reach, then organisationWith()'s
 * organisation at `place` with `people`. Answers `started` with the organisation's id and the tokens; if the
 * set-up fails, `stop` stops what started, since the spec's afterAll never gets it.
 */
export async function withOrganisation<S extends { system: TestSystem }, K extends string>(
  started: S,
  stop: (started: S) => Promise<void>,
  place: OrganisationPlace,
  people: { readonly [P in K]: StaffMember<P> },
  admin?: UUID,
) {
  try {
    await loadFixtureYearsAhead();
    return { ...started, ...(await organisationWith(started.system, place, people, admin)) };
  } catch (error) {
    await stop(started);
    throw error;
  }
}

/** The route specs' start: the system, then withOrganisation()'s calendar and organisation. */
export async function startWithOrganisation<K extends string>(
  place: OrganisationPlace,
  people: { readonly [P in K]: StaffMember<P> },
  admin?: UUID,
) {
  return withOrganisation({ system: await TestSystem.start() }, ({ system }) => system.stop(), place, people, admin);
}
