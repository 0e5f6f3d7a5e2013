/**
 * Zod schemas for the portal JSON the sync depends on. Only the essentials are checked; everything
 * else passes through untouched (the raw object is kept). Errors name the field path and invoice.
 */
import { z } from 'zod';
import { PortalError } from './errors.js';
import type { InvoiceKey } from './types.js';

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date-time');
const nullableInt = z.number().int().nullable().optional();

export const headerRowSchema = z.looseObject({
  id: z.string().min(1),
  nbmst: z.string().min(1),
  khmshdon: z.number().int().min(0),
  khhdon: z.string().min(1),
  shdon: z.number().int().min(0),
  tdlap: instant,
  tthai: nullableInt,
  ttxly: nullableInt,
  hsgoc: z.string().nullable().optional(),
});
export type HeaderRow = z.infer<typeof headerRowSchema>;

export const listResponseSchema = z.looseObject({
  datas: z.array(z.unknown()).nullable(),
  total: z.number().int().min(0),
  state: z.string().nullable().optional(),
});

const amount = z.number().nullable().optional();
export const detailLineSchema = z.looseObject({
  stt: nullableInt,
  tchat: nullableInt,
  ten: z.string().nullable().optional(),
  dvtinh: z.string().nullable().optional(),
  sluong: amount,
  dgia: amount,
  thtien: amount,
  tsuat: amount,
  ltsuat: z.string().nullable().optional(),
});

export const detailSchema = headerRowSchema.extend({
  hdhhdvu: z.array(detailLineSchema).nullable(),
});

export const relativeResponseSchema = z.union([
  z.array(z.looseObject({})),
  z.looseObject({ datas: z.array(z.looseObject({})).nullable() }),
]);

/** `0100109106/1/C26TAS/1234` when the row has enough of its key, else undefined. */
export function keyOfRow(row: unknown): string | undefined {
  if (!row || typeof row !== 'object') return undefined;
  const r = row as Record<string, unknown>;
  if (r.nbmst === undefined && r.khhdon === undefined && r.shdon === undefined) return undefined;
  return `${String(r.nbmst ?? '?')}/${String(r.khmshdon ?? '?')}/${String(r.khhdon ?? '?')}/${String(r.shdon ?? '?')}`;
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
    prefix,
  );
}

/** Parses with `schema`; a mismatch becomes a `malformed` PortalError naming the path and the invoice. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  value: unknown,
  context: { endpoint: string; pathPrefix?: string; invoiceKey?: string },
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const invoiceKey = context.invoiceKey ?? keyOfRow(value);
  throw new PortalError({
    kind: 'malformed',
    endpoint: context.endpoint,
    messageKey: 'unexpectedData',
    params: { path: formatPath(context.pathPrefix ?? '', issue.path) || '(root)', problem: issue.message },
    ...(invoiceKey ? { invoiceKey } : {}),
  });
}

export function sameInvoiceKey(row: HeaderRow, key: InvoiceKey): boolean {
  return (
    row.nbmst === key.nbmst &&
    row.khmshdon === key.khmshdon &&
    row.khhdon === key.khhdon &&
    row.shdon === key.shdon
  );
}

export const captchaSchema = z.looseObject({ key: z.string().min(1), content: z.string().min(1) });
export const tokenSchema = z.looseObject({ token: z.string().min(10) });
