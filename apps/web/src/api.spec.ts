import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { getJson, isRussian, postJson, startSubmission, statusText } from './api';

/** The API client's Idempotency-Key (issue 23): one per submission, the same on its automatic retries. */
describe('commands of a form submission', () => {
  const fetchMock = jest.fn<(path: string, init: RequestInit) => Promise<Response>>();
  const keysSent = () => fetchMock.mock.calls.map(([, init]) => new Headers(init.headers).get('idempotency-key'));
  const answer = (status: number, body: object = {}) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  beforeEach(() => {
    jest.useFakeTimers();
    fetchMock.mockReset();
    const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
    Object.assign(globalThis, { fetch: fetchMock, sessionStorage: noStorage, localStorage: noStorage });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('given a submission whose first attempt fails with 503, when it is retried, then both carry one key', async () => {
    fetchMock.mockReturnValueOnce(answer(503)).mockReturnValueOnce(answer(200, { ok: true }));
    const sent = startSubmission(() => postJson('/pairs/p/diary', { text: 'Запись' }));
    await jest.advanceTimersByTimeAsync(1000);
    await expect(sent).resolves.toEqual({ ok: true });
    const [first, second] = keysSent();
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('given two submissions, when each sends its command, then each has a key of its own', async () => {
    fetchMock.mockImplementation(async () => answer(200));
    await startSubmission(() => postJson('/a', {}));
    await startSubmission(() => postJson('/a', {}));
    const [first, second] = keysSent();
    expect(first).not.toBe(second);
  });

  it('given a command outside a submission, when it fails with 503, then it carries no key and is not retried', async () => {
    fetchMock.mockReturnValue(answer(503));
    await expect(postJson('/a', {})).rejects.toMatchObject({ status: 503 });
    expect(keysSent()).toEqual([null]);
  });

  it('given a refusal (422), when it comes, then the submission is not retried', async () => {
    fetchMock.mockReturnValue(answer(422, { status: 422, detail: 'Отказ' }));
    await expect(startSubmission(() => postJson('/a', {}))).rejects.toMatchObject({ status: 422 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

/** No English reaches a person (issue 26): a 429 or a library's text reads in Russian. */
describe('errors a person reads', () => {
  const fetchMock = jest.fn<(path: string, init: RequestInit) => Promise<Response>>();
  beforeEach(() => {
    fetchMock.mockReset();
    const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
    Object.assign(globalThis, { fetch: fetchMock, sessionStorage: noStorage, localStorage: noStorage });
  });

  it('given a 429 with the library English text, when it is read, then it says in Russian when to retry', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: 429, detail: 'ThrottlerException: Too Many Requests' }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '42' },
      }),
    );
    await expect(getJson('/organisations')).rejects.toThrow('Слишком много запросов, повторите через 42 с');
  });

  it('given the API own Russian detail, when it is read, then that detail is shown', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: 429, detail: 'Слишком много попыток входа, повторите через 5 с' }), {
        status: 429,
      }),
    );
    await expect(getJson('/auth/dev-token')).rejects.toThrow('Слишком много попыток входа, повторите через 5 с');
  });

  it('words a status without a retry time too', () => {
    expect(statusText(429)).toBe('Слишком много запросов: повторите чуть позже');
    expect(statusText(404)).toBe('Не найдено');
    expect(isRussian('Bad Request')).toBe(false);
    expect(isRussian('Поле обязательно')).toBe(true);
  });
});
