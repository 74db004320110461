import { randomUUID } from 'node:crypto';
import { roles } from '@mentorflow/domain';
import { openTestDataSource } from './database';
import { registerOrganisation, type OrganisationPlace } from './programme-setup';
import { isWrite, routeTable } from './route-table';
import { TestSystem } from './system';

/**
 * What the input specs send their bodies through: the system, its database, a token holding every role in an
 * organisation registered at `place` (so no guard answers before validation does), and every write endpoint.
 */
export async function startWithEveryRole(place: OrganisationPlace) {
  const system = await TestSystem.start();
  const db = await openTestDataSource();
  const admin = system.token(randomUUID(), ['administrator']);
  const organisationId = (await registerOrganisation(system, admin, place)).body.organisationId as string;
  const token = system.token(randomUUID(), [...roles], [organisationId]);
  await system.usersStored();
  return { system, db, organisationId, token, writes: routeTable(system.api).filter(isWrite) };
}
