import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainRefusal, formatRouteCode } from '@mentorflow/domain';

interface RegistryEntry {
  region_code: number;
  organisation_code: number;
}

/**
 * The electronic registry of routes (003 §3.4): allocates each new route's code RR-OOOO-YYYY-NNNNNN.
 * - RR: the subject of the Russian Federation, given with the organisation's first route;
 * - OOOO: the organisation's number in its region, the next free one at its first route, kept after;
 * - YYYY: the year of registration in the organisation's time zone;
 * - NNNNNN: the organisation's next route of that year.
 * Allocation commits before the route's workflow starts: a start that fails leaves a gap, never a duplicate.
 */
@Injectable()
export class RouteRegistryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async allocate(organisationId: string, year: number, regionCode: number | undefined): Promise<string> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`route-registry:organisation:${organisationId}`]);
      const entry =
        (await this.entryOf(tx.query.bind(tx), organisationId)) ??
        (await this.register(tx.query.bind(tx), organisationId, regionCode));
      if (regionCode !== undefined && regionCode !== entry.region_code) {
        throw new DomainRefusal(
          'route.registry.regionMismatch',
          `Организация внесена в реестр ИОМ с кодом субъекта ${String(entry.region_code).padStart(2, '0')}, а не ${String(regionCode).padStart(2, '0')}`,
        );
      }
      const [sequence] = (await tx.query(
        `INSERT INTO route_code_sequences (organisation_id, year, last_sequence) VALUES ($1, $2, 1)
         ON CONFLICT (organisation_id, year) DO UPDATE SET last_sequence = route_code_sequences.last_sequence + 1
         RETURNING last_sequence`,
        [organisationId, year],
      )) as { last_sequence: number }[];
      // Out of range (a 10 000th organisation, a millionth route) is refused here and rolls the allocation back.
      return formatRouteCode({
        regionCode: entry.region_code,
        organisationCode: entry.organisation_code,
        year,
        sequence: sequence?.last_sequence ?? 0,
      });
    });
  }

  private async entryOf(query: Query, organisationId: string): Promise<RegistryEntry | undefined> {
    const [entry] = (await query(
      'SELECT region_code, organisation_code FROM route_registry_organisations WHERE organisation_id = $1',
      [organisationId],
    )) as RegistryEntry[];
    return entry;
  }

  private async register(query: Query, organisationId: string, regionCode: number | undefined): Promise<RegistryEntry> {
    if (regionCode === undefined) {
      throw new DomainRefusal(
        'route.registry.regionCodeRequired',
        'Организация ещё не внесена в реестр ИОМ: укажите код субъекта Российской Федерации (regionCode), например 63',
      );
    }
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`route-registry:region:${regionCode}`]);
    const [entry] = (await query(
      `INSERT INTO route_registry_organisations (organisation_id, region_code, organisation_code)
       SELECT $1, $2, COALESCE(MAX(organisation_code), 0) + 1 FROM route_registry_organisations WHERE region_code = $2
       RETURNING region_code, organisation_code`,
      [organisationId, regionCode],
    )) as RegistryEntry[];
    if (!entry) throw new Error('Registry entry not created');
    return entry;
  }
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;
