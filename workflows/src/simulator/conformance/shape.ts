/**
 * The shape of portal JSON: per field, the kinds of value seen (`string`, `int` literal, `float`
 * literal, `bool`, `null`, `array`, `object`, and `json-string` for strings holding a JSON object such as
 * `nbcks`), and for arrays and objects the shape of what they hold. Integer and float literals are told
 * apart from the text (`289466.0` is a float literal), as some clients' languages read them as types.
 */
export type Kind = 'string' | 'json-string' | 'int' | 'float' | 'bool' | 'null' | 'array' | 'object';

export interface FieldShape {
  kinds: Set<Kind>;
  /** Values seen that were not null, empty arrays or empty strings. */
  filled: number;
  /** Shape of the objects inside (arrays of objects, or objects). */
  inner?: ObjectShape;
}

export interface ObjectShape {
  records: number;
  fields: Map<string, FieldShape>;
}

/** A value whose number literals are tagged with their kind, from `JSON.parse` with the source text. */
interface Tagged {
  kind: 'int' | 'float';
}

const isTagged = (value: unknown): value is Tagged =>
  typeof value === 'object' && value !== null && (value as { __literal?: true }).__literal === true;

/** `JSON.parse`, with every number replaced by a tag saying whether its literal was an integer or a float. */
export function parseTagged(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number'
      ? { __literal: true, kind: /[.eE]/.test(context?.source ?? String(value)) ? 'float' : 'int' }
      : value,
  );
}

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (isTagged(value)) return value.kind;
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string')
    return /^\{.*\}$/s.test(value) && isJsonObject(value) ? 'json-string' : 'string';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

function isFilled(value: unknown): boolean {
  return !(value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/** The shape of a list of records (list rows, details, lines...), nested shapes included. */
export function shapeOf(records: readonly unknown[]): ObjectShape {
  const shape: ObjectShape = { records: 0, fields: new Map() };
  for (const record of records) {
    if (typeof record !== 'object' || record === null || Array.isArray(record) || isTagged(record)) continue;
    shape.records++;
    for (const [name, value] of Object.entries(record)) {
      const field = shape.fields.get(name) ?? { kinds: new Set<Kind>(), filled: 0 };
      const kind = kindOf(value);
      field.kinds.add(kind);
      if (isFilled(value)) field.filled++;
      const inner =
        kind === 'array'
          ? (value as unknown[]).filter((item) => kindOf(item) === 'object')
          : kind === 'object'
            ? [value]
            : kind === 'json-string'
              ? [JSON.parse(value as string) as unknown]
              : [];
      if (inner.length > 0) field.inner = merge(field.inner, shapeOf(inner));
      shape.fields.set(name, field);
    }
  }
  return shape;
}

function merge(a: ObjectShape | undefined, b: ObjectShape): ObjectShape {
  if (!a) return b;
  for (const [name, field] of b.fields) {
    const existing = a.fields.get(name);
    if (!existing) {
      a.fields.set(name, field);
      continue;
    }
    for (const kind of field.kinds) existing.kinds.add(kind);
    existing.filled += field.filled;
    if (field.inner) existing.inner = merge(existing.inner, field.inner);
  }
  a.records += b.records;
  return a;
}

export interface ShapeRules {
  /**
   * Kinds a field may have beyond those the real samples show, with the reason (a fact recorded in
   * `tax-portal.md`, e.g. the original invoice's fields, null in every sample but filled on replacements).
   */
  documented?: Record<string, { kinds: Kind[]; reason: string }>;
}

/**
 * Every divergence of `simulated` from `real`, as readable lines (empty = conformant): a field missing
 * or extra, a kind the real data never has (an integer literal where the portal writes a float), or a
 * field the real samples fill that the simulator never fills. Nested shapes are compared the same way.
 */
export function compareShapes(
  real: ObjectShape,
  simulated: ObjectShape,
  path: string,
  rules: ShapeRules = {},
): string[] {
  const problems: string[] = [];
  for (const name of real.fields.keys()) {
    if (!simulated.fields.has(name)) problems.push(`${path}.${name}: missing (the portal sends it)`);
  }
  for (const [name, sim] of simulated.fields) {
    const at = `${path}.${name}`;
    const truth = real.fields.get(name);
    if (!truth) {
      problems.push(`${at}: not a field the portal sends`);
      continue;
    }
    const allowed = new Set<Kind>([...truth.kinds, 'null', ...(rules.documented?.[at]?.kinds ?? [])]);
    const foreign = [...sim.kinds].filter((kind) => !allowed.has(kind));
    if (foreign.length > 0) {
      problems.push(`${at}: ${foreign.join('/')} where the portal has ${[...truth.kinds].join('/')}`);
    }
    if (truth.filled > 0 && sim.filled === 0) problems.push(`${at}: never filled (the portal fills it)`);
    if (truth.inner && sim.inner) problems.push(...compareShapes(truth.inner, sim.inner, at, rules));
    else if (truth.inner && !sim.inner && sim.filled > 0)
      problems.push(`${at}: no nested objects where the portal has them`);
  }
  return problems;
}
