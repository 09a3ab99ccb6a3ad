import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UamError } from '../errors/index.ts';
import { defineJob, JobRegistry, parsePayload } from './job-registry.ts';
import { createDefaultRegistry } from './registry.ts';

const ping = defineJob({
  type: 'test.ping',
  cpu: false,
  payloadSchema: z.object({ n: z.number().int() }),
  run: async ({ n }) => n + 1,
});

describe('JobRegistry', () => {
  it('registers, lists and returns job types', () => {
    const r = new JobRegistry().register(ping);
    expect(r.get('test.ping')).toBe(ping);
    expect(r.has('test.ping')).toBe(true);
    expect(r.types()).toEqual(['test.ping']);
  });

  it('refuses a duplicate type and an invalid name', () => {
    const r = new JobRegistry().register(ping);
    expect(() => r.register(ping)).toThrow(/registered twice/);
    expect(() => r.register({ ...ping, type: 'Bad Name' })).toThrow(/Invalid job type name/);
  });

  it('answers JOB_TYPE_UNKNOWN for a type it does not know', () => {
    const err = (() => {
      try {
        new JobRegistry().get('nope');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UamError);
    expect(err).toMatchObject({ code: 'JOB_TYPE_UNKNOWN', details: { type: 'nope' } });
  });

  it('reports payload issues as VALIDATION_ERROR with paths under payload', () => {
    expect(parsePayload(ping, { n: 2 })).toEqual({ n: 2 });
    expect(() => parsePayload(ping, { n: 'x' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_ERROR',
        details: expect.objectContaining({ issues: [expect.objectContaining({ path: 'payload.n' })] }),
      }),
    );
  });

  it('ships the demo and dataset jobs in the default registry', () => {
    expect(createDefaultRegistry().types()).toEqual(
      expect.arrayContaining([
        'cpu.spin',
        'dataset.cast',
        'dataset.clean',
        'dataset.drift',
        'dataset.export',
        'dataset.ingest',
        'dataset.profile',
        'echo',
        'sleep',
      ]),
    );
    expect(createDefaultRegistry().get('dataset.profile').cpu).toBe(true);
    expect(createDefaultRegistry().get('dataset.ingest').cpu).toBe(true);
    expect(createDefaultRegistry().get('cpu.spin').cpu).toBe(true);
    expect(createDefaultRegistry().get('model.train').cpu).toBe(true);
    expect(createDefaultRegistry().get('sleep').cpu).toBe(false);
  });
});
