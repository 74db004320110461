import { isBase64 } from 'class-validator';
import { isBase64Text } from './base64.validator';

describe('isBase64Text: padded base64 without a regular expression', () => {
  it.each([
    ['', true],
    ['TWFu', true],
    ['TWE=', true],
    ['TQ==', true],
    ['0LDQsdCy', true],
    ['a+b/', true],
    ['TWF', false], // not a multiple of four
    ['TQ=a', false], // padding inside
    ['T===', false],
    ['не base64!', false],
    ['TW-_', false], // the URL-safe alphabet is another encoding
  ])('%j → %s, as class-validator’s isBase64 says', (text, expected) => {
    expect(isBase64Text(text)).toBe(expected);
    expect(isBase64(text)).toBe(expected);
  });

  it('reads the base64 of a 10 MiB file without recursion', () => {
    const content = Buffer.alloc(10 * 1024 * 1024 + 1, 'а').toString('base64');
    expect(isBase64Text(content)).toBe(true);
    expect(isBase64Text(`${content.slice(0, -4)}!!!!`)).toBe(false);
  });

  it('refuses what is not a text', () => {
    expect(isBase64Text(42)).toBe(false);
    expect(isBase64Text(undefined)).toBe(false);
  });
});
