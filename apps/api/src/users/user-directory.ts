import { searchFolded } from '../common/text-search';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { userStream, type Role } from '@mentorflow/domain';
import { EventStore } from '@mentorflow/event-store';
import type { RoleAssignment } from '../auth/auth.types';

export interface StoredAssignment extends RoleAssignment {
  assignmentId: string;
  grantedAt: string;
}

export interface DirectoryUser {
  userId: string;
  sub: string;
  fullName: string;
  email: string | null;
  createdAt: string;
  disabledAt: string | null;
  assignments: StoredAssignment[];
}

/** Who changed access, for the events' metadata: an administrator's subject, or `system` for scripts and tests. */
export interface AccessActor {
  actorId: string;
  role: Role | 'system';
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}
export class AssignmentExistsError extends Error {
  override readonly name = 'AssignmentExistsError';
}
export class AssignmentMissingError extends Error {
  override readonly name = 'AssignmentMissingError';
}

interface Row {
  user_id: string;
  subject: string;
  full_name: string;
  email: string | null;
  created_at: Date;
  disabled_at: Date | null;
  assignment_id: string | null;
  role: Role | null;
  organisation_id: string | null;
  region: string | null;
  municipality: string | null;
  granted_at: Date | null;
}

const SELECT_USERS = `
  SELECT u.user_id, u.subject, u.full_name, u.email, u.created_at, u.disabled_at,
         a.assignment_id, a.role, a.organisation_id, a.region, a.municipality, a.granted_at
  FROM users u LEFT JOIN role_assignments a ON a.user_id = u.user_id`;

const UNIQUE_VIOLATION = '23505';

/** Only the scope fields a role takes, so a stray organisationId on an administrator is never stored. */
export function normaliseAssignment(assignment: RoleAssignment): RoleAssignment {
  const { role } = assignment;
  if (role === 'administrator') return { role };
  if (role === 'regionalCoordinator') {
    return {
      role,
      region: assignment.region,
      ...(assignment.municipality ? { municipality: assignment.municipality } : {}),
    };
  }
  return { role, organisationId: assignment.organisationId };
}

function toUsers(rows: Row[]): DirectoryUser[] {
  const users = new Map<string, DirectoryUser>();
  for (const row of rows) {
    let user = users.get(row.user_id);
    if (!user) {
      user = {
        userId: row.user_id,
        sub: row.subject,
        fullName: row.full_name,
        email: row.email,
        createdAt: row.created_at.toISOString(),
        disabledAt: row.disabled_at?.toISOString() ?? null,
        assignments: [],
      };
      users.set(row.user_id, user);
    }
    if (row.assignment_id && row.role) {
      user.assignments.push({
        assignmentId: row.assignment_id,
        role: row.role,
        ...(row.organisation_id ? { organisationId: row.organisation_id } : {}),
        ...(row.region ? { region: row.region } : {}),
        ...(row.municipality ? { municipality: row.municipality } : {}),
        grantedAt: (row.granted_at as Date).toISOString(),
      });
    }
  }
  return [...users.values()];
}

/**
 * Users and their role assignments. Every change is written to the tables and, in the same
 * transaction, as an event to the user's stream (UserRegistered, RoleGranted, RoleRevoked), so the
 * hash-chained event store holds an audit trail of who got or lost which access, when and from whom.
 * Used by the API, by `npm run token` and by the tests' TestSystem.token.
 */
export class UserDirectory {
  constructor(private readonly db: DataSource) {}

  /** The signed-in user with their assignments: one indexed query, no cache, so a revocation counts at once. */
  async findBySubject(subject: string): Promise<DirectoryUser | undefined> {
    return toUsers(await this.db.query<Row[]>(`${SELECT_USERS} WHERE u.subject = $1`, [subject]))[0];
  }

  async findById(userId: string): Promise<DirectoryUser | undefined> {
    return toUsers(await this.db.query<Row[]>(`${SELECT_USERS} WHERE u.user_id = $1`, [userId]))[0];
  }

  /** A page of users by name; `term` (searchTerm's, folded and escaped) narrows it to names, subjects and e-mails containing it. */
  async list(limit: number, offset: number, term: string | null = null): Promise<DirectoryUser[]> {
    return toUsers(
      await this.db.query<Row[]>(
        `${SELECT_USERS} WHERE u.user_id IN (
           SELECT user_id FROM users
            WHERE $3::text IS NULL
               OR ${searchFolded("full_name || ' ' || subject || ' ' || coalesce(email, '')")} LIKE '%' || $3 || '%'
            ORDER BY full_name, user_id LIMIT $1 OFFSET $2)
         ORDER BY u.full_name, u.user_id, a.granted_at`,
        [limit, offset, term],
      ),
    );
  }

