/**
 * The list's URL query: parsed strictly (an unknown parameter or a bad value is a clear 400 naming it),
 * turned into the store's filter, and written back for links (paging, sorting, tabs, the Excel export).
 */
import {
  SYNC_STATUSES,
  WORKSPACE_SORTS,
  type SyncStatus,
  type WorkspaceFilter,
  type WorkspaceSort,
} from '#workflows/store';
import { AppError } from '../messages.js';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
/** Deeper than this is not a page anyone reads; refused rather than scanned. */
export const MAX_PAGE = 100_000;

export interface ListQuery {
  direction?: 'purchase' | 'sold';
  from?: string;
  to?: string;
  status?: SyncStatus;
  part?: 'details' | 'xml';
  warnings?: 'with' | 'without';
  label?: string;
  declaration?: string;
  q?: string;
  sort: WorkspaceSort;
  descending: boolean;
  page: number;
  size: number;
}

const KNOWN = [
  'direction',
  'from',
  'to',
  'status',
  'part',
  'warnings',
  'label',
  'declaration',
  'q',
  'sort',
  'order',
  'page',
  'size',
  'lang',
];

function bad(field: string, value: string, expected: string): never {
  throw new AppError(400, 'error.badFilter', {
    field,
    value: value.length > 60 ? `${value.slice(0, 60)}…` : value,
    expected,
  });
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) bad(field, value, allowed.join(', '));
  return value as T;
}

/** A calendar date as `dd/mm/yyyy` (as users type it) or `YYYY-MM-DD`; returned as `YYYY-MM-DD`. */
function isoDate(field: string, value: string): string {
  const typed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const iso = typed ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}` : value;
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
  // A day that does not exist (31/02) rolls over in Date: compare back to refuse it.
  if (!instant || Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 10) !== iso)
    bad(field, value, 'dd/mm/yyyy');
  return iso;
}

function integer(field: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max)
    bad(field, value, `${min}..${max}`);
  return Number(value);
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  for (const name of params.keys()) {
    if (!KNOWN.includes(name)) bad(name, params.get(name) ?? '', `one of ${KNOWN.join(', ')}`);
  }
  const get = (name: string) => {
    const value = params.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const query: ListQuery = { sort: 'issueDate', descending: true, page: 1, size: 50 };
  const direction = get('direction');
  if (direction !== undefined && direction !== 'all')
    query.direction = oneOf('direction', direction, ['purchase', 'sold'] as const);
  const from = get('from');
  if (from !== undefined) query.from = isoDate('from', from);
  const to = get('to');
  if (to !== undefined) query.to = isoDate('to', to);
  const status = get('status');
  if (status !== undefined) query.status = oneOf('status', status, SYNC_STATUSES);
  const part = get('part');
  if (part !== undefined) query.part = oneOf('part', part, ['details', 'xml'] as const);
  const warnings = get('warnings');
  if (warnings !== undefined) query.warnings = oneOf('warnings', warnings, ['with', 'without'] as const);
  const label = get('label');
  if (label !== undefined) {
    if (label.length > 40) bad('label', label, 'at most 40 characters');
    query.label = label;
  }
  const declaration = get('declaration');
  if (declaration !== undefined) {
    if (declaration !== 'none' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(declaration))
      bad('declaration', declaration, 'YYYY-MM or none');
    query.declaration = declaration;
  }
  const q = get('q');
  if (q !== undefined) {
    if (q.length > 100) bad('q', q, 'at most 100 characters');
    query.q = q;
  }
  const sort = get('sort');
  if (sort !== undefined) query.sort = oneOf('sort', sort, WORKSPACE_SORTS);
  const order = get('order');
  if (order !== undefined) query.descending = oneOf('order', order, ['asc', 'desc'] as const) === 'desc';
  const page = get('page');
  if (page !== undefined) query.page = integer('page', page, 1, MAX_PAGE);
  const size = get('size');
  if (size !== undefined) query.size = Number(oneOf('size', size, PAGE_SIZES.map(String)));
  return query;
}

export function filterOf(query: ListQuery): WorkspaceFilter {
  return {
    ...(query.direction ? { direction: query.direction } : {}),
    ...(query.from ? { issuedFrom: query.from } : {}),
    ...(query.to ? { issuedTo: query.to } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.part ? { part: query.part } : {}),
    ...(query.warnings ? { warnings: query.warnings } : {}),
    ...(query.label ? { label: query.label } : {}),
    ...(query.declaration ? { declarationPeriod: query.declaration } : {}),
    ...(query.q ? { text: query.q } : {}),
  };
}

/** The URL of the list (or `path`, e.g. the export) with this query; defaults are left out. */
export function listUrl(query: ListQuery, path = '/'): string {
  const params = new URLSearchParams();
  if (query.direction) params.set('direction', query.direction);
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.status) params.set('status', query.status);
  if (query.part) params.set('part', query.part);
  if (query.warnings) params.set('warnings', query.warnings);
  if (query.label) params.set('label', query.label);
  if (query.declaration) params.set('declaration', query.declaration);
  if (query.q) params.set('q', query.q);
  if (query.sort !== 'issueDate') params.set('sort', query.sort);
  if (!query.descending) params.set('order', 'asc');
  if (query.page > 1) params.set('page', String(query.page));
  if (query.size !== 50) params.set('size', String(query.size));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
