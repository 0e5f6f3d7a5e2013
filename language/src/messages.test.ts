import { describe, expect, it } from 'vitest';
import { LANGUAGE_MESSAGES } from './messages.js';

describe('message catalog', () => {
  it('has a Vietnamese text for every English one, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(LANGUAGE_MESSAGES.en)) {
      const vietnamese = LANGUAGE_MESSAGES.vi[key as keyof typeof LANGUAGE_MESSAGES.vi];
      expect(vietnamese, key).toBeTruthy();
      expect(placeholders(vietnamese), key).toEqual(placeholders(english));
    }
  });
});
