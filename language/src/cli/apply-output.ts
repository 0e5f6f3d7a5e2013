/**
 * What `apply` prints as tables: the confirmed corrective invoice and the actuals it created (the JSON form
 * is the engine's applyResultJson). Decimals are exact digits, never exponents.
 */
import {
  explanationPlace,
  type ConfirmedCorrection,
  translateEngineMessage,
  type EngineMessageKey,
  minorUnits,
  type Decimal,
  plainDecimal,
  type Actual,
} from '#engine';
import { tableChunks } from './block-table.js';
import { println, writeChunks, type CliContext } from './context.js';
import type { CliMessageKey } from './messages.js';

const text = (value: Decimal | undefined): string => (value === undefined ? '' : plainDecimal(value));

/** An amount as an accountant reads it: the currency's decimal places (136.50 USD, 1000000 VND). */
function money(value: Decimal | undefined, currency: string): string {
  if (value === undefined) return '';
  const places = minorUnits(currency);
  // Pads only: a value finer than its currency (an imported ledger) is shown as it is, never rounded.
  const shown = value.decimalPlaces();
  if (shown > places) return plainDecimal(value);
  // toFixed(places) of a value with no more places than that: its exact digits ("0" for any zero, so
  // never "-0.00") padded with zeros, without decimal.js rounding to get there.
  const digits = plainDecimal(value);
  if (shown === places) return digits;
  return shown === 0 ? `${digits}.${'0'.repeat(places)}` : `${digits}${'0'.repeat(places - shown)}`;
}

// Explanations are shared by every actual of an action: each one's cell is made once.
const explanationCells = new WeakMap<object, string>();

function explanationCell(explanation: Actual['explanation']): string {
  if (explanation === undefined) return '\n';
  let cell = explanationCells.get(explanation);
  if (cell === undefined) {
    cell = `${explanation.scenario}\n${explanationPlace(explanation)}`;
    explanationCells.set(explanation, cell);
  }
  return cell;
}

/** Option-set values in the reader's language (the JSON keeps the codes). */
// A table of 100,000 lines asks for the same few labels 100,000s of times: each is translated once.
const labels = new WeakMap<CliContext, Map<string, string>>();

function cached(context: CliContext, key: string, make: () => string): string {
  let known = labels.get(context);
  if (!known) {
    known = new Map();
    labels.set(context, known);
  }
  let text = known.get(key);
  if (text === undefined) {
    text = make();
    known.set(key, text);
  }
  return text;
}

export function label(context: CliContext, value: string): string {
  return cached(context, value, () => {
    const key = `value.${value}` as CliMessageKey;
    const text = context.t(key);
    return text === key ? value : text;
  });
}

export function typeLabel(context: CliContext, actual: Pick<Actual, 'transactionType' | 'reversal'>): string {
  const type = label(context, actual.transactionType);
  return actual.reversal
    ? cached(context, `reversal:${type}`, () => context.t('value.reversal', { type }))
    : type;
}

/** The tables of a confirmed correction, written in chunks that wait for the output to drain. */
export async function writeApplyTables(context: CliContext, result: ConfirmedCorrection): Promise<void> {
  const { t } = context;
  const out = context.io.stdout;
  const invoice = result.invoice;
  println(
    out,
    t('apply.invoiceTitle', {
      id: invoice.id,
      original: invoice.correctsInvoiceId ?? '',
      currency: invoice.currency,
    }),
  );
  const scenarios = new Map(result.lines.map((line) => [line.line, line.scenario]));
  const lineRows: string[][] = [];
  for (const line of invoice.lines) {
    lineRows.push([
      line.originalLineDetailId ?? line.id,
      line.class,
      `${text(line.previousQuantity)} / ${money(line.previousAmount, invoice.currency)}`,
      `${text(line.quantity)} / ${money(line.amount, invoice.currency)}`,
      money(line.invoiceAmount, invoice.currency),
      scenarios.get(line.id) ?? '',
    ]);
  }
  await writeChunks(
    context.io,
    tableChunks(
      [
        t('col.line'),
        t('col.class'),
        t('col.original'),
        t('col.corrected'),
        t('col.invoiceAmount'),
        t('col.scenario'),
      ],
      lineRows,
    ),
  );
  println(
    out,
    t('apply.invoiceAmount', {
      amount: money(invoice.invoiceAmount, invoice.currency),
      currency: invoice.currency,
    }),
  );
  for (const excluded of invoice.excluded ?? []) {
    const reason = translateEngineMessage(context.language, excluded.code as EngineMessageKey, {
      line: excluded.lineDetailId,
    });
    println(out, t('apply.excluded', { line: excluded.lineDetailId, reason }));
  }

  println(out);
  println(out, t('apply.actualsTitle', { count: result.created.length }));
  const actualRows: string[][] = [];
  for (const actual of result.created) {
    actualRows.push([
      actual.originalLineDetailId ?? actual.lineDetailId ?? '',
      typeLabel(context, actual),
      text(actual.quantity),
      money(actual.amount, actual.currency),
      label(context, actual.billingType),
      label(context, actual.adjustmentStatus),
      explanationCell(actual.explanation),
    ]);
  }
  await writeChunks(
    context.io,
    tableChunks(
      [
        t('col.line'),
        t('col.type'),
        t('col.quantity'),
        t('col.amount'),
        t('col.billingType'),
        t('col.status'),
        t('col.explanation'),
      ],
      actualRows,
    ),
  );
  const adjusted = result.lines.flatMap((line) => line.adjusted.map((actual) => actual.id));
  if (adjusted.length > 0) println(out, t('apply.adjustedTitle', { ids: adjusted.join(', ') }));
  for (const line of result.lines) {
    if (line.milestone?.milestoneId) {
      println(
        out,
        t('apply.milestone', {
          milestone: line.milestone.milestoneId,
          status: label(context, line.milestone.status),
        }),
      );
    }
  }
}
