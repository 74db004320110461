import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { competenceAreas, routeWorkflowId, type RouteDiagnosticsResultInput } from '@mentorflow/domain';
import { recordDiagnosticsUpdate } from '@mentorflow/workflows/route/route.messages';
import type { ApiClient } from './programme-setup';
import type { TestSystem } from './system';
import { addDays } from './dates';

/** Route (ИОМ) bodies and requests several specs send through HTTP. */

/** The last day of a four-year route that starts on `date` (YYYY-MM-DD): the longest period but one day. */
export const fourYearsLessADay = (date: string) =>
  new Date(Date.parse(`${Number(date.slice(0, 4)) + 4}${date.slice(4)}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);

/** A route's title page where only its dates matter: a teacher of 12 years with higher education. */
export const titlePage = (startDate = '2026-12-01', endDate = '2030-11-30') => ({
  position: 'Учитель',
  education: 'Высшее',
  teachingExperienceYears: 12,
  selfEducationTopic: 'Тема',
  startDate,
  endDate,
});

/** The title page of a maths teacher of 12 years with a higher pedagogical education, for the route's dates. */
export const mathsTeacherTitlePage = (startDate: string, endDate: string) => ({
  position: 'Учитель математики',
  education: 'Высшее педагогическое, СГСПУ, 2012',
  teachingExperienceYears: 12,
  selfEducationTopic: 'Функциональная грамотность на уроках математики',
  startDate,
  endDate,
});

/**
 * The body of POST /organisations/:id/routes: the teacher's route in region 63 with its goal and tasks against
 * an ICT deficit; `extra` replaces any field.
 */
export const routeBody = (
  teacherId: string,
  methodologistId: string,
  titlePage: object,
  extra: Record<string, unknown> = {},
) => ({
  teacherId,
  methodologistId,
  regionCode: '63',
  titlePage,
  goal: 'Преодолеть дефициты в области ИКТ',
  tasks: ['Освоить цифровые сервисы для уроков'],
  ...extra,
});

/** POST /organisations/:id/routes by the tutor: the teacher's route in region 63, four years from `today`. */
export const createRoute = (
  api: ApiClient,
  organisationId: string,
  tutor: string,
  { teacherId, methodologistId, today }: { teacherId: string; methodologistId: string; today: string },
) =>
  api.request('POST', `/organisations/${organisationId}/routes`, tutor, {
    teacherId,
    methodologistId,
    regionCode: '63',
    titlePage: titlePage(today, fourYearsLessADay(today)),
  });

/** Diagnostics results: a deficit in ICT (35 %), the basic level elsewhere (70 %). */
export const ictDeficit = () => competenceAreas.map((area) => ({ area, percent: area === 'ict' ? 35 : 70 }));

/** Diagnostics results with two deficits, ICT (35 %) and methodical (45 %), the basic level elsewhere (70 %). */
export const ictAndMethodicalDeficits = () =>
  competenceAreas.map((area) => ({ area, percent: area === 'ict' ? 35 : area === 'methodical' ? 45 : 70 }));

/** POST /routes/:id/record-diagnostics by the tutor on `date`, with ictDeficit(): the methodologist gets the draft task. */
export const recordDiagnostics = (api: ApiClient, routeId: string, tutor: string, date: string) =>
  api.request('POST', `/routes/${routeId}/record-diagnostics`, tutor, {
    diagnosticsId: randomUUID(),
    date,
    results: ictDeficit(),
  });

/**
 * Records diagnostics by sending the update to the route workflow directly, stamped `now`: the API stamps a
 * command with the present, and the specs that need the diagnostics dated otherwise come this way.
 */
export const recordDiagnosticsAt = (
  system: TestSystem,
  routeId: string,
  tutor: string,
  {
    date,
    now,
    results = ictDeficit(),
  }: { date: string; now: string; results?: readonly RouteDiagnosticsResultInput[] },
) =>
  system.api
    .get(Client)
    .workflow.getHandle(routeWorkflowId(routeId))
    .executeUpdate(recordDiagnosticsUpdate, {
      args: [
        {
          data: { diagnosticsId: randomUUID(), date, results },
          metadata: { actorId: tutor, role: 'tutor', now },
        },
      ],
    });

/** The road-map row the specs draft: a 36-hour course against the ICT deficit, due on `deadline`. */
export const courseRow = (deadline: string) => ({
  rowId: 'row-1',
  competence: 'ict' as const,
  activity: 'Курс «Цифровые инструменты учителя»',
  activityKind: 'furtherTrainingProgramme' as const,
  tasks: 'Освоить цифровые сервисы',
  hours: 36,
  deadline,
});

/**
 * A route of `teacherId` through the tutor's diagnostics (dated `today`) and the methodologist's draft of `rows`
 * to the tutor's agreement with one control point a month ahead: its id, in the implementation stage.
 */
export async function routeInImplementation(
  api: ApiClient,
  organisationId: string,
  as: { tutor: string; methodologist: string },
  route: { teacherId: string; methodologistId: string; titlePage: object; rows: readonly object[]; today: string },
): Promise<string> {
  const post = async (path: string, token: string, body: unknown, status: number) => {
    const response = await api.request('POST', path, token, body);
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  const created = await post(
    `/organisations/${organisationId}/routes`,
    as.tutor,
    routeBody(route.teacherId, route.methodologistId, route.titlePage),
    201,
  );
  const routeId = created.body.state.routeId as string;
  await post(
    `/routes/${routeId}/record-diagnostics`,
    as.tutor,
    { diagnosticsId: randomUUID(), date: route.today, results: ictDeficit() },
    200,
  );
  await post(`/routes/${routeId}/submit-draft`, as.methodologist, { rows: route.rows }, 200);
  const controlPoints = [{ controlPointId: 'cp-1', date: addDays(route.today, 30), description: 'Курс пройден' }];
  await post(`/routes/${routeId}/agree-road-map`, as.tutor, { controlPoints }, 200);
  return routeId;
}