  /** Users who may sign in, for the development sign-in page. */
  async listActive(limit = 200): Promise<DirectoryUser[]> {
    return toUsers(
      await this.db.query<Row[]>(
        `${SELECT_USERS} WHERE u.user_id IN (SELECT user_id FROM users WHERE disabled_at IS NULL ORDER BY full_name, user_id LIMIT $1)
         ORDER BY u.full_name, u.user_id, a.granted_at`,
        [limit],
      ),
    );
  }

  async register(input: { sub: string; fullName: string; email?: string }, actor: AccessActor): Promise<DirectoryUser> {
    const userId = randomUUID();
    await this.inTransaction(async (manager, store) => {
      try {
        await manager.query('INSERT INTO users (user_id, subject, full_name, email) VALUES ($1, $2, $3, $4)', [
          userId,
          input.sub,
          input.fullName,
          input.email ?? null,
        ]);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new UserExistsError(input.sub);
        throw error;
      }
      // Ids only (issue 18): the name stays in `users`, which depersonalisation can erase; the hash-chained
      // event cannot be. UserRegistered events stored before this carry `fullName` (see README «Personal data»).
      await appendTo(store, userId, 'UserRegistered', { userId, subject: input.sub }, actor);
    });
    return (await this.findById(userId)) as DirectoryUser;
  }

