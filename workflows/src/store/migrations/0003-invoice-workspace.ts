/**
 * What the invoice workspace (the web app, `app/`) keeps beside the synced data, and the indexes its
 * list needs at 100,000 invoices.
 *
 * - `invoices.search_text`: names, tax codes, series and number, lower-cased with Vietnamese accents
 *   folded (`Công ty` -> `cong ty`), generated so every upsert keeps it right; the text search of the list.
 * - `invoice_labels`: labels put on invoices ("Gán nhãn"); `invoice_workspace`: the tax-declaration
 *   period ("Gán kê khai") and the consistency warnings the app last found (with the count not hidden);
 *   `invoice_hidden_warnings`: a warning hidden with the reason ("Ẩn cảnh báo").
 * - `invoice_sync_attempts`: one row per attempt at a part, written by a trigger whenever a part's
 *   attempt count moves, so the history needs nothing from the sync code.
 *
 * (No `;` ends a line inside the trigger body: the migration runner splits statements on line-final `;`.)
 */
export const invoiceWorkspace = `
ALTER TABLE invoices ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
  translate(lower(coalesce(seller_name, '') || ' ' || coalesce(buyer_name, '') || ' ' || nbmst || ' ' ||
    coalesce(buyer_tax_code, '') || ' ' || khhdon || ' ' || shdon::text),
    'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ',
    'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy')
) STORED;
CREATE INDEX invoices_list_issue ON invoices (issue_date DESC, id DESC);
CREATE INDEX invoices_list_direction_issue ON invoices (direction, issue_date DESC, id DESC);

CREATE TABLE invoice_labels (
  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  labelled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (invoice_id, label)
);
CREATE INDEX invoice_labels_label ON invoice_labels (label, invoice_id);

CREATE TABLE invoice_workspace (
  invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
  declaration_period TEXT,
  warnings JSONB NOT NULL DEFAULT '[]',
  visible_warnings INTEGER NOT NULL DEFAULT 0,
  checked_at TIMESTAMPTZ
);
CREATE INDEX invoice_workspace_declaration ON invoice_workspace (declaration_period, invoice_id);
CREATE INDEX invoice_workspace_warned ON invoice_workspace (invoice_id) WHERE visible_warnings > 0;

CREATE TABLE invoice_hidden_warnings (
  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  hidden_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (invoice_id, code)
);

CREATE TABLE invoice_sync_attempts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  part TEXT NOT NULL,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  error TEXT,
  tried_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  next_check_at TIMESTAMPTZ
);
CREATE INDEX invoice_sync_attempts_invoice ON invoice_sync_attempts (invoice_id, id);

CREATE FUNCTION invoice_log_attempt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.details_attempts IS DISTINCT FROM OLD.details_attempts THEN INSERT INTO invoice_sync_attempts (invoice_id, part, status, attempt, error, next_check_at) VALUES (NEW.id, 'details', NEW.details_status, NEW.details_attempts, NEW.details_last_error, NEW.details_next_check_at); END IF; IF NEW.xml_attempts IS DISTINCT FROM OLD.xml_attempts THEN INSERT INTO invoice_sync_attempts (invoice_id, part, status, attempt, error, next_check_at) VALUES (NEW.id, 'xml', NEW.xml_status, NEW.xml_attempts, NEW.xml_last_error, NEW.xml_next_check_at); END IF; RETURN NULL; END
$$;
CREATE TRIGGER invoices_log_attempt AFTER UPDATE OF details_attempts, xml_attempts ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoice_log_attempt();
`;
