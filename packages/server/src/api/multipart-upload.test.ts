import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { stopReadingAfterAnswer } from './multipart-upload.ts';

/** A request still streaming its body after the answer went out. */
function lingering(socket: object) {
  const raw = Object.assign(new PassThrough(), { complete: false, socket });
  const replyRaw = new EventEmitter();
  stopReadingAfterAnswer({ raw } as unknown as FastifyRequest, { raw: replyRaw } as unknown as FastifyReply);
  replyRaw.emit('finish');
  return raw;
}

describe('stopReadingAfterAnswer', () => {
  it('drops the connection once more than the linger allowance arrives', () => {
    let destroyed = false;
    const socket = Object.assign(new EventEmitter(), { destroy: () => (destroyed = true) });
    const raw = lingering(socket);
    raw.write(Buffer.alloc(600 * 1024));
    expect(destroyed).toBe(false);
    raw.write(Buffer.alloc(600 * 1024));
    expect(destroyed).toBe(true);
  });

  it('cuts an injected request, whose socket has no destroy(), without throwing', () => {
    const raw = lingering(new EventEmitter());
    expect(() => raw.write(Buffer.alloc(2 * 1024 * 1024))).not.toThrow();
    expect(raw.destroyed).toBe(true);
  });
});
