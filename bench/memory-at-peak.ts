/** Where a benchmarked process's peak RSS went: `process.memoryUsage()` of its highest-RSS sample, in MB. */
export interface MemoryAtPeak {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

/** Samples memory every `everyMs` (without keeping the process alive); returns the peak sample so far. */
export function sampleMemoryAtPeak(everyMs = 250): () => MemoryAtPeak {
  let atPeak: MemoryAtPeak = { rssMb: 0, heapUsedMb: 0, heapTotalMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  setInterval(() => {
    const memory = process.memoryUsage();
    if (mb(memory.rss) <= atPeak.rssMb) return;
    atPeak = {
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external),
      arrayBuffersMb: mb(memory.arrayBuffers),
    };
  }, everyMs).unref();
  return () => atPeak;
}
