/**
 * The inputs of the `apply` benchmark: a confirmed invoice of N lines (every class, USD, unit prices and
 * amounts that agree) and the edits of its corrective lines (partial and full credits, increases, lines
 * left unchanged), as the JSON texts a user would pass to `corrections apply`. Deterministic.
 */
export interface ApplyBenchInputs {
  invoice: string;
  corrections: string;
}

const CLASSES = ['Time', 'Expense', 'Material', 'Fee', 'Milestone', 'Retainer'] as const;

export function applyBenchInputs(count: number): ApplyBenchInputs {
  const lines: unknown[] = [];
  const edits: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const cls = CLASSES[i % CLASSES.length]!;
    const id = `L${i}`;
    const quantity = 1 + (i % 40);
    const price = 50 + (i % 17) * 5;
    const amount = `${quantity * price}.00`;
    if (cls === 'Milestone' || cls === 'Retainer') {
      lines.push({ id, class: cls, quantity: '1', amount });
      // Milestones are credited in full; advances corrected to 80%, fully credited, or left as they are.
      if (cls === 'Milestone') edits.push({ line: id, quantity: '0' });
      else if (i % 3 === 0) edits.push({ line: id, amount: `${(quantity * price * 4) / 5}.00` });
      else if (i % 3 === 1) edits.push({ line: id, amount: '0' });
      continue;
    }
    lines.push({ id, class: cls, quantity: String(quantity), unitPrice: `${price}.00`, amount });
    const mode = i % 4;
    if (mode === 0) edits.push({ line: id, quantity: String(Math.floor(quantity / 2)) });
    else if (mode === 1) edits.push({ line: id, quantity: '0' });
    else if (mode === 2) edits.push({ line: id, quantity: String(quantity + 2) });
    // mode 3: not edited, so the line is fully credited (the draft starts at 0).
  }
  return {
    invoice: JSON.stringify({ id: 'BENCH', currency: 'USD', lines }, null, 2),
    corrections: JSON.stringify({ id: 'BENCH-C', lines: edits }, null, 2),
  };
}
