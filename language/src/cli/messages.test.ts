import { describe, expect, it } from 'vitest';
import { CLI_MESSAGES, cliTranslator } from './messages.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('CLI messages', () => {
  it('has a Vietnamese text with the same placeholders for every English one', () => {
    for (const [key, english] of Object.entries(CLI_MESSAGES.en)) {
      const vietnamese = CLI_MESSAGES.vi[key as keyof typeof CLI_MESSAGES.vi];
      expect(vietnamese, key).toBeTruthy();
      expect(placeholders(vietnamese), key).toEqual(placeholders(english));
    }
  });

  it('fills placeholders', () => {
    expect(cliTranslator('vi')('summary.test', { passed: 3, failed: 1 })).toBe('3 đạt, 1 không đạt');
  });
});
