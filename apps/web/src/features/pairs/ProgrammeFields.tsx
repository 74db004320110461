import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { Bind } from '../../components/form-values';
import { InputField, TextAreaField } from '../../components/ui';

export interface ActivityDraft {
  title: string;
  plannedDate: string;
}

/**
 * The fields of a personalised programme (002 §2: term, directions, difficulties, activities), shared by the
 * controller's approval and the mentor's proposal or correction so the two forms cannot drift apart. `leading`
 * goes first in the same grid (the proposal's explanation); `removable` offers removing an activity.
 */
export function ProgrammeFields(props: {
  bind: Bind<'start' | 'end' | 'directions' | 'difficulties'>;
  activities: ActivityDraft[];
  setActivities: Dispatch<SetStateAction<ActivityDraft[]>>;
  leading?: ReactNode;
  removable?: boolean;
}) {
  const { bind, activities, setActivities } = props;
  const setActivity = (i: number, patch: Partial<ActivityDraft>) =>
    setActivities((all) => all.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <>
      <div className="form-grid">
        {props.leading}
        <InputField label="Начало программы" required type="date" {...bind('start')} />
        <InputField
          label="Окончание программы"
          required
          hint="От 3 месяцев до 1 года после начала"
          type="date"
          {...bind('end')}
        />
        <TextAreaField label="Направления работы (по одному в строке)" required rows={3} {...bind('directions')} />
        <TextAreaField
          label="Профессиональные затруднения наставляемого (по одному в строке)"
          rows={3}
          {...bind('difficulties')}
        />
      </div>
      {activities.map((activity, i) => (
        <fieldset key={i} className="form-grid">
          <legend>Мероприятие {i + 1}</legend>
          <InputField
            label="Название мероприятия"
            field={`activities.${i}.title`}
            required
            value={activity.title}
            onChange={(v) => setActivity(i, { title: v })}
          />
          <InputField
            label="Плановая дата"
            field={`activities.${i}.plannedDate`}
            required
            type="date"
            value={activity.plannedDate}
            onChange={(v) => setActivity(i, { plannedDate: v })}
          />
          {props.removable && activities.length > 1 ? (
            <button type="button" onClick={() => setActivities((all) => all.filter((_, j) => j !== i))}>
              Удалить мероприятие {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
    </>
  );
}
