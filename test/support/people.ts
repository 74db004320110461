import type { ApiClient } from './programme-setup';

/** A card and employment as POST /organisations/:id/people takes them; `overrides` replace any field. */
export const personBody = (surname: string, overrides: Record<string, unknown> = {}) => ({
  surname,
  firstName: 'Мария',
  patronymic: 'Петровна',
  workEmail: 'staff@school.ru',
  workPhone: '+7 843 100-00-00',
  positions: ['учитель математики'],
  subjects: ['Математика'],
  ...overrides,
});

/** POST /organisations/:id/people; the new person's id. */
export async function addPerson(
  api: ApiClient,
  organisationId: string,
  token: string,
  surname: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await api.request(
    'POST',
    `/organisations/${organisationId}/people`,
    token,
    personBody(surname, overrides),
  );
  if (response.status !== 201)
    throw new Error(`POST people answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.personId as string;
}
