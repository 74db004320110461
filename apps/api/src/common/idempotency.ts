import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';

/**
 * Safe retries (issue 23): a command sent with an `Idempotency-Key` runs inside this context, so what it sends
 * to Temporal and the ids it creates are the same on every retry of that key. The scope is the key namespaced
 * with the caller's subject and the route: one user's key can never name another's command.
 */
interface IdempotentCommand {
  readonly scope: string;
  /** How many names of each kind this request has drawn: a second update or id of one request gets its own. */
  readonly drawn: Map<string, number>;
}

const current = new AsyncLocalStorage<IdempotentCommand>();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The scope of `key` for `subject` on `route` ("POST /pairs/<id>/diary"). */
export const idempotencyScope = (subject: string, route: string, key: string): string =>
  sha256(JSON.stringify([subject, route, key]));

/** Runs `work` (the command's handler) with the command's scope, read below wherever the request leads. */
export const runIdempotent = <T>(scope: string, work: () => T): T => current.run({ scope, drawn: new Map() }, work);

/** The n-th name of `kind` drawn by the current idempotent command; undefined outside one. */
function draw(kind: string): string | undefined {
  const command = current.getStore();
  if (command === undefined) return undefined;
  const n = command.drawn.get(kind) ?? 0;
  command.drawn.set(kind, n + 1);
  return n === 0 ? `${command.scope}:${kind}` : `${command.scope}:${kind}:${n}`;
}

/**
 * The Temporal update id of the command's (n-th) update: Temporal answers a repeated id within a run with the
 * first outcome instead of applying the update again. Undefined without a key: the SDK draws a random one.
 */
export const idempotentUpdateId = (): string | undefined => draw('update');

/** True while an idempotent command runs: a repeated start must join the running workflow, not fail. */
export const isIdempotentCommand = (): boolean => current.getStore() !== undefined;

/**
 * A new id (a pair's, a programme's, a route's, a mentor replacement's): random, or within an idempotent command
 * derived from its key, so a retry starts, and finds, the same workflow (or repeats a signal the workflow
 * recognises by the id). Shaped as a version-4 UUID (its version
 * and variant bits set) so every UUID check downstream accepts it.
 */
export function newIdempotentId(): string {
  const name = draw('id');
  if (name === undefined) return randomUUID();
  const bytes = Buffer.from(sha256(name).slice(0, 32), 'hex');
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** JSON with object keys sorted at every depth (undefined members dropped, as JSON does): equal bodies, equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha-256 of the body's canonical JSON: what "the same request" means for a repeated key. */
export const requestHash = (body: unknown): string => sha256(canonicalJson(body ?? null));
