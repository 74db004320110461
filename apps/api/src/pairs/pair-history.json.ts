import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { localDateTimeOf } from '@mentorflow/calendar';
import { pairStream } from '@mentorflow/domain';

/** A stream's events rendered once: each entry split around its actor's name, which is read per request. */
interface RenderedHistory {
  readonly timeZone: string;
  readonly version: number;
  /** The entry up to `"actorName":`. */
  readonly heads: readonly string[];
  /** The actor's id as its name is looked up (metadata->>'actorId'), or null. */
  readonly actors: readonly (string | null)[];
  /** The entry after the name. */
  readonly tails: readonly string[];
  /** UTF-16 code units held, the cache's measure. */
  readonly size: number;
  /** The last answer, UTF-8, and the names it was rendered with: reused while neither changes. */
  readonly body?: { readonly names: string; readonly bytes: Buffer };
}

interface HistoryRow {
  version: number;
  type: string;
  recorded_at: Date;
  actor_json: string | null;
  actor_id: string | null;
  role: string | null;
  reason: string | null;
  document_ref: string | null;
  data: string;
  hash: string | null;
}

const EMPTY = { version: 0, heads: [], actors: [], tails: [], size: 0 } as const;

/**
 * The pair's audit history as JSON (GET /pairs/:id/history). The application never changes a recorded
 * event (personal data lives outside them; a change made behind its back is what /history/verify finds),
 * so each entry is rendered once per API process and time zone and only the events appended since are
 * read; what can change — the actors' names — is read for every request and set between the rendered
 * parts; the encoded answer is kept too and sent again while the stream and the names stay as they were.
 * Rendering 1,000 entries in PostgreSQL (string_agg, to_char) cost 9–12 ms a read, joining them in Node
 * for every read 3–4 ms (benchmark 4). Bounded by size; the least recently read go first.
 */
@Injectable()
export class PairHistoryJson {
  private readonly rendered = new LRUCache<string, RenderedHistory>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (history) => Math.max(1, history.size + (history.body?.bytes.length ?? 0)),
  });

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The history as it stands now, UTF-8 JSON, its actors named by `nameActors` at this read. The events
   * are read side by side with `timeZone` (the caller's authorisation), answered only after it.
   */
  async json(
    pairId: string,
    timeZone: Promise<string>,
    nameActors: (ids: string[]) => Promise<ReadonlyMap<string, string>>,
  ): Promise<Buffer> {
    const streamId = pairStream(pairId);
    const history = await this.entries(streamId, timeZone);
    const names = await nameActors(actorsOf(history));
    const key = JSON.stringify([...names].sort(([a], [b]) => a.localeCompare(b)));
    if (history.body?.names === key) return history.body.bytes;
    const bytes = Buffer.from(render(history, names));
    // Kept only if no longer history was stored meanwhile.
    if (this.rendered.peek(streamId) === history)
      this.rendered.set(streamId, { ...history, body: { names: key, bytes } });
    return bytes;
  }

  private async entries(streamId: string, timeZone: Promise<string>): Promise<RenderedHistory> {
    const known = this.rendered.get(streamId);
    const [rows, zone] = await Promise.all([this.rowsFrom(streamId, known?.version ?? 0), timeZone]);
    const base = known && known.timeZone === zone ? known : undefined;
    // Another zone (the organisation's was corrected): render the whole stream again.
    const fresh = base || !known ? rows : await this.rowsFrom(streamId, 0);
    if (fresh.length === 0 && base) return base;
    const history = append(base ?? { ...EMPTY, timeZone: zone }, fresh, zone);
    const current = this.rendered.peek(streamId);
    if (!current || current.timeZone !== zone || current.version < history.version)
      this.rendered.set(streamId, history);
    return history;
  }

  private rowsFrom(streamId: string, after: number): Promise<HistoryRow[]> {
    return this.db.query<HistoryRow[]>(
      `SELECT stream_version AS version, type, recorded_at, (metadata->'actorId')::text AS actor_json,
              metadata->>'actorId' AS actor_id, (metadata->'role')::text AS role,
              coalesce(metadata->'reason', data->'reason')::text AS reason,
              coalesce(metadata->'documentRef', data->'order'->'number')::text AS document_ref,
              data::text AS data, hash
         FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
      [streamId, after],
    );
  }
}

const json = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

function append(history: RenderedHistory, rows: readonly HistoryRow[], timeZone: string): RenderedHistory {
  const heads = [...history.heads];
  const actors = [...history.actors];
  const tails = [...history.tails];
  let size = history.size;
  const zone = JSON.stringify(timeZone);
  for (const row of rows) {
    const head =
      `{"version":${row.version},"type":${JSON.stringify(row.type)},"recordedAt":"${row.recorded_at.toISOString()}"` +
      `,"recordedAtLocal":"${localDateTimeOf(row.recorded_at, timeZone)}","timeZone":${zone}` +
      `,"actorId":${row.actor_json ?? 'null'},"actorName":`;
    const tail =
      `,"role":${row.role ?? 'null'},"reason":${row.reason ?? 'null'},"documentRef":${row.document_ref ?? 'null'}` +
      `,"data":${row.data},"hash":${json(row.hash)}}`;
    heads.push(head);
    actors.push(row.actor_id);
    tails.push(tail);
    size += head.length + tail.length + (row.actor_id?.length ?? 0);
  }
  return { timeZone, version: rows.at(-1)?.version ?? history.version, heads, actors, tails, size };
}

/** The entries as one JSON array, each actor named from `names` (null where the directory has none). */
function render(history: RenderedHistory, names: ReadonlyMap<string, string>): string {
  const entries = history.heads.map((head, i) => {
    const actor = history.actors[i];
    const name = actor === null || actor === undefined ? undefined : names.get(actor);
    return head + (name === undefined ? 'null' : JSON.stringify(name)) + (history.tails[i] as string);
  });
  return `[${entries.join(',')}]`;
}

const actorsOf = (history: RenderedHistory): string[] => [
  ...new Set(history.actors.filter((a): a is string => a !== null && a !== '')),
];
