/**
 * How much text the rules language reads. A rules file is a table of a few hundred scenarios (the shipped
 * one is 18, the benchmark 10,000, about 2.5 MB); far larger input is a mistake or an attack, and a single
 * word or quoted text of megabytes is never meant.
 */

/** Longest document, in characters (8 MiB): larger ones are refused unread. */
export const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

/** Longest single token (a quoted text, comment, name or number), in characters. */
export const MAX_TOKEN_CHARS = 100_000;
