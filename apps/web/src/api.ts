/** The API client: the bearer token, JSON requests, and RFC 9457 problems turned into ApiError. */

const TOKEN_KEY = 'mentorflow.token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY) ?? localStorage.getItem(TOKEN_KEY),
  set(token: string, remember: boolean) {
    (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
    (remember ? sessionStorage : localStorage).removeItem(TOKEN_KEY);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(TOKEN_KEY);
  },
};

export interface FieldProblem {
  field: string;
  constraint?: string;
  message: string;
}

export interface UnmetCondition {
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  unmet?: UnmetCondition[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `Ошибка ${problem.status}`);
  }

  get status() {
    return this.problem.status;
  }

  /** The Russian messages for one field (also its nested fields: `rows.0.hours` for `rows`). */
  fieldMessages(field: string): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
      .map((e) => e.message);
  }
}

const networkProblem = (): Problem => ({
  status: 0,
  detail: 'Сервер недоступен. Проверьте подключение и повторите попытку.',
});

/**
 * Adds the token, sends JSON, and throws ApiError with the server's problem (Russian `detail`, `errors`, `unmet`).
 * `idempotencyKey`: the Idempotency-Key header (see sendJson).
 */
export async function request(
  method: string,
  path: string,
  body?: unknown,
  init: RequestInit = {},
  idempotencyKey?: string,
): Promise<Response> {
  const token = tokenStore.get();
  const headers = new Headers(init.headers);
  if (idempotencyKey) headers.set('idempotency-key', idempotencyKey);
  headers.set('accept', 'application/json, application/problem+json, text/csv');
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(networkProblem());
  }
  if (!response.ok) {
    const generic = statusText(response.status, response.headers.get('retry-after'));
    let problem: Problem = { status: response.status, detail: generic };
    try {
      const parsed = (await response.json()) as Partial<Problem>;
      problem = { ...problem, ...parsed, status: response.status };
      // No English reaches the person: a detail without a Russian word (a library's text) gives way to ours.
      if (!isRussian(parsed.detail)) problem.detail = generic;
    } catch {
      // Not JSON (a proxy's error page): keep the generic Russian text.
    }
    throw new ApiError(problem);
  }
  return response;
}

/** Whether a text has a Russian word in it: the API's own messages have; a library's English ones have not. */
export const isRussian = (text: string | undefined): text is string => /[А-Яа-яЁё]/.test(text ?? '');

/** What a failed request says when the API's answer says nothing a person can read; 429 with the wait. */
export function statusText(status: number, retryAfter?: string | null): string {
  if (status === 429) {
    const seconds = Number(retryAfter);
    return seconds > 0
      ? `Слишком много запросов, повторите через ${Math.ceil(seconds)} с`
      : 'Слишком много запросов: повторите чуть позже';
  }
  if (status === 401) return 'Требуется вход в систему';
  if (status === 403) return 'Недостаточно прав для этого действия';
  if (status === 404) return 'Не найдено';
  if (status === 409) return 'Данные изменились: обновите страницу и повторите';
  return `Ошибка сервера (${status})`;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request('GET', path)).json() as Promise<T>;
}

/**
 * The Idempotency-Key of the form submission being started (issue 23): useSubmit() sets it while it calls the
 * form's action, so the command the action sends first takes it. Read when the command is called, not later:
 * a submission never lends its key to another one that starts while it waits.
 */
let submissionKey: string | undefined;

/**
 * Calls `action` as one submission: a fresh key (crypto.randomUUID; none where the browser offers none, outside
 * HTTPS) for the command it sends, a new one for the next submission.
 */
export function startSubmission<T>(action: () => T): T {
  submissionKey = globalThis.crypto?.randomUUID?.();
  try {
    return action();
  } finally {
    submissionKey = undefined;
  }
}

/** Waits before automatic retry n (from 0): 1 s, 2 s, 4 s. */
const RETRY_DELAYS_MS = [1000, 2000, 4000];

/**
 * An answer that says nothing about whether the command was recorded, or that the first attempt still runs:
 * the same request under the same key is safe to send again.
 */
const retryable = (error: unknown) =>
  error instanceof ApiError &&
  (error.status === 0 || [502, 503, 504].includes(error.status) || error.problem.code === 'idempotency.inFlight');

/**
 * Sends a JSON command; the answer's JSON, or undefined for an empty body (202/204). Within a submission the
 * command carries its Idempotency-Key and is sent again with the same key when the network or the server
 * failed (status 0, 502–504) or the first attempt is still running: the server records it once.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const key = submissionKey;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await request(method, path, body, {}, key);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    } catch (error) {
      if (!key || attempt >= RETRY_DELAYS_MS.length || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

export const postJson = <T>(path: string, body?: unknown): Promise<T> => sendJson<T>('POST', path, body ?? {});

export const deleteJson = <T>(path: string, body?: unknown): Promise<T> => sendJson<T>('DELETE', path, body);

/** Downloads a response body, reporting received bytes (and the total when the server gives it). */
export async function download(path: string, onProgress: (received: number, total?: number) => void): Promise<Blob> {
  const response = await request('GET', path);
  const total = Number(response.headers.get('content-length')) || undefined;
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(chunks as BlobPart[], { type });
}

/** Offers a blob to the user as a file. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const newId = () => crypto.randomUUID();
