import { describe, expect, it } from 'vitest';
import { cliMessages, type CliMessageKey } from './messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('CLI message catalog', () => {
  it('has a Vietnamese text with the same placeholders for every English one', () => {
    for (const key of Object.keys(cliMessages.en) as CliMessageKey[]) {
      expect(cliMessages.vi[key], key).toBeTruthy();
      expect(placeholders(cliMessages.vi[key]), key).toEqual(placeholders(cliMessages.en[key]));
    }
  });
});

describe('CLI hints', () => {
  it('name commands as the user types them (npm run sync -- ...): invoice-sync is not on PATH', () => {
    for (const language of ['en', 'vi'] as const) {
      for (const [key, text] of Object.entries(cliMessages[language])) {
        expect(text, `${language} ${key}`).not.toMatch(
          /invoice-sync (sync|status|devserver|invoices|demo)\b/,
        );
      }
    }
  });
});
