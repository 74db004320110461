import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { openParkedEvents, PROJECTIONS, Projector, type ParkedEvent, type Projection } from '@mentorflow/projections';

const notFound = () => new NotFoundException('Сбойное событие не найдено');

/** Parked events (issue 23) as administrators see and retry them. */
@Injectable()
export class ParkedEventsService {
  private readonly projector: Projector;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {
    this.projector = new Projector(db);
  }

  list(limit: number, offset: number): Promise<ParkedEvent[]> {
    return openParkedEvents(this.db, { limit, offset });
  }

  /** Applied: resolved (200); failed again: 409 with the new error, the event stays parked. */
  async retry(id: string, adminId: string, reason?: string): Promise<ParkedEvent> {
    const [row] = await this.db.query<{ projection: string }[]>(
      'SELECT projection FROM projection_parked_events WHERE id = $1 AND parked_at IS NOT NULL',
      [id],
    );
    const projection = this.projections.find((p) => p.name === row?.projection);
    if (!projection) throw notFound();
    const outcome = await this.projector.retryParked(projection, id, { by: adminId, reason });
    switch (outcome.kind) {
      case 'notFound':
        throw notFound();
      case 'alreadyResolved':
        throw new ConflictException('Событие уже применено: повторять нечего');
      case 'failed':
        throw new ConflictException(`Событие снова не применилось и осталось в сбойных: ${outcome.parked.error}`);
      case 'resolved':
        return outcome.parked;
    }
  }
}
