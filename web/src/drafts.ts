/** The analyst's edits survive a reload (local storage) until reset to the sample; documents can be downloaded. */

const key = (name: string) => `rules-editor.draft:${name}`;

/** The stored text of `name`, if any (storage may be unavailable: private windows, blocked cookies). */
export function loadDraft(storage: Storage | undefined, name: string): string | undefined {
  try {
    return storage?.getItem(key(name)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `text` for `name`; the sample itself is not stored, so a reset page follows a newer sample. */
export function saveDraft(storage: Storage | undefined, name: string, text: string, sample: string): void {
  try {
    if (text === sample) storage?.removeItem(key(name));
    else storage?.setItem(key(name), text);
  } catch {
    // Full or unavailable storage: the edits stay in the page only.
  }
}

export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
