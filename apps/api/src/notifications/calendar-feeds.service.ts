import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@mentorflow/config';
import { roles, type TaskView } from '@mentorflow/domain';
import { taskCalendarFeed, taskLink } from '@mentorflow/projections';
import { authenticatedUserOf } from '../auth/auth.guard';
import { UserDirectory } from '../users/user-directory';
import type { TaskInboxQuery } from '../tasks/task.dto';
import { inboxSql, pageSql } from '../tasks/task-inbox.sql';
import { publicUrlOf } from './public-url';

/** 32 random bytes, base64url: 256 bits, 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** A calendar holds the soonest tasks up to this many (a person has a handful). */
const FEED_LIMIT = 500;
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The path of a feed; its token is the last segment before `.ics` (log-redaction.ts hides it). */
export const feedPath = (token: string): string => `/calendar/feeds/${token}.ics`;

/**
 * Private iCalendar feeds (issue 21): a person's open tasks for Яндекс Календарь, Outlook or Google to
 * subscribe to. The address carries a random token — not a session token: it opens this feed and nothing
 * else — and only its sha-256 is kept, so the address is shown once, when made. A new one replaces the old;
 * revoking deletes it; either way the old address answers 404.
 */
@Injectable()
export class CalendarFeedsService {
  private readonly publicUrl: string;
  private readonly users: UserDirectory;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: ConfigService,
  ) {
    this.publicUrl = publicUrlOf(config.getOrThrow<AppConfig>('app')).replace(/\/+$/, '');
    this.users = new UserDirectory(db);
  }

  async create(personId: string) {
    const token = randomBytes(32).toString('base64url');
    const [row] = await this.db.query<{ createdAt: Date }[]>(
      `INSERT INTO calendar_feeds (person_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at AS "createdAt"`,
      [personId, hashOf(token)],
    );
    return { exists: true, createdAt: row?.createdAt, url: `${this.publicUrl}${feedPath(token)}` };
  }

  async status(personId: string) {
    const [row] = await this.db.query<{ createdAt: Date }[]>(
      'SELECT created_at AS "createdAt" FROM calendar_feeds WHERE person_id = $1',
      [personId],
    );
    return row ? { exists: true, createdAt: row.createdAt } : { exists: false };
  }

  async revoke(personId: string) {
    const [, deleted] = await this.db.query<[unknown[], number]>('DELETE FROM calendar_feeds WHERE person_id = $1', [
      personId,
    ]);
    return { exists: false, revoked: deleted > 0 };
  }

  /**
   * The calendar of the feed's person: exactly the open tasks of their inbox (`GET /tasks/inbox`, the same
   * query, as the person, with the roles they hold now) that have a due date. Undefined: no such feed, or
   * its person no longer signs in.
   */
  async calendar(token: string, now = new Date()): Promise<string | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const [feed] = await this.db.query<{ personId: string }[]>(
      'SELECT person_id AS "personId" FROM calendar_feeds WHERE token_hash = $1',
      [hashOf(token)],
    );
    const found = feed && (await this.users.findBySubject(feed.personId));
    if (!found || found.disabledAt !== null) return undefined;
    const user = await authenticatedUserOf(this.db, found, roles);
    const query = { limit: FEED_LIMIT, offset: 0 } as TaskInboxQuery;
    const { sql, parameters } = pageSql(query, inboxSql(user, query));
    const rows = await this.db.query<{ view: TaskView }[]>(sql, parameters);
    return taskCalendarFeed(
      rows.flatMap(({ view }) =>
        view.dueLocalDate
          ? [
              {
                taskId: view.taskId,
                title: view.title,
                dueLocalDate: view.dueLocalDate,
                link: taskLink(this.publicUrl, view.subject),
                now,
              },
            ]
          : [],
      ),
    );
  }
}
