import { randomUUID } from 'node:crypto';
import { organisationBody, places } from '../support/programme-setup';
import { TestSystem } from '../support/system';

/** The three budgets of apps/api/src/common/throttler.guard.ts, with small limits; every request comes from 127.0.0.1. */
describe('throttling: per user, reads and writes apart, stricter without a user', () => {
  const limits = { THROTTLE_LIMIT: '3', THROTTLE_READ_LIMIT: '5', THROTTLE_ANONYMOUS_LIMIT: '4' };
  const previous = Object.fromEntries(Object.keys(limits).map((name) => [name, process.env[name]]));
  let system: TestSystem;

  beforeAll(async () => {
    Object.assign(process.env, limits);
    system = await TestSystem.start();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await system?.stop();
  });

  const organisation = () => organisationBody(places.plain);

  it('gives each signed-in user a write budget of their own, over all routes, from the same address', async () => {
    const [first, second] = [
      system.token(randomUUID(), ['administrator']),
      system.token(randomUUID(), ['administrator']),
    ];
    await system.usersStored();
    const write = (token: string) => system.request('POST', '/organisations', token, organisation());

    const firsts = [];
    for (let i = 0; i < 3; i++) firsts.push((await write(first)).status);
    expect(firsts).toEqual([201, 201, 201]);
    // Another route draws on the same budget.
    expect(
      (await system.request('POST', '/users', first, { sub: randomUUID(), fullName: 'Петрова Анна' })).status,
    ).toBe(429);
    expect((await write(first)).status).toBe(429);

    // The second user, same address, same route: a budget of their own.
    const seconds = [];
    for (let i = 0; i < 4; i++) seconds.push((await write(second)).status);
    expect(seconds).toEqual([201, 201, 201, 429]);
  });

  it('limits reads with a budget of their own, apart from writes, and says when to retry', async () => {
    const reader = system.token(randomUUID(), ['administrator']);
    await system.usersStored();
    const reads = [];
    for (let i = 0; i < 6; i++)
      reads.push(await fetch(`${system.baseUrl}/organisations`, { headers: { authorization: `Bearer ${reader}` } }));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = reads[5] as Response;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = (await refused.json()) as { status: number; title: string; detail: string };
    expect(problem).toMatchObject({ status: 429, title: 'Слишком много запросов' });
    expect(problem.detail).toBe(`Слишком много запросов, повторите через ${refused.headers.get('retry-after')} с`);
    // Reads used up, writes not.
    expect((await system.request('POST', '/organisations', reader, organisation())).status).toBe(201);
  });

  it('limits requests without a signed-in user per address, but never the health probes or a signed-in user', async () => {
    const anonymous = [];
    for (let i = 0; i < 5; i++) anonymous.push((await fetch(`${system.baseUrl}/auth/config`)).status);
    expect(anonymous).toEqual([200, 200, 200, 200, 429]);
    // A hostile body to the public sign-in counts against the same budget: refused before it is parsed into a class.
    const signIn = await fetch(`${system.baseUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 1 }),
    });
    expect(signIn.status).toBe(429);
    // The sign-in page shows the detail as it is: Russian, with the wait.
    expect(await signIn.json()).toMatchObject({
      title: 'Слишком много запросов',
      detail: `Слишком много попыток входа, повторите через ${signIn.headers.get('retry-after')} с`,
    });

    for (let i = 0; i < 10; i++) expect((await fetch(`${system.baseUrl}/health/live`)).status).toBe(200);
    const user = system.token(randomUUID(), ['administrator']);
    await system.usersStored();
    expect((await system.request('GET', '/organisations', user)).status).toBe(200);
  });
});
