/**
 * Paces portal requests to at most `ratePerSecond` in any rolling second, evenly spread. Unlike a
 * minimum gap between launches (Bottleneck `minTime`), a timer firing a little late does not push every
 * later launch back: slots follow an ideal timeline, so the pace stays at the limit instead of ~5%
 * under it; a rolling-window check on the actual launch times (with a small margin for network jitter)
 * keeps it from ever exceeding the limit as the portal counts it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PortalClient } from '../portal/types.js';

export interface Pacer {
  /** Resolves when the caller may send its request (rejects if `signal` aborts first). */
  take(signal?: AbortSignal): Promise<void>;
}

export function createPacer(
  ratePerSecond: number,
  options: { windowMs?: number; marginMs?: number } = {},
): Pacer {
  const windowMs = options.windowMs ?? 1000;
  const marginMs = options.marginMs ?? 5;
  const interval = 1000 / ratePerSecond;
  const capacity = Math.max(1, Math.floor((ratePerSecond * windowMs) / 1000));
  const launches: number[] = [];
  let nextSlot = 0;
  let queue: Promise<void> = Promise.resolve();

  const takeInTurn = async (signal?: AbortSignal): Promise<void> => {
    signal?.throwIfAborted();
    let now = performance.now();
    let at = Math.max(now, nextSlot);
    if (launches.length >= capacity)
      at = Math.max(at, launches[launches.length - capacity]! + windowMs + marginMs);
    if (at > now) await sleep(at - now, undefined, signal ? { signal } : {});
    now = performance.now();
    launches.push(now);
    if (launches.length > capacity) launches.shift();
    nextSlot = at + interval;
  };

  return {
    take(signal) {
      // One taker at a time, in arrival order.
      const turn = queue.then(() => takeInTurn(signal));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/**
 * The portal with every request paced: only real requests take a slot, so work that needs no request
 * (an XML export skipped because the header says no original record exists) costs no rate.
 */
export function pacedPortal(portal: PortalClient, pacer: Pacer): PortalClient {
  return {
    listHeaders: async (request) => {
      await pacer.take(request.signal);
      return portal.listHeaders(request);
    },
    getDetail: async (family, key, signal) => {
      await pacer.take(signal);
      return portal.getDetail(family, key, signal);
    },
    exportXml: async (family, key, signal) => {
      await pacer.take(signal);
      return portal.exportXml(family, key, signal);
    },
    getRelative: async (family, key, signal) => {
      await pacer.take(signal);
      return portal.getRelative(family, key, signal);
    },
  };
}
