import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodecServer, type CodecServer } from './codec-server.js';
import { AesGcmPayloadCodec } from './key-ring-codec.js';
import { payloadFromJson, payloadToJson, type PayloadJson } from './payload-json.js';

const UI = 'http://localhost:8233';
const invoice = { invoiceKey: '0100109106/1/C26TAS/1234' };
const codec = new AesGcmPayloadCodec([{ id: 'k1', key: randomBytes(32) }]);

let server: CodecServer;
let small: CodecServer;
beforeAll(async () => {
  server = await startCodecServer({ codec });
  small = await startCodecServer({
    codec,
    maxBodyBytes: 1024,
    allowedOrigins: ['https://cloud.temporal.io'],
  });
});
afterAll(async () => {
  await Promise.all([server.close(), small.close()]);
});

/** What the Temporal UI sends (services/data-encoder.ts): JSON, X-Namespace, credentials included. */
function uiPost(url: string, body: string, origin = UI) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', Origin: origin },
    credentials: 'include',
    body,
  });
}

describe('codec endpoint for the Temporal UI', () => {
  it('binds loopback on a free port by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers the CORS preflight of an allowed origin', async () => {
    const response = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: UI,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-namespace',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, X-Namespace, Authorization',
    );
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('refuses other origins, with no CORS headers', async () => {
    const preflight = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const post = await uiPost(`${server.url}/decode`, '{"payloads":[]}', 'https://evil.example');
    expect(post.status).toBe(403);
  });

  it('encodes then decodes over HTTP, under any path prefix, with CORS on the answer', async () => {
    const payload = payloadToJson(defaultPayloadConverter.toPayload(invoice));
    const encodedResponse = await uiPost(`${server.url}/encode`, JSON.stringify({ payloads: [payload] }));
    expect(encodedResponse.status).toBe(200);
    expect(encodedResponse.headers.get('access-control-allow-origin')).toBe(UI);
    const encoded = (await encodedResponse.json()) as { payloads: PayloadJson[] };
    expect(encoded.payloads).toHaveLength(1);
    expect(Buffer.from(encoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe(
      'binary/encrypted',
    );
    expect(JSON.stringify(encoded)).not.toContain(Buffer.from(JSON.stringify(invoice)).toString('base64'));

    const decodedResponse = await uiPost(`${server.url}/default/decode`, JSON.stringify(encoded));
    expect(decodedResponse.status).toBe(200);
    const decoded = (await decodedResponse.json()) as { payloads: PayloadJson[] };
    expect(decoded.payloads[0]).toEqual(payload);
    expect(defaultPayloadConverter.fromPayload(payloadFromJson(decoded.payloads[0]))).toEqual(invoice);
  });

  it('accepts calls without Origin (CLI, curl) and passes unencrypted payloads through', async () => {
    const plain = payloadToJson(defaultPayloadConverter.toPayload('clear'));
    const response = await fetch(`${server.url}/decode`, {
      method: 'POST',
      body: JSON.stringify({ payloads: [plain] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual({ payloads: [plain] });
  });

  it.each([
    ['bad JSON', '{"payloads": [', 'request body is not JSON'],
    ['no payloads array', '{"payload": []}', 'request body must be {"payloads": [...]}'],
    [
      'bad base64',
      '{"payloads":[{"metadata":{"encoding":"%%%"},"data":""}]}',
      'payloads[0].metadata["encoding"] is not a base64 string',
    ],
    ['a payload that is not an object', '{"payloads":[1]}', 'payloads[0] is not an object'],
  ])('answers %s with 400 and a one-line JSON error', async (_, body, message) => {
    const response = await uiPost(`${server.url}/decode`, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI);
    expect(await response.text()).toBe(JSON.stringify({ error: message }));
  });

  it('answers a codec failure (unknown key id) with 400 naming the key id, no stack', async () => {
    const [sealed] = await new AesGcmPayloadCodec([{ id: 'gone', key: randomBytes(32) }]).encode([
      defaultPayloadConverter.toPayload(1),
    ]);
    const response = await uiPost(
      `${server.url}/decode`,
      JSON.stringify({ payloads: [payloadToJson(sealed!)] }),
    );
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(/key id "gone": SYNC_PAYLOAD_KEYS has only "k1"/);
    expect(error).not.toMatch(/\n|\s+at /);
  });

  it('answers a body over 4 MiB with 413', async () => {
    const huge = JSON.stringify({ payloads: [{ data: 'A'.repeat(4 * 1024 * 1024) }] });
    const response = await uiPost(`${server.url}/decode`, huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'request body is over 4194304 bytes' });
    // The connection survives: the next request is answered.
    expect((await uiPost(`${server.url}/decode`, '{"payloads":[]}')).status).toBe(200);
  });

  it('counts streamed bytes too when no Content-Length is sent', async () => {
    const chunks = [new TextEncoder().encode('{"payloads":[{"data":"'), new Uint8Array(2048).fill(65)];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(`${small.url}/decode`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('answers unknown paths with 404, other methods with 405, and Chrome private-network preflights', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    const get = await fetch(`${server.url}/decode`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const preflight = await fetch(`${small.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://cloud.temporal.io',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://cloud.temporal.io');
  });
});
