import { randomUUID } from 'node:crypto';
import { localDateOf } from '@mentorflow/calendar';
import {
  organisationDecider,
  organisationStream,
  type CommandMetadata,
  type OrganisationKind,
} from '@mentorflow/domain';
import { EventStore, handleCommand } from '@mentorflow/event-store';
import { openTestDataSource } from './database';
import type { OrganisationPlace } from './programme-setup';
import type { TestSystem } from './system';

const DAY = 86_400_000;

/** The instant `days` days before now, as the ISO string a command's metadata carries. */
export const daysAgo = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

type Decide<C> = Parameters<typeof handleCommand<unknown, C, { type: string; data: object }>>[2];

/**
 * A history recorded in the past: the API stamps its own clock, so a test of "as of a date" writes the events
 * straight to the store, decided by the domain's own deciders at the instants the commands' metadata carry.
 * First an organisation of `place` is registered by an administrator `registeredDaysAgo` days ago; `record` gets
 * its id, that administrator's metadata and `decide`, which decides and appends commands on a stream. Returns the
 * organisation's id.
 */
export async function recordInThePast(
  place: OrganisationPlace & { region: string },
  registeredDaysAgo: number,
  record: (history: {
    organisationId: string;
    admin: CommandMetadata;
    decide: <C extends { metadata: CommandMetadata }>(
      streamId: string,
      decider: Decide<C>,
      commands: C[],
    ) => Promise<void>;
  }) => Promise<void>,
): Promise<string> {
  const dataSource = await openTestDataSource();
  try {
    const store = new EventStore(dataSource);
    const organisationId = randomUUID();
    const admin: CommandMetadata = { actorId: randomUUID(), role: 'administrator', now: daysAgo(registeredDaysAgo) };
    const decide = async <C extends { metadata: CommandMetadata }>(
      streamId: string,
      decider: Decide<C>,
      commands: C[],
    ) => {
      for (const command of commands)
        await handleCommand(store, streamId, decider, command, {
          actorId: command.metadata.actorId,
          role: String(command.metadata.role),
          organisationId,
        });
    };
    await decide(organisationStream(organisationId), organisationDecider, [
      {
        type: 'RegisterOrganisation' as const,
        data: { ...place, kind: (place.kind ?? 'school') as OrganisationKind, organisationId },
        metadata: admin,
      },
    ]);
    await record({ organisationId, admin, decide });
    return organisationId;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The region's report as of the day `days` days ago in `timeZone`, once the projector shows at least one
 * organisation there: the body of GET /reports/region.
 */
export async function regionReportDaysAgo(
  system: TestSystem,
  token: string,
  region: string,
  days: number,
  timeZone: string,
) {
  const date = localDateOf(daysAgo(days), timeZone);
  const report = await system.eventually(
    () => system.request('GET', `/reports/region?region=${encodeURIComponent(region)}&asOf=${date}`, token),
    (r) => r.status === 200 && r.body.totals.organisations >= 1,
    30_000,
  );
  return report.body;
}
