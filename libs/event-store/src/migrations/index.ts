import { CreateEventStore1763856000000 } from './1763856000000-create-event-store';

/** Event-store migrations in order; read-model migrations live with their projections. */
export const eventStoreMigrations = [CreateEventStore1763856000000];
