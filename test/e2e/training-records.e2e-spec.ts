import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { localDateOf } from '@mentorflow/calendar';
import {
  organisationDecider,
  organisationStream,
  type CommandMetadata,
  type OrganisationCommand,
} from '@mentorflow/domain';
import { EventStore, handleCommand } from '@mentorflow/event-store';
import { PersonRecords } from '../../apps/api/src/people/person-records';
import { openTestDataSource } from '../support/database';
import { addPerson } from '../support/people';
import { trainingBody } from '../support/preparation';
import { places, registerOrganisation } from '../support/programme-setup';
import { TestSystem } from '../support/system';

const DAY = 86_400_000;
const { timeZone } = places.samara;
/** The calendar date `days` ago in the organisations' zone. */
const daysAgo = (days: number) => localDateOf(new Date(Date.now() - days * DAY).toISOString(), timeZone);

/**
 * Training records after they are made (issue 28): one person's records, corrected by the curator with the
 * person's history naming the fields changed; and the reports counting trained mentors as of a past date.
 */
describe('training records: the person’s own, corrected, and counted as of a date', () => {
  let system: TestSystem;
  const region = `Область обучения ${randomUUID().slice(0, 8)}`;
  const as = {} as Record<'admin' | 'curator' | 'otherCurator' | 'coordinator', string>;
  let organisationId: string;
  let mentorId: string;
  let otherId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    as.admin = system.token(randomUUID(), ['administrator']);
    as.coordinator = system.token(randomUUID(), ['regionalCoordinator'], [], { region });
    organisationId = (await registerOrganisation(system, as.admin, { ...places.samara, region })).body.organisationId;
    const other = (await registerOrganisation(system, as.admin, { ...places.tolyatti, region })).body.organisationId;
    as.curator = system.token(randomUUID(), ['curator'], [organisationId]);
    as.otherCurator = system.token(randomUUID(), ['curator'], [other]);
    mentorId = await addPerson(system, organisationId, as.admin, 'Сидорова');
    otherId = await addPerson(system, organisationId, as.admin, 'Петрова', { firstName: 'Анна' });
  });
  afterAll(() => system?.stop());

  const trainings = (personId: string, token = as.curator) =>
    system.request('GET', `/organisations/${organisationId}/trainings?personId=${personId}`, token);
  const correct = (trainingId: string, body: object, token = as.curator) =>
    system.request('PUT', `/organisations/${organisationId}/trainings/${trainingId}`, token, body);

  it('lists one person’s records; the curator corrects one, refused field by field, and her history says so', async () => {
    const recorded = await system.request(
      'POST',
      `/organisations/${organisationId}/trainings`,
      as.curator,
      trainingBody(mentorId, daysAgo(3), { courseTitle: 'Наставничество в школе' }),
    );
    expect(recorded.status).toBe(201);
    const trainingId = recorded.body.trainingId as string;
    const own = await trainings(mentorId);
    expect(own.body).toEqual([
      expect.objectContaining({
        trainingId,
        personShortName: 'Сидорова М. П.',
        courseTitle: 'Наставничество в школе',
        hours: 36,
        dateTo: daysAgo(3),
        certificateNumber: '772412345678',
      }),
    ]);
    await expect(trainings(otherId).then((r) => r.body)).resolves.toEqual([]);

    // What a correction sends: the record as it was, without the person (a correction does not move it).
    const details = {
      role: 'mentor',
      courseTitle: 'Наставничество в школе',
      hours: 36,
      dateFrom: own.body[0].dateFrom as string,
      dateTo: daysAgo(3),
      certificateNumber: '772412345678',
    };
    const badHours = await correct(trainingId, { ...details, hours: 0 });
    expect(badHours.status).toBe(400);
    expect(badHours.body.errors).toEqual([expect.objectContaining({ field: 'hours' })]);
    const future = await correct(trainingId, { ...details, dateTo: daysAgo(-5) });
    expect(future.status).toBe(422);
    expect(future.body.unmet.map((c: { code: string }) => c.code)).toEqual(['training.dateTo.future']);
    expect((await correct(trainingId, details, as.otherCurator)).status).toBe(404);
    expect((await correct(randomUUID(), details)).status).toBe(404);

    const corrected = await correct(trainingId, { ...details, hours: 72, certificateNumber: '772499999999' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ trainingId, hours: 72, certificateNumber: '772499999999' });
    // The same values again change nothing: no second entry.
    expect((await correct(trainingId, { ...details, hours: 72, certificateNumber: '772499999999' })).status).toBe(200);
    const history = await system.request('GET', `/people/${mentorId}/history?limit=50`, as.curator);
    const trainingEntries = history.body.filter((e: { type: string }) => e.type.startsWith('PersonTraining'));
    expect(trainingEntries).toEqual([
      expect.objectContaining({ type: 'PersonTrainingRecorded' }),
      expect.objectContaining({
        type: 'PersonTrainingCorrected',
        data: { personId: mentorId, trainingId, organisationId, fields: ['hours', 'certificateNumber'] },
      }),
    ]);
    // The event names fields, never values.
    expect(JSON.stringify(trainingEntries)).not.toContain('772499999999');
  });

  it('the organisation’s and the region’s report for a date between two trainings count only the earlier one', async () => {
    // A school of the region registered 60 days ago, its two mentors' trainings recorded 40 and 10 days ago:
    // written the way they happened (stamped then), since the API stamps everything with the present.
    const dataSource: DataSource = await openTestDataSource();
    const school = randomUUID();
    const name = `МБОУ «Школа № ${Math.floor(Math.random() * 900) + 100}»`;
    try {
      const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
      const admin: CommandMetadata = { actorId: randomUUID(), role: 'administrator', now: ago(60) };
      const registration: OrganisationCommand = {
        type: 'RegisterOrganisation',
        data: { ...places.samara, name, region, kind: 'school', organisationId: school },
        metadata: admin,
      };
      await handleCommand(new EventStore(dataSource), organisationStream(school), organisationDecider, registration, {
        actorId: admin.actorId,
        role: 'administrator',
        organisationId: school,
      });
      await system.eventually(
        () => system.request('GET', `/organisations/${school}`, as.admin),
        (r) => r.status === 200,
      );
      const first = await addPerson(system, school, as.admin, 'Ранняя');
      const second = await addPerson(system, school, as.admin, 'Поздняя');
      const records = new PersonRecords(dataSource);
      const curator = { actorId: randomUUID(), role: 'curator' as const };
      for (const [personId, days] of [
        [first, 40],
        [second, 10],
      ] as const) {
        await records.recordTraining(
          {
            ...trainingBody(personId, daysAgo(days + 1), { courseTitle: 'Наставничество в школе' }),
            role: 'mentor',
            trainingId: randomUUID(),
            organisationId: school,
            courseTitle: 'Наставничество в школе',
          },
          curator,
          ago(days),
        );
      }
    } finally {
      await dataSource.destroy();
    }
    const organisationAsOf = async (days: number) => {
      const report = await system.request(
        'GET',
        `/organisations/${school}/reports/monitoring?asOf=${daysAgo(days)}`,
        as.coordinator,
      );
      expect(report.status).toBe(200);
      return report.body.trainedMentors as number;
    };
    const regionAsOf = async (days: number) => {
      const report = await system.eventually(
        () =>
          system.request(
            'GET',
            `/reports/region?region=${encodeURIComponent(region)}&asOf=${daysAgo(days)}`,
            as.coordinator,
          ),
        (r) => r.status === 200 && r.body.organisations.items.some((o: { name: string }) => o.name === name),
      );
      const row = report.body.organisations.items.find((o: { name: string }) => o.name === name);
      return { total: report.body.totals.trainedMentors as number, school: row.trainedMentors as number };
    };
    await expect(organisationAsOf(50)).resolves.toBe(0);
    await expect(organisationAsOf(25)).resolves.toBe(1);
    await expect(organisationAsOf(5)).resolves.toBe(2);
    // The region's other schools registered today: that far back only this school counts.
    await expect(regionAsOf(50)).resolves.toEqual({ total: 0, school: 0 });
    await expect(regionAsOf(25)).resolves.toEqual({ total: 1, school: 1 });
    await expect(regionAsOf(5)).resolves.toEqual({ total: 2, school: 2 });
  });
});
