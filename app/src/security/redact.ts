/** Secrets of the environment, replaced by `***` in every text the app shows or logs. */
const SECRET_VARIABLES = [
  'PORTAL_PASSWORD',
  'PORTAL_CAPTCHA',
  'APP_TOKEN',
  'APP_PASSWORD_HASH',
  'TEMPORAL_API_KEY',
];

export function redactorFor(env: Record<string, string | undefined>): (text: string) => string {
  const secrets = SECRET_VARIABLES.map((name) => env[name]?.trim() ?? '').filter(
    (value) => value.length >= 4,
  );
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('***');
    // Credentials in URLs (postgres://user:pass@host).
    return out.replace(/\/\/([^:/@\s]+):[^@\s]*@/g, '//$1:***@');
  };
}
