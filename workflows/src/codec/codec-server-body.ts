/** Reading and checking the codec endpoint's request body: `{ "payloads": [ proto3 JSON Payload ] }`. */
import type { IncomingMessage } from 'node:http';
import type { Payload } from '@temporalio/common';
import { InvalidPayloadJsonError, payloadFromJson } from './payload-json.js';

export const MAX_CODEC_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * The whole body, or BodyTooLargeError past `maxBytes`. An oversized body is still read to its end
 * (and dropped) so the client gets the 413 instead of a reset connection in the middle of its upload.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(request.headers['content-length'] ?? 0);
    let tooLarge = size > maxBytes;
    size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () =>
      tooLarge
        ? reject(new BodyTooLargeError(`request body is over ${maxBytes} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}

export function payloadsFromBody(body: Buffer): Payload[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidPayloadJsonError('request body is not JSON');
  }
  const payloads = (parsed as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) {
    throw new InvalidPayloadJsonError('request body must be {"payloads": [...]}');
  }
  return payloads.map((payload, index) => payloadFromJson(payload, `payloads[${index}]`));
}
