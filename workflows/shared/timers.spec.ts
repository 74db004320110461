import { condition, sleep } from '@temporalio/workflow';
import { timerUntil } from './timers';
import { systemMetadata } from './envelope';

// Outside a workflow there is no workflow clock or timer: record the waits instead.
jest.mock('@temporalio/workflow', () => ({
  ...jest.requireActual('@temporalio/workflow'),
  sleep: jest.fn(async () => undefined),
  condition: jest.fn(async () => true),
}));

describe('timerUntil', () => {
  const now = Date.parse('2026-09-01T00:00:00.000Z');
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(now);
    jest.clearAllMocks();
  });
  afterEach(() => jest.restoreAllMocks());

  it('starts no timer for an instant already past: the caller goes on in the same step', () => {
    expect(timerUntil(now)).toBeUndefined();
    expect(timerUntil(now - 1, () => false)).toBeUndefined();
    expect(sleep).not.toHaveBeenCalled();
    expect(condition).not.toHaveBeenCalled();
  });

  it('sleeps the time left until the instant', async () => {
    await timerUntil(now + 5_000);
    expect(sleep).toHaveBeenCalledWith(5_000);
  });

  it('with a wake-up condition, waits on it for at most the time left and says whether it woke', async () => {
    const woken = () => true;
    expect(await timerUntil(now + 7_000, woken)).toBe(true);
    expect(condition).toHaveBeenCalledWith(woken, 7_000);
  });
});

describe('systemMetadata', () => {
  it('stamps the system actor and role at the given instant', () => {
    expect(systemMetadata(Date.parse('2026-09-01T10:00:00.000Z'))).toEqual({
      actorId: 'system',
      role: 'system',
      now: '2026-09-01T10:00:00.000Z',
    });
    expect(systemMetadata('2026-09-02T00:00:00.000Z')).toEqual({
      actorId: 'system',
      role: 'system',
      now: '2026-09-02T00:00:00.000Z',
    });
  });
});
