import { describe, expect, it } from '@jest/globals';
import { systemActorLabel } from './labels';

describe('systemActorLabel', () => {
  it('names the system actor «Система»', () => {
    expect(systemActorLabel({ actorId: 'system', role: 'system' })).toBe('Система');
  });

  it('keeps the old label of timer events stamped with the administrator role', () => {
    expect(systemActorLabel({ actorId: 'system', role: 'administrator' })).toBe('Система (таймер) — Администратор');
  });

  it('leaves a person to be shown by id and role', () => {
    expect(systemActorLabel({ actorId: 'a1b2c3', role: 'administrator' })).toBeUndefined();
  });
});
