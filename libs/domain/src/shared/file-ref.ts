/**
 * A link to a document's file (fileRef): an absolute `https:` address with a host and no user name or
 * password in it. Nothing else — `javascript:`, `data:`, `http:`, `file:`, a relative path — since the
 * web app opens it as a link; the system stores no files of its own, so there are no own file links to
 * allow. One rule for the API's validation and the web app's rendering.
 */
export function isAllowedFileRef(value: string): boolean {
  // Whitespace or control characters anywhere would let a browser read the scheme differently.
  // eslint-disable-next-line no-control-regex
  if (!/^https:\/\/[^\s\u0000-\u001F\u007F/\\][^\s\u0000-\u001F\u007F]*$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export const fileRefRule = 'Ссылка на файл должна быть адресом https://…';
