/**
 * The list endpoint's query: `search` (RSQL-like clauses), `size` and `sort`. What the portal is
 * documented to accept is honoured; anything else is refused with a message naming it (a 400), never
 * answered differently in silence.
 */
import type { SimInvoice } from './invoice-model.js';

export const PAGE_SIZE_MAX = 50;
/** What the simulator answers when `size` is absent (clients always send it; the portal's own default is not known). */
export const PAGE_SIZE_DEFAULT = 15;
export const DEFAULT_SORT = 'tdlap:desc,khmshdon:asc,shdon:desc';

export interface ListFilter {
  from: number;
  to: number;
  ttxly?: number;
  nbmst?: string;
  nmmst?: string;
}

/**
 * A filter bound as epoch ms: `dd/MM/yyyyTHH:mm:ss` is Vietnam local time (the portal's web form); an
 * ISO instant (`2026-04-01T00:00:00.000Z`, or with an offset) is taken as written.
 */
export function parseFilterTime(text: string): number | null {
  const local = /^(\d{2})\/(\d{2})\/(\d{4})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  const iso = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const [written, offset] = local
    ? [`${local[3]}-${local[2]}-${local[1]}T${local[4]}:${local[5]}:${local[6]}+07:00`, '+07:00']
    : iso
      ? [text, iso[3]!]
      : [null, null];
  if (written === null) return null;
  const ms = Date.parse(written);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 31 February over to March: a date that does not read back the same is refused.
  const offsetMs =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) *
        60_000;
  return new Date(ms + offsetMs).toISOString().slice(0, 10) === written.slice(0, 10) ? ms : null;
}

/** The filter, or a message naming what is wrong. */
export function parseSearch(search: string | null): ListFilter | string {
  if (!search) return 'missing search';
  const filter: Partial<ListFilter> = {};
  for (const clause of search.split(';')) {
    const bound = /^tdlap=(ge|le)=(.+)$/.exec(clause);
    const ttxly = /^ttxly==(\d+)$/.exec(clause);
    const party = /^(nbmst|nmmst)==([\w-]+)$/.exec(clause);
    if (bound) {
      const at = parseFilterTime(bound[2]!);
      if (at === null) return `unreadable date "${bound[2]}" in "${clause}"`;
      if (bound[1] === 'ge') filter.from = at;
      else filter.to = at;
    } else if (ttxly) filter.ttxly = Number(ttxly[1]);
    else if (party) filter[party[1] as 'nbmst' | 'nmmst'] = party[2];
    else return `unsupported clause "${clause}"`;
  }
  if (filter.from === undefined || filter.to === undefined) return 'tdlap=ge= and tdlap=le= are required';
  return filter as ListFilter;
}

/** Rows per page, or a message: 1..50; absent = the default. */
export function parsePageSize(text: string | null): number | string {
  if (text === null || text === '') return PAGE_SIZE_DEFAULT;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > PAGE_SIZE_MAX)
    return `size=${text} is not a whole number from 1 to ${PAGE_SIZE_MAX}`;
  return Number(text);
}

type Comparable = (invoice: SimInvoice) => string | number;
const SORT_FIELDS: Record<string, Comparable> = {
  tdlap: (i) => i.tdlap,
  khmshdon: (i) => i.khmshdon,
  khhdon: (i) => i.khhdon,
  shdon: (i) => i.shdon,
  nbmst: (i) => i.nbmst,
  nmmst: (i) => i.buyer.taxCode,
};

/** A comparator for `sort=field:asc|desc,...` (absent = the portal's documented default), or a message. */
export function listOrder(sort: string | null): ((a: SimInvoice, b: SimInvoice) => number) | string {
  const keys: { field: Comparable; sign: 1 | -1 }[] = [];
  for (const part of (sort || DEFAULT_SORT).split(',')) {
    const [name, direction = 'asc', extra] = part.split(':');
    const field = name === undefined ? undefined : SORT_FIELDS[name];
    if (!field || extra !== undefined)
      return `unknown sort field "${part}" (known: ${Object.keys(SORT_FIELDS).join(', ')})`;
    if (direction !== 'asc' && direction !== 'desc') return `sort direction "${part}" is not asc or desc`;
    keys.push({ field, sign: direction === 'asc' ? 1 : -1 });
  }
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = field(a);
      const y = field(b);
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    // Then the id, so pages are stable.
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
