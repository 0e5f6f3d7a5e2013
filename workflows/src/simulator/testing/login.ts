/** Test helper: logs in to a simulator with its test-only captcha answer; returns the bearer token. */
import { SIMULATOR_ANSWER_PATTERN } from '../captcha.js';

export async function loginToSimulator(
  url: string,
  credentials: { username: string; password: string },
): Promise<string> {
  const captcha = (await (await fetch(`${url}/api/captcha`)).json()) as { key: string; content: string };
  const answer = SIMULATOR_ANSWER_PATTERN.exec(captcha.content)?.[1];
  if (!answer) throw new Error('loginToSimulator: the captcha carries no test answer');
  const response = await fetch(`${url}/api/security-taxpayer/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, cvalue: answer, ckey: captcha.key }),
  });
  const body = (await response.json()) as { token?: string; message?: string };
  if (!body.token) throw new Error(`loginToSimulator: ${response.status} ${body.message ?? ''}`);
  return body.token;
}
