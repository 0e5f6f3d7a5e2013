/** Invoices with their two sync parts, lines, raw detail JSON, raw XML, and sync runs. */
export const initial = `
CREATE TABLE invoices (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nbmst TEXT NOT NULL,
  khmshdon INTEGER NOT NULL,
  khhdon TEXT NOT NULL,
  shdon INTEGER NOT NULL,
  tax_code TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('purchase', 'sold')),
  family TEXT NOT NULL CHECK (family IN ('query', 'sco-query')),
  portal_id TEXT NOT NULL,
  issue_date DATE NOT NULL,
  tthai SMALLINT,
  ttxly SMALLINT,
  hsgoc TEXT,
  seller_name TEXT,
  buyer_tax_code TEXT,
  buyer_name TEXT,
  total_before_tax NUMERIC,
  total_tax NUMERIC,
  total_payable NUMERIC,
  currency TEXT,
  raw_header JSONB NOT NULL,
  details_status TEXT NOT NULL DEFAULT 'not_synced'
    CHECK (details_status IN ('not_synced', 'synced', 'unavailable', 'incomplete', 'failed')),
  details_attempts INTEGER NOT NULL DEFAULT 0,
  details_last_error TEXT,
  details_last_tried_at TIMESTAMPTZ,
  details_next_check_at TIMESTAMPTZ,
  xml_status TEXT NOT NULL DEFAULT 'not_synced'
    CHECK (xml_status IN ('not_synced', 'synced', 'unavailable', 'incomplete', 'failed')),
  xml_attempts INTEGER NOT NULL DEFAULT 0,
  xml_last_error TEXT,
  xml_last_tried_at TIMESTAMPTZ,
  xml_next_check_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT invoices_natural_key UNIQUE (nbmst, khmshdon, khhdon, shdon)
);
CREATE INDEX invoices_owner_period ON invoices (tax_code, direction, issue_date);
CREATE INDEX invoices_details_status ON invoices (details_status, details_next_check_at);
CREATE INDEX invoices_xml_status ON invoices (xml_status, xml_next_check_at);

CREATE TABLE invoice_details (
  invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
  raw_json JSONB NOT NULL,
  saved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE invoice_lines (
  invoice_id BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  line_index INTEGER NOT NULL,
  line_no INTEGER,
  nature SMALLINT,
  code TEXT,
  name TEXT,
  unit TEXT,
  quantity NUMERIC,
  unit_price NUMERIC,
  discount_rate NUMERIC,
  discount_amount NUMERIC,
  amount NUMERIC,
  vat_rate_code TEXT,
  vat_rate NUMERIC,
  vat_amount NUMERIC,
  vat_amount_source TEXT,
  extra JSONB NOT NULL DEFAULT '{}',
  PRIMARY KEY (invoice_id, line_index)
);

CREATE TABLE invoice_xml (
  invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
  xml TEXT NOT NULL,
  saved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sync_runs (
  id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL,
  scope JSONB NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ,
  counts JSONB NOT NULL DEFAULT '{}',
  error TEXT
);
CREATE INDEX sync_runs_started ON sync_runs (started_at DESC);
`;
