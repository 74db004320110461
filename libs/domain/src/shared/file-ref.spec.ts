import { isAllowedFileRef } from './file-ref';

describe('isAllowedFileRef', () => {
  it.each(['https://docs.school5.ru/orders/45-od.pdf', 'HTTPS://disk.example.ru/d/abc?x=1#p', 'https://example.ru'])(
    'allows %s',
    (url) => {
      expect(isAllowedFileRef(url)).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'http://docs.school5.ru/orders/45-od.pdf',
    'file:///etc/passwd',
    '//evil.example/x',
    '/files/45-od.pdf',
    'https://',
    'https:///path',
    'https://user:secret@docs.school5.ru/x.pdf',
    'https://docs.school5.ru/a b.pdf',
    'https://docs.school5.ru/\tx',
    'vbscript:msgbox(1)',
    '',
  ])('refuses %j', (url) => {
    expect(isAllowedFileRef(url)).toBe(false);
  });
});
