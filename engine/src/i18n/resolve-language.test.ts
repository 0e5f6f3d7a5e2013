import { describe, expect, it } from 'vitest';
import { localeOfEnv, resolveLanguage } from './resolve-language.js';

describe('resolveLanguage', () => {
  it('reads every kind of candidate the clients gather', () => {
    expect(resolveLanguage(['vi'])).toBe('vi'); // --lang, a setting, ?lang=, a stored choice
    expect(resolveLanguage(['vi_VN.UTF-8'])).toBe('vi'); // POSIX locale
    expect(resolveLanguage(['vi_VN@latin'])).toBe('vi');
    expect(resolveLanguage(['vi-VN'])).toBe('vi'); // BCP 47: VS Code, navigator.languages
    expect(resolveLanguage(['VI'])).toBe('vi');
    expect(resolveLanguage(['en_US.UTF-8'], 'vi')).toBe('en');
    expect(resolveLanguage(['en-GB'], 'vi')).toBe('en');
  });

  it('takes the first candidate it understands, in the order given', () => {
    expect(resolveLanguage(['en', 'vi'])).toBe('en');
    expect(resolveLanguage(['vi', 'en-US'])).toBe('vi');
    // Extension: the `auto` setting defers to VS Code's display language.
    expect(resolveLanguage(['auto', 'vi-VN'])).toBe('vi');
    // Web page: ?lang=, stored choice, then navigator.languages in the user's order.
    expect(resolveLanguage([null, null, 'fr-FR', 'vi-VN', 'en'])).toBe('vi');
    expect(resolveLanguage(['de', 'vi'])).toBe('vi');
    expect(resolveLanguage([undefined, '', '  ', 'vi'])).toBe('vi');
  });

  it('falls back when no candidate names English or Vietnamese', () => {
    expect(resolveLanguage([])).toBe('en');
    expect(resolveLanguage(['fr', 'C', 'POSIX', 'auto', 'vietnamese', undefined])).toBe('en');
    // The web app's server defaults to Vietnamese.
    expect(resolveLanguage([undefined, 'garbage'], 'vi')).toBe('vi');
  });
});

describe('localeOfEnv', () => {
  it('is the locale in effect: LC_ALL, else LC_MESSAGES, else LANG, empty meaning unset', () => {
    expect(localeOfEnv({ LC_ALL: 'vi_VN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('vi_VN.UTF-8');
    expect(localeOfEnv({ LC_MESSAGES: 'vi_VN', LANG: 'en_US' })).toBe('vi_VN');
    expect(localeOfEnv({ LC_ALL: '', LANG: 'vi_VN.UTF-8' })).toBe('vi_VN.UTF-8');
    expect(localeOfEnv({})).toBeUndefined();
  });

  it('makes LC_ALL=C English even when LANG is Vietnamese (the CLIs and the language server)', () => {
    const env = { LC_ALL: 'C', LANG: 'vi_VN.UTF-8' };
    expect(resolveLanguage([undefined, localeOfEnv(env)])).toBe('en');
    expect(resolveLanguage(['vi', localeOfEnv(env)])).toBe('vi');
    expect(resolveLanguage([undefined, localeOfEnv({ LANG: 'vi_VN.UTF-8' })])).toBe('vi');
  });
});
