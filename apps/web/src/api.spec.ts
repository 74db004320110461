import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { postJson, startSubmission } from './api';

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
