import { useState, type FormEvent } from 'react';
import { useSubmit } from '../../use-submit';

/** Reads an uploaded text file (UTF-8), reporting bytes read so a large file shows its progress. */
export function readTextFile(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('Не удалось прочитать файл'));
    reader.readAsText(file, 'utf-8');
  });
}

/** A file as base64, the body the upload endpoints take (the staff import, signed scans). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Не удалось прочитать файл'));
    reader.readAsDataURL(file);
  });
}

/**
 * An administrator's XML upload: `submit` reads the chosen file with its progress, then `send(xml)` saves it
 * (its stage labelled `checking`) and says what was saved. `stage` is set while either runs.
 */
export function useXmlUpload(missing: string, checking: string, send: (xml: string) => Promise<string>) {
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<{ label: string; value?: number; max?: number } | null>(null);
  const { submit: run, error, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!file) throw new Error(missing);
      try {
        setStage({ label: 'Чтение файла', value: 0, max: file.size });
        const xml = await readTextFile(file, (loaded) =>
          setStage({ label: 'Чтение файла', value: loaded, max: file.size }),
        );
        setStage({ label: checking });
        return await send(xml);
      } finally {
        setStage(null);
      }
    });
  };
  return { setFile, stage, submit, error, done };
}
