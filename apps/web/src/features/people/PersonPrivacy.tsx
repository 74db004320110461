import { useState } from 'react';
import { download, postJson, saveBlob } from '../../api';
import { PersonId } from '../../components/people';
import { ConfirmDialog, DoneBox, ErrorBox, Field, Loading, ShowMore, usePaged } from '../../components/ui';
import { formatInstant } from '../../format';
import { roleLabels } from '../../labels';
import { useSubmit } from '../../use-submit';
import type { PersonCardRead, PersonCardView } from '../../types';

/**
 * 152-ФЗ on the card, for administrators: everything the system holds about the person as a JSON file, and
 * depersonalisation of a person who has left and withdrawn consent (the API says what is missing otherwise).
 */
export function PersonPrivacy({ view, onChanged }: { view: PersonCardView; onChanged: () => void }) {
  const exporting = useSubmit();
  const erasing = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const [documentRef, setDocumentRef] = useState('');
  const exportAll = () =>
    void exporting.submit(async () => {
      const file = await download(`/people/${view.personId}/export`, () => undefined);
      // The file is named by the id: a name in a downloads folder is personal data too.
      saveBlob(file, `person-${view.personId}.json`);
      return 'Все данные о человеке выгружены в файл';
    });
  const depersonalise = () =>
    void erasing.submit(async () => {
      await postJson(`/people/${view.personId}/depersonalisation`, { documentRef });
      setConfirming(false);
      onChanged();
      return 'Персональные данные обезличены';
    });
  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Персональные данные (152-ФЗ)</h2>
      <div className="actions">
        <button type="button" onClick={exportAll} disabled={exporting.busy}>
          {exporting.busy ? 'Выгрузка…' : 'Выгрузить все данные (JSON)'}
        </button>
        {view.depersonalised ? null : (
          <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
            Обезличить
          </button>
        )}
      </div>
      <ErrorBox error={exporting.error} title="Не выгружено" />
      <DoneBox done={erasing.done ?? exporting.done} />
      <ConfirmDialog
        open={confirming}
        title="Обезличить персональные данные?"
        confirm="Обезличить"
        busy={erasing.busy}
        onConfirm={depersonalise}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Из справочника, учётной записи, списков, карточек и выгрузок будут безвозвратно удалены ФИО, контакты, даты
          (рождения, аттестации, согласия), категория, образование, стаж и табельный номер. Везде вместо имени будет
          «Обезличено».
        </p>
        <p>
          Останутся: история пар и ИОМ, где человек указан только идентификатором (цепочка записей истории и её проверка
          не изменятся), и запись об обезличивании со ссылкой на документ.
        </p>
        <p className="hint">
          Обезличить можно только сотрудника, уволенного из всех организаций и отозвавшего согласие на обработку
          персональных данных.
        </p>
        <Field label="Основание (реквизиты документа, без ФИО)" field="documentRef" error={erasing.error}>
          {(props) => <input {...props} value={documentRef} onChange={(e) => setDocumentRef(e.target.value)} />}
        </Field>
        <ErrorBox error={erasing.error} title="Обезличивание отклонено" />
      </ConfirmDialog>
    </section>
  );
}

/** «Кто просматривал карточку»: the reads recorded from outside the person's organisation or pair (administrators). */
export function CardReads({ personId, timeZone }: { personId: string; timeZone: string }) {
  const reads = usePaged<PersonCardRead>(`/people/${personId}/reads`, []);
  return (
    <section className="card" aria-labelledby="reads-title">
      <h2 id="reads-title">Кто просматривал карточку</h2>
      <p className="hint">Просмотры извне организации и пары человека: кто и когда.</p>
      <ErrorBox error={reads.error} />
      {!reads.loaded && !reads.error ? <Loading what="Загрузка просмотров" /> : null}
      {reads.loaded && reads.items.length === 0 ? <p className="empty">Просмотров извне не было.</p> : null}
      <ol className="person-history">
        {reads.items.map((read) => (
          <li key={`${read.readerId}-${read.recordedAt}`}>
            <time dateTime={read.readAt}>{formatInstant(read.readAt, timeZone)}</time> —{' '}
            <PersonId id={read.readerId} name={read.readerName} />
            {read.roles.length ? ` (${read.roles.map((r) => roleLabels[r]).join(', ')})` : ''}
            {read.format === 'full' ? ', с чувствительными полями' : ''}
          </li>
        ))}
      </ol>
      <ShowMore list={reads} what="просмотров" />
    </section>
  );
}
