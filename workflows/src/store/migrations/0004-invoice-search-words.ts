/**
 * The list's text search by words (`invoices.search_words`, GIN-indexed): each word of the query
 * matches the start of a word of the names, tax codes, series or number (accents folded as in
 * `search_text`: a generated column cannot read another, so the expression is repeated), and an
 * index the status filters count from without reading the table., so a search at 100,000 invoices reads the index instead of every row.
 */
export const invoiceSearchWords = `
ALTER TABLE invoices ADD COLUMN search_words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple',
  translate(lower(coalesce(seller_name, '') || ' ' || coalesce(buyer_name, '') || ' ' || nbmst || ' ' ||
    coalesce(buyer_tax_code, '') || ' ' || khhdon || ' ' || shdon::text),
    'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ',
    'aaaaaaaaaaaaaaaaadeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyy'))
) STORED;
CREATE INDEX invoices_search_words ON invoices USING gin (search_words);
CREATE INDEX invoices_direction_statuses ON invoices (direction, details_status, xml_status);
`;
