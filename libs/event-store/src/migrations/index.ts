import { CreateEventStore1763856000000 } from './1763856000000-create-event-store';
import { AddEventHashChain1763864000000 } from './1763864000000-add-event-hash-chain';
import { CreateAppendFunction1763866000000 } from './1763866000000-create-append-function';
import { LeanAppendFunction1763910000000 } from './1763910000000-lean-append-function';
import { SingleEventAppendFunction1763910000001 } from './1763910000001-single-event-append-function';

/** Event-store migrations in order; read-model migrations live with their projections. */
export const eventStoreMigrations = [
  CreateEventStore1763856000000,
  AddEventHashChain1763864000000,
  CreateAppendFunction1763866000000,
  LeanAppendFunction1763910000000,
  SingleEventAppendFunction1763910000001,
];
