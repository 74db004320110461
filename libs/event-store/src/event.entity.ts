import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The table's shape for TypeORM and its migrations. Appends and reads go through raw SQL in
 * EventStore (measured cheaper than entity hydration on the hot paths).
 */
@Entity({ name: 'events' })
@Index('events_stream_version_uq', ['streamId', 'streamVersion'], { unique: true })
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', name: 'position' })
  position!: string;

  // transaction_id (xid8, default pg_current_xact_id()) is left out: TypeORM has no xid8 type, and only
  // raw SQL reads it; the migration owns the real schema.

  @Index('events_event_id_uq', { unique: true })
  @Column({ type: 'uuid', name: 'event_id' })
  eventId!: string;

  @Column({ type: 'text', name: 'stream_id' })
  streamId!: string;

  @Column({ type: 'integer', name: 'stream_version' })
  streamVersion!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  metadata!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