  /**
   * Corrects the user's subject, name or e-mail (`null` removes it) in place: the same user, roles and history,
   * never a second account. Recorded as UserDetailsChanged naming the fields changed — the new subject, like
   * UserRegistered's, but never the name or the address (issue 18).
   */
  async update(
    userId: string,
    changes: { sub?: string; fullName?: string; email?: string | null },
    actor: AccessActor,
  ): Promise<DirectoryUser | undefined> {
    const before = await this.findById(userId);
    if (!before) return undefined;
    const changed = (
      [
        ['subject', changes.sub, before.sub],
        ['fullName', changes.fullName, before.fullName],
        ['email', changes.email, before.email],
      ] as const
    ).flatMap(([field, next, previous]) => (next !== undefined && next !== previous ? [field] : []));
    if (changed.length === 0) return before;
    await this.inTransaction(async (manager, store) => {
      try {
        await manager.query(
          `UPDATE users SET subject = COALESCE($2, subject), full_name = COALESCE($3, full_name),
             email = CASE WHEN $4::boolean THEN $5 ELSE email END
           WHERE user_id = $1`,
          [userId, changes.sub ?? null, changes.fullName ?? null, changes.email !== undefined, changes.email ?? null],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new UserExistsError(changes.sub ?? '');
        throw error;
      }
      await appendTo(
        store,
        userId,
        'UserDetailsChanged',
        { userId, changed, ...(changed.includes('subject') ? { subject: changes.sub } : {}) },
        actor,
      );
    });
    return this.findById(userId);
  }

  async grant(userId: string, requested: RoleAssignment, actor: AccessActor): Promise<StoredAssignment> {
    const assignment = normaliseAssignment(requested);
    const assignmentId = randomUUID();
    await this.inTransaction(async (manager, store) => {
      try {
        await manager.query(
          `INSERT INTO role_assignments (assignment_id, user_id, role, organisation_id, region, municipality) VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            assignmentId,
            userId,
            assignment.role,
            assignment.organisationId ?? null,
            assignment.region ?? null,
            assignment.municipality ?? null,
          ],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new AssignmentExistsError(assignment.role);
        throw error;
      }
      await appendTo(store, userId, 'RoleGranted', { userId, assignmentId, ...assignment }, actor);
    });
    const user = await this.findById(userId);
    return user?.assignments.find((a) => a.assignmentId === assignmentId) as StoredAssignment;
  }

  /** Revokes the assignment with exactly this role and scope. */
  async revoke(userId: string, requested: RoleAssignment, actor: AccessActor): Promise<StoredAssignment> {
    const assignment = normaliseAssignment(requested);
    let revoked: StoredAssignment | undefined;
    await this.inTransaction(async (manager, store) => {
      const rows = await manager.query<{ assignment_id: string; granted_at: Date }[]>(
        `DELETE FROM role_assignments
         WHERE user_id = $1 AND role = $2 AND organisation_id IS NOT DISTINCT FROM $3::uuid
           AND region IS NOT DISTINCT FROM $4::text AND municipality IS NOT DISTINCT FROM $5::text
         RETURNING assignment_id, granted_at`,
        [
          userId,
          assignment.role,
          assignment.organisationId ?? null,
          assignment.region ?? null,
          assignment.municipality ?? null,
        ],
      );
      // DELETE … RETURNING comes back as [rows, count] through TypeORM's postgres driver.
      const [row] = (Array.isArray(rows[0]) ? rows[0] : rows) as { assignment_id: string; granted_at: Date }[];
      if (!row) throw new AssignmentMissingError(assignment.role);
      revoked = { assignmentId: row.assignment_id, ...assignment, grantedAt: row.granted_at.toISOString() };
      await appendTo(store, userId, 'RoleRevoked', { userId, assignmentId: row.assignment_id, ...assignment }, actor);
    });
    return revoked as StoredAssignment;
  }

  /**
   * Blocks (`disabled`) or unblocks the user. A blocked user's tokens, valid as they may be, are refused
   * from the next request (the guard reads `disabled_at` with the user on every request). Recorded as
   * UserDeactivated / UserActivated in the user's stream; asking for the state the user is already in
   * changes and records nothing.
   */
  async setDisabled(
    userId: string,
    disabled: boolean,
    actor: AccessActor,
    reason?: string,
  ): Promise<DirectoryUser | undefined> {
    await this.inTransaction(async (manager, store) => {
      const rows = await manager.query<{ user_id: string }[]>(
        `UPDATE users SET disabled_at = CASE WHEN $2::boolean THEN now() ELSE NULL END
         WHERE user_id = $1 AND (disabled_at IS NULL) = $2::boolean
         RETURNING user_id`,
        [userId, disabled],
      );
      // UPDATE … RETURNING comes back as [rows, count] through TypeORM's postgres driver.
      const [row] = (Array.isArray(rows[0]) ? rows[0] : rows) as { user_id: string }[];
      if (!row) return;
      await appendTo(
        store,
        userId,
        disabled ? 'UserDeactivated' : 'UserActivated',
        { userId, ...(reason ? { reason } : {}) },
        actor,
      );
    });
    return this.findById(userId);
  }

  /**
   * For development and tests: the user with this subject holding at least these assignments,
   * created or extended as needed (each change still recorded as an event).
   */
  async ensure(sub: string, fullName: string, assignments: RoleAssignment[]): Promise<DirectoryUser> {
    const system: AccessActor = { actorId: 'system', role: 'system' };
    let user = await this.findBySubject(sub);
    if (!user) {
      try {
        user = await this.register({ sub, fullName }, system);
      } catch (error) {
        if (!(error instanceof UserExistsError)) throw error;
        user = (await this.findBySubject(sub)) as DirectoryUser;
      }
    }
    for (const wanted of assignments.map(normaliseAssignment)) {
      const held = user.assignments.some(
        (a) =>
          a.role === wanted.role &&
          a.organisationId === wanted.organisationId &&
          a.region === wanted.region &&
          a.municipality === wanted.municipality,
      );
      if (held) continue;
      try {
        await this.grant(user.userId, wanted, system);
      } catch (error) {
        if (!(error instanceof AssignmentExistsError)) throw error;
      }
    }
    return (await this.findById(user.userId)) as DirectoryUser;
  }

  private async inTransaction(work: (manager: EntityManager, store: EventStore) => Promise<void>): Promise<void> {
    await this.db.transaction(async (manager) => {
      await work(manager, new EventStore({ query: (sql, parameters) => manager.query(sql, parameters) }));
    });
  }
}

async function appendTo(
  store: EventStore,
  userId: string,
  type: string,
  data: Record<string, unknown>,
  actor: AccessActor,
): Promise<void> {
  const streamId = userStream(userId);
  // A concurrent change to the same user fails here (WrongExpectedVersionError → 409) and its row change rolls back.
  const version = await store.streamVersion(streamId);
  await store.append(streamId, version, [
    { eventId: randomUUID(), type, data, metadata: { actorId: actor.actorId, role: actor.role } },
  ]);
}
