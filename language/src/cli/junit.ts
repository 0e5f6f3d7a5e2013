/**
 * JUnit XML for CI servers, built with fast-xml-parser's XMLBuilder (it escapes &, <, >, quotes); characters
 * XML 1.0 forbids (control characters) are dropped first, so the report is always well-formed.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface JUnitCase {
  name: string;
  /** The rule set the tests are for: CI servers group by class name. */
  className: string;
  file?: string;
  line?: number;
  /** Set when the test failed: a one-line summary and the full text (diff, explanations). */
  failure?: { message: string; details: string };
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
  seconds: number;
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function clean(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '');
}

export function junitXml(suites: JUnitSuite[]): string {
  const failures = (suite: JUnitSuite) => suite.cases.filter((c) => c.failure).length;
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'corrections',
      '@_tests': suites.reduce((n, s) => n + s.cases.length, 0),
      '@_failures': suites.reduce((n, s) => n + failures(s), 0),
      '@_errors': 0,
      '@_time': suites.reduce((n, s) => n + s.seconds, 0).toFixed(3),
      testsuite: suites.map((suite) => ({
        '@_name': clean(suite.name),
        '@_tests': suite.cases.length,
        '@_failures': failures(suite),
        '@_errors': 0,
        '@_skipped': 0,
        '@_time': suite.seconds.toFixed(3),
        testcase: suite.cases.map((c) => ({
          '@_name': clean(c.name),
          '@_classname': clean(c.className),
          ...(c.file !== undefined ? { '@_file': clean(c.file) } : {}),
          ...(c.line !== undefined ? { '@_line': c.line } : {}),
          ...(c.failure
            ? {
                failure: {
                  '@_message': clean(c.failure.message),
                  '@_type': 'AssertionError',
                  '#text': clean(c.failure.details),
                },
              }
            : {}),
        })),
      })),
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    processEntities: true,
  });
  return builder.build(document) as string;
}
