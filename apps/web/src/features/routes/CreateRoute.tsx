/**
 * The tutor creates a teacher's route (003 §3): the teacher chosen by name from the staff directory, the
 * methodologist among the school's and its regional organisations' methodologists, the subject's code for the
 * registry prefilled from the organisation's (or its region's) routes, and the title page; then the route opens.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { getJson, postJson } from '../../api';
import { useSession } from '../../auth';
import { PersonPicker } from '../../components/PersonPicker';
import { usePersonLabel } from '../../components/people';
import { CommandForm, InputField, SelectField, useLoad } from '../../components/ui';
import { todayIn } from '../../format';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { readUntil } from '../../query';
import type { PersonListItem, RegionalSpecialistView, Route } from '../../types';

interface StaffMember {
  personId: string;
  role: string;
  fullName?: string;
}

/** The last day of a four-year route (003 §3.1 recommends 4–5 years) starting on `date`. */
const fourYearsLater = (date: string) => {
  const end = new Date(`${date}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() + 4);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
};

/** The methodologists who may draft the route: the school's own, and those of regional organisations serving it. */
function useMethodologists(organisationId: string) {
  const label = usePersonLabel();
  const loaded = useLoad(async () => {
    if (!organisationId) return [];
    const [organisation, regional] = await Promise.all([
      getJson<{ staff: StaffMember[] }>(`/organisations/${organisationId}`),
      getJson<RegionalSpecialistView[]>(`/organisations/${organisationId}/regional-specialists?limit=100`).catch(
        () => [],
      ),
    ]);
    return [
      ...organisation.staff.filter((m) => m.role === 'methodologist').map((m) => [m.personId, m.fullName] as const),
      ...regional
        .filter((s) => s.role === 'methodologist')
        .map(
          (s) =>
            [s.personId, s.name && `${s.name} (${s.regionalOrganisationName ?? 'региональная организация'})`] as const,
        ),
    ];
  }, [organisationId]);
  const seen = new Set<string>();
  return (loaded.data ?? [])
    .filter(([id]) => !seen.has(id) && seen.add(id))
    .map(([id, name]) => [id, name ?? label(id)] as const);
}

/** The subject's code of the organisation's earlier routes, else of a route in the same region the caller sees. */
function useRegionCode(organisationId: string): string | undefined {
  const session = useSession();
  const region = session.organisations.get(organisationId)?.region;
  const found = useLoad(async () => {
    if (!organisationId) return undefined;
    const own = await getJson<Route[]>(`/routes?organisationId=${organisationId}&limit=1`);
    if (own[0]) return own[0].code.slice(0, 2);
    const seen = await getJson<Route[]>('/routes?limit=100');
    return seen.find((r) => session.organisations.get(r.organisationId)?.region === region)?.code.slice(0, 2);
  }, [organisationId]);
  return found.data;
}

type TitlePageForm = Record<
  | 'position'
  | 'education'
  | 'qualificationCategory'
  | 'lastAttestationDate'
  | 'teachingExperienceYears'
  | 'selfEducationTopic'
  | 'startDate'
  | 'endDate',
  string
>;

/** 003 §5.1's title page as the tutor fills it: the field, its label and the input's own attributes. */
const titlePageFields: readonly [keyof TitlePageForm, string, { type?: string; min?: number; hint?: string }][] = [
  ['position', 'Должность', {}],
  ['education', 'Образование', {}],
  ['qualificationCategory', 'Квалификационная категория', {}],
  ['lastAttestationDate', 'Дата последней аттестации', { type: 'date' }],
  ['teachingExperienceYears', 'Педагогический стаж, лет', { type: 'number', min: 0 }],
  ['selfEducationTopic', 'Тема самообразования', {}],
  ['startDate', 'Начало маршрута', { type: 'date' }],
  ['endDate', 'Окончание маршрута', { type: 'date', hint: 'Рекомендуется 4–5 лет' }],
];

export function CreateRoute() {
  const session = useSession();
  const navigate = useNavigate();
  const organisations = [...session.organisations.values()];
  const [organisationId, setOrganisationId] = useState(organisations[0]?.organisationId ?? '');
  const today = todayIn(session.timeZoneOf(organisationId));
  const [teacher, setTeacher] = useState<PersonListItem | undefined>();
  const { values, set: setValue, bind } = useFormValues({ methodologistId: '', regionCode: '' });
  const { methodologistId, regionCode } = values;
  const [page, setPage] = useState<TitlePageForm>({
    position: '',
    education: '',
    qualificationCategory: '',
    lastAttestationDate: '',
    teachingExperienceYears: '',
    selfEducationTopic: '',
    startDate: today,
    endDate: fourYearsLater(today),
  });
  const methodologists = useMethodologists(organisationId);
  const knownRegionCode = useRegionCode(organisationId);
  const command = useSubmit();

  useEffect(() => setValue('regionCode', knownRegionCode ?? ''), [knownRegionCode, setValue]);
  // The teacher's position from her card, until the tutor types another.
  useEffect(() => {
    if (teacher?.positions[0]) setPage((p) => (p.position ? p : { ...p, position: teacher.positions[0] ?? '' }));
  }, [teacher]);

  const set = (patch: Partial<TitlePageForm>) => setPage((p) => ({ ...p, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(async () => {
      const created = await postJson<{ state: { routeId: string } }>(`/organisations/${organisationId}/routes`, {
        teacherId: teacher?.personId ?? '',
        methodologistId,
        ...(regionCode ? { regionCode } : {}),
        titlePage: {
          position: page.position,
          education: page.education,
          ...(page.qualificationCategory ? { qualificationCategory: page.qualificationCategory } : {}),
          ...(page.lastAttestationDate ? { lastAttestationDate: page.lastAttestationDate } : {}),
          teachingExperienceYears:
            page.teachingExperienceYears === '' ? undefined : Number(page.teachingExperienceYears),
          selfEducationTopic: page.selfEducationTopic,
          startDate: page.startDate,
          endDate: page.endDate,
        },
      });
      const routeId = created.state.routeId;
      // The route's page reads the read model: wait until the projector has the new route.
      await readUntil(`/routes/${routeId}`, () => true).catch(() => undefined);
      void navigate(`/routes/${routeId}`);
    });
  };

  return (
    <section aria-labelledby="new-route-title">
      <p className="breadcrumbs">
        <Link to="/routes">ИОМ</Link> / новый маршрут
      </p>
      <h1 id="new-route-title">Новый индивидуальный образовательный маршрут</h1>
      <CommandForm
        command={command}
        onSubmit={submit}
        label="Новый ИОМ"
        className="card"
        submit="Создать маршрут"
        busyText="Создание…"
        failed="Маршрут не создан"
      >
        <div className="form-grid">
          <SelectField
            label="Организация педагога"
            field="organisationId"
            value={organisationId}
            onChange={(id) => {
              setOrganisationId(id);
              setTeacher(undefined);
              setValue('methodologistId', '');
            }}
            options={organisations.map((o) => [o.organisationId, o.name] as const)}
          />
          <PersonPicker
            label="Педагог"
            field="teacherId"
            organisationId={organisationId}
            value={teacher}
            onChange={setTeacher}
          />
          <SelectField
            label="Методист"
            {...bind('methodologistId')}
            empty="— выберите методиста —"
            options={methodologists}
          />
          <InputField
            label="Код субъекта РФ для реестра ИОМ"
            {...bind('regionCode')}
            hint={
              knownRegionCode
                ? 'Код субъекта организации в реестре ИОМ'
                : 'Первый маршрут организации: укажите код субъекта (например, 63)'
            }
            inputMode="numeric"
            maxLength={2}
          />
        </div>
        <fieldset className="form-grid">
          <legend>Титульный лист</legend>
          {titlePageFields.map(([key, label, extra]) => (
            <InputField
              key={key}
              label={label}
              field={`titlePage.${key}`}
              {...extra}
              max={key === 'lastAttestationDate' ? today : undefined}
              value={page[key]}
              onChange={(v) =>
                // A new start moves the end four years on; the tutor may change it after.
                set(key === 'startDate' && v ? { startDate: v, endDate: fourYearsLater(v) } : { [key]: v })
              }
            />
          ))}
        </fieldset>
      </CommandForm>
    </section>
  );
}
