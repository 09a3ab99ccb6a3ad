import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (s: string) => lines.push(s) });
  return { logger, text: () => lines.join('') };
}

describe('logger', () => {
  it('redacts passwords, tokens and keys wherever they sit in a logged object', () => {
    const { logger, text } = capture();
    logger.info(
      {
        password: 'hunter22',
        body: { refreshToken: 'uamr_secret', password: 'p4ss' },
        apiKey: 'uam_key',
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' } },
      },
      'request',
    );
    expect(text()).not.toMatch(/hunter22|uamr_secret|p4ss|uam_key|abc\.def|sid=1/);
    expect(text()).toContain('[redacted]');
  });

  it('redacts credentials in request URLs', () => {
    expect(redactUrl('/api/v1/events?token=eyJabc.def&x=1')).toBe('/api/v1/events?token=[redacted]&x=1');
    expect(redactUrl('/api/v1/files?key=a%2Fb&exp=1&sig=deadbeef')).toBe(
      '/api/v1/files?key=[redacted]&exp=1&sig=[redacted]',
    );
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: '/api/v1/events?token=SECRET123' } }, 'incoming request');
    expect(text()).not.toContain('SECRET123');
  });
});
