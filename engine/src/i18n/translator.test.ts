import { describe, expect, it } from 'vitest';
import { createTranslator, type Catalog } from './translator.js';

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
});
