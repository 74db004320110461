import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonRecords } from './person-records';

export { fullNamesOf } from './person-records';

export type { PersonName, PersonListItem } from './person-records';

/**
 * The staff directory as the other modules use it: `names(ids)` (one query per response, never one per
 * row) and `search`; its writes (the API's, the import's, depersonalisation's) are PersonRecords'.
 */
@Injectable()
export class PeopleDirectory extends PersonRecords {
  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }
}
