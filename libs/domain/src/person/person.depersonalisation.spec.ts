import { depersonalisationProblems, type DepersonalisationFacts } from './person.depersonalisation';

const left: DepersonalisationFacts = {
  hasCard: true,
  depersonalised: false,
  consentWithdrawnOn: '2026-11-02',
  employments: [
    { organisationId: 'school-1', organisationName: 'Школа № 5', status: 'dismissed' },
    { organisationId: 'school-2', status: 'dismissed' },
  ],
};
const codes = (facts: DepersonalisationFacts) => depersonalisationProblems(facts).map((p) => p.code);

describe('depersonalisation (152-ФЗ)', () => {
  it('given a person dismissed everywhere who withdrew consent, when depersonalised, then nothing is missing', () =>
    expect(depersonalisationProblems(left)).toEqual([]));

  it('given a person still working in one organisation, then that organisation is named', () =>
    expect(
      depersonalisationProblems({
        ...left,
        employments: [
          { organisationId: 'school-1', organisationName: 'Школа № 5', status: 'working' },
          { organisationId: 'school-2', status: 'parentalLeave' },
        ],
      }),
    ).toEqual([
      { code: 'person.employment.notDismissed', message: 'Сотрудник не уволен из организации «Школа № 5»' },
      { code: 'person.employment.notDismissed', message: 'Сотрудник не уволен из организации «school-2»' },
    ]));

  it('given consent not withdrawn, then that is named', () =>
    expect(codes({ ...left, consentWithdrawnOn: undefined })).toEqual(['person.consent.notWithdrawn']));

  it('given no card, then the missing card is named', () =>
    expect(codes({ hasCard: false, depersonalised: false, employments: [] })).toEqual(['person.card.missing']));

  it('given a depersonalised person, then it is refused as done', () =>
    expect(codes({ ...left, consentWithdrawnOn: undefined, depersonalised: true })).toEqual([
      'person.alreadyDepersonalised',
    ]));
});
