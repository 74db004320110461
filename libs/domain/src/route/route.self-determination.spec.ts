import type { ReflectionEntry, RouteEvent } from './route.events';
import {
  command,
  created_,
  inDesign,
  inDiagnostic,
  inImplementation,
  inReflective,
  spec,
  teacher,
  tutor,
} from './route.fixtures';

const tImage = '2026-04-27T09:00:00.000Z';
const tReflection = '2030-04-15T09:00:00.000Z';
const image = 'Учитель, который уверенно применяет цифровые сервисы и делится опытом с коллегами';
// The fixture's initial deficits: regulatoryLegal, ict, digitalisation, healthSaving.
const entry = (area: ReflectionEntry['area']): ReflectionEntry => ({
  area,
  whatChanged: 'Освоены новые приёмы',
  evidence: 'Открытый урок, удостоверение',
  nearnessToImage: 'Ближе, чем в начале маршрута',
});
const entries = [entry('regulatoryLegal'), entry('ict'), entry('digitalisation'), entry('healthSaving')];
const reflected: RouteEvent = {
  type: 'ReflectionRecorded',
  data: { routeId: 'route-1', entries, recordedAt: tReflection, recordedBy: 'teacher-1' },
};

describe('self-determination and reflection (000 п.1, п.7)', () => {
  it('records the teacher’s desired professional image at the diagnostic stage', () => {
    const recorded: RouteEvent = {
      type: 'DesiredImageRecorded',
      data: { routeId: 'route-1', desiredImage: image, recordedAt: tImage, recordedBy: 'teacher-1' },
    };
    spec
      .given(inDiagnostic)
      .when(command('RecordDesiredImage', { desiredImage: ` ${image} ` }, teacher(tImage)))
      .then([recorded]);
    expect(created_([...inDiagnostic, recorded]).desiredImage).toMatchObject({ text: image });
    spec
      .given(inImplementation)
      .when(command('RecordDesiredImage', { desiredImage: image }, teacher(tImage)))
      .thenRefuses('route.stage.mismatch');
    spec
      .given(inDesign)
      .when(command('RecordDesiredImage', { desiredImage: image }, tutor(tImage)))
      .thenRefuses('route.forbidden');
  });

  it('takes the reflective analysis of every deficit, and the tutor agrees it', () => {
    spec
      .given(inReflective)
      .when(command('RecordReflection', { entries }, teacher(tReflection)))
      .then([reflected]);
    spec
      .given([...inReflective, reflected])
      .when(command('AgreeReflection', {}, tutor(tReflection)))
      .then([{ type: 'ReflectionAgreed', data: { routeId: 'route-1', agreedAt: tReflection, agreedBy: 'tutor-1' } }]);
  });

  it('names the deficits left out and the empty parts', () =>
    spec
      .given(inReflective)
      .when(
        command(
          'RecordReflection',
          { entries: [entry('regulatoryLegal'), entry('ict'), { ...entry('digitalisation'), evidence: ' ' }] },
          teacher(tReflection),
        ),
      )
      .thenRefuses('route.reflection.invalid', ['reflection.deficit.missing', 'reflection.evidence.empty']));

  it('refuses agreement before the analysis, and a new analysis after agreement', () => {
    spec
      .given(inReflective)
      .when(command('AgreeReflection', {}, tutor(tReflection)))
      .thenRefuses('route.reflection.missing');
    const agreed: RouteEvent = {
      type: 'ReflectionAgreed',
      data: { routeId: 'route-1', agreedAt: tReflection, agreedBy: 'tutor-1' },
    };
    spec
      .given([...inReflective, reflected, agreed])
      .when(command('RecordReflection', { entries }, teacher(tReflection)))
      .thenRefuses('route.reflection.agreed');
  });
});
