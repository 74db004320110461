import { randomUUID, type UUID } from 'node:crypto';

/** `count` fresh random ids, for the people and things a spec sets up: `const [admin, curator] = freshIds(2)`. */
export const freshIds = (count: number): UUID[] => Array.from({ length: count }, () => randomUUID());
