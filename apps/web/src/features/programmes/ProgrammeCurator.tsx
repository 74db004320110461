import { useState, type FormEvent } from 'react';
import { postJson } from '../../api';
import { useSession } from '../../auth';
import { PersonId } from '../../components/people';
import { PersonPicker } from '../../components/PersonPicker';
import { DoneBox, ErrorBox } from '../../components/ui';
import { useSubmit } from '../../use-submit';
import type { PersonListItem, Programme } from '../../types';

/** The programme's curator by name, and for the director (or an administrator) the picker that appoints one. */
export function ProgrammeCurator({
  programme,
  onAppointed,
}: {
  programme: Programme;
  onAppointed: (version: number) => Promise<void>;
}) {
  const session = useSession();
  const [curator, setCurator] = useState<PersonListItem>();
  const { submit: send, busy, error, done } = useSubmit();
  const canAppoint = session.has('director', 'administrator') && programme.stage !== 'closed';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const result = await postJson<{ version: number }>(`/programmes/${programme.programmeId}/curator`, {
        curatorId: curator?.personId,
      });
      await onAppointed(result.version);
      setCurator(undefined);
      return `Куратором назначен(а) ${curator?.shortName ?? ''}`.trim();
    });
  };
  return (
    <div className="programme-curator">
      <p>
        Куратор программы: {programme.curatorId ? <PersonId id={programme.curatorId} /> : <strong>не назначен</strong>}
      </p>
      {canAppoint ? (
        <form onSubmit={submit} noValidate aria-label="Назначить куратора" className="form-grid">
          <PersonPicker
            organisationId={programme.organisationId}
            label="Куратор"
            field="curatorId"
            error={error}
            value={curator}
            onChange={setCurator}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {programme.curatorId ? 'Назначить другого куратора' : 'Назначить куратора'}
            </button>
          </div>
          <ErrorBox error={error} title="Куратор не назначен" />
          <DoneBox done={done} />
        </form>
      ) : null}
    </div>
  );
}
