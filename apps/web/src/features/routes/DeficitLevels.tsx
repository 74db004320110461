/** The methodologist's or the tutor's entry of the deficit level per competence (003 §5.4): never derived. */
import { useState, type FormEvent } from 'react';
import { FoldedCommandForm, Field } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { competenceAreaLabels, deficitLevelLabels } from '../../labels';
import type { CompetenceResult, Route } from '../../types';
import type { DeficitLevel } from '../../../../../libs/domain/src/route/route.events';
import { sendRouteCommand } from './route-commands';

type Diagnostics = { diagnosticsId: string; date: string; results: CompetenceResult[] };

export function DeficitLevelsForm({
  route,
  kind,
  onDone,
}: {
  route: Route;
  kind: 'initial' | 'control';
  onDone: () => void;
}) {
  const diagnostics = (kind === 'initial' ? route.diagnostics : route.controlDiagnostics) as Diagnostics | undefined;
  const deficits = (diagnostics?.results ?? []).filter((r) => r.level === 'deficit');
  const [levels, setLevels] = useState<Record<string, DeficitLevel | ''>>(() =>
    Object.fromEntries(
      deficits.map((r) => [
        r.area,
        (r as CompetenceResult & { deficitLevelDerived?: boolean }).deficitLevelDerived ? '' : (r.deficitLevel ?? ''),
      ]),
    ),
  );
  const command = useSubmit();
  if (!diagnostics || deficits.length === 0) return null;
  const title =
    kind === 'initial' ? 'Уровень дефицитов (входная диагностика)' : 'Уровень дефицитов (контрольная диагностика)';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void command.submit(() =>
      sendRouteCommand(route, 'enter-deficit-levels', {
        diagnosticsId: diagnostics.diagnosticsId,
        levels: deficits.filter((r) => levels[r.area]).map((r) => ({ area: r.area, deficitLevel: levels[r.area] })),
      }).then(onDone),
    );
  };
  return (
    <FoldedCommandForm
      title={title}
      command={command}
      onSubmit={submit}
      className="form-grid"
      submit="Сохранить уровни дефицитов"
      busyText="Сохранение…"
      failed="Не сохранено"
    >
      <p className="hint">Уровень дефицита указывают методист или тьютор: высокий, средний или минимальный.</p>
      {deficits.map((r, i) => (
        <Field
          key={r.area}
          label={`${competenceAreaLabels[r.area]} (${r.percent} %)`}
          field={`levels.${i}.deficitLevel`}
        >
          {(props) => (
            <select
              {...props}
              value={levels[r.area] ?? ''}
              onChange={(e) => setLevels((all) => ({ ...all, [r.area]: e.target.value as DeficitLevel | '' }))}
            >
              <option value="">— не указан —</option>
              {(Object.keys(deficitLevelLabels) as DeficitLevel[]).map((level) => (
                <option key={level} value={level}>
                  {deficitLevelLabels[level]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
    </FoldedCommandForm>
  );
}
