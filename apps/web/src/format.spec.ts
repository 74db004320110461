import { describe, expect, it } from '@jest/globals';
import { shortNameOf } from './format';

describe('shortNameOf', () => {
  it('shortens a ФИО to the surname and initials', () => {
    expect(shortNameOf('Иванова Мария Петровна')).toBe('Иванова М. П.');
    expect(shortNameOf('Ёлкина Ольга')).toBe('Ёлкина О.');
    expect(shortNameOf('Римская-Корсакова Анна Ильинична')).toBe('Римская-Корсакова А. И.');
  });

  it('leaves a name that is no ФИО as it is', () => {
    expect(shortNameOf('Пользователь 1a2b3c4d')).toBe('Пользователь 1a2b3c4d');
    expect(shortNameOf('Обезличено')).toBe('Обезличено');
    expect(shortNameOf('Иванова М. П.')).toBe('Иванова М. П.');
  });
});
