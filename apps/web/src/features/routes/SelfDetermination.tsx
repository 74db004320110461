/** The teacher's desired professional image and the reflective analysis per deficit (000 п.1, п.7). */
import { useState, type FormEvent } from 'react';
import { ErrorBox, SubmitButton, TextAreaField } from '../../components/ui';
import { useSession } from '../../auth';
import { useSubmit } from '../../use-submit';
import { competenceAreaLabels } from '../../labels';
import type { CompetenceArea, Route } from '../../types';
import { sendRouteCommand } from './route-commands';

interface ReflectionEntry {
  area: CompetenceArea;
  whatChanged: string;
  evidence: string;
  nearnessToImage: string;
}

type RouteWithReflection = Route & {
  desiredImage?: { text: string; recordedAt: string };
  reflection?: { entries: ReflectionEntry[]; recordedAt: string; agreedAt?: string };
};

export function SelfDetermination({ route, onChanged }: { route: Route; onChanged: () => void }) {
  const r = route as RouteWithReflection;
  const session = useSession();
  const isTeacher = session.me.sub === r.participants.teacherId;
  const isTutor = session.me.sub === r.participants.tutorId || session.has('administrator');
  const agree = useSubmit();
  return (
    <section className="card" aria-labelledby="self-determination">
      <h2 id="self-determination">Самоопределение и рефлексия</h2>
      <h3>Желаемый образ профессионала</h3>
      {r.desiredImage ? <p>{r.desiredImage.text}</p> : <p className="empty">Педагог ещё не описал желаемый образ.</p>}
      {isTeacher && (r.stage === 'diagnosticMotivational' || r.stage === 'design') ? (
        <DesiredImageForm route={r} onDone={onChanged} />
      ) : null}
      {r.reflection ? (
        <>
          <h3>Рефлексивный анализ {r.reflection.agreedAt ? '(согласован тьютором)' : '(ожидает согласования)'}</h3>
          <ul>
            {r.reflection.entries.map((e) => (
              <li key={e.area}>
                <strong>{competenceAreaLabels[e.area]}</strong>: {e.whatChanged}. Подтверждения: {e.evidence}.
                Приближение к желаемому образу: {e.nearnessToImage}
              </li>
            ))}
          </ul>
          {isTutor && !r.reflection.agreedAt && r.stage === 'reflective' ? (
            <>
              <button
                type="button"
                className="button-primary"
                disabled={agree.busy}
                onClick={() => void agree.submit(() => sendRouteCommand(r, 'agree-reflection', {}).then(onChanged))}
              >
                Согласовать рефлексивный анализ
              </button>
              <ErrorBox error={agree.error} title="Не согласовано" />
            </>
          ) : null}
        </>
      ) : null}
      {isTeacher && r.stage === 'reflective' && !r.reflection?.agreedAt ? (
        <ReflectionForm route={r} onDone={onChanged} />
      ) : null}
    </section>
  );
}

function DesiredImageForm({ route, onDone }: { route: RouteWithReflection; onDone: () => void }) {
  const [text, setText] = useState(route.desiredImage?.text ?? '');
  const command = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() => sendRouteCommand(route, 'record-desired-image', { desiredImage: text }).then(onDone));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Желаемый образ профессионала">
      <TextAreaField
        label="Каким я вижу себя состоявшимся профессионалом"
        field="desiredImage"
        error={command.error}
        rows={3}
        value={text}
        onChange={setText}
      />
      <div className="actions">
        <SubmitButton busy={command.busy}>Сохранить</SubmitButton>
      </div>
      <ErrorBox error={command.error} title="Не сохранено" />
    </form>
  );
}

function ReflectionForm({ route, onDone }: { route: RouteWithReflection; onDone: () => void }) {
  const deficits = (route.diagnostics?.results ?? []).filter((x) => x.level === 'deficit').map((x) => x.area);
  const [entries, setEntries] = useState<ReflectionEntry[]>(
    () =>
      route.reflection?.entries ??
      deficits.map((area) => ({ area, whatChanged: '', evidence: '', nearnessToImage: '' })),
  );
  const command = useSubmit();
  const set = (i: number, patch: Partial<ReflectionEntry>) =>
    setEntries((all) => all.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() => sendRouteCommand(route, 'record-reflection', { entries }).then(onDone));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Рефлексивный анализ">
      {entries.map((e, i) => (
        <fieldset key={e.area} className="form-grid">
          <legend>{competenceAreaLabels[e.area]}</legend>
          <TextAreaField
            label="Что изменилось"
            field={`entries.${i}.whatChanged`}
            error={command.error}
            rows={2}
            value={e.whatChanged}
            onChange={(v) => set(i, { whatChanged: v })}
          />
          <TextAreaField
            label="Подтверждения"
            field={`entries.${i}.evidence`}
            error={command.error}
            rows={2}
            value={e.evidence}
            onChange={(v) => set(i, { evidence: v })}
          />
          <TextAreaField
            label="Приближение к желаемому образу"
            field={`entries.${i}.nearnessToImage`}
            error={command.error}
            rows={2}
            value={e.nearnessToImage}
            onChange={(v) => set(i, { nearnessToImage: v })}
          />
        </fieldset>
      ))}
      <div className="actions">
        <SubmitButton busy={command.busy}>Представить рефлексивный анализ</SubmitButton>
      </div>
      <ErrorBox error={command.error} title="Не сохранено" />
    </form>
  );
}
