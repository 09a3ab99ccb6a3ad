import { describe, expect, it } from 'vitest';
import { STREAM_MAX_REST_MS, STREAM_MIN_REST_MS, worthStreaming } from './upload-stream.ts';

describe('worthStreaming', () => {
  it('converts while at least half of a declared upload is still to come', () => {
    expect(worthStreaming(10e6, 100e6, 100)).toBe(true);
    expect(worthStreaming(50e6, 100e6, 500)).toBe(true);
    // Near the end the ingest job does the same work without a pipe.
    expect(worthStreaming(60e6, 100e6, 600)).toBe(false);
  });

  it('leaves an upload faster than the CPU to the ingest job', () => {
    // 40 MB in 100 ms: the other 60 MB arrive in 150 ms.
    expect(worthStreaming(40e6, 100e6, 100)).toBe(false);
    expect(worthStreaming(10e6, 100e6, (STREAM_MIN_REST_MS / 9) * 1.01)).toBe(true);
    expect(worthStreaming(10e6, 100e6, (STREAM_MIN_REST_MS / 9) * 0.99)).toBe(false);
  });

  it('does not hold a worker thread through a slow link, nor guess an undeclared length', () => {
    // 10 MB in 5 s: the other 90 MB would take 45 s.
    expect(worthStreaming(10e6, 100e6, 5000)).toBe(false);
    expect(worthStreaming(10e6, 100e6, (STREAM_MAX_REST_MS / 9) * 0.99)).toBe(true);
    expect(worthStreaming(10e6, undefined, 100)).toBe(false);
    expect(worthStreaming(0, 100e6, 100)).toBe(false);
  });
});
