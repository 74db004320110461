import type { ApiClient } from './programme-setup';

/** A further-training catalogue as the administrator's CSV: header and rows, `;`-separated (base64 in JSON). */
export const catalogueFile = (
  rows: string[][],
  header = ['Название', 'Организация', 'Часы', 'Форма', 'ID в реестре'],
) => ({
  fileName: 'catalogue.csv',
  content: Buffer.from([header, ...rows].map((r) => r.join(';')).join('\r\n') + '\r\n').toString('base64'),
});

/** Two programmes of the federal registry, as a regional operator would list them. */
export const catalogueRows = (hours = '36') => [
  ['Наставничество в образовательной организации', 'ЦНППМ Самарской области', hours, 'очная', 'FR-1024'],
  ['Цифровые инструменты педагога', 'Академия Минпросвещения России', '72', 'дистанционная', ''],
];

/** The body of POST /organisations/:id/trainings: `personId` trained as a mentor, two weeks ending `dateTo`. */
export const trainingBody = (
  personId: string,
  dateTo: string,
  course: { catalogueEntryId: string } | { courseTitle: string },
) => ({
  personId,
  role: 'mentor',
  ...course,
  hours: 36,
  dateFrom: new Date(Date.parse(dateTo) - 11 * 86_400_000).toISOString().slice(0, 10),
  dateTo,
  certificateNumber: '772412345678',
});

/** PUT /organisations/:id/settings: whether untrained mentors block the preparatory stage. */
export const requireMentorTraining = (api: ApiClient, organisationId: string, token: string, required = true) =>
  api.request('PUT', `/organisations/${organisationId}/settings`, token, { mentorTrainingRequired: required });
