import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientCommands } from '#language/protocol';

const extensionDir = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(extensionDir, path), 'utf8'));
const manifest = read('package.json');
const nls = read('package.nls.json');
const nlsVi = read('package.nls.vi.json');
const langium = read('../langium-config.json');

describe('extension manifest', () => {
  it('contributes every command the server code lenses call', () => {
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
    for (const command of Object.values(ClientCommands)) expect(commands).toContain(command);
    expect(commands).toContain('corrections.compileToFile');
  });

  it('registers the language as langium-config.json names it, with the bundled grammar', () => {
    const [language] = langium.languages;
    const contributed = manifest.contributes.languages[0];
    expect(contributed.id).toBe(language.id);
    expect(contributed.extensions).toEqual(language.fileExtensions);
    expect(manifest.contributes.grammars[0]).toMatchObject({
      language: language.id,
      path: './dist/syntaxes/corrections.tmLanguage.json',
    });
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('has every %key% in English and Vietnamese', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      expect(nls[key], key).toBeTruthy();
      expect(nlsVi[key], key).toBeTruthy();
    }
    expect(Object.keys(nlsVi).sort()).toEqual(Object.keys(nls).sort());
  });

  it('has the settings the extension reads', () => {
    const properties = manifest.contributes.configuration.properties;
    expect(properties['corrections.language']).toMatchObject({ default: 'auto', enum: ['auto', 'en', 'vi'] });
    expect(properties['corrections.testing.runOnSave']).toMatchObject({ type: 'boolean', default: false });
    expect(properties['corrections.testing.executor']).toMatchObject({ default: 'fast' });
  });
});
