import { describe, expect, it } from 'vitest';
import { createTranslator, resolveLanguage, type Catalog } from './translator.js';

const catalog: Catalog<'hello' | 'onlyEn'> = {
  en: { hello: 'Hello {name}', onlyEn: 'English only' },
  vi: { hello: 'Xin chào {name}', onlyEn: '' },
};

describe('translator', () => {
  it('fills placeholders in the chosen language', () => {
    expect(createTranslator(catalog, 'vi')('hello', { name: 'An' })).toBe('Xin chào An');
    expect(createTranslator(catalog, 'en')('hello', { name: 'An' })).toBe('Hello An');
  });
  it('falls back to English when a Vietnamese text is empty', () => {
    expect(createTranslator(catalog, 'vi')('onlyEn')).toBe('English only');
  });
  it('resolves the language from the flag, then the locale', () => {
    expect(resolveLanguage('vi')).toBe('vi');
    expect(resolveLanguage(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(resolveLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(resolveLanguage(undefined, {})).toBe('en');
  });
});
