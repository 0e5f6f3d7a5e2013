/**
 * The codec endpoint for the Temporal UI and CLI (Temporal's remote codec protocol): `POST …/encode`
 * and `POST …/decode` take and return `{ "payloads": [ proto3 JSON Payload ] }`. Only the last path
 * segment is looked at, as the protocol asks, so the endpoint can be mounted under any prefix.
 *
 * It has no authentication of its own: it binds loopback by default and answers browsers only from the
 * allowed origins. Every error is a 4xx with a one-line JSON body; no stack ever leaves the process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { BodyTooLargeError, MAX_CODEC_BODY_BYTES, payloadsFromBody, readBody } from './codec-server-body.js';
import {
  ALLOWED_METHODS,
  corsFor,
  originSet,
  preflightHeaders,
  TEMPORAL_UI_DEV_ORIGINS,
} from './codec-server-cors.js';
import { payloadToJson } from './payload-json.js';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Default `127.0.0.1`: the endpoint decrypts for whoever can reach it. */
  host?: string;
  /** Default 0: any free port (see `url`). */
  port?: number;
  /** Browser origins allowed to call it; default the dev server's UI, `TEMPORAL_UI_DEV_ORIGINS`. */
  allowedOrigins?: readonly string[];
  /** Larger bodies get 413; default 4 MiB. */
  maxBodyBytes?: number;
}

export interface CodecServer {
  /** e.g. `http://127.0.0.1:8888`: what the UI's "Codec Server" setting or `--ui-codec-endpoint` takes. */
  url: string;
  close(): Promise<void>;
}

type Route = 'encode' | 'decode';

function routeOf(url: string | undefined): Route | undefined {
  const last = (url ?? '').split('?')[0]!.split('/').filter(Boolean).pop();
  return last === 'encode' || last === 'decode' ? last : undefined;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 500) || 'codec failed';
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, body?: unknown) {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  const json = JSON.stringify(body);
  response
    .writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(json)),
      'X-Content-Type-Options': 'nosniff',
    })
    .end(json);
}

export async function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const { codec, host = '127.0.0.1', port = 0, maxBodyBytes = MAX_CODEC_BODY_BYTES } = options;
  const allowed = originSet(options.allowedOrigins ?? TEMPORAL_UI_DEV_ORIGINS);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const cors = corsFor(request.headers, allowed);
    if (cors.kind === 'refused') {
      request.resume();
      return send(response, 403, cors.headers, { error: 'origin not allowed' });
    }
    if (request.method === 'OPTIONS') {
      return send(response, 204, { ...cors.headers, ...preflightHeaders(request.headers) });
    }
    const route = routeOf(request.url);
    if (!route) {
      request.resume();
      return send(response, 404, cors.headers, { error: 'not found: POST /encode or /decode' });
    }
    if (request.method !== 'POST') {
      request.resume();
      return send(
        response,
        405,
        { ...cors.headers, Allow: ALLOWED_METHODS },
        { error: 'method not allowed' },
      );
    }
    let payloads: Payload[];
    try {
      payloads = payloadsFromBody(await readBody(request, maxBodyBytes));
    } catch (error) {
      return send(response, error instanceof BodyTooLargeError ? 413 : 400, cors.headers, {
        error: oneLine(error),
      });
    }
    let converted: Payload[];
    try {
      // X-Namespace is accepted but not needed: one key ring serves every namespace.
      converted = route === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    } catch (error) {
      // The protocol answers codec errors (unknown key id, tampered payload) with 400.
      return send(response, 400, cors.headers, { error: oneLine(error) });
    }
    send(response, 200, cors.headers, { payloads: converted.map(payloadToJson) });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, {}, { error: 'internal error' });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (browsers, fetch) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
