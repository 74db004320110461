import type { ProgrammeState } from '@mentorflow/domain';
import type { SqlExecutor } from '@mentorflow/event-store';

/** A programme as programmes_view holds it: the folded state and the stream version it reflects. */
export interface ProgrammeRow {
  state: ProgrammeState;
  version: number;
}

export async function findProgramme(db: SqlExecutor, programmeId: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db.query<ProgrammeRow>('SELECT state, version FROM programmes_view WHERE programme_id = $1', [
    programmeId,
  ]);
  return row;
}

/** Most recently changed first; `all` (an administrator) ignores `organisationIds`. */
export function listProgrammes(
  db: SqlExecutor,
  filter: {
    all: boolean;
    organisationIds: readonly string[];
    organisationId: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<ProgrammeRow[]> {
  return db.query<ProgrammeRow>(
    `SELECT state, version FROM programmes_view
     WHERE ($1 OR organisation_id = ANY($2::uuid[])) AND ($3::uuid IS NULL OR organisation_id = $3::uuid)
     ORDER BY updated_at DESC LIMIT $4 OFFSET $5`,
    [filter.all, filter.organisationIds, filter.organisationId ?? null, filter.limit, filter.offset],
  );
}
