import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { newId, postJson } from '../../api';
import { useSession } from '../../auth';
import {
  DataTable,
  DoneBox,
  ErrorBox,
  InputField,
  labelledOptions,
  SelectField,
  SubmitButton,
} from '../../components/ui';
import { useSubmit } from '../../use-submit';
import { useFormValues } from '../../components/form-values';
import { formatInstant, formatLocalDate } from '../../format';
import { programmeDocumentKindLabels } from '../../labels';
import type { Programme, ProgrammeDocumentKind } from '../../types';
import { isAllowedFileRef } from '../../../../../libs/domain/src/shared/file-ref';
import { DocumentScan } from '../scans/DocumentScan';
import { useAnchor, useProgramme } from './programme-screens';

const documentKinds = Object.keys(programmeDocumentKindLabels) as ProgrammeDocumentKind[];

/** The programme's documents (orders, regulations, road map) with their scans; registering one opens on its button. */
export function ProgrammeDocuments() {
  const { programme, zone, refresh } = useProgramme();
  const session = useSession();
  // The checklist's «Зарегистрировать документ» names the missing kind (?register=): the form opens on it.
  const [params] = useSearchParams();
  const asked = params.get('register') as ProgrammeDocumentKind | null;
  const [documentKind, setDocumentKind] = useState<ProgrammeDocumentKind>(
    asked && documentKinds.includes(asked) ? asked : 'implementationAct',
  );
  // Opened once by the link; afterwards the user folds and unfolds it (the tab bar's link drops the query).
  const [openedByLink] = useState(asked !== null);
  const canRecord = session.has('curator', 'administrator', 'director');
  useAnchor(true);
  return (
    <section aria-labelledby="documents-title" className="card">
      <h2 id="documents-title">Документы</h2>
      <DocumentTable programme={programme} zone={zone} canAttach={canRecord} />
      {canRecord ? (
        <details className="form-details" id="document-form" open={openedByLink}>
          <summary>Зарегистрировать документ</summary>
          <DocumentForm
            programmeId={programme.programmeId}
            kind={documentKind}
            onKind={setDocumentKind}
            onRecorded={(version) => refresh(version)}
          />
        </details>
      ) : null}
    </section>
  );
}

function DocumentTable({ programme, zone, canAttach }: { programme: Programme; zone: string; canAttach: boolean }) {
  const documents = Object.values(programme.documents).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  if (documents.length === 0) return <p className="empty">Документы не зарегистрированы.</p>;
  return (
    <DataTable
      caption="Зарегистрированные документы"
      columns={['Документ', 'Номер', 'Дата', 'Подписал', 'Зарегистрирован', 'Файл', 'Скан подписанного экземпляра']}
    >
      {documents.map((d) => (
        <tr key={d.documentId}>
          <td>{programmeDocumentKindLabels[d.kind]}</td>
          <td>{d.number}</td>
          <td>{formatLocalDate(d.date)}</td>
          <td>{d.signedBy}</td>
          <td>{formatInstant(d.recordedAt, zone)}</td>
          <td>
            <FileLink fileRef={d.fileRef} />
          </td>
          <td>
            <DocumentScan
              scan={d.scan}
              title={`${programmeDocumentKindLabels[d.kind]} № ${d.number}`}
              uploadPath={`/programmes/${programme.programmeId}/documents/${d.documentId}/scan`}
              downloadPath={`/programmes/${programme.programmeId}/documents/${d.documentId}/scan`}
              canAttach={canAttach && programme.stage !== 'closed'}
              zone={zone}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A document's file as a link only when the address is https: (the API accepts nothing else; a link
 * stored before that rule, such as `javascript:`, is shown as inert text, never as an href).
 */
function FileLink({ fileRef }: { fileRef: string | undefined }) {
  if (!fileRef) return <>—</>;
  if (!isAllowedFileRef(fileRef)) return <span className="hint">{fileRef}</span>;
  return (
    <a href={fileRef} target="_blank" rel="noopener noreferrer">
      Открыть
    </a>
  );
}

function DocumentForm({
  programmeId,
  kind,
  onKind,
  onRecorded,
}: {
  programmeId: string;
  kind: ProgrammeDocumentKind;
  onKind: (k: ProgrammeDocumentKind) => void;
  onRecorded: (version: number) => Promise<void>;
}) {
  const { values, set, bind } = useFormValues({ number: '', date: '', signedBy: '', fileRef: '' });
  const { number, date, signedBy, fileRef } = values;
  const { submit: send, busy, error, done } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(async () => {
      const result = await postJson<{ version: number }>(`/programmes/${programmeId}/documents`, {
        documentId: newId(),
        kind,
        number,
        date,
        signedBy,
        ...(fileRef ? { fileRef } : {}),
      });
      await onRecorded(result.version);
      set('number', '');
      set('fileRef', '');
      return `Документ «${programmeDocumentKindLabels[kind]}» № ${number} зарегистрирован`;
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Зарегистрировать документ" className="form-grid">
      <SelectField
        label="Вид документа"
        field="kind"
        error={error}
        value={kind}
        onChange={onKind}
        options={labelledOptions(programmeDocumentKindLabels)}
      />
      <InputField label="Номер" {...bind('number')} error={error} />
      <InputField label="Дата документа" {...bind('date')} error={error} type="date" />
      <InputField label="Кем подписан" {...bind('signedBy')} error={error} />
      <InputField label="Ссылка на файл (необязательно, адрес https://…)" {...bind('fileRef')} error={error} />
      <div className="actions">
        <SubmitButton busy={busy} busyText="Регистрация…" variant="plain">
          Зарегистрировать
        </SubmitButton>
      </div>
      <ErrorBox error={error} />
      <DoneBox done={done} />
    </form>
  );
}
